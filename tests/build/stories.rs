//! Alumni stories: `content/stories/*.md` -> `/stories/` and
//! `/stories/<slug>/`, on the home page, in tags, the feed, the sitemap and
//! structured data, in both languages; and a site without stories unchanged.

use crate::support::{AS_OF, Site, attrs, body_text, texts, ui};

const SATO: &str = r#"+++
title = "地方の物流を変えていく"
date = 2026-10-15
person = "佐藤 由美"
role_then = "物流企画部 課長代理"
role_now = "株式会社みちのくロジ 代表取締役"
years = 12
photo = "images/sato.svg"
photo_alt = "佐藤 由美さんのイラスト"
quote = "迷ったら現場へ。"
summary = "独立して東北の共同配送会社を立ち上げた佐藤さんのストーリーです。"
tags = ["起業"]
+++
物流企画部で12年、
国内外の物流網の見直しを担当しました。
"#;

const SATO_EN: &str = r#"+++
title = "Changing regional logistics"
date = 2026-10-15
person = "Yumi Sato"
role_now = "CEO, Michinoku Logi"
tags = ["Start-ups"]
+++
Twelve years in logistics planning.
"#;

const LATER: &str = r#"+++
title = "来年公開のストーリー"
date = 2027-01-10
person = "予定 太郎"
+++
まだ公開されません。
"#;

