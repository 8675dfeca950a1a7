//! Hostile values in front matter and config (`</script>`, `<!--`, `]]>`,
//! quotes, `,` `;` `\`, CR/LF with an injected iCalendar line, U+2028, very
//! long Japanese text): every output format carries them as data. Parsers
//! read back exactly the input and find no element or property it injected.

use crate::formats::{
    assert_ics_lines, child_text, children, front_value, jsonld, jsonld_of, vevents, xml_element_names,
};
use crate::support::{attrs, body_text, collapse, hostile, texts};

const EVENT: &str = "content/events/hostile.md";
const MESSAGE: &str = "content/messages/hostile.md";
const JOB: &str = "content/jobs/hostile.md";
const PAGE: &str = "content/pages/hostile.md";

fn value(file: &str, key: &str) -> String {
    front_value("hostile-values", file, key)
}

/// The event's summary as text: a summary is Markdown, so its raw HTML
/// (`</script>`) reaches no description and its line break reads as a space;
/// the rest (a `<!--` that is never closed, `&`, quotes) is text.
fn event_summary() -> String {
    let summary = value(EVENT, "summary");
    assert!(summary.contains("</script>") && summary.contains("line\nbreak"), "the fixture changed: {summary:?}");
    "Summary <!-- ]]> & \"q\", ; \\ \u{2028} line break".to_string()
}

fn config(path: &[&str]) -> String {
    let text = crate::support::read(&crate::support::fixtures().join("hostile-values/alumni.toml"));
    let mut v: &toml::Value = &toml::from_str::<toml::Value>(&text).unwrap();
    for k in path {
        v = &v[k];
    }
    v.as_str().unwrap().to_string()
}

#[test]
fn values_show_as_text_in_html() {
    let site = &hostile().site;
    for (rel, file) in [
        ("events/hostile/index.html", EVENT),
        ("messages/hostile/index.html", MESSAGE),
        ("jobs/hostile/index.html", JOB),
        ("hostile/index.html", PAGE),
    ] {
        let doc = site.html(rel);
        let title = value(file, "title");
        assert_eq!(texts(&doc, "h1"), [collapse(&title)], "{rel}");
        let head_title = texts(&doc, "title").join("");
        assert!(head_title.contains(&collapse(&title)) && head_title.contains(&collapse(&config(&["title"]))), "{rel}");
        assert_eq!(attrs(&doc, "meta[property='og:title']", "content"), [title.replace("\r\n", "\n")], "{rel}");
        for script in texts(&doc, "script:not([type='application/ld+json'])") {
            assert!(!script.contains("alert("), "{rel}: an injected script ran: {script}");
        }
        for css in ["[onerror]", "b", "i", "img[src=x]"] {
            assert!(texts(&doc, css).is_empty(), "{rel}: an injected element {css}");
        }
        assert!(body_text(&doc).contains(&collapse(&config(&["brand", "company"]))), "{rel}: the company, as text");
    }
    let event = site.html("events/hostile/index.html");
    assert!(body_text(&event).contains(&collapse(&value(EVENT, "location"))));
    assert_eq!(attrs(&event, "meta[name=description]", "content"), [event_summary()]);
    let links = crate::support::links(&event);
    assert!(links.contains(&value(EVENT, "registration_url")) && links.contains(&value(EVENT, "online_url")));
    // A long Japanese summary is cut at 160 characters for the description.
    let message = site.html("messages/hostile/index.html");
    let long: String = value(MESSAGE, "summary").chars().take(160).collect();
    assert_eq!(attrs(&message, "meta[name=description]", "content"), [format!("{long}…")]);
    assert!(body_text(&message).contains(&collapse(&value(MESSAGE, "author"))));
    // A tag named `<script>` gets a page that shows its name.
    let tag_heading = texts(&site.html("tags/script/index.html"), "h1").join("");
    assert!(tag_heading.contains("<script>"), "{tag_heading}");
    let home = site.html("en/index.html");
    assert_eq!(attrs(&home, "meta[property='og:site_name']", "content"), [config(&["languages", "en", "title"])]);
}

#[test]
fn jsonld_parses_and_equals_the_input() {
    let site = &hostile().site;
    for rel in ["index.html", "en/index.html", "events/hostile/index.html", "jobs/hostile/index.html"] {
        for (raw, _) in jsonld(&site.html(rel)) {
            // In a script element's text only `</` (an end tag) and `<!`
            // (a comment) start anything; `>`, `&` and a `<` before a
            // letter are plain text there.
            for bad in ["</", "<!", "\u{2028}", "\u{2029}"] {
                assert!(!raw.contains(bad), "{rel}: {bad:?} in a script element: {raw}");
            }
        }
    }
    let ev = jsonld_of(&site.html("events/hostile/index.html"), "Event");
    assert_eq!(ev["name"], value(EVENT, "title"));
    assert_eq!(ev["description"], event_summary());
    assert_eq!(ev["location"][0]["name"], value(EVENT, "location"));
    assert_eq!(ev["location"][1]["url"], value(EVENT, "online_url"));
    assert_eq!(ev["offers"]["url"], value(EVENT, "registration_url"));
    assert_eq!(ev["organizer"]["name"], config(&["brand", "company"]));
    assert_eq!(ev["startDate"], "2026-12-05T18:30:00-05:00", "America/New_York in December");

    let job = jsonld_of(&site.html("jobs/hostile/index.html"), "JobPosting");
    assert_eq!(job["title"], value(JOB, "title"));
    assert_eq!(job["hiringOrganization"]["name"], config(&["brand", "company"]));
    assert_eq!(job["jobLocation"]["address"]["addressLocality"], value(JOB, "location"));
    assert_eq!(job["applicantLocationRequirements"]["name"], value(JOB, "location"));
    assert_eq!(job["occupationalCategory"], value(JOB, "department"));
    assert!(job["description"].as_str().unwrap().contains("<code>&lt;/script"), "HTML, as data");

    let org = jsonld_of(&site.html("index.html"), "Organization");
    assert_eq!(org["name"], config(&["brand", "company"]));
}

