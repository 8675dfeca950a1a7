//! schema.org JSON-LD, extracted from the pages with an HTML parser and read
//! with serde_json: Event, JobPosting (open jobs only) and Organization.

use serde_json::json;

use crate::formats::{jsonld, jsonld_of};
use crate::support::portal;

fn org() -> serde_json::Value {
    json!({
        "@type": "Organization",
        "name": "ミライ商事株式会社",
        "url": "https://alumni.example.com/",
        "logo": "https://alumni.example.com/logo.svg",
    })
}

#[test]
fn event_pages_describe_the_event() {
    let site = &portal().site;
    let ev = jsonld_of(&site.html("events/winter-meetup/index.html"), "Event");
    assert_eq!(ev["@context"], "https://schema.org");
    assert_eq!(ev["name"], "アルムナイ交流会 2026 冬");
    assert_eq!(ev["startDate"], "2026-12-05T18:30:00+09:00");
    assert_eq!(ev["endDate"], "2026-12-05T20:30:00+09:00");
    assert_eq!(ev["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
    assert_eq!(ev["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(ev["location"]["@type"], "Place");
    assert_eq!(ev["location"]["name"], "東京本社 20階ホール");
    assert_eq!(ev["organizer"], org());
    assert_eq!(ev["url"], "https://alumni.example.com/events/winter-meetup/");
    assert_eq!(ev["description"], "年末恒例の交流会です。", "the summary");
    assert_eq!(ev["offers"]["url"], "https://forms.example.com/winter-meetup");
    assert_eq!(ev["offers"]["@type"], "Offer");

    let en = jsonld_of(&site.html("en/events/winter-meetup/index.html"), "Event");
    assert_eq!((en["name"].as_str(), en["inLanguage"].as_str()), (Some("Alumni Meetup Winter 2026"), Some("en")));

    let online = jsonld_of(&site.html("events/online-session/index.html"), "Event");
    assert_eq!(online["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode");
    assert_eq!(
        online["location"],
        json!({"@type": "VirtualLocation", "url": "https://meet.example.com/alumni-session"})
    );
    assert!(online.get("offers").is_none(), "no registration_url, no offer");

    // Its own time zone: the offset is London's summer time.
    let london = jsonld_of(&site.html("events/london-drinks/index.html"), "Event");
    assert_eq!(london["startDate"], "2027-07-01T18:00:00+01:00");
    assert_eq!(london["endDate"], "2027-07-01T21:30:00+01:00");
    assert_eq!(london["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode");
    let kinds: Vec<&str> =
        london["location"].as_array().unwrap().iter().map(|l| l["@type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Place", "VirtualLocation"]);

    let all_day = jsonld_of(&site.html("events/new-year/index.html"), "Event");
    assert_eq!((all_day["startDate"].as_str(), all_day["endDate"].as_str()), (Some("2027-01-04"), Some("2027-01-05")));
}

#[test]
fn open_jobs_are_job_postings() {
    let site = &portal().site;
    let job = jsonld_of(&site.html("jobs/engineer/index.html"), "JobPosting");
    assert_eq!(job["title"], "ソフトウェアエンジニア");
    assert_eq!(job["description"], "<p>アルムナイの方の復職を歓迎します。</p>", "the body's HTML, minified");
    assert_eq!(job["datePosted"], "2026-10-01T00:00:00+09:00");
    assert_eq!(job["validThrough"], "2027-03-31T23:59:59+09:00", "open through the whole last day");
    assert_eq!(job["employmentType"], "FULL_TIME");
    let mut hiring = org();
    hiring["sameAs"] = json!("https://alumni.example.com/");
    assert_eq!(job["hiringOrganization"], hiring);
    assert_eq!(job["jobLocation"]["@type"], "Place");
    assert_eq!(job["jobLocation"]["address"]["addressLocality"], "東京");
    assert_eq!(job["directApply"], false, "applications go to another site");
    assert!(job.get("jobLocationType").is_none());

    let remote = jsonld_of(&site.html("jobs/designer/index.html"), "JobPosting");
    assert_eq!(remote["jobLocationType"], "TELECOMMUTE");
    assert_eq!(remote["applicantLocationRequirements"], json!({"@type": "AdministrativeArea", "name": "Japan"}));
    assert_eq!(remote["employmentType"], "CONTRACT");
    assert_eq!(remote["directApply"], true, "the apply URL is on the portal itself");

    // A closed job's page has no JobPosting; messages and pages have none.
    for rel in ["jobs/closed-analyst/index.html", "messages/welcome/index.html", "about/index.html"] {
        assert!(jsonld(&site.html(rel)).is_empty(), "{rel} has JSON-LD");
    }
}

#[test]
fn the_home_page_describes_the_organization() {
    let home = jsonld_of(&portal().site.html("index.html"), "Organization");
    let mut expected = org();
    expected["@context"] = json!("https://schema.org");
    assert_eq!(home, expected);
}
