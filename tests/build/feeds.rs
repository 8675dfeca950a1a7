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
        // Upcoming events without a `date` count from the build's "now" (see below).
        let undated = ["london-drinks", "new-year"].iter().any(|s| e.id.ends_with(&format!("/events/{s}/")));
        if let Some(before) = first.entries.iter().find(|f| f.id == e.id).filter(|_| !undated) {
            assert_eq!(before.updated, e.updated, "{}", e.id);
            common += 1;
        }
    }
    assert!(common >= 7, "most entries are in both feeds: {common}");
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
    assert_eq!(child_text(meetup, "lastmod"), "2026-10-14T15:00:00Z", "the event's date (in Tokyo)");
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

/// Every `updated` of a feed (its own and its entries') and every sitemap
/// `lastmod` of a build.
fn dates(site: &Site, feed: &str) -> Vec<jiff::Timestamp> {
    let f = atom(site, feed);
    let mut all: Vec<jiff::Timestamp> = f
        .updated
        .into_iter()
        .chain(f.entries.iter().filter_map(|e| e.updated))
        .map(|t| t.to_rfc3339().parse().unwrap())
        .collect();
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    for url in children(doc.root_element(), "url") {
        all.extend(children(url, "lastmod").iter().map(|l| l.text().unwrap().parse::<jiff::Timestamp>().unwrap()));
    }
    all
}

#[test]
fn event_dates_in_feeds_and_sitemap_are_never_after_the_build() {
    let site = Site::fixture("portal");
    let as_of = "2026-11-24T12:00:00+09:00";
    site.build(&["--as-of", as_of]).ok();
    let now: jiff::Timestamp = as_of.parse().unwrap();
    for feed in ["atom.xml", "en/atom.xml"] {
        let all = dates(&site, feed);
        assert!(all.iter().all(|t| *t <= now), "{feed}: {all:?}");
    }
    let feed = atom(&site, "atom.xml");
    let updated = |slug: &str| {
        let e = feed.entries.iter().find(|e| e.id.ends_with(&format!("/events/{slug}/"))).unwrap();
        e.updated.unwrap().to_rfc3339()
    };
    assert_eq!(updated("winter-meetup"), "2026-10-14T15:00:00+00:00", "`date` when given");
    assert_eq!(updated("london-drinks"), "2026-11-24T03:00:00+00:00", "else the start, but not after now");
    assert_eq!(feed.updated.unwrap().to_rfc3339(), "2026-11-24T03:00:00+00:00");
    // A past event keeps its start (an all-day event: midnight in Tokyo).
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://alumni.example.com/events/summer-picnic/</loc><lastmod>2026-07-31T15:00:00Z</lastmod>"
    ));
    // The same `--as-of` gives the same files.
    let again = Site::fixture("portal");
    again.build(&["--as-of", as_of]).ok();
    for rel in ["atom.xml", "en/atom.xml", "sitemap.xml"] {
        assert_eq!(site.read(rel), again.read(rel), "{rel}");
    }
}

#[test]
fn an_event_date_after_the_build_counts_as_now_and_holds_nothing_back() {
    let site = Site::fixture("portal");
    site.edit("content/events/london-drinks.md", "+++\n", "+++\ndate = 2026-12-01T10:00:00\n");
    let updated = |site: &Site| {
        let feed = atom(site, "atom.xml");
        let e = feed.entries.iter().find(|e| e.id.ends_with("/events/london-drinks/")).expect("in the feed");
        e.updated.unwrap().to_rfc3339()
    };
    site.build(&["--as-of", "2026-11-24"]).ok();
    assert!(site.exists("events/london-drinks/index.html"));
    assert_eq!(updated(&site), "2026-11-23T15:00:00+00:00");
    site.build(&["--as-of", "2026-12-02"]).ok();
    assert_eq!(updated(&site), "2026-12-01T01:00:00+00:00");
    // A `date` that is not a date is an error at its place.
    site.edit("content/events/london-drinks.md", "date = 2026-12-01T10:00:00", "date = \"soon\"");
    let run = site.check(&["--as-of", "2026-12-01", "--format", "json"]);
    run.failed();
    let d = run.json().into_iter().find(|d| d["file"] == "content/events/london-drinks.md").expect("an error");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(8)), "{d}");
}
