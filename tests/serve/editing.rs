//! Editing a served site: every way editors save a file ends in exactly the
//! new content being served and open pages being told to reload.

use std::fs;
use std::time::Duration;

use crate::support::{Site, page, page_version, serve, serve_with};

#[test]
fn an_edit_is_served_and_open_pages_reload() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let html = server.page("/about/");
    assert!(html.contains("About text: original."), "{html}");
    assert!(html.contains("<script src=\"/__alumni/live-reload.js\""), "{html}");
    let mut live = server.live();
    assert_eq!(live.hello["version"], page_version(&html), "the page and the server agree on the version");

    site.write("content/pages/about.md", &page("About the network", "About text: edited."));
    let m = live.expect("reload", &server.log);
    assert!(m["version"].as_u64().unwrap() > page_version(&html), "{m}");
    let html = server.page("/about/");
    assert!(html.contains("About text: edited.") && !html.contains("original"), "{html}");
    assert_eq!(page_version(&html), m["version"].as_u64().unwrap());
    let log = server.log.rebuilds();
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(log[0].contains("content/pages/about.md"), "{log:?}");
}

#[test]
fn every_editor_save_pattern_is_picked_up() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let about = site.path("content/pages/about.md");
    let dir = site.path("content/pages");
    let expect = |text: &str| {
        let html = server.eventually_contains("/about/", text);
        assert_eq!(html.matches("About text:").count(), 1, "{html}");
    };

    // In place (VS Code, nano): truncate and write.
    site.write("content/pages/about.md", &page("About the network", "About text: in place."));
    expect("About text: in place.");

    // vim: probe file 4913, swap file, move the original to about.md~,
    // write a new about.md, delete the backup.
    fs::write(dir.join(".about.md.swp"), "swap").unwrap();
    fs::write(dir.join("4913"), "").unwrap();
    fs::remove_file(dir.join("4913")).unwrap();
    fs::rename(&about, dir.join("about.md~")).unwrap();
    fs::write(&about, page("About the network", "About text: vim.")).unwrap();
    fs::remove_file(dir.join("about.md~")).unwrap();
    fs::remove_file(dir.join(".about.md.swp")).unwrap();
    expect("About text: vim.");

    // JetBrains' safe write: a temporary file, the original moved aside,
    // the temporary renamed into place.
    fs::write(dir.join("about.md___jb_tmp___"), page("About the network", "About text: jetbrains.")).unwrap();
    fs::rename(&about, dir.join("about.md___jb_old___")).unwrap();
    fs::rename(dir.join("about.md___jb_tmp___"), &about).unwrap();
    fs::remove_file(dir.join("about.md___jb_old___")).unwrap();
    expect("About text: jetbrains.");

    // Atomic write (VS Code's and many tools'): a hidden temporary file
    // renamed over the original.
    fs::write(dir.join(".about.md.tmp-1234"), page("About the network", "About text: renamed over.")).unwrap();
    fs::rename(dir.join(".about.md.tmp-1234"), &about).unwrap();
    expect("About text: renamed over.");

    // Delete, then create again.
    fs::remove_file(&about).unwrap();
    fs::write(&about, page("About the network", "About text: re-created.")).unwrap();
    expect("About text: re-created.");

    // Rename a page: its old URL goes away, the new one appears.
    fs::rename(dir.join("contact.md"), dir.join("reach-us.md")).unwrap();
    server.eventually_contains("/reach-us/", "Contact text: original.");
    server.eventually("/contact/", "a 404", |r| r.status == 404);
}

