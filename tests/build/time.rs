//! The build's one "now" (`--as-of`): a date is the start of that day in the
//! site's time zone; it decides what is published, which events are past and
//! which jobs are open. Drafts are built only with `--drafts`, marked.

use crate::support::{Site, body_text, page_links, ui};

/// A Tokyo site with a message at 08:00 on 1 December, a job open through
/// 24 November, an evening event and an all-day event on 5 December.
fn tokyo_site() -> Site {
    let site = Site::fixture("minimal");
    site.edit("alumni.toml", "[brand]", "timezone = \"Asia/Tokyo\"\n[brand]");
    site.write("content/messages/morning.md", "+++\ntitle = \"Morning\"\ndate = 2026-12-01T08:00:00\n+++\n");
    site.write(
        "content/jobs/clerk.md",
        "+++\ntitle = \"Clerk\"\ndate = 2026-11-01\nvalid_through = 2026-11-24\nlocation = \"Tokyo\"\n\
         employment_type = \"part_time\"\napply_url = \"https://a.example/\"\n+++\n",
    );
    site.write(
        "content/events/evening.md",
        "+++\ntitle = \"Evening\"\nstarts_at = 2026-12-05T18:30:00\nends_at = 2026-12-05T20:30:00\nlocation = \"Tokyo\"\n+++\n",
    );
    site.write(
        "content/events/allday.md",
        "+++\ntitle = \"All day\"\nstarts_at = 2026-12-05\nlocation = \"Tokyo\"\n+++\n",
    );
    site
}

/// What a build as of `when` publishes: is the message built, is the job in
/// the job list, which events are in the calendar of upcoming events.
fn as_of(site: &Site, when: &str) -> (bool, bool, Vec<String>) {
    site.build(&["--as-of", when]).ok();
    let message = site.exists("messages/morning/index.html");
    let job_listed = page_links(&site.html("jobs/index.html"), "/jobs/clerk/").len() == 1;
    let calendar = site.read("events/calendar.ics");
    let events = ["evening", "allday"]
        .iter()
        .filter(|e| calendar.contains(&format!("UID:event-{e}@")))
        .map(|e| e.to_string())
        .collect();
    (message, job_listed, events)
}

#[test]
fn a_date_means_the_start_of_that_day_in_the_site_time_zone() {
    let site = tokyo_site();
    // 2026-12-01 is 00:00 in Tokyo (15:00 UTC the day before): before 08:00.
    assert!(!as_of(&site, "2026-12-01").0, "scheduled at midnight in Tokyo");
    assert!(as_of(&site, "2026-12-01T08:00:00+09:00").0, "published at 08:00 in Tokyo");
    assert!(as_of(&site, "2026-11-30T23:00:00Z").0, "the same instant in UTC");
    assert!(!as_of(&site, "2026-11-30T22:59:59Z").0, "one second before");
}

#[test]
fn a_job_is_open_through_the_end_of_its_last_day_in_the_site_zone() {
    let site = tokyo_site();
    assert!(as_of(&site, "2026-11-24").1);
    assert!(as_of(&site, "2026-11-24T23:59:59+09:00").1, "the last second of the day in Tokyo");
    assert!(!as_of(&site, "2026-11-24T15:00:00Z").1, "midnight in Tokyo: closed");
    // The page stays, and says it is closed.
    let page = body_text(&site.html("jobs/clerk/index.html"));
    assert!(page.contains(&ui("en", "job_closed_notice")), "{page}");
}

#[test]
fn an_event_is_upcoming_until_it_ends() {
    let site = tokyo_site();
    assert_eq!(as_of(&site, "2026-12-05T20:29:59+09:00").2, ["evening", "allday"]);
    assert_eq!(as_of(&site, "2026-12-05T20:30:00+09:00").2, ["allday"], "ended at 20:30");
    assert_eq!(as_of(&site, "2026-12-05T23:59:59+09:00").2, ["allday"], "an all-day event lasts the day");
    assert!(as_of(&site, "2026-12-06").2.is_empty());
    let past = page_links(&site.html("events/index.html"), "/events/");
    assert_eq!(past, ["/events/", "/events/evening/", "/events/allday/"], "past, most recent first");
}

#[test]
fn drafts_are_built_only_with_drafts_and_marked() {
    let site = Site::fixture("portal");
    site.build(&["--as-of", "2026-11-24"]).ok();
    assert!(!site.exists("messages/draft-note/index.html"));
    let list = body_text(&site.html("messages/index.html"));
    assert!(!list.contains(&ui("ja", "draft")));

    site.build(&["--as-of", "2026-11-24", "--drafts"]).ok();
    let page = body_text(&site.html("messages/draft-note/index.html"));
    assert!(page.contains(&ui("ja", "draft_notice")), "the draft is marked: {page}");
    assert!(site.read("atom.xml").contains("/messages/draft-note/"));
    let mut listed = false;
    for rel in ["messages/index.html", "messages/page/2/index.html"] {
        let doc = site.html(rel);
        if page_links(&doc, "/messages/draft-note/").len() == 1 {
            listed = true;
            assert!(body_text(&doc).contains(&ui("ja", "draft")), "marked in the list too");
        }
    }
    assert!(listed, "the draft is in the message list");
    // Published pages are not marked.
    assert!(!body_text(&site.html("messages/newsletter/index.html")).contains(&ui("ja", "draft_notice")));
}

#[test]
fn dates_past_the_supported_range_are_reported_in_words() {
    // The minimal site is in UTC, where 9999-12-31 is past the last instant.
    let site = Site::fixture("minimal");
    site.write("content/messages/far.md", "+++\ntitle = \"Far\"\ndate = 9999-12-31\n+++\n");
    site.write(
        "content/jobs/forever.md",
        "+++\ntitle = \"Forever\"\ndate = 2026-01-01\nvalid_through = 9999-12-30\nlocation = \"Tokyo\"\n\
         employment_type = \"other\"\napply_url = \"https://a.example/\"\n+++\n",
    );
    let run = site.check(&["--format", "json"]);
    run.failed();
    let beyond = "is beyond the supported range of dates, which ends on 9999-12-30 (at 22:00 UTC)";
    let found: Vec<(String, u64, u64, String)> = run
        .json()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            (
                d["file"].as_str().unwrap().to_string(),
                n("line"),
                n("column"),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("content/jobs/forever.md".to_string(), 4, 17, format!("`valid_through`: the end of 9999-12-30 {beyond}")),
            ("content/messages/far.md".to_string(), 3, 8, format!("`date`: 9999-12-31 {beyond}")),
        ]
    );
    assert!(!run.stderr.contains("Unix timestamp"), "{}", run.stderr);
    site.remove("content/messages/far.md").remove("content/jobs/forever.md");
    // A wrong --as-of is a wrong command line.
    let run = site.check(&["--as-of", "9999-12-31"]);
    run.assert_code(2).stderr_has(&[&format!("`9999-12-31` {beyond}")]);
}
