//! Themes: a site's `templates/NAME.html` overrides one template of the
//! theme, a site can bring a whole theme in `themes/<name>/`, template
//! errors point into the template, and the HTML is minified unless
//! `minify = false`.

use crate::support::{Site, attrs, body_text, links, portal, texts};

#[test]
fn a_site_template_overrides_the_theme_one() {
    let site = Site::fixture("portal");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom-page\">{{ page.title }}</p>{% endblock content %}",
    );
    site.build(&["--as-of", "2026-11-24"]).ok();
    let about = site.html("about/index.html");
    assert_eq!(texts(&about, "p.custom-page"), ["このサイトについて"]);
    // base.html and every other template still come from the theme.
    assert_eq!(texts(&site.html("en/about/index.html"), "p.custom-page"), ["About this site"]);
    assert_eq!(texts(&site.html("events/winter-meetup/index.html"), "p.custom-page").len(), 0);
    assert_eq!(
        attrs(&about, "link[rel=stylesheet]", "href"),
        attrs(&portal().site.html("about/index.html"), "link[rel=stylesheet]", "href")
    );
}

#[test]
fn a_site_can_bring_its_own_theme() {
    let site = Site::fixture("own-theme");
    site.build(&[]).ok();
    let page = site.html("messages/hello/index.html");
    assert_eq!(attrs(&page, "body", "class"), ["plain-theme section-messages"]);
    assert_eq!(texts(&page, "p.date"), ["1 April 2020"], "the theme's date format");
    assert_eq!(texts(&site.html("tags/index.html"), "li"), ["news (1)"]);
    assert_eq!(links(&site.html("events/index.html")), ["/events/party/"]);
    assert_eq!(texts(&site.html("404.html"), "a"), ["Read on"], "the theme's UI strings");
    // The theme's static files are copied; the site's own win on a clash.
    assert_eq!(site.read("plain.css"), "body { font-family: serif; }\n");
    assert_eq!(site.read("shared.txt"), "from the site\n");
    assert!(!site.exists("assets/alumni.css"), "nothing of the default theme");
}

#[test]
fn template_errors_point_into_the_template() {
    let site = Site::fixture("minimal");
    site.write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title </h1>\n{% endblock content %}\n",
    );
    site.check(&[]).failed().stderr_has(&["error[template-syntax]", "templates/page.html:3:"]);
    // With the templates broken, the pages' text is still checked (a
    // one-off build then reads the content whole after all).
    site.write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\nSee [the team](/nowhere/).\n");
    for run in [site.check(&[]), site.build(&[])] {
        run.failed().stderr_has(&["error[template-syntax]", "error[link-broken]", "content/pages/about.md:4:"]);
    }
    site.write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\n");
    // A rendering error names the template and the page being rendered.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}\n",
    );
    site.check(&[])
        .failed()
        .stderr_has(&["templates/page.html:3:", "while rendering /about/ (content/pages/about.md)"]);
}

#[test]
fn html_is_minified_unless_minify_is_false() {
    let minified = &portal().site;
    let site = Site::fixture("portal");
    site.edit("alumni.toml", "page_size = 2", "page_size = 2\nminify = false");
    site.build(&["--as-of", "2026-11-24"]).ok();
    for rel in ["index.html", "events/winter-meetup/index.html", "en/jobs/index.html"] {
        let (small, full) = (minified.read(rel), site.read(rel));
        // Templates and Markdown are minified apart (see docs/decisions.md),
        // which leaves a few percent more than minifying whole pages would.
        assert!(small.len() * 100 < full.len() * 95, "{rel}: {} vs {} bytes", small.len(), full.len());
        assert!(!small.contains("\n  <"), "{rel}: indentation left in minified HTML");
        assert!(full.contains("\n  <"), "{rel}: minify = false keeps the template's layout");
        // The same page either way.
        let (a, b) = (minified.html(rel), site.html(rel));
        // Whitespace between block elements is what minifying removes.
        let squeeze = |d: &scraper::Html| body_text(d).replace(' ', "");
        assert_eq!(squeeze(&a), squeeze(&b), "{rel}");
        assert_eq!(links(&a), links(&b), "{rel}");
        assert_eq!(
            crate::formats::jsonld(&a).into_iter().map(|j| j.1).collect::<Vec<_>>(),
            crate::formats::jsonld(&b).into_iter().map(|j| j.1).collect::<Vec<_>>()
        );
    }
    assert!(site.read("index.html").starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
}

/// Minifying templates and Markdown apart must make the same pages as
/// minifying each rendered page whole: minify-html gives the same bytes for
/// both once it has gone over each, in every page of two sites (JSON-LD aside:
/// a job's description is the minified Markdown on one side only).
#[test]
fn minifying_templates_once_renders_what_minifying_pages_would() {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    let canonical = |html: &str| {
        let without_jsonld = regex_free_strip(html, "<script type=application/ld+json>", "</script>");
        let without_jsonld = regex_free_strip(&without_jsonld, "<script type=\"application/ld+json\">", "</script>");
        String::from_utf8(minify_html::minify(without_jsonld.as_bytes(), &cfg)).expect("UTF-8")
    };
    for fixture in ["portal", "hostile-values"] {
        let (minified, plain) = (Site::fixture(fixture), Site::fixture(fixture));
        let config = std::fs::read_to_string(plain.path().join("alumni.toml")).expect("config");
        plain.write("alumni.toml", format!("minify = false\n{config}"));
        minified.build(&["--as-of", "2026-11-24"]).assert_code(0);
        plain.build(&["--as-of", "2026-11-24"]).assert_code(0);
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(minified.public()).into_iter().filter_map(Result::ok) {
            let rel = entry.path().strip_prefix(minified.public()).expect("inside").to_string_lossy().to_string();
            if !rel.ends_with(".html") {
                continue;
            }
            pages += 1;
            assert_eq!(canonical(&minified.read(&rel)), canonical(&plain.read(&rel)), "{fixture}: {rel}");
        }
        assert!(pages > 10, "{fixture}: only {pages} pages");
    }
}

/// `text` without every part from `start` up to and including `end`.
fn regex_free_strip(text: &str, start: &str, end: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        out.push_str(&rest[..i]);
        rest = rest[i..].find(end).map_or("", |j| &rest[i + j + end.len()..]);
    }
    out.push_str(rest);
    out
}

/// A template the minifier cannot prove safe (here a double quote inside an
/// attribute's template tag, see docs/templates.md) still gives minified
/// pages, each minified whole; the build names the template that makes it
/// slower, and says nothing when every template can be minified.
#[test]
fn a_template_that_cannot_be_minified_alone_is_named() {
    let site = Site::fixture("portal");
    let note = "cannot be minified before rendering";
    site.build(&["--as-of", "2026-11-24"]).ok().stderr_lacks(note);
    let header = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/header.html"),
    )
    .expect("the default theme's header");
    let slow = header.replace(
        r#"<header class="site-header">"#,
        r#"<header class="site-header{% if section == "jobs" %} is-jobs{% endif %}">"#,
    );
    assert_ne!(slow, header, "the default header has the element this test changes");
    site.write("templates/partials/header.html", slow);
    site.build(&["--as-of", "2026-11-24"])
        .ok()
        .stderr_has(&["templates/partials/header.html cannot be minified before rendering", "Fast minification"]);
    let jobs = site.read("jobs/index.html");
    assert!(jobs.contains("site-header is-jobs"), "the override is used");
    assert!(!jobs.contains("\n  <"), "pages are still minified");
    assert!(!site.read("index.html").contains("is-jobs"));
}
