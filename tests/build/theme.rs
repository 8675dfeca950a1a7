//! Themes: a site's `templates/NAME.html` overrides one template of the
//! theme, a site can bring a whole theme in `themes/<name>/` or only the
//! part it changes (the rest falls back to the bundled theme, or to the
//! parent it names), a site's `i18n/<lang>.toml` changes single UI
//! strings, template errors point into the template, and the HTML is
//! minified unless `minify = false`.

use alumni::build::{BuildOptions, generate};

use crate::support::{AS_OF, Site, attrs, body_text, copy_dir, fixtures, html_files, links, portal, texts, ui};

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

/// The portal fixture with the theme of `tests/fixtures/base-only-theme`:
/// its own `base.html` and one UI string, nothing else.
fn base_only_theme() -> Site {
    let site = Site::fixture("portal");
    copy_dir(&fixtures().join("base-only-theme/themes"), &site.path().join("themes"));
    site.edit("alumni.toml", "theme = \"default\"", "theme = \"mine\"");
    site
}

/// Element names and attributes in document order, and the text with
/// whitespace removed: what a page is, however it is minified.
fn shape(doc: &scraper::Html) -> (Vec<String>, String) {
    let elements = doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .map(|e| {
            let mut a: Vec<String> = e.value().attrs().map(|(k, v)| format!("{k}={}", v.trim())).collect();
            a.sort();
            format!("{} {}", e.value().name(), a.join(" "))
        })
        .collect();
    // Style sheets and JSON-LD are minified as code (JSON-LD holds minified
    // Markdown on one side only): their text is left out.
    let text: String = doc
        .root_element()
        .descendants()
        .filter(|n| {
            n.parent()
                .and_then(scraper::ElementRef::wrap)
                .is_none_or(|p| !matches!(p.value().name(), "script" | "style"))
        })
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect::<String>()
        .split_whitespace()
        .collect();
    (elements, text)
}

#[test]
fn a_theme_of_only_base_html_and_one_string_builds_a_complete_site() {
    let site = base_only_theme();
    site.build(&["--as-of", AS_OF]).ok().stderr_lacks("i18n-");
    let default = &portal().site;
    // Every page the default theme makes, with the theme's base around it.
    let pages = html_files(&default.public());
    assert!(pages.len() > 20, "{pages:?}");
    assert_eq!(html_files(&site.public()), pages);
    for rel in &pages {
        let (mine, theirs) = (site.html(rel), default.html(rel));
        assert_eq!(attrs(&mine, "body", "class"), ["mine"], "{rel}");
        assert_eq!(texts(&mine, "main h1"), texts(&theirs, "main h1"), "{rel}");
        assert!(texts(&mine, "header.site-header").is_empty(), "{rel}: the default header is not used");
    }
    // The default theme's stylesheet, linked by the theme's base.html.
    assert_eq!(site.read("assets/alumni.css"), default.read("assets/alumni.css"));
    // The one string the theme changes; the others are the default theme's.
    let home = site.html("index.html");
    assert!(texts(&home, "a").contains(&"いますぐ登録".to_string()), "{:?}", texts(&home, "a"));
    assert!(!body_text(&home).contains(&ui("ja", "join_button")));
    assert!(body_text(&home).contains(&ui("ja", "join_title")));
    // English has no file in the theme: all of it is the default theme's.
    assert!(body_text(&site.html("en/index.html")).contains(&ui("en", "join_button")));
    // The events list and a job, in the default theme's markup.
    // (Inside `main`: the header and footer are the theme's own.)
    let main_links = |doc: &scraper::Html| attrs(doc, "main a", "href");
    assert_eq!(main_links(&site.html("events/index.html")), main_links(&default.html("events/index.html")));
    // The same text but the one string the theme changes.
    let theirs: Vec<String> = texts(&default.html("jobs/engineer/index.html"), "main")
        .into_iter()
        .map(|t| t.replace(&ui("ja", "join_button"), "いますぐ登録"))
        .collect();
    assert_eq!(texts(&site.html("jobs/engineer/index.html"), "main"), theirs);
}

/// Minified or not, a custom theme's pages have the same elements, the
/// same attributes and the same text (the fast paths differ with minify).
#[test]
fn a_custom_theme_minified_makes_the_pages_it_makes_unminified() {
    let (minified, plain) = (base_only_theme(), base_only_theme());
    plain.edit("alumni.toml", "page_size = 2", "page_size = 2\nminify = false");
    minified.build(&["--as-of", AS_OF]).ok();
    plain.build(&["--as-of", AS_OF]).ok();
    let pages = html_files(&minified.public());
    assert_eq!(pages, html_files(&plain.public()));
    for rel in &pages {
        assert!(minified.read(rel).len() < plain.read(rel).len(), "{rel} is minified");
        assert_eq!(shape(&minified.html(rel)), shape(&plain.html(rel)), "{rel}");
    }
}

