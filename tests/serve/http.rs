//! The HTTP contract of the preview server: content types, folders and
//! redirects, 404 pages, headers, methods, the base path, and what no
//! request may do (leave the site, come from another host name).

use crate::support::{Site, serve, serve_with};

#[test]
fn files_get_their_content_types() {
    let site = Site::copy("serve-site");
    let statics = [
        ("logo.svg", "image/svg+xml"),
        ("img/a.png", "image/png"),
        ("img/b.jpg", "image/jpeg"),
        ("img/c.webp", "image/webp"),
        ("img/d.avif", "image/avif"),
        ("img/e.gif", "image/gif"),
        ("favicon.ico", "image/x-icon"),
        ("fonts/f.woff2", "font/woff2"),
        ("data.json", "application/json"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("guide.pdf", "application/pdf"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("blob.bin", "application/octet-stream"),
        ("LICENSE", "application/octet-stream"),
    ];
    for (f, _) in statics {
        site.write(&format!("static/{f}"), &format!("bytes of {f}"));
    }
    let server = serve(&site);
    let generated = [
        ("/", "text/html; charset=utf-8"),
        ("/site.css", "text/css; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/ja/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/events/calendar.ics", "text/calendar; charset=utf-8"),
        ("/events/meetup/event.ics", "text/calendar; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ];
    let statics = statics.iter().map(|(f, t)| (format!("/{f}"), *t));
    for (path, ty) in generated.iter().map(|(p, t)| (p.to_string(), *t)).chain(statics) {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ty), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert!(r.header("access-control-allow-origin").is_none(), "no CORS: {path}");
    }
    // Static files are read from their source when asked for.
    assert_eq!(server.get("/notes.txt").body, "bytes of notes.txt");
    site.write("static/notes.txt", "changed on disk");
    server.eventually("/notes.txt", "the new bytes", |r| r.body == "changed on disk");
}

#[test]
fn folders_redirects_and_not_found() {
    let site = Site::copy("serve-site");
    site.write("static/docs/a.txt", "a");
    let server = serve(&site);
    let r = server.get("/events");
    assert_eq!((r.status, r.header("location")), (302, Some("/events/")));
    assert_eq!(server.get("/events?x=1").header("location"), Some("/events/?x=1"));
    assert!(server.page("/events/").contains("Winter meetup"));
    assert!(server.page("/events/meetup/index.html").contains("Meetup text"));

    let r = server.get("/no/such/page/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r.body.contains("Not found (plain theme)"), "the site's 404 page: {}", r.body);
    assert!(r.body.contains("/__alumni/live-reload.js"), "{}", r.body);
    let r = server.get("/ja/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("ページが見つかりません"), "the 404 page in the path's language: {}", r.body);
    // A folder without an index is not listed.
    let r = server.get("/docs/");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("a.txt"), "{}", r.body);
}

#[test]
fn only_get_and_head() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let get = server.raw("GET", "/about/", "127.0.0.1");
    let head = server.raw("HEAD", "/about/", "127.0.0.1");
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(head.header("content-length"), get.header("content-length"));
    assert_eq!(head.header("content-type"), Some("text/html; charset=utf-8"));
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let r = server.raw(method, "/about/", "127.0.0.1");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = Site::copy("serve-site");
    std::fs::write(site.outside.join("secret.txt"), "SECRET outside the site").unwrap();
    std::fs::create_dir(site.outside.join("private")).unwrap();
    std::fs::write(site.outside.join("private/secret.txt"), "SECRET in a folder outside the site").unwrap();
    let server = serve(&site);
    let attempts = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        &format!("/{}", site.outside.join("secret.txt").display()),
        "/%00",
        "/about/%00",
        "/site.css%00.html",
        "/leak.txt",
        "/up/secret.txt",
        "/alumni.toml",
        "/content/pages/about.md",
        "/static/site.css",
        "/themes/plain/templates/base.html",
        "http://127.0.0.1/../secret.txt",
    ];
    for target in attempts {
        let r = server.raw("GET", target, "127.0.0.1");
        assert!(r.status == 404 || r.status == 400, "{target}: {} {}", r.status, r.body);
        assert!(!r.body.contains("SECRET") && !r.body.contains("root:"), "{target}: {}", r.body);
        assert!(!r.body.contains("base_url"), "{target}: {}", r.body);
    }
    drop(server);
    // Links out of the site are errors (the symlink policy): every URL
    // shows them, and none serves what they lead to.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.outside.join("secret.txt"), site.path("static/leak.txt")).unwrap();
        std::os::unix::fs::symlink(site.outside.join("private"), site.path("static/up")).unwrap();
        let server = serve(&site);
        for target in ["/leak.txt", "/up/secret.txt"] {
            let r = server.raw("GET", target, "127.0.0.1");
            assert!(!r.body.contains("SECRET"), "{target}: {}", r.body);
        }
        for link in ["static/leak.txt", "static/up"] {
            assert!(server.log.text().contains(link), "the refused link is reported: {}", server.log.text());
        }
    }
}

#[test]
fn other_host_names_are_refused() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let port = server.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}"), "localhost".into()]
    {
        assert_eq!(server.raw("GET", "/", &host).status, 200, "{host}");
    }
    for host in [format!("evil.example:{port}"), format!("localhost.evil.example:{port}"), "192.168.0.10".into()] {
        let r = server.raw("GET", "/", &host);
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.body.contains("Serve Test"), "{host}: {}", r.body);
        assert_eq!(server.raw("GET", "/__alumni/live-reload.js", &host).status, 403, "{host}");
    }
}

