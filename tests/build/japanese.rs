//! Japanese text as Japanese people write Markdown: line breaks inside a
//! paragraph and bold next to 「」 come out right in the page and in every
//! text made from it (description, feed, calendar, structured data).

use crate::formats::{jsonld_of, vevents};
use crate::support::Site;

const MESSAGE: &str = "+++
title = \"ごあいさつ\"
date = 2026-04-01
+++
代表取締役社長の桜井です。
このたび**「サクラ電機アルムナイネットワーク」**を開設しました。
**「重要」**なお知らせです。強調が**効く**ことを確かめます。
";

const EVENT: &str = "+++
title = \"交流会\"
starts_at = 2027-02-05T18:30:00
location = \"東京本社\"
+++
年末の交流会を
開きます。**「懇親会」**もあります。

詳しくは
[案内](@/messages/welcome.md)をご覧ください。
";

fn site() -> Site {
    let site = Site::fixture("minimal");
    site.edit(
        "alumni.toml",
        "title = \"Minimal Alumni\"",
        "title = \"サクラ電機 アルムナイ\"\nlanguage = \"ja\"\ntimezone = \"Asia/Tokyo\"",
    );
    site.write("content/messages/welcome.md", MESSAGE);
    site.write("content/events/meetup.md", EVENT);
    site
}

fn text_of(doc: &scraper::Html, css: &str) -> String {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).next().unwrap_or_else(|| panic!("no {css}")).text().collect()
}

fn meta(doc: &scraper::Html, name: &str) -> String {
    let sel = scraper::Selector::parse(&format!("meta[name=\"{name}\"], meta[property=\"{name}\"]")).unwrap();
    doc.select(&sel).next().unwrap_or_else(|| panic!("no meta {name}")).value().attr("content").unwrap().to_string()
}

const JOINED: &str = "代表取締役社長の桜井です。このたび「サクラ電機アルムナイネットワーク」を開設しました。「重要」なお知らせです。強調が効くことを確かめます。";

#[test]
fn soft_breaks_and_bold_read_right_in_the_page_and_its_texts() {
    let site = site();
    site.build(&["--as-of", "2026-12-01"]).ok();
    let page = site.html("messages/welcome/index.html");
    let body = site.read("messages/welcome/index.html");
    assert!(body.contains("<strong>「サクラ電機アルムナイネットワーク」</strong>を"), "{body}");
    assert!(body.contains("<strong>「重要」</strong>なお知らせです。強調が<strong>効く</strong>"), "{body}");
    assert!(!body.contains("**"));
    assert!(!body.contains("です。\nこのたび") && !body.contains("です。 このたび"));
    assert_eq!(text_of(&page, ".prose p"), JOINED);
    assert_eq!(meta(&page, "description"), JOINED);
    // The Atom feed's summary, and the JSON-LD description.
    let atom = site.read("atom.xml");
    assert!(atom.contains(JOINED), "{atom}");
    assert!(!atom.contains("**"));
}

#[test]
fn calendars_and_calendar_links_get_text_not_markdown() {
    let site = site();
    site.build(&["--as-of", "2026-12-01"]).ok();
    let ics = site.read("events/meetup/event.ics");
    let ev = &vevents(&ics)[0];
    let description = ev.get("DESCRIPTION");
    assert!(description.starts_with("年末の交流会を開きます。「懇親会」もあります。"), "{description}");
    assert!(description.contains("詳しくは案内をご覧ください。"), "{description}");
    assert!(!description.contains("**") && !description.contains('[') && !description.contains("\n開"));
    assert_eq!(ev.get("SUMMARY"), "交流会");
    // Structured data and the page's description start from the same text.
    let doc = site.html("events/meetup/index.html");
    let ld = jsonld_of(&doc, "Event");
    assert!(ld["description"].as_str().unwrap().starts_with("年末の交流会を開きます。「懇親会」もあります。"), "{ld}");
    assert_eq!(meta(&doc, "description"), "年末の交流会を開きます。「懇親会」もあります。");
    let page = site.read("events/meetup/index.html");
    let link = page.split("https://calendar.google.com/calendar/render?").nth(1).expect("a calendar link");
    let link = &link[..link.find('"').unwrap()];
    let details = link.split("&amp;").find_map(|p| p.strip_prefix("details=")).expect("details");
    let decoded = percent_encoding::percent_decode_str(details).decode_utf8().unwrap().replace('+', " ");
    assert!(decoded.contains("年末の交流会を開きます。「懇親会」もあります。"), "{decoded}");
    assert!(!decoded.contains("**"));
}