#[test]
fn a_theme_uses_the_templates_of_the_parent_it_names() {
    let site = Site::fixture("own-theme");
    site.edit("alumni.toml", "theme = \"plain\"", "theme = \"child\"");
    site.write("themes/child/theme.toml", "parent = \"plain\"\n");
    site.write(
        "themes/child/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"child\">{{ t.read_more }}</p>{% endblock content %}",
    );
    site.build(&[]).ok();
    // The parent's base.html, templates, UI strings and static files.
    let page = site.html("messages/hello/index.html");
    assert_eq!(attrs(&page, "body", "class"), ["plain-theme section-messages"]);
    assert_eq!(texts(&page, "p.date"), ["1 April 2020"]);
    assert_eq!(texts(&site.html("404.html"), "p.child"), ["Read on"]);
    assert_eq!(site.read("plain.css"), "body { font-family: serif; }\n");
    assert!(!site.exists("assets/alumni.css"), "no template names the default theme's stylesheet");
}

#[test]
fn a_parent_that_leads_back_or_does_not_exist_is_an_error() {
    let site = Site::fixture("own-theme");
    site.edit("alumni.toml", "theme = \"plain\"", "theme = \"child\"");
    site.write("themes/child/theme.toml", "parent = \"plain\"\n");
    site.write("themes/plain/theme.toml", "# The theme under child.\nparent = \"child\"\n");
    let run = site.build(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("theme-parent-cycle");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("themes/plain/theme.toml"), Some(2), Some(10))
    );
    assert!(d["message"].as_str().unwrap_or("").contains("`child` -> `plain` -> `child`"), "{d}");
    site.write("themes/plain/theme.toml", "parent = \"plane\"\n");
    let run = site.build(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("theme-parent-missing");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("themes/plain/theme.toml"), Some(1), Some(10))
    );
    site.build(&[]).failed().stderr_has(&["themes/plain/theme.toml:1:10", "`plane`"]);
}

#[test]
fn a_site_i18n_file_changes_single_strings() {
    let site = Site::fixture("portal");
    site.write("i18n/ja.toml", "join_button = \"OB・OGとして登録する\"\n[dates]\ndate = \"{year}/{month}/{day}\"\n");
    site.build(&["--as-of", AS_OF]).ok().stderr_lacks("warning");
    let default = &portal().site;
    let home = site.html("index.html");
    assert!(body_text(&home).contains("OB・OGとして登録する"));
    assert!(!body_text(&home).contains(&ui("ja", "join_button")));
    // The other strings, the other languages and the other date formats stay.
    assert!(body_text(&home).contains(&ui("ja", "join_title")));
    assert_eq!(site.read("en/index.html"), default.read("en/index.html"));
    let event = "events/winter-meetup/index.html";
    assert_eq!(texts(&site.html(event), "time"), texts(&default.html(event), "time"));
    assert!(texts(&site.html("messages/spring-news/index.html"), "time").contains(&"2026/5/1".to_string()));
}

#[test]
fn a_site_i18n_file_with_an_unknown_key_or_a_wrong_type_is_reported() {
    let site = Site::fixture("portal");
    site.write("i18n/ja.toml", "# 登録ボタン\njoin_buton = \"OB・OGとして登録する\"\n");
    let run = site.build(&["--as-of", AS_OF, "--format", "json"]);
    run.ok();
    let d = run.diagnostic("i18n-unknown-key");
    assert_eq!(
        (d["severity"].as_str(), d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("warning"), Some("i18n/ja.toml"), Some(2), Some(1))
    );
    assert!(d.to_string().contains("did you mean `join_button`?"), "{d}");
    site.build(&["--as-of", AS_OF]).ok().stderr_has(&["i18n/ja.toml:2:1", "`join_button`"]);
    site.write("i18n/ja.toml", "join_button = 3\nmonth_short = \"1月\"\n");
    let run = site.build(&["--as-of", AS_OF, "--format", "json"]);
    run.failed();
    let wrong: Vec<_> = run.json().into_iter().filter(|d| d["code"] == "wrong-type").collect();
    let at: Vec<_> = wrong.iter().map(|d| (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64())).collect();
    assert_eq!(at, [(Some("i18n/ja.toml"), Some(1), Some(15)), (Some("i18n/ja.toml"), Some(2), Some(15))]);
    site.write("i18n/ja.toml", "join_button = \"x\n");
    site.build(&["--as-of", AS_OF]).failed().stderr_has(&["error[i18n-syntax]", "i18n/ja.toml:1:"]);
}

/// A language no layer has strings for warns once, naming the language.
#[test]
fn a_language_without_strings_anywhere_warns_once() {
    let site = base_only_theme();
    site.edit("alumni.toml", "[languages.en]", "[languages.fr]\ntitle = \"Anciens\"\n\n[languages.en]");
    let run = site.build(&["--as-of", AS_OF, "--format", "json"]);
    run.ok();
    assert_eq!(run.json().iter().filter(|d| d["code"].as_str().unwrap_or("").starts_with("i18n-")).count(), 1);
    assert!(run.diagnostic("i18n-missing").to_string().contains("`fr`"));
}

