//! Judging the calendars as ical.js parsed them (tests/browser/calendars.mjs):
//! every VEVENT holds exactly the properties it should, with the content's
//! values, so a line break in a title can never become a property of its own.

use serde_json::Value;

use alumni::content::{Event, Kind};
use alumni::site::Page;

use super::sites::{Built, ics_text};

/// (property name, value) in file order.
type Props = Vec<(String, String)>;

fn props(v: &Value) -> Props {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|p| (p[0].as_str().unwrap_or("").to_string(), p[1].as_str().unwrap_or("").to_string()))
        .collect()
}

fn names(p: &Props) -> Vec<String> {
    let mut n: Vec<String> = p.iter().map(|(k, _)| k.clone()).collect();
    n.sort();
    n
}

/// The calendar files of a site: (path relative to the output, what it holds).
pub enum Expect {
    /// One event's own file.
    Event(usize),
    /// A language's calendar of upcoming events.
    Language(usize),
}

pub fn files(b: &Built) -> Vec<(String, Expect)> {
    let mut out: Vec<(String, Expect)> = b
        .site
        .langs
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("{}events/calendar.ics", l.prefix), Expect::Language(i)))
        .collect();
    for (i, p) in b.site.pages.iter().enumerate() {
        if matches!(p.src.kind, Kind::Event(_)) {
            out.push((p.ics_path(), Expect::Event(i)));
        }
    }
    out
}

/// Problems in one parsed file (`parsed` is calendars.mjs's entry for it).
pub fn check(b: &Built, rel: &str, expect: &Expect, parsed: &Value) -> Vec<String> {
    let at = |x: String| format!("[{}] {rel}: {x}", b.name);
    if let Some(e) = parsed.get("error") {
        return vec![at(format!("does not parse: {e}"))];
    }
    let mut out = Vec::new();
    let site = &b.site;
    let cal = props(&parsed["calendar"]);
    let mut want_cal = vec!["CALSCALE", "METHOD", "PRODID", "VERSION"];
    if let Expect::Language(li) = expect {
        want_cal.push("X-WR-CALNAME");
        let code = &site.langs[*li].code;
        let title = site.config.language(code).map_or(site.config.title.as_str(), |x| x.title.as_str());
        let got = cal.iter().find(|(k, _)| k == "X-WR-CALNAME").map(|(_, v)| v.as_str());
        if got != Some(ics_text(title).as_str()) {
            out.push(at(format!("X-WR-CALNAME is {got:?}, expected {:?}", ics_text(title))));
        }
    }
    want_cal.sort();
    if names(&cal) != want_cal {
        out.push(at(format!("calendar properties {:?}, expected exactly {want_cal:?}", names(&cal))));
    }
    for other in parsed["otherComponents"].as_array().into_iter().flatten() {
        out.push(at(format!("unexpected component {other}")));
    }
    let events: Vec<&Value> = parsed["events"].as_array().into_iter().flatten().collect();
    let wanted: Vec<usize> = match expect {
        Expect::Event(i) => vec![*i],
        Expect::Language(li) => site.langs[*li].upcoming.clone(),
    };
    if events.len() != wanted.len() {
        out.push(at(format!("{} VEVENTs, expected {}", events.len(), wanted.len())));
    }
    // Match each VEVENT to its page by title: the order is the calendar's business.
    let mut by_summary: Vec<(String, usize)> =
        wanted.iter().map(|&i| (ics_text(&site.pages[i].src.title), i)).collect();
    for ev in events {
        let p = props(&ev["props"]);
        for c in ev["components"].as_array().into_iter().flatten() {
            out.push(at(format!("unexpected component {c} inside a VEVENT")));
        }
        let summary = p.iter().find(|(k, _)| k == "SUMMARY").map(|(_, v)| v.clone()).unwrap_or_default();
        match by_summary.iter().position(|(t, _)| *t == summary).map(|k| by_summary.remove(k).1) {
            Some(i) => out.extend(vevent(b, &site.pages[i], &p).into_iter().map(&at)),
            None => out.push(at(format!("VEVENT with SUMMARY {summary:?} matches no expected event"))),
        }
    }
    out
}

/// Exactly the properties of one event, with its values.
fn vevent(b: &Built, page: &Page, p: &Props) -> Vec<String> {
    let Kind::Event(e) = &page.src.kind else { unreachable!("only events have calendar entries") };
    let mut out = Vec::new();
    let mut want = vec!["DTSTAMP", "DTSTART", "SUMMARY", "UID", "URL"];
    if e.ends.is_some() || e.all_day {
        want.push("DTEND");
    }
    if e.location.is_some() || e.online_url.is_some() {
        want.push("LOCATION");
    }
    let has_description = p.iter().any(|(k, _)| k == "DESCRIPTION");
    if has_description {
        want.push("DESCRIPTION");
    }
    want.sort();
    if names(p) != want {
        out.push(format!("{:?}: properties {:?}, expected exactly {want:?}", page.src.title, names(p)));
    }
    let get = |k: &str| p.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let location = e.location.as_deref().or(e.online_url.as_deref()).map(ics_text);
    if get("LOCATION") != location {
        out.push(format!("LOCATION {:?}, expected {location:?}", get("LOCATION")));
    }
    let url = e.online_url.clone().unwrap_or_else(|| b.site.config.base_url.absolute(&page.url));
    let url: String = url.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    if get("URL").as_deref() != Some(url.as_str()) {
        out.push(format!("URL {:?}, expected {url:?}", get("URL")));
    }
    if get("DTSTART").as_deref() != Some(start(e).as_str()) {
        out.push(format!("DTSTART {:?}, expected {:?}", get("DTSTART"), start(e)));
    }
    if get("UID").is_none_or(|u| u.is_empty() || u.contains(char::is_whitespace)) {
        out.push(format!("UID {:?} is empty or has white space", get("UID")));
    }
    out
}

fn start(e: &Event) -> String {
    if e.all_day {
        e.starts.date().to_string()
    } else {
        e.starts.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}
