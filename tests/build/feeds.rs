//! Atom feeds (read with feed-rs), the sitemap and robots.txt (read with
//! roxmltree), checked against their rules.

use alumni::build::{BuildOptions, generate};

use crate::formats::{child_text, children};
use crate::support::{AS_OF, Site, assert_file_contains, portal};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

fn atom(site: &Site, rel: &str) -> feed_rs::model::Feed {
    let text = site.read(rel);
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{rel} is not a feed: {e}"))
}

#[test]
fn atom_feed_has_entries_with_stable_ids_and_content_dates() {
    let site = &portal().site;
    let feed = atom(site, "atom.xml");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, "https://alumni.example.com/");
    assert_eq!(feed.title.as_ref().unwrap().content, "ミライ商事 アルムナイネットワーク");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    // Messages (the welcome too), upcoming events and open jobs; newest first.
    for id in [
        "https://alumni.example.com/messages/welcome/",
        "https://alumni.example.com/messages/newsletter/",
        "https://alumni.example.com/events/london-drinks/",
        "https://alumni.example.com/jobs/last-day/",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:#?}");
    }
    for absent in ["events/summer-picnic/", "jobs/closed-analyst/", "pages/", "about/"] {
        assert!(!ids.iter().any(|i| i.ends_with(absent)), "{absent} in the feed");
    }
    assert_eq!(ids.len(), 4 + 4 + 4);
    let updated: Vec<_> = feed.entries.iter().map(|e| e.updated.expect("every entry has updated")).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first: {updated:?}");
    let newsletter = feed.entries.iter().find(|e| e.id.ends_with("/messages/newsletter/")).unwrap();
    // 2026-11-01 09:00 in Tokyo.
    assert_eq!(newsletter.updated.unwrap().to_rfc3339(), "2026-11-01T00:00:00+00:00");
    assert_eq!(newsletter.title.as_ref().unwrap().content, "アルムナイ通信 11月号");
    assert_eq!(newsletter.authors[0].name.as_deref(), Some("人事部"));
    assert_eq!(newsletter.links[0].href, "https://alumni.example.com/messages/newsletter/");
    assert_eq!(feed.updated, updated.iter().max().copied());
}

#[test]
fn each_language_has_its_feed_with_its_title() {
    let site = &portal().site;
    let feed = atom(site, "en/atom.xml");
    assert_eq!(feed.title.unwrap().content, "Mirai Shoji Alumni Network", "[languages.en] title");
    let ids: Vec<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
    assert!(ids.contains(&"https://alumni.example.com/en/messages/welcome/".to_string()));
    // Items without an English version are in the English feed in Japanese.
    assert!(ids.contains(&"https://alumni.example.com/messages/newsletter/".to_string()));
}

