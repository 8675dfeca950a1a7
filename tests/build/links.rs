//! Links in Markdown: source files become URLs in the reader's language,
//! site paths follow the base path, and a link to nothing, a draft or a
//! scheduled page is an error at its line and column.

use crate::support::{Site, attrs, html_files, links, portal};

#[test]
fn source_links_become_urls_in_the_readers_language() {
    let site = &portal().site;
    let ja = links(&site.html("messages/welcome/index.html"));
    for href in ["/events/winter-meetup/", "/events/online-session/", "/jobs/", "/about/"] {
        assert!(ja.contains(&href.to_string()), "{href} not in {ja:?}");
    }
    let en = links(&site.html("en/messages/welcome/index.html"));
    // The English version where there is one; the Japanese one where not.
    for href in ["/en/events/winter-meetup/", "/events/online-session/", "/jobs/", "/en/about/"] {
        assert!(en.contains(&href.to_string()), "{href} not in {en:?}");
    }
    assert!(!en.iter().any(|h| h.ends_with(".md")), "{en:?}");
    let meetup_en = links(&site.html("en/events/winter-meetup/index.html"));
    assert!(meetup_en.contains(&"/events/online-session/".to_string()), "{meetup_en:?}");
    // `slug` changes the URL a link leads to.
    assert!(links(&site.html("about/index.html")).contains(&"/privacy-policy/".to_string()));
}

#[test]
fn base_url_override_moves_every_link_and_absolute_url() {
    let site = Site::fixture("portal");
    site.build(&["--as-of", "2026-11-24", "--base-url", "https://preview.example.com/acme/"]).ok();
    let welcome = links(&site.html("messages/welcome/index.html"));
    for href in ["/acme/events/winter-meetup/", "/acme/events/online-session/", "/acme/jobs/", "/acme/about/"] {
        assert!(welcome.contains(&href.to_string()), "{href} not in {welcome:?}");
    }
    let about = site.html("about/index.html");
    assert!(attrs(&about, "img", "src").contains(&"/acme/logo.svg".to_string()));
    assert!(links(&about).contains(&"/acme/atom.xml".to_string()));
    // Every internal link of every page stays under the base path.
    for rel in html_files(&site.public()) {
        let doc = site.html(&rel);
        let mut urls = links(&doc);
        for (css, attr) in [("link[href]", "href"), ("img[src]", "src"), ("script[src]", "src")] {
            urls.extend(attrs(&doc, css, attr));
        }
        for u in urls.iter().filter(|u| u.starts_with('/')) {
            assert!(u.starts_with("/acme/"), "{rel}: {u}");
        }
        // Absolute URLs of the page itself (content may link anywhere).
        let mut own = attrs(&doc, "link[href]", "href");
        own.extend(attrs(&doc, "meta[property^='og:'], meta[name^='twitter:']", "content"));
        let leaked: Vec<&String> = own.iter().filter(|u| u.contains("alumni.example.com")).collect();
        assert!(leaked.is_empty(), "{rel}: the configured base_url leaks: {leaked:?}");
    }
    let home = site.html("index.html");
    assert_eq!(attrs(&home, "link[rel=canonical]", "href"), ["https://preview.example.com/acme/"]);
    for rel in ["sitemap.xml", "robots.txt", "atom.xml", "events/calendar.ics"] {
        let text = site.read(rel);
        assert!(text.contains("https://preview.example.com/acme/"), "{rel}");
        assert!(!text.contains("https://alumni.example.com/"), "{rel} keeps the old base_url");
    }
}

/// A minimal site with a message whose links are good and bad.
fn site_with_links() -> Site {
    let site = Site::fixture("minimal");
    site.write(
        "content/messages/links.md",
        "+++\ntitle = \"Links\"\ndate = 2020-05-01\n+++\n\
         Fine [home](/) and [hello](hello.md) and [anchor](#top).\n\
         Broken [nothing](nothing.md) and [path](/nowhere/).\n\
         Draft [draft](draft.md), later [later](@/messages/later.md).\n\
         ![missing](/logo.png)\n",
    );
    site.write("content/messages/draft.md", "+++\ntitle = \"Draft\"\ndate = 2020-05-01\ndraft = true\n+++\n");
    site.write("content/messages/later.md", "+++\ntitle = \"Later\"\ndate = 2099-01-01\n+++\n");
    site
}

#[test]
fn broken_draft_and_scheduled_links_are_errors_at_their_position() {
    let site = site_with_links();
    let run = site.check(&["--format", "json", "--as-of", "2026-11-24"]);
    run.failed();
    let broken: Vec<(u64, u64, String)> = run
        .json()
        .iter()
        .filter(|d| d["code"] == "link-broken")
        .map(|d| {
            assert_eq!(d["file"], "content/messages/links.md");
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), d["message"].as_str().unwrap().to_string())
        })
        .collect();
    let expected = [
        (6, 8, "links to content/messages/nothing.md, which does not exist"),
        (6, 34, "links to `/nowhere/`, but the site has no page or file at /nowhere/"),
        (7, 7, "links to content/messages/draft.md, which is a draft and not published"),
        (7, 32, "links to content/messages/later.md, which is scheduled for later and not published as of this build"),
        (8, 1, "links to `/logo.png`, but the site has no page or file at /logo.png"),
    ];
    let expected: Vec<(u64, u64, String)> = expected.iter().map(|(l, c, m)| (*l, *c, m.to_string())).collect();
    assert_eq!(broken, expected);
    // Human output quotes the link.
    site.check(&["--as-of", "2026-11-24"]).stderr_has(&["content/messages/links.md:6:8", "[nothing](nothing.md)"]);
    // With drafts and a later "now", those pages exist and the links are fine.
    let run = site.check(&["--format", "json", "--drafts", "--as-of", "2099-06-01"]);
    let left: Vec<_> = run.json().into_iter().filter(|d| d["code"] == "link-broken").collect();
    assert_eq!(left.len(), 3, "{}", run.stderr);
}

