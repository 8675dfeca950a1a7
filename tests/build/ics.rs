//! Calendar files (RFC 5545), read with the `icalendar` crate's parser: the
//! right instants, the exact properties, stable identity between builds.

use crate::formats::{assert_ics_lines, vevents};
use crate::support::{Site, attrs, portal, tree};

#[test]
fn every_calendar_file_is_well_formed() {
    let site = &portal().site;
    let files: Vec<(String, Vec<u8>)> = tree(&site.public()).into_iter().filter(|(p, _)| p.ends_with(".ics")).collect();
    // One per event (past ones too) and one calendar per language.
    assert_eq!(files.len(), 7 + 2, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let allowed = ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL"];
    for (name, bytes) in &files {
        assert_ics_lines(name, bytes);
        for ev in vevents(std::str::from_utf8(bytes).unwrap()) {
            for required in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"] {
                ev.get(required);
            }
            for n in ev.names() {
                assert!(allowed.contains(&n), "{name}: unexpected property {n}");
            }
            assert_eq!(ev.props.len(), ev.names().len(), "{name}: a property twice");
        }
    }
}

#[test]
fn start_and_end_are_the_right_instants() {
    let site = &portal().site;
    let one = |slug: &str| {
        let mut all = vevents(&site.read(&format!("events/{slug}/event.ics")));
        assert_eq!(all.len(), 1);
        all.remove(0)
    };
    // Local times in the site's zone (Asia/Tokyo, UTC+9).
    let ev = one("winter-meetup");
    assert_eq!((ev.get("DTSTART"), ev.get("DTEND")), ("20261205T093000Z", "20261205T113000Z"));
    assert_eq!(ev.get("SUMMARY"), "アルムナイ交流会 2026 冬");
    assert_eq!(ev.get("LOCATION"), "東京本社 20階ホール");
    assert_eq!(ev.get("URL"), "https://alumni.example.com/events/winter-meetup/");
    // The event's own zone: 18:00 in London in July is 17:00 UTC.
    let ev = one("london-drinks");
    assert_eq!((ev.get("DTSTART"), ev.get("DTEND")), ("20270701T170000Z", "20270701T203000Z"));
    assert_eq!(ev.get("LOCATION"), "The George, Southwark", "the comma round-trips");
    assert_eq!(ev.get("URL"), "https://meet.example.com/london", "online events link to the meeting");
    // All-day events are DATE values; DTEND is the day after the last day.
    let ev = one("new-year");
    assert_eq!((ev.get("DTSTART"), ev.get("DTEND")), ("20270104", "20270106"));
    assert_eq!(ev.params("DTSTART"), ["VALUE=DATE"]);
    assert_eq!(ev.params("DTEND"), ["VALUE=DATE"]);
    let ev = one("summer-picnic");
    assert_eq!((ev.get("DTSTART"), ev.get("DTEND")), ("20260801", "20260802"));
    // An online-only event: the meeting link is also the location.
    let ev = one("online-session");
    assert_eq!(ev.get("LOCATION"), "https://meet.example.com/alumni-session");
    assert_eq!(ev.get("DESCRIPTION"), "復職制度についてオンラインでご説明します。");
}

#[test]
fn the_calendar_holds_upcoming_events_in_each_language() {
    let site = &portal().site;
    let uids = |rel: &str| -> Vec<String> {
        vevents(&site.read(rel)).iter().map(|e| e.get("UID").split('@').next().unwrap().to_string()).collect()
    };
    let ja = uids("events/calendar.ics");
    assert_eq!(ja, ["event-winter-meetup", "event-online-session", "event-new-year", "event-london-drinks"]);
    let en = vevents(&site.read("en/events/calendar.ics"));
    let titles: Vec<&str> = en.iter().map(|e| e.get("SUMMARY")).collect();
    assert_eq!(titles[0], "Alumni Meetup Winter 2026", "the English version where there is one");
    assert_eq!(titles.len(), 4);
    // One UID per event whatever its language: subscribing to both calendars
    // does not show an event twice.
    assert_eq!(uids("en/events/calendar.ics"), ja);
    // Event pages link to their calendar file.
    let page = site.html("events/winter-meetup/index.html");
    let ics = "/events/winter-meetup/event.ics".to_string();
    assert!(attrs(&page, "a", "href").contains(&ics));
}

#[test]
fn uid_and_dtstamp_do_not_change_between_builds() {
    let first = &portal().site;
    let later = Site::fixture("portal");
    later.build(&["--as-of", "2026-12-01T12:00:00+09:00"]).ok();
    for slug in ["winter-meetup", "london-drinks", "new-year", "summer-picnic"] {
        let rel = format!("events/{slug}/event.ics");
        let (a, b) = (vevents(&first.read(&rel)), vevents(&later.read(&rel)));
        assert_eq!(a[0].get("UID"), b[0].get("UID"), "{slug}");
        assert_eq!(a[0].get("DTSTAMP"), b[0].get("DTSTAMP"), "{slug}: DTSTAMP comes from the content");
        assert_eq!(first.read(&rel), later.read(&rel), "{slug}: the same file");
    }
    // Translations of an event are one event.
    let (ja, en) = (
        vevents(&first.read("events/winter-meetup/event.ics")),
        vevents(&first.read("en/events/winter-meetup/event.ics")),
    );
    assert_eq!(ja[0].get("UID"), "event-winter-meetup@alumni.example.com");
    assert_eq!(en[0].get("UID"), ja[0].get("UID"));
    assert_ne!(en[0].get("SUMMARY"), ja[0].get("SUMMARY"));
    // UIDs are unique within a calendar and name the site's host.
    let all = vevents(&first.read("events/calendar.ics"));
    let uids: std::collections::BTreeSet<&str> = all.iter().map(|e| e.get("UID")).collect();
    assert_eq!(uids.len(), all.len());
    assert!(uids.iter().all(|u| u.ends_with("@alumni.example.com")));
}

#[test]
fn the_google_calendar_link_carries_the_same_event() {
    let site = &portal().site;
    let query = |slug: &str| -> std::collections::BTreeMap<String, String> {
        let doc = site.html(&format!("events/{slug}/index.html"));
        let link = attrs(&doc, "a[href^='https://calendar.google.com/']", "href");
        assert_eq!(link.len(), 1, "{slug}: one link");
        url::Url::parse(&link[0]).unwrap().query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
    };
    let q = query("london-drinks");
    assert_eq!(q["action"], "TEMPLATE");
    assert_eq!(q["text"], "London Alumni Drinks");
    assert_eq!(q["dates"], "20270701T170000Z/20270701T203000Z");
    assert_eq!(q["ctz"], "Europe/London");
    assert_eq!(q["location"], "The George, Southwark");
    assert!(q["details"].ends_with("https://alumni.example.com/events/london-drinks/"));
    assert_eq!(query("new-year")["dates"], "20270104/20270106", "all day: the day after the last");
    // A past event offers no calendar links.
    let past = site.html("events/summer-picnic/index.html");
    assert!(attrs(&past, "a[href^='https://calendar.google.com/']", "href").is_empty());
}