#[test]
fn summaries_in_markdown_become_text() {
    let site = site();
    site.edit(
        "content/messages/welcome.md",
        "date = 2026-04-01",
        "date = 2026-04-01\nsummary = \"**「重要」**なお知らせ：`alumni`と[案内](https://example.com/)<b>です</b>\"",
    );
    site.build(&["--as-of", "2026-12-01"]).ok();
    let page = site.html("messages/welcome/index.html");
    let want = "「重要」なお知らせ：alumniと案内です";
    assert_eq!(meta(&page, "description"), want);
    assert!(site.read("atom.xml").contains(want));
    site.edit("content/events/meetup.md", "location =", "summary = \"**「懇親会」**あり\\n全員参加\"\nlocation =");
    site.build(&["--as-of", "2026-12-01"]).ok();
    let doc = site.html("events/meetup/index.html");
    assert_eq!(jsonld_of(&doc, "Event")["description"], "「懇親会」あり全員参加");
    let ics = site.read("events/calendar.ics");
    assert!(ics.contains("「懇親会」あり全員参加"), "{ics}");
}

#[test]
fn latin_line_breaks_keep_their_space_and_hangul_too() {
    let site = site();
    site.write(
        "content/messages/mixed.md",
        "+++\ntitle = \"Mixed\"\ndate = 2026-04-02\n+++\nWelcome to the\nnetwork. 日本語の文と\nEnglish words。\n안녕하세요\n반갑습니다\n",
    );
    site.build(&["--as-of", "2026-12-01"]).ok();
    let page = site.html("messages/mixed/index.html");
    assert_eq!(
        text_of(&page, ".prose p"),
        "Welcome to the\nnetwork. 日本語の文と\nEnglish words。\n안녕하세요\n반갑습니다"
    );
    assert_eq!(
        meta(&page, "description"),
        "Welcome to the network. 日本語の文と English words。 안녕하세요 반갑습니다"
    );
}

#[test]
fn both_rules_can_be_switched_off() {
    let site = site();
    site.edit(
        "alumni.toml",
        "[brand]",
        "[markdown]\neast_asian_line_breaks = false\ncjk_friendly_emphasis = false\n\n[brand]",
    );
    site.build(&["--as-of", "2026-12-01"]).ok();
    let body = site.read("messages/welcome/index.html");
    assert!(body.contains("です。\nこのたび"), "{body}");
    assert!(body.contains("**「サクラ電機アルムナイネットワーク」**"), "CommonMark leaves these literal: {body}");
    let page = site.html("messages/welcome/index.html");
    assert!(meta(&page, "description").starts_with("代表取締役社長の桜井です。 このたび"));
}

#[test]
fn an_unknown_markdown_key_is_an_error_with_its_place() {
    let site = site();
    site.edit("alumni.toml", "[brand]", "[markdown]\neast_asian_linebreaks = false\n\n[brand]");
    site.check(&["--format", "json"]).failed();
    let run = site.check(&["--format", "json"]);
    let d = run.diagnostic("unknown-key");
    assert_eq!(d["file"], "alumni.toml");
    assert!(d["notes"].to_string().contains("east_asian_line_breaks"), "{d}");
}