fn with_stories() -> Site {
    let site = Site::fixture("portal");
    site.write("content/stories/sato.md", SATO)
        .write("content/stories/sato.en.md", SATO_EN)
        .write("content/stories/later.md", LATER)
        .write("static/images/sato.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site
}

#[test]
fn stories_have_a_list_and_pages_in_both_languages() {
    let site = with_stories();
    site.build(&["--as-of", AS_OF]).ok();
    let page = site.html("stories/sato/index.html");
    assert_eq!(texts(&page, "main h1"), ["地方の物流を変えていく"]);
    let text = body_text(&page);
    for fact in ["佐藤 由美", "物流企画部 課長代理", "株式会社みちのくロジ 代表取締役", "迷ったら現場へ。"]
    {
        assert!(text.contains(fact), "{fact} in {text}");
    }
    assert!(text.contains(&ui("ja", "story_years_value").replace("{n}", "12")), "{text}");
    // Soft line breaks between Japanese characters are no space, as elsewhere.
    assert!(text.contains("物流企画部で12年、国内外"), "{text}");
    assert_eq!(attrs(&page, "img.story-photo", "src"), ["/images/sato.svg"]);
    assert_eq!(attrs(&page, "img.story-photo", "alt"), ["佐藤 由美さんのイラスト"]);
    // The list, newest first, without the scheduled story.
    let list = site.html("stories/index.html");
    assert_eq!(texts(&list, "main h1"), [ui("ja", "stories")]);
    assert_eq!(attrs(&list, ".story-list a", "href"), ["/stories/sato/"]);
    assert!(!site.exists("stories/later/index.html"));
    // English: its own translation.
    let en = site.html("en/stories/sato/index.html");
    assert_eq!(texts(&en, "main h1"), ["Changing regional logistics"]);
    assert_eq!(attrs(&site.html("en/stories/index.html"), ".story-list a", "href"), ["/en/stories/sato/"]);
}

#[test]
fn stories_appear_on_home_in_navigation_tags_feed_and_sitemap() {
    let site = with_stories();
    site.build(&["--as-of", AS_OF]).ok();
    let home = site.html("index.html");
    assert_eq!(texts(&home, "#stories-title"), [ui("ja", "latest_stories")]);
    assert!(attrs(&home, ".story-list a", "href").contains(&"/stories/sato/".to_string()));
    // Every page links to the list.
    for rel in ["index.html", "events/index.html", "jobs/engineer/index.html", "en/index.html"] {
        let nav = attrs(&site.html(rel), ".main-nav a", "href");
        assert!(nav.iter().any(|h| h.ends_with("stories/")), "{rel}: {nav:?}");
    }
    let tag = site.html("tags/起業/index.html");
    assert!(attrs(&tag, "main a", "href").contains(&"/stories/sato/".to_string()));
    let atom = site.read("atom.xml");
    let feed = feed_rs::parser::parse(atom.as_bytes()).expect("the feed parses");
    assert!(feed.entries.iter().any(|e| e.links.iter().any(|l| l.href.ends_with("/stories/sato/"))));
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    for url in ["/stories/", "/stories/sato/", "/en/stories/", "/en/stories/sato/"] {
        assert!(locs.contains(&format!("https://alumni.example.com{url}").as_str()), "{url}");
    }
}

#[test]
fn a_story_is_an_article_about_its_person() {
    let site = with_stories();
    site.build(&["--as-of", AS_OF]).ok();
    let page = site.html("stories/sato/index.html");
    let scripts: Vec<String> = page
        .select(&scraper::Selector::parse("script[type='application/ld+json']").unwrap())
        .map(|s| s.text().collect())
        .collect();
    let article = scripts
        .iter()
        .map(|s| serde_json::from_str::<serde_json::Value>(s).expect("JSON-LD parses"))
        .find(|v| v["@type"] == "Article")
        .expect("an Article");
    assert_eq!(article["headline"], "地方の物流を変えていく");
    assert_eq!(article["about"]["@type"], "Person");
    assert_eq!(article["about"]["name"], "佐藤 由美");
    assert_eq!(article["about"]["jobTitle"], "株式会社みちのくロジ 代表取締役");
    assert_eq!(article["datePublished"], "2026-10-15T00:00:00+09:00");
    assert_eq!(article["image"], "https://alumni.example.com/images/sato.svg");
    assert_eq!(article["inLanguage"], "ja");
}

#[test]
fn story_mistakes_are_errors_at_their_place() {
    let site = with_stories();
    site.edit("content/stories/sato.md", "photo = \"images/sato.svg\"", "photo = \"images/nobody.jpg\"").edit(
        "content/stories/sato.en.md",
        "person = \"Yumi Sato\"\n",
        "years = 200\n",
    );
    let run = site.check(&["--as-of", AS_OF, "--format", "json"]);
    run.failed();
    let photo = run.diagnostic("story-photo-missing");
    assert_eq!(photo["file"], "content/stories/sato.md");
    assert_eq!(photo["line"], 8);
    let missing = run.diagnostic("missing-field");
    assert_eq!(missing["file"], "content/stories/sato.en.md");
    assert!(missing["message"].as_str().unwrap().contains("person"));
    let years = run.diagnostic("story-years");
    assert_eq!((years["line"].as_u64(), years["column"].as_u64()), (Some(4), Some(9)));
}

#[test]
fn a_site_without_stories_has_no_story_page_or_link() {
    let site = Site::fixture("portal");
    site.build(&["--as-of", AS_OF]).ok();
    assert!(!site.exists("stories/index.html"));
    assert!(!site.read("sitemap.xml").contains("/stories/"));
    let nav = attrs(&site.html("index.html"), ".main-nav a", "href");
    assert!(!nav.iter().any(|h| h.contains("stories")), "{nav:?}");
    assert!(texts(&site.html("index.html"), "#stories-title").is_empty());
}

#[test]
fn a_theme_written_before_stories_shows_them_in_its_own_look() {
    // The own-theme fixture's theme has no story templates (and no generic
    // list): a story takes its page.html, the list its message list.
    let site = Site::fixture("own-theme");
    site.write(
        "content/stories/hanako.md",
        "+++\ntitle = \"A new path\"\ndate = 2026-05-01\nperson = \"Hanako\"\n+++\nHello.\n",
    );
    site.build(&["--as-of", AS_OF]).ok();
    let page = site.html("stories/hanako/index.html");
    assert_eq!(attrs(&page, "body", "class"), ["plain-theme section-stories"]);
    assert_eq!(texts(&page, "h1"), ["A new path"]);
    let list = site.html("stories/index.html");
    assert_eq!(attrs(&list, "a", "href"), ["/stories/hanako/"]);
    assert!(!site.exists("assets/alumni.css"), "nothing of the bundled theme");
}