#[test]
fn a_link_to_a_file_with_errors_points_at_those_errors() {
    let site = Site::fixture("minimal");
    site.write(
        "content/messages/links.md",
        "+++\ntitle = \"Links\"\ndate = 2020-05-01\n+++\nSee [broken](broken.md).\n",
    );
    site.write("content/messages/broken.md", "+++\ntitle = = \"Broken\"\ndate = 2020-05-01\n+++\n");
    let run = site.check(&["--format", "json", "--as-of", "2026-11-24"]);
    run.failed();
    assert!(run.json().iter().any(|d| d["code"] == "frontmatter-syntax" && d["file"] == "content/messages/broken.md"));
    let link = run.diagnostic("link-broken");
    assert_eq!(link["file"], "content/messages/links.md");
    assert_eq!(link["message"], "links to content/messages/broken.md, which has errors (reported for that file)");
    // Fixed, the link is fine.
    site.edit("content/messages/broken.md", "title = =", "title =");
    site.check(&["--as-of", "2026-11-24"]).ok();
}

#[test]
fn links_under_a_base_path_are_checked_against_it() {
    let site = site_with_links();
    site.remove("content/messages/links.md");
    site.write("static/logo.png", b"png");
    site.write(
        "content/messages/paths.md",
        "+++\ntitle = \"Paths\"\ndate = 2020-05-01\n+++\n[hello](/messages/hello/) ![l](/logo.png) [x](/alumni/messages/hello/)\n",
    );
    let run = site.build(&["--format", "json", "--base-url", "https://example.com/alumni/"]);
    run.failed();
    let d = run.diagnostic("link-broken");
    assert_eq!(
        d["message"],
        "links to `/alumni/messages/hello/`, but the site has no page or file at /alumni/alumni/messages/hello/"
    );
    site.edit("content/messages/paths.md", " [x](/alumni/messages/hello/)", "");
    site.build(&["--base-url", "https://example.com/alumni/"]).ok();
    let doc = site.html("messages/paths/index.html");
    assert!(links(&doc).contains(&"/alumni/messages/hello/".to_string()));
    assert_eq!(attrs(&doc, "img", "src"), ["/alumni/logo.png"]);
}

#[test]
fn autolinks_are_not_site_paths_and_addresses_become_mailto_links() {
    let site = Site::fixture("minimal");
    site.write(
        "content/messages/contact.md",
        "+++\ntitle = \"Contact\"\ndate = 2020-05-01\n+++\n\
         Write to <alumni@example.com> or see <https://example.com/alumni?x=1>.\n",
    );
    site.build(&[]).ok();
    let doc = site.html("messages/contact/index.html");
    let hrefs = links(&doc);
    assert!(hrefs.contains(&"mailto:alumni@example.com".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"https://example.com/alumni?x=1".to_string()), "{hrefs:?}");
    // An address written as a plain link target is a path, and broken; the
    // report says how to link to an address.
    site.write(
        "content/messages/contact.md",
        "+++\ntitle = \"Contact\"\ndate = 2020-05-01\n+++\n[mail us](alumni@example.com)\n",
    );
    let run = site.check(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("link-broken");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(5), Some(1)));
    assert_eq!(d["notes"][0], "for an email address, write <alumni@example.com> or [text](mailto:alumni@example.com)");
}

#[test]
fn at_slash_site_paths_follow_the_readers_language() {
    let site = Site::fixture("portal");
    let body = "[jobs](@/jobs/) [home](@/) [events](@/events/#past) [messages](@/messages) [tags](@/tags/) \
                [feed](@/atom.xml) [japanese jobs](/jobs/)\n";
    site.write("content/pages/sections.md", format!("+++\ntitle = \"一覧\"\n+++\n{body}"));
    site.write("content/pages/sections.en.md", format!("+++\ntitle = \"Lists\"\n+++\n{body}"));
    site.build(&["--as-of", "2026-11-24", "--base-url", "https://example.com/acme/"]).ok();
    let en = links(&site.html("en/sections/index.html"));
    for href in [
        "/acme/en/jobs/",
        "/acme/en/",
        "/acme/en/events/#past",
        "/acme/en/messages",
        "/acme/en/tags/",
        "/acme/en/atom.xml",
        "/acme/jobs/",
    ] {
        assert!(en.contains(&href.to_string()), "{href} not in {en:?}");
    }
    let ja = links(&site.html("sections/index.html"));
    for href in ["/acme/jobs/", "/acme/", "/acme/events/#past", "/acme/tags/", "/acme/atom.xml"] {
        assert!(ja.contains(&href.to_string()), "{href} not in {ja:?}");
    }
    assert!(!ja.iter().chain(&en).any(|h| h.contains("@/")), "{ja:?} {en:?}");

    // Something the language does not have is a broken link, named in that language.
    site.write("content/pages/sections.en.md", "+++\ntitle = \"Lists\"\n+++\n[x](@/nowhere/)\n");
    let run = site.check(&["--as-of", "2026-11-24", "--format", "json"]);
    run.failed();
    let d = run.diagnostic("link-broken");
    assert_eq!(d["file"], "content/pages/sections.en.md");
    assert_eq!(d["message"], "links to `@/nowhere/`, but the site has no page or file at /en/nowhere/");
}