#[test]
fn folders_created_after_start_are_watched() {
    let site = Site::copy("serve-site");
    let server = serve(&site);

    // A new folder inside a watched one, then a file in it edited.
    site.write("content/messages/2026/news.md", "+++\ntitle = \"News\"\ndate = 2026-02-01\n+++\nNews: first.\n");
    server.eventually_contains("/messages/news/", "News: first.");
    site.write("content/messages/2026/news.md", "+++\ntitle = \"News\"\ndate = 2026-02-01\n+++\nNews: second.\n");
    server.eventually_contains("/messages/news/", "News: second.");
    fs::remove_dir_all(site.path("content/messages/2026")).unwrap();
    server.eventually("/messages/news/", "a 404", |r| r.status == 404);

    // templates/ did not exist at start: creating it and a template in it
    // overrides the theme, and later edits to it are seen.
    assert!(!site.path("templates").exists());
    let tpl = "{% extends \"base.html\" %}{% block content %}<h1>VERSION {{ page.title }}</h1>{% endblock content %}";
    site.write("templates/page.html", &tpl.replace("VERSION", "Override one:"));
    server.eventually_contains("/about/", "Override one: About the network");
    site.write("templates/page.html", &tpl.replace("VERSION", "Override two:"));
    server.eventually_contains("/about/", "Override two: About the network");
    fs::remove_dir_all(site.path("templates")).unwrap();
    server.eventually_contains("/about/", "About text: original.");
}

#[test]
fn editor_droppings_alone_do_not_rebuild() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    let dir = site.path("content/pages");
    // Left in place and written again, as a swap file is while editing.
    for name in [".about.md.swp", "about.md~", "4913", "#about.md#", ".#about.md", "about.md___jb_tmp___"] {
        fs::write(dir.join(name), "not a page").unwrap();
        fs::write(dir.join(name), "still not a page").unwrap();
    }
    // The real save after them is the only rebuild, and names only the
    // real file.
    site.write("content/pages/about.md", &page("About the network", "About text: after droppings."));
    live.expect("reload", &server.log);
    server.eventually_contains("/about/", "About text: after droppings.");
    let log = server.log.rebuilds();
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(log[0].contains("changes to content/pages/about.md in"), "{log:?}");
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let site = Site::copy("serve-site");
    // A wide debounce window, so that a slow test machine still writes the
    // whole burst inside it.
    let server = serve_with(&site, |o| o.debounce = Duration::from_millis(800));
    let mut live = server.live();
    let v0 = live.hello["version"].as_u64().unwrap();
    let files = ["pages/about.md", "pages/contact.md", "events/meetup.md", "messages/welcome.md", "jobs/engineer.md"];
    for f in files {
        let p = site.path(&format!("content/{f}"));
        let text = fs::read_to_string(&p).unwrap().replace(": original.", ": burst.");
        fs::write(p, text).unwrap();
    }
    let first = live.expect("reload", &server.log);
    assert_eq!(first["version"].as_u64(), Some(v0 + 1), "{first}");
    for path in ["/about/", "/contact/", "/events/meetup/", "/", "/jobs/engineer/"] {
        let html = server.page(path);
        assert!(html.contains(": burst.") && !html.contains(": original."), "{path}: {html}");
    }
    // One more save: had the burst made two rebuilds, this would be v0 + 3.
    site.write("content/pages/about.md", &page("About the network", "About text: after the burst."));
    let next = live.expect("reload", &server.log);
    assert_eq!(next["version"].as_u64(), Some(v0 + 2), "{next}\n{}", server.log.text());
    assert_eq!(server.log.rebuilds().len(), 2, "{}", server.log.text());
}

#[test]
fn saving_one_file_again_and_again_is_one_rebuild() {
    let site = Site::copy("serve-site");
    // Saves 250 ms apart, six of them: they span twice the debounce, so
    // each save of the same file must push the rebuild back.
    let server = serve_with(&site, |o| o.debounce = Duration::from_millis(600));
    let mut live = server.live();
    let v0 = live.hello["version"].as_u64().unwrap();
    for i in 1..=6 {
        site.write("content/pages/about.md", &page("About the network", &format!("About text: save {i}.")));
        std::thread::sleep(Duration::from_millis(250));
    }
    let m = live.expect("reload", &server.log);
    assert_eq!(m["version"].as_u64(), Some(v0 + 1), "{m}");
    let html = server.page("/about/");
    assert!(html.contains("About text: save 6."), "{html}");
    // Longer than the debounce and the watcher's own window: a late second
    // rebuild would have been printed by now.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(server.log.rebuilds().len(), 1, "{}", server.log.text());
}