/// How a TEXT value reads back: line breaks of any kind become `\n`.
fn ics_text(s: &str) -> String {
    s.replace("\r\n", "\n").replace(['\u{2028}', '\u{2029}'], "\n")
}

#[test]
fn calendars_have_no_injected_property() {
    let site = &hostile().site;
    for rel in ["events/hostile/event.ics", "events/calendar.ics", "en/events/calendar.ics"] {
        let text = site.read(rel);
        assert_ics_lines(rel, text.as_bytes());
        assert!(!text.contains("\r\nATTENDEE"), "{rel}: a line starts with an injected property");
        let events = vevents(&text);
        assert_eq!(events.len(), 1, "{rel}");
        let ev = &events[0];
        let names: Vec<&str> = ev.names().into_iter().collect();
        assert_eq!(names, ["DESCRIPTION", "DTEND", "DTSTAMP", "DTSTART", "LOCATION", "SUMMARY", "UID", "URL"], "{rel}");
        assert_eq!(ev.props.len(), 8, "{rel}: each property once");
        assert_eq!(ev.get("SUMMARY"), ics_text(&value(EVENT, "title")), "{rel}");
        assert_eq!(ev.get("LOCATION"), ics_text(&value(EVENT, "location")), "{rel}");
        if rel.ends_with("event.ics") {
            // The event's own file has its whole text.
            assert!(
                ev.get("DESCRIPTION").starts_with(&"アルムナイの皆さまと会社をつなぐ長い説明文です。".repeat(40)),
                "{rel}"
            );
            assert!(ev.get("DESCRIPTION").contains("</script><!--"), "{rel}: code text kept");
        } else {
            // The calendar of all upcoming events describes each by its summary.
            assert_eq!(ev.get("DESCRIPTION"), ics_text(&event_summary()), "{rel}");
        }
        assert_eq!(ev.get("URL"), value(EVENT, "online_url"));
        assert_eq!((ev.get("DTSTART"), ev.get("DTEND")), ("20261205T233000Z", "20261206T013000Z"), "{rel}");
    }
}

#[test]
fn feeds_and_sitemap_have_no_injected_element() {
    let site = &hostile().site;
    let atom_ns = "http://www.w3.org/2005/Atom";
    let allowed: Vec<String> =
        ["feed", "title", "id", "link", "updated", "author", "name", "generator", "entry", "summary", "content"]
            .iter()
            .map(|n| format!("{atom_ns}:{n}"))
            .collect();
    for rel in ["atom.xml", "en/atom.xml"] {
        let text = site.read(rel);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for name in xml_element_names(&doc) {
            assert!(allowed.contains(&name), "{rel}: unexpected element {name}");
        }
        let feed = feed_rs::parser::parse(text.as_bytes()).unwrap();
        assert_eq!(feed.authors[0].name.as_deref(), Some(config(&["brand", "company"]).as_str()));
        assert!(feed.entries.iter().any(|e| e.id.ends_with("/messages/hostile/")));
        // The exact text, as an XML parser reads it (feed-rs trims it).
        let entry = |path: &str| {
            children(doc.root_element(), "entry")
                .into_iter()
                .find(|e| child_text(*e, "id").ends_with(path))
                .unwrap_or_else(|| panic!("{rel}: no entry {path}"))
        };
        let message = entry("/messages/hostile/");
        assert_eq!(child_text(message, "title"), value(MESSAGE, "title"));
        assert_eq!(child_text(message, "summary"), value(MESSAGE, "summary"));
        assert_eq!(child_text(children(message, "author")[0], "name"), value(MESSAGE, "author"));
        // XML reads CR LF as LF.
        assert_eq!(child_text(entry("/events/hostile/"), "title"), value(EVENT, "title").replace("\r\n", "\n"));
    }
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.title.unwrap().content, config(&["title"]));

    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    let names: Vec<String> = xml_element_names(&doc).into_iter().collect();
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let expected = [
        format!("{sm}:lastmod"),
        format!("{sm}:loc"),
        format!("{sm}:url"),
        format!("{sm}:urlset"),
        "http://www.w3.org/1999/xhtml:link".to_string(),
    ];
    for n in &names {
        assert!(expected.contains(n), "unexpected element {n}");
    }
    assert!(children(doc.root_element(), "url").len() >= 10);
}