#[test]
fn live_reload_only_for_pages_of_this_server() {
    use tungstenite::client::IntoClientRequest;
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let url = format!("ws://127.0.0.1:{}/__alumni/live", server.port);
    let with_origin = |origin: &str| {
        let mut req = url.as_str().into_client_request().unwrap();
        req.headers_mut().insert("Origin", origin.parse().unwrap());
        tungstenite::connect(req).map(|_| ()).map_err(|e| match e {
            tungstenite::Error::Http(r) => r.status().as_u16(),
            other => panic!("{other}"),
        })
    };
    assert_eq!(with_origin("http://evil.example"), Err(403));
    assert_eq!(with_origin(&format!("http://localhost:{}", server.port + 1)), Err(403));
    assert_eq!(with_origin("null"), Err(403));
    assert_eq!(with_origin(&server.origin), Ok(()));
    server.live(); // no Origin: not a browser
}

#[test]
fn a_site_with_a_base_path_is_served_under_it() {
    let site = Site::copy("serve-site");
    let config = site.read("alumni.toml").replace("https://alumni.example.com/", "https://example.com/alumni/");
    site.write("alumni.toml", &config);
    let server = serve(&site);
    assert_eq!(server.handle.as_ref().unwrap().url, format!("{}/alumni/", server.origin));
    for from in ["/", "/alumni"] {
        let r = server.get(from);
        assert_eq!((r.status, r.header("location")), (302, Some("/alumni/")), "{from}");
    }
    let html = server.page("/alumni/");
    // Absolute links point at the preview, not the published site.
    assert!(html.contains(&format!("href=\"{}/alumni/\" rel=canonical", server.origin)), "{html}");
    assert!(html.contains("href=\"/alumni/site.css\""), "{html}");
    assert!(server.page("/alumni/about/").contains("About text: original."));
    assert!(server.page("/alumni/site.css").contains("color"));
    assert_eq!(server.get("/about/").status, 404);
    assert_eq!(server.get("/alumni/events").header("location"), Some("/alumni/events/"));

    // Changing the base path while serving moves the site.
    site.write("alumni.toml", &config.replace("/alumni/", "/portal/"));
    server.eventually_contains("/portal/about/", "About text: original.");
    assert_eq!(server.get("/").header("location"), Some("/portal/"));
}

#[test]
fn an_explicit_base_url_is_kept() {
    let site = Site::copy("serve-site");
    let server = serve_with(&site, |o| {
        o.build.base_url = Some(alumni::config::BaseUrl::parse("http://preview.example:8080/acme/").unwrap())
    });
    let html = server.page("/acme/");
    assert!(html.contains("href=\"http://preview.example:8080/acme/\" rel=canonical"), "{html}");
}

#[test]
fn nothing_is_written_and_build_output_has_no_live_reload() {
    let site = Site::copy("serve-site");
    let before = listing(&site.outside);
    let mut server = serve(&site);
    site.write("content/pages/about.md", "+++\ntitle = \"A\"\n+++\nAbout text: x.\n");
    server.eventually_contains("/about/", "About text: x.");
    server.stop();
    let mut after = listing(&site.outside);
    after.retain(|p| !before.contains(p));
    assert_eq!(after, Vec::<String>::new(), "serve writes no files");

    let out = site.outside.join("out");
    let opts = alumni::build::BuildOptions {
        site_dir: site.root.clone(),
        output: Some(out.clone()),
        as_of: Some("2026-06-01".into()),
        ..Default::default()
    };
    let (summary, diags) = alumni::build::build(&opts);
    assert!(summary.is_some(), "{diags:?}");
    for f in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let text = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
        assert!(!text.contains("__alumni") && !text.contains("alumni-overlay"), "{}", f.path().display());
    }
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).map(|e| e.path().display().to_string()).collect()
}
