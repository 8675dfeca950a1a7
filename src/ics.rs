//! iCalendar (RFC 5545) files: one per event and a subscribable calendar of
//! upcoming events per language. Times are written in UTC (allowed by the RFC
//! and understood by every calendar app), so no VTIMEZONE is needed; all-day
//! events use DATE values. Everything is derived from the content, never from
//! the clock, so files are identical between builds.

use jiff::ZonedDateTime;

use crate::content::{Event, Kind};
use crate::site::{Page, Site};

const PRODID: &str = concat!("-//alumni//alumni ", env!("CARGO_PKG_VERSION"), "//EN");

/// The calendar file of one event.
pub fn event_file(site: &Site, page: &Page, description: &str) -> String {
    let mut out = header(None);
    if let Kind::Event(e) = &page.src.kind {
        vevent(&mut out, site, page, e, description);
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// The calendar of every upcoming event in `lang`'s event list; `description`
/// gives the text of page `i`'s entry.
pub fn calendar<'a>(site: &'a Site, lang: usize, description: &dyn Fn(usize) -> &'a str) -> String {
    let l = &site.langs[lang];
    let name = site.config.language(&l.code).map_or(site.config.title.as_str(), |x| x.title.as_str());
    let mut out = header(Some(name));
    for &i in &l.upcoming {
        if let Kind::Event(e) = &site.pages[i].src.kind {
            vevent(&mut out, site, &site.pages[i], e, description(i));
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn header(name: Option<&str>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{PRODID}"));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    if let Some(n) = name {
        line(&mut out, &format!("X-WR-CALNAME:{}", text(n)));
    }
    out
}

fn vevent(out: &mut String, site: &Site, page: &Page, e: &Event, description: &str) {
    let host = &site.config.base_url.host;
    let permalink = site.config.base_url.absolute(&page.url);
    line(out, "BEGIN:VEVENT");
    // The key is the file name without language: stable across builds and
    // slugs, and one for all translations, so that someone who subscribes to
    // two languages' calendars gets each event once.
    line(out, &format!("UID:{}", text(&format!("event-{}@{host}", page.src.key.replace('/', "-")))));
    // When the event was announced if the content says, else its start:
    // from the content, never from the clock, so the file is stable.
    let stamp = e.announced.unwrap_or_else(|| e.starts.timestamp());
    line(out, &format!("DTSTAMP:{}", stamp.strftime("%Y%m%dT%H%M%SZ")));
    if e.all_day {
        let end_date = e.ends.as_ref().map_or(e.starts.date(), ZonedDateTime::date);
        let after = end_date.tomorrow().unwrap_or(end_date);
        line(out, &format!("DTSTART;VALUE=DATE:{}", e.starts.date().strftime("%Y%m%d")));
        line(out, &format!("DTEND;VALUE=DATE:{}", after.strftime("%Y%m%d")));
    } else {
        line(out, &["DTSTART:", &utc(&e.starts)].concat());
        if let Some(end) = &e.ends {
            line(out, &["DTEND:", &utc(end)].concat());
        }
    }
    line(out, &["SUMMARY:", &text(&page.src.title)].concat());
    if !description.is_empty() {
        line(out, &["DESCRIPTION:", &text(description)].concat());
    }
    let location = match (&e.location, &e.online_url) {
        (Some(l), _) => Some(l.as_str()),
        (None, Some(u)) => Some(u.as_str()),
        _ => None,
    };
    if let Some(l) = location {
        line(out, &["LOCATION:", &text(l)].concat());
    }
    let url = e.online_url.as_deref().unwrap_or(&permalink);
    line(out, &["URL:", &uri(url)].concat());
    line(out, "END:VEVENT");
}

fn utc(z: &ZonedDateTime) -> String {
    z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Escape a TEXT value (RFC 5545 3.3.11). Line breaks become `\n`, so no value
/// can start a property of its own; other control characters are dropped.
pub fn text(s: &str) -> String {
    let suspect = |b: u8| (b == b'\\') | (b == b';') | (b == b',') | crate::scan::control_or_separator(b);
    crate::scan::rewrite(s, suspect, |c, rest| match c {
        '\\' => Some("\\\\"),
        ';' => Some("\\;"),
        ',' => Some("\\,"),
        '\r' if rest.starts_with('\n') => Some(""),
        '\r' | '\n' | '\u{2028}' | '\u{2029}' => Some("\\n"),
        c if c.is_control() => Some(""),
        _ => None,
    })
}

/// A URI value: no escaping applies, but control characters and spaces can
/// never be part of one.
fn uri(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect()
}

/// Append a content line, folded at 75 octets without splitting a UTF-8
/// character, ended with CRLF (RFC 5545 3.1).
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74; // the continuation line's leading space counts
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "あ".repeat(40)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "あ".repeat(40)));
    }

    #[test]
    fn escapes_text_and_neutralises_line_breaks() {
        assert_eq!(text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(text("x\r\nATTENDEE:mailto:x@evil.example"), "x\\nATTENDEE:mailto:x@evil.example");
        assert_eq!(text("bell\u{7}"), "bell");
    }
}