#[test]
fn a_file_written_without_pause_still_gets_rebuilds() {
    let site = Site::copy("serve-site");
    // A save every 40 ms for 4 s against a 100 ms debounce: the changes never
    // go quiet, and the rebuild waits at most 2 s for them to.
    let server = serve_with(&site, |o| o.debounce = Duration::from_millis(100));
    let mut live = server.live();
    let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (path, writing) = (site.path("content/pages/about.md"), writing.clone());
        std::thread::spawn(move || {
            for i in 0..100 {
                fs::write(&path, page("About the network", &format!("About text: write {i}."))).unwrap();
                std::thread::sleep(Duration::from_millis(40));
            }
            writing.store(false, std::sync::atomic::Ordering::SeqCst);
        })
    };
    live.expect("reload", &server.log);
    assert!(writing.load(std::sync::atomic::Ordering::SeqCst), "the first rebuild waited for the writes to stop");
    writer.join().unwrap();
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    site.write("static/site.css", "body { color: rgb(200, 0, 0); }\n");
    let m = live.expect("css", &server.log);
    assert_eq!(m["paths"], serde_json::json!(["/site.css"]), "{m}");
    assert!(server.get("/site.css").body.contains("rgb(200, 0, 0)"));
    // A page change after it is a full reload again.
    site.write("content/pages/about.md", &page("About the network", "About text: after css."));
    live.expect("reload", &server.log);
}

#[test]
fn saving_without_a_change_does_not_reload() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    let v0 = live.hello["version"].as_u64().unwrap();
    let same = site.read("content/pages/about.md");
    site.write("content/pages/about.md", &same);
    // The next message is the real change's, not one for the no-op save.
    site.write("content/pages/contact.md", &page("Contact", "Contact text: changed."));
    let m = live.expect("reload", &server.log);
    assert_eq!(m["version"].as_u64(), Some(v0 + 1), "{m}\n{}", server.log.text());
    // And that first new version is the one with the change.
    let html = server.eventually_contains("/contact/", "Contact text: changed.");
    assert_eq!(page_version(&html), v0 + 1, "{}", server.log.text());
}

#[test]
fn the_console_names_a_template_that_cannot_be_minified_alone() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let note = "themes/plain/templates/base.html cannot be minified before rendering";
    assert!(!server.log.text().contains("cannot be minified"), "{}", server.log.text());
    let mut live = server.live();
    let base = site.read("themes/plain/templates/base.html");
    // A double quote inside an attribute's template tag (docs/templates.md).
    let slow = base.replace("<body>", r#"<body class="site{% if lang == "en" %} en{% endif %}">"#);
    assert_ne!(slow, base);
    site.write("themes/plain/templates/base.html", &slow);
    live.expect("reload", &server.log);
    assert!(server.page("/").contains("site en"), "the edited template is used");
    assert_eq!(server.log.text().matches(note).count(), 1, "{}", server.log.text());
    site.write("themes/plain/templates/base.html", &base);
    live.expect("reload", &server.log);
    assert_eq!(server.log.text().matches(note).count(), 1, "said once, when it started: {}", server.log.text());
}

/// The site folder deleted and made again (a branch switch, a fresh clone
/// in its place): the preview follows the new folder's files.
#[test]
fn a_site_folder_deleted_and_made_again_is_followed() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    assert!(server.page("/about/").contains("About text: original."));
    let aside = site.outside.join("site-old");
    fs::rename(&site.root, &aside).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    crate::support::copy_dir(&aside, &site.root);
    fs::remove_dir_all(&aside).unwrap();
    site.write("content/pages/about.md", &page("About the network", "About text: after the folder came back."));
    server.eventually_contains("/about/", "About text: after the folder came back.");
    // And it keeps following edits.
    site.write("content/pages/about.md", &page("About the network", "About text: edited again."));
    server.eventually_contains("/about/", "About text: edited again.");
}
