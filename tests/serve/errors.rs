//! A save that breaks the site: the last good site stays served, every HTML
//! page shows the errors until they are fixed, and the terminal shows them
//! as `alumni build` does. The server never stops over a content error.

use crate::support::{Site, page, serve};

const BROKEN: &str = "+++\ntitle = \"About\"\nsummary = <script>alert(1)</script>\n+++\nAbout text: broken.\n";

#[test]
fn a_broken_page_keeps_the_last_good_site_and_shows_the_errors_everywhere() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    site.write("content/pages/about.md", BROKEN);
    live.expect("reload", &server.log);

    let html = server.page("/about/");
    assert!(html.contains("About text: original."), "the last good page stays: {html}");
    assert!(!html.contains("About text: broken."), "{html}");
    for (path, status) in [("/about/", 200), ("/", 200), ("/events/meetup/", 200), ("/ja/", 200), ("/nope/", 404)] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(r.body.contains("id=\"alumni-overlay\""), "{path} shows the overlay: {}", r.body);
        assert!(r.body.contains("<code>content/pages/about.md:3:11</code>"), "{path}: {}", r.body);
        assert!(r.body.contains("string values must be quoted"), "{path}: {}", r.body);
        // The quoted source is the user's text: escaped, never markup.
        assert!(r.body.contains("summary = &lt;script&gt;alert(1)&lt;/script&gt;"), "{}", r.body);
        assert!(!r.body.contains("<script>alert(1)"), "{}", r.body);
    }
    let css = server.get("/site.css");
    assert!(!css.body.contains("alumni-overlay"), "only HTML pages get the overlay");
    // The terminal shows the same error, in the same format as `build`.
    let log = server.log.text();
    assert!(log.contains("error[frontmatter-syntax]: invalid TOML: string values must be quoted"), "{log}");
    assert!(log.contains("┌─ content/pages/about.md:3:11"), "{log}");
    assert!(log.contains("still serving the last good site"), "{log}");

    // Fixing it clears the overlay.
    site.write("content/pages/about.md", &page("About the network", "About text: fixed."));
    live.expect("reload", &server.log);
    let last = server.log.rebuilds().pop().unwrap();
    assert!(last.contains("errors fixed, 1 file updated"), "{last}");
    for path in ["/about/", "/", "/nope/"] {
        let r = server.get(path);
        assert!(!r.body.contains("alumni-overlay"), "{path}: {}", r.body);
    }
    assert!(server.page("/about/").contains("About text: fixed."));
}

#[test]
fn a_template_error_is_shown_with_its_file_and_line() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    let good = site.read("themes/plain/templates/page.html");
    site.write("themes/plain/templates/page.html", &good.replace("{{ page.title }}</h1>", "{{ page.title }</h1>"));
    live.expect("reload", &server.log);
    let html = server.page("/contact/");
    assert!(html.contains("Contact text: original."), "{html}");
    assert!(html.contains("<code>themes/plain/templates/page.html:3:38</code>"), "{html}");
    assert!(html.contains("Found `}` but expected }}."), "{html}");

    site.write("themes/plain/templates/page.html", &good);
    live.expect("reload", &server.log);
    assert!(!server.page("/contact/").contains("alumni-overlay"));
}

#[test]
fn a_site_broken_from_the_start_shows_an_error_page_until_fixed() {
    let site = Site::copy("serve-site");
    let config = site.read("alumni.toml");
    site.write("alumni.toml", &config.replace("title = \"Serve Test Alumni\"", "title = "));
    let server = serve(&site);
    for path in ["/", "/about/", "/site.css", "/no/such/page"] {
        let r = server.get(path);
        assert_eq!(r.status, 500, "{path}");
        assert!(r.body.contains("id=\"alumni-overlay\""), "{path}: {}", r.body);
        assert!(r.body.contains("<code>alumni.toml:"), "{path}: {}", r.body);
        assert!(r.body.contains("/__alumni/live-reload.js"), "the error page reloads when fixed");
        assert_eq!(r.body.matches("id=\"alumni-overlay\"").count(), 1, "{}", r.body);
    }
    assert!(server.log.text().contains("error[config-syntax]"), "{}", server.log.text());
    let mut live = server.live();
    site.write("alumni.toml", &config);
    live.expect("reload", &server.log);
    let html = server.page("/about/");
    assert!(html.contains("About text: original.") && !html.contains("alumni-overlay"), "{html}");
}

#[test]
fn errors_never_stop_the_server() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    // Broken config, unreadable page, missing theme, one after the other.
    site.write("alumni.toml", "title = [\n");
    live.expect("reload", &server.log);
    site.write("content/pages/about.md", "\u{0}\u{159}not utf8 \u{fffe}");
    std::fs::write(site.path("content/pages/bad.md"), [0xff, 0xfe, 0x00]).unwrap();
    site.write(
        "alumni.toml",
        "title = \"x\"\nbase_url = \"https://e.example/\"\ntheme = \"gone\"\n[brand]\ncompany = \"c\"\n",
    );
    live.expect("reload", &server.log);
    let r = server.get("/about/");
    assert!(r.body.contains("alumni-overlay"), "{}", r.body);
    std::fs::remove_file(site.path("content/pages/bad.md")).unwrap();
    site.write("alumni.toml", &std::fs::read_to_string(crate::support::fixture("serve-site/alumni.toml")).unwrap());
    site.write("content/pages/about.md", &page("About the network", "About text: back."));
    server.eventually_contains("/about/", "About text: back.");
    assert!(!server.page("/about/").contains("alumni-overlay"));
}

#[test]
fn a_broken_site_with_a_base_path_is_announced_at_that_path() {
    let site = Site::copy("serve-site");
    let config = site.read("alumni.toml").replace("https://alumni.example.com/", "https://example.com/alumni/");
    site.write("alumni.toml", &config);
    site.write("content/pages/about.md", BROKEN);
    let server = serve(&site);
    assert_eq!(server.handle.as_ref().unwrap().url, format!("{}/alumni/", server.origin));
    assert_eq!(server.get("/alumni/").status, 500);
    let mut live = server.live();
    site.write("content/pages/about.md", &page("About the network", "About text: fixed."));
    live.expect("reload", &server.log);
    assert!(server.page("/alumni/about/").contains("About text: fixed."));
}

#[test]
fn the_overlay_and_the_terminal_speak_the_chosen_language() {
    let site = Site::copy("serve-site");
    let server = crate::support::serve_with(&site, |o| o.lang = alumni::i18n::Lang::Ja);
    let mut live = server.live();
    site.write("content/pages/about.md", "+++\ntitle = \"About\"\nsummry = \"x\"\n+++\nAbout text: broken.\n");
    live.expect("reload", &server.log);
    let html = server.page("/about/");
    assert!(html.contains("<div id=\"alumni-overlay\" lang=\"ja\""), "{html}");
    assert!(html.contains("サイトにエラーが 1 件あります"), "{html}");
    assert!(html.contains("ページのフロントマターに不明なキー `summry` があります"), "{html}");
    assert!(html.contains("最後にビルドに成功した版"), "{html}");
    let log = server.log.text();
    assert!(log.contains("エラー[unknown-key]: ページのフロントマターに不明なキー `summry` があります"), "{log}");
    assert!(log.contains("最後に成功したサイトを公開したまま"), "{log}");
}