#[test]
fn feed_ids_and_dates_do_not_change_between_builds() {
    let first = atom(&portal().site, "atom.xml");
    let later_site = Site::fixture("portal");
    later_site.build(&["--as-of", "2026-12-20"]).ok();
    let later = atom(&later_site, "atom.xml");
    let mut common = 0;
    for e in &later.entries {
        if let Some(before) = first.entries.iter().find(|f| f.id == e.id) {
            assert_eq!(before.updated, e.updated, "{}", e.id);
            common += 1;
        }
    }
    assert!(common >= 8, "most entries are in both feeds");
    // Published since: the message dated 2026-12-01 08:00.
    assert!(later.entries.iter().any(|e| e.id.ends_with("/messages/morning-news/")));
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let site = &portal().site;
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    let root = doc.root_element();
    assert_eq!((root.tag_name().name(), root.tag_name().namespace()), ("urlset", Some(SITEMAP_NS)));
    let mut locs = Vec::new();
    for url in children(root, "url") {
        let loc = child_text(url, "loc");
        let path = loc.strip_prefix("https://alumni.example.com/").unwrap_or_else(|| panic!("not absolute: {loc}"));
        assert!(site.exists(&format!("{path}index.html")), "{loc} is not in the output");
        for lastmod in children(url, "lastmod") {
            let t = lastmod.text().unwrap();
            assert!(t.parse::<jiff::Timestamp>().is_ok(), "lastmod {t}");
        }
        for alt in url.children().filter(|c| c.is_element() && c.tag_name().namespace() == Some(XHTML_NS)) {
            assert_eq!((alt.tag_name().name(), alt.attribute("rel")), ("link", Some("alternate")));
            assert!(alt.attribute("href").unwrap().starts_with("https://alumni.example.com/"));
        }
        locs.push(loc.to_string());
    }
    for page in ["", "en/", "messages/welcome/", "en/messages/welcome/", "events/london-drinks/", "privacy-policy/"] {
        assert!(locs.contains(&format!("https://alumni.example.com/{page}")), "{page} not in the sitemap");
    }
    let meetup = children(root, "url")
        .into_iter()
        .find(|u| child_text(*u, "loc") == "https://alumni.example.com/events/winter-meetup/")
        .unwrap();
    assert_eq!(child_text(meetup, "lastmod"), "2026-12-05T09:30:00Z");
    let alternates: Vec<(&str, &str)> = meetup
        .children()
        .filter(|c| c.tag_name().namespace() == Some(XHTML_NS))
        .map(|c| (c.attribute("hreflang").unwrap(), c.attribute("href").unwrap()))
        .collect();
    assert_eq!(
        alternates,
        [
            ("ja", "https://alumni.example.com/events/winter-meetup/"),
            ("en", "https://alumni.example.com/en/events/winter-meetup/")
        ]
    );
}

#[test]
fn a_large_sitemap_is_split_under_an_index() {
    let site = Site::fixture("portal");
    let opts = BuildOptions { site_dir: site.path().to_path_buf(), as_of: Some(AS_OF.into()), ..Default::default() };
    let (generated, diags) = generate(&opts);
    let generated = generated.unwrap_or_else(|| panic!("{diags:?}"));
    let whole = alumni::feeds::sitemap(&generated.site);
    let one = whole.iter().find(|f| f.path == "sitemap.xml").unwrap();
    let all_locs = locs(std::str::from_utf8(&one.bytes).unwrap(), "urlset", "url");

    let split = alumni::feeds::sitemap_with_limit(&generated.site, 10);
    let index = split.iter().find(|f| f.path == "sitemap.xml").unwrap();
    let parts = locs(std::str::from_utf8(&index.bytes).unwrap(), "sitemapindex", "sitemap");
    assert_eq!(parts.len(), all_locs.len().div_ceil(10));
    let mut joined = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        assert_eq!(part, &format!("https://alumni.example.com/sitemap-{}.xml", n + 1));
        let file = split.iter().find(|f| f.path == format!("sitemap-{}.xml", n + 1)).expect("the part exists");
        let these = locs(std::str::from_utf8(&file.bytes).unwrap(), "urlset", "url");
        assert!(these.len() <= 10);
        joined.extend(these);
    }
    assert_eq!(joined, all_locs, "the parts hold every URL once");
    let robots = split.iter().find(|f| f.path == "robots.txt").unwrap();
    assert!(std::str::from_utf8(&robots.bytes).unwrap().contains("Sitemap: https://alumni.example.com/sitemap.xml\n"));
}

/// The `<loc>` of every `item` under the `root` element of a sitemap file.
fn locs(xml: &str, root: &str, item: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    let r = doc.root_element();
    assert_eq!((r.tag_name().name(), r.tag_name().namespace()), (root, Some(SITEMAP_NS)));
    children(r, item).into_iter().map(|u| child_text(u, "loc").to_string()).collect()
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let robots = portal().site.public().join("robots.txt");
    assert_file_contains(&robots, "User-agent: *\n");
    assert_file_contains(&robots, "\nSitemap: https://alumni.example.com/sitemap.xml\n");
}
