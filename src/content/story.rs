//! Alumni stories: a former employee's path since leaving, in their words.
//! `content/stories/*.md`, one file per person (translations as elsewhere).

use super::Kind;
use crate::fields::{Fields, Span};
use crate::msg;
use crate::time::Moment;

/// The front matter keys of a story.
pub(super) const KEYS: &[&str] = &[
    "title",
    "date",
    "person",
    "role_then",
    "role_now",
    "years",
    "photo",
    "photo_alt",
    "quote",
    "summary",
    "tags",
    "draft",
    "slug",
];

#[derive(Debug, Clone)]
pub struct Story {
    /// When the story is published (a scheduled story waits for it).
    pub date: Moment,
    /// The person the story is about.
    pub person: String,
    /// Their role at the company, and now.
    pub role_then: Option<String>,
    pub role_now: Option<String>,
    /// How many years they were at the company.
    pub years: Option<u32>,
    /// A photo of them, a path of the site's static files (`images/x.jpg`).
    pub photo: Option<String>,
    pub photo_span: Option<Span>,
    /// What the photo shows, for people who cannot see it.
    pub photo_alt: Option<String>,
    /// A sentence of theirs, shown large.
    pub quote: Option<String>,
}

pub(super) fn parse(f: &mut Fields<'_, '_>, tz: &jiff::tz::TimeZone) -> Option<Kind> {
    let date = super::front::moment(f, "date", tz, "2026-04-01", true);
    let person = f.required_string("person", "\"桜井 花子\"");
    let role_then = f.string("role_then").map(|s| s.into_inner());
    let role_now = f.string("role_now").map(|s| s.into_inner());
    let years = f.integer("years").and_then(|y| match u32::try_from(*y.get_ref()) {
        Ok(n) if n <= 80 => Some(n),
        _ => {
            f.error_at("story-years", y.span(), msg!("story-years", found = y.get_ref().to_string()))
                .set_label(msg!("story-years-label"));
            None
        }
    });
    let photo = f.string("photo");
    let photo_span = photo.as_ref().map(|p| p.span());
    let photo = photo.map(|p| p.into_inner().trim_start_matches('/').to_string());
    let photo_alt = f.string("photo_alt").map(|s| s.into_inner());
    if photo.is_some() && photo_alt.is_none() {
        f.missing("photo_alt", "\"桜井さん、札幌のオフィスにて\"");
    }
    let quote = f.string("quote").map(|s| s.into_inner());
    Some(Kind::Story(Story {
        date: date?,
        person: person?.into_inner(),
        role_then,
        role_now,
        years,
        photo,
        photo_span,
        photo_alt,
        quote,
    }))
}