/// The bundled `list.html` shows any list: a site template that extends
/// it for messages gets the title, the items and the page links.
#[test]
fn the_generic_list_template_shows_a_list() {
    let site = Site::fixture("portal");
    site.write("templates/messages.html", "{% extends \"list.html\" %}");
    site.build(&["--as-of", AS_OF]).ok();
    let default = &portal().site;
    for rel in ["messages/index.html", "messages/page/2/index.html", "en/messages/index.html"] {
        let (list, theirs) = (site.html(rel), default.html(rel));
        assert_eq!(texts(&list, "main h1"), texts(&theirs, "main h1"), "{rel}");
        assert_eq!(texts(&list, ".entry-title"), texts(&theirs, ".entry-title"), "{rel}");
        assert_eq!(attrs(&list, ".entry time", "datetime"), attrs(&theirs, ".entry time", "datetime"), "{rel}");
        assert_eq!(texts(&list, ".entry-summary"), texts(&theirs, ".entry-summary"), "{rel}");
        assert_eq!(attrs(&list, ".pagination a", "href"), attrs(&theirs, ".pagination a", "href"), "{rel}");
    }
}

/// A custom theme with components, stored list items, per-language values
/// and `{% for lang in languages %}`, minified: the fast paths that rewrite
/// templates make the same bytes as the templates without them
/// (`BuildOptions::plain_templates`), and the build says nothing of them.
#[test]
fn a_custom_theme_renders_the_same_bytes_with_and_without_the_fast_paths() {
    let site = Site::fixture("own-theme");
    site.edit("alumni.toml", "minify = false", "minify = true");
    site.write(
        "themes/plain/templates/partials/cards.html",
        "{% component row(item: map, level: integer = 2, @t, @lang) -%}\n<li lang=\"{{ lang }}\">\n  <span class=\"k\">{{ t.read_more }}</span> {{ item.title }} {{ level }}\n</li>\n{%- endcomponent row %}\n{% component mark(name: string) -%}<i class=\"{{ name }}\"></i>{%- endcomponent mark %}\n",
    );
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}\n<p class=\"langs\">{% for lang in languages %}<a href=\"{{ lang.url }}\">{{ lang.code }}</a>{% endfor %} {{ lang }} {{ t.read_more }}</p>\n<ul>\n{% for item in pages %}  {{ <row item={item} level={3}/> }}{{ <mark name=\"m\"/> }}\n{% endfor %}</ul>\n{% endblock content %}\n",
    );
    for n in 2..5 {
        site.write(
            &format!("content/messages/more-{n}.md"),
            format!("+++\ntitle = \"More {n}\"\ndate = 2020-04-0{n}\ntags = [\"news\", \"more\"]\n+++\nText {n}.\n"),
        );
    }
    let opts = |plain| BuildOptions {
        site_dir: site.path().to_path_buf(),
        as_of: Some(AS_OF.to_string()),
        plain_templates: plain,
        ..BuildOptions::default()
    };
    let (fast, diags) = generate(&opts(false));
    let fast = fast.unwrap_or_else(|| panic!("{diags:?}"));
    assert!(diags.is_empty(), "{diags:?}");
    let (plain, diags) = generate(&opts(true));
    let plain = plain.unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(fast.files.len(), plain.files.len());
    let mut tags = 0;
    for (a, b) in fast.files.iter().zip(&plain.files) {
        assert_eq!(a.path, b.path);
        assert_eq!(String::from_utf8_lossy(&a.bytes), String::from_utf8_lossy(&b.bytes), "{}", a.path);
        if a.path.starts_with("tags/") && a.path != "tags/index.html" {
            tags += 1;
            let text = String::from_utf8_lossy(&a.bytes);
            assert!(text.contains("More 2 3"), "{}: {text}", a.path);
        }
    }
    assert!(tags >= 2, "{tags} tag pages");
}

/// List items carry no internal key: a template that dumps an item's keys
/// sees only the documented ones. Still failing: the stored list items
/// (`theme::cards`) travel in the item as `__card_N` (issue 28).
#[test]
#[ignore = "issue 28: stored list items still travel in the item as __card_N"]
fn list_items_carry_no_internal_key() {
    let site = Site::fixture("portal");
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<ul>{% for item in pages %}{{ <any_item item={item} level={2}/> }}{% endfor %}</ul><pre class=\"keys\">{% for entry in pages %}{% for k, v in entry %}{{ k }} {% endfor %}\n{% endfor %}</pre>{% endblock content %}",
    );
    site.build(&["--as-of", AS_OF]).ok();
    let mut seen = 0;
    for rel in html_files(&site.public()).iter().filter(|r| r.starts_with("tags/") && *r != "tags/index.html") {
        let keys = texts(&site.html(rel), "pre.keys").join("");
        assert!(keys.contains("title"), "{rel}: {keys}");
        assert!(!keys.contains("__"), "{rel}: {keys}");
        seen += 1;
    }
    assert!(seen > 1);
}
