//! What search engines and link previews read from a page head: title,
//! description, canonical URL, language alternates, Open Graph and Twitter.

use crate::support::{Site, attrs, html_files, portal, texts};

const SITE: &str = "https://alumni.example.com/";

/// The content of `<meta>` elements selected by `key=value`.
fn meta(doc: &scraper::Html, key: &str, value: &str) -> Vec<String> {
    attrs(doc, &format!("meta[{key}='{value}']"), "content")
}

/// A page and what its head must say.
struct Case {
    rel: &'static str,
    title: &'static str,
    description: &'static str,
    /// Language versions: (code, path under the site).
    alternates: &'static [(&'static str, &'static str)],
}

fn cases() -> [Case; 4] {
    [
        Case {
            rel: "events/winter-meetup/index.html",
            title: "アルムナイ交流会 2026 冬",
            description: "年末恒例の交流会です。",
            alternates: &[("ja", "events/winter-meetup/"), ("en", "en/events/winter-meetup/")],
        },
        // No summary: the first paragraph.
        Case {
            rel: "messages/autumn-news/index.html",
            title: "秋のお知らせ",
            description: "秋の社内報を公開しました。",
            alternates: &[("ja", "messages/autumn-news/")],
        },
        Case {
            rel: "en/jobs/engineer/index.html",
            title: "Software Engineer",
            description: "Lead the development of our core systems.",
            alternates: &[("ja", "jobs/engineer/"), ("en", "en/jobs/engineer/")],
        },
        Case {
            rel: "about/index.html",
            title: "このサイトについて",
            description: "ミライ商事アルムナイネットワークの案内です。",
            alternates: &[("ja", "about/"), ("en", "en/about/")],
        },
    ]
}

#[test]
fn detail_pages_have_title_description_canonical_and_alternates() {
    let site = &portal().site;
    for Case { rel, title, description, alternates } in cases() {
        let doc = site.html(rel);
        let url = format!("{SITE}{}", rel.strip_suffix("index.html").unwrap());
        let doc_title = texts(&doc, "title").join("");
        let site_title = if rel.starts_with("en/") {
            "Mirai Shoji Alumni Network"
        } else {
            "ミライ商事 アルムナイネットワーク"
        };
        assert!(doc_title.contains(title) && doc_title.contains(site_title), "{rel}: <title>{doc_title}</title>");
        assert_eq!(meta(&doc, "name", "description"), [description], "{rel}");
        assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), std::slice::from_ref(&url), "{rel}");
        let found: Vec<(String, String)> = {
            let sel = scraper::Selector::parse("link[rel=alternate][hreflang]").unwrap();
            doc.select(&sel)
                .map(|e| (e.value().attr("hreflang").unwrap().to_string(), e.value().attr("href").unwrap().to_string()))
                .filter(|(l, _)| l != "x-default")
                .collect()
        };
        let wanted: Vec<(String, String)> =
            alternates.iter().map(|(l, p)| (l.to_string(), format!("{SITE}{p}"))).collect();
        assert_eq!(found, wanted, "{rel}: hreflang alternates");
        if alternates.len() > 1 {
            assert_eq!(attrs(&doc, "link[hreflang=x-default]", "href"), [wanted[0].1.clone()], "{rel}");
        }

        assert_eq!(meta(&doc, "property", "og:title"), [title], "{rel}");
        assert_eq!(meta(&doc, "property", "og:description"), [description], "{rel}");
        assert_eq!(meta(&doc, "property", "og:url"), [url], "{rel}");
        assert_eq!(meta(&doc, "property", "og:type"), ["article"], "{rel}");
        assert_eq!(meta(&doc, "property", "og:image"), [format!("{SITE}logo.svg")], "{rel}");
        assert_eq!(meta(&doc, "property", "og:site_name"), [site_title], "{rel}");
        assert_eq!(meta(&doc, "name", "twitter:card").len(), 1, "{rel}");
        // X falls back to og:title, og:description and og:image; the page
        // does not repeat them.
        assert!(meta(&doc, "name", "twitter:title").is_empty(), "{rel}");
        assert!(meta(&doc, "name", "twitter:description").is_empty(), "{rel}");
        assert!(meta(&doc, "name", "twitter:image").is_empty(), "{rel}");
    }
}

#[test]
fn list_pages_and_home_have_their_own_canonical_and_feed() {
    let site = &portal().site;
    for (rel, feed) in [("index.html", "/atom.xml"), ("en/events/index.html", "/en/atom.xml")] {
        let doc = site.html(rel);
        let url = format!("{SITE}{}", rel.strip_suffix("index.html").unwrap());
        assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), std::slice::from_ref(&url), "{rel}");
        assert_eq!(meta(&doc, "property", "og:url"), [url], "{rel}");
        assert_eq!(meta(&doc, "property", "og:type"), ["website"], "{rel}");
        assert_eq!(attrs(&doc, "link[rel=alternate][type='application/atom+xml']", "href"), [feed], "{rel}");
        assert_eq!(attrs(&doc, "link[rel=alternate][hreflang]", "hreflang"), ["ja", "x-default", "en"], "{rel}");
    }
    // Home is described by its welcome message, a list by the site's title.
    let welcome = crate::formats::front_value("portal", "content/messages/welcome.md", "summary");
    assert_eq!(meta(&site.html("index.html"), "name", "description"), [welcome]);
    assert_eq!(meta(&site.html("events/index.html"), "name", "description"), ["ミライ商事 アルムナイネットワーク"]);
    // Later pages of a list are their own canonical URL.
    let doc = site.html("messages/page/2/index.html");
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), [format!("{SITE}messages/page/2/")]);
}

#[test]
fn a_drafts_preview_keeps_search_engines_out() {
    let site = Site::fixture("portal");
    site.build(&["--as-of", "2026-11-24"]).ok();
    assert!(site.read("robots.txt").contains("Allow: /\n"));
    let indexed = |rel: &str| attrs(&site.html(rel), "meta[name=robots]", "content").is_empty();
    assert!(indexed("index.html") && indexed("en/events/winter-meetup/index.html"));
    assert!(!indexed("404.html"), "the 404 page is never indexed");

    site.build(&["--as-of", "2026-11-24", "--drafts"]).ok();
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
    let pages = html_files(&site.public());
    assert!(pages.len() > 20);
    for rel in pages {
        assert_eq!(attrs(&site.html(&rel), "meta[name=robots]", "content"), ["noindex"], "{rel}");
    }
}
