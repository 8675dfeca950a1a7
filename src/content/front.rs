//! Front matter: the TOML between `+++` fences at the top of a content file,
//! validated per section (messages, events, jobs, pages).

use crate::address::link_url;
use crate::config::{Config, lookup_timezone};
use crate::diag::{Diagnostic, SourceFile};
use crate::fields::{Fields, Span, parse_toml};
use crate::i18n::Text;
use crate::msg;
use crate::time::{Moment, end_of_day, to_moment};

use super::{Event, Job, Kind, Message, Section, SourcePage};

const MESSAGE_KEYS: &[&str] = &["title", "date", "author", "summary", "welcome", "tags", "draft", "slug"];
const EVENT_KEYS: &[&str] = &[
    "title",
    "date",
    "starts_at",
    "ends_at",
    "timezone",
    "location",
    "online_url",
    "registration_url",
    "summary",
    "tags",
    "draft",
    "slug",
];
const JOB_KEYS: &[&str] = &[
    "title",
    "date",
    "valid_through",
    "department",
    "location",
    "remote",
    "employment_type",
    "apply_url",
    "summary",
    "tags",
    "draft",
    "slug",
];
const PAGE_KEYS: &[&str] = &["title", "slug", "draft", "summary", "weight"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Intern,
    Volunteer,
    PerDiem,
    Other,
}

impl EmploymentType {
    pub const NAMES: &'static [&'static str] =
        &["full_time", "part_time", "contract", "temporary", "intern", "volunteer", "per_diem", "other"];
    const ALL: [EmploymentType; 8] = [
        Self::FullTime,
        Self::PartTime,
        Self::Contract,
        Self::Temporary,
        Self::Intern,
        Self::Volunteer,
        Self::PerDiem,
        Self::Other,
    ];

    pub fn key(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    fn parse(s: &str) -> Option<Self> {
        Self::NAMES.iter().position(|n| *n == s).map(|i| Self::ALL[i])
    }
}

/// Where the front matter is: the TOML text's byte range, and the fence line.
struct Fenced {
    toml: Span,
    body_start: usize,
    fence: Span,
}

/// Why a file has no front matter: it is blank, its first line (from `start`,
/// after a byte order mark, to `first_end`) is not `+++`, or the fence opened
/// at `fence` is never closed.
enum Unfenced {
    Blank,
    NotOpened { start: usize, first_end: usize },
    Unclosed { fence: Span },
}

/// Where the front matter of `text` is. The closing `+++` line is the first
/// after the opening one, so a text cut after any complete line that has it
/// gives the same answer as the whole file (see `super::read_front`).
fn fences(text: &str) -> Result<Fenced, Unfenced> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(Unfenced::Blank);
    }
    // Line ends found with `memchr`: `str::find` with a `char` is a call
    // per line that costs more than the line's bytes.
    let first_end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
    if text[start..first_end].trim_end() != "+++" {
        return Err(Unfenced::NotOpened { start, first_end });
    }
    let fence = start..start + 3;
    let mut pos = first_end;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            return Ok(Fenced { toml: first_end..pos, body_start: end, fence });
        }
        pos = end;
    }
    Err(Unfenced::Unclosed { fence })
}

/// Where the Markdown body of `text` starts, if its front matter is complete.
pub(super) fn body_start(text: &str) -> Option<usize> {
    fences(text).ok().map(|f| f.body_start)
}

fn split(source: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Fenced> {
    let text: &str = &source.text;
    let error = match fences(text) {
        Ok(fenced) => return Some(fenced),
        Err(Unfenced::Blank) => source
            .error("frontmatter-missing", 0..0, msg!("frontmatter-empty-file"))
            .note(msg!("frontmatter-empty-file-note")),
        Err(Unfenced::NotOpened { start, first_end }) => source
            .error(
                "frontmatter-missing",
                start..first_end.max(start + 1).min(text.len()),
                msg!("frontmatter-not-first"),
            )
            .label(msg!("frontmatter-not-first-label"))
            .note(msg!("frontmatter-not-first-note")),
        Err(Unfenced::Unclosed { fence }) => source
            .error("frontmatter-unclosed", fence, msg!("frontmatter-unclosed"))
            .label(msg!("frontmatter-unclosed-label"))
            .note(msg!("frontmatter-unclosed-note")),
    };
    diags.push(error);
    None
}

pub fn parse(
    source: SourceFile,
    section: Section,
    key: String,
    lang: String,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<SourcePage> {
    let fenced = split(&source, diags)?;
    let text = source.text.clone();
    let toml_text = &text[fenced.toml.clone()];
    let before = diags.len();
    let table = parse_toml(&source, toml_text, fenced.toml.start, "frontmatter-syntax", diags)?;
    let (what, keys) = match section {
        Section::Messages => (msg!("what-front-matter-message"), MESSAGE_KEYS),
        Section::Events => (msg!("what-front-matter-event"), EVENT_KEYS),
        Section::Jobs => (msg!("what-front-matter-job"), JOB_KEYS),
        Section::Stories => (msg!("what-front-matter-story"), super::story::KEYS),
        Section::Pages => (msg!("what-front-matter-page"), PAGE_KEYS),
    };
    let mut f = Fields::new(&source, fenced.toml.start, table.get_ref(), fenced.fence.clone(), what, keys, diags);

    let title = f.required_string("title", "\"...\"");
    let draft = f.bool("draft").unwrap_or(false);
    // A summary may be written in Markdown; where it goes (descriptions,
    // feeds, calendars) takes plain text.
    let summary = f
        .string("summary")
        .map(|s| crate::markdown::plain_inline(s.get_ref(), config.markdown))
        .filter(|s| !s.trim().is_empty());
    let tags = if section == Section::Pages { Vec::new() } else { tags(&mut f) };
    let weight = if section == Section::Pages { f.integer("weight").map(|w| w.into_inner()) } else { None };
    let (slug, slug_span) = slug(&mut f, &key, fenced.fence.clone());
    let tz = &config.timezone;

    let kind = match section {
        Section::Messages => message(&mut f, tz),
        Section::Events => event(&mut f, config),
        Section::Jobs => job(&mut f, tz),
        Section::Stories => super::story::parse(&mut f, tz),
        Section::Pages => Some(Kind::Page),
    };
    f.finish();
    if diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(SourcePage {
        revision: 0,
        source,
        section,
        lang,
        key,
        slug: slug?,
        slug_span,
        title: title?.into_inner(),
        draft,
        summary,
        tag_slugs: tags.iter().map(|t| crate::site::slugify(t)).collect(),
        tags,
        weight,
        body_start: fenced.body_start,
        kind: kind?,
    })
}

fn tags(f: &mut Fields<'_, '_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in f.strings("tags") {
        let name = t.get_ref().trim().to_string();
        if name.is_empty() || crate::site::slugify(&name).is_empty() {
            f.error_at("tag-invalid", t.span(), msg!("tag-invalid")).set_label(msg!("tag-invalid-label"));
        } else if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn slug(f: &mut Fields<'_, '_>, key: &str, fence: Span) -> (Option<String>, Span) {
    let (value, span, from_file) = match f.string("slug") {
        Some(s) => (s.get_ref().trim().to_string(), s.span(), false),
        None => (key.rsplit('/').next().unwrap_or(key).to_string(), fence, true),
    };
    match check_slug(&value) {
        Ok(()) => (Some(value), span),
        Err(why) => {
            let what = if from_file {
                msg!("slug-invalid-from-file", slug = value, why = why)
            } else {
                msg!("slug-invalid", slug = value, why = why)
            };
            f.error_at("slug-invalid", span.clone(), what).notes.push(msg!("slug-invalid-note"));
            (None, span)
        }
    }
}

fn check_slug(s: &str) -> Result<(), Text> {
    if s.is_empty() {
        return Err(msg!("slug-why-empty"));
    }
    if s.starts_with('.') || s.starts_with('-') {
        return Err(msg!("slug-why-start"));
    }
    if s.chars().any(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.')) {
        return Err(msg!("slug-why-characters"));
    }
    Ok(())
}

pub(super) fn moment(
    f: &mut Fields<'_, '_>,
    key: &str,
    tz: &jiff::tz::TimeZone,
    example: &str,
    required: bool,
) -> Option<Moment> {
    let expected = msg!("type-date-or-datetime", key = key, example = example);
    let Some(v) = f.datetime(key, expected) else {
        if required && f.span_of(key).is_none() {
            f.missing(key, example);
        }
        return None;
    };
    match to_moment(v.get_ref(), tz) {
        Ok(m) => Some(m),
        Err(e) => {
            f.error_at("date-invalid", v.span(), msg!("key-problem", key = key, problem = e))
                .set_label(msg!("date-invalid-label"));
            None
        }
    }
}

fn url(f: &mut Fields<'_, '_>, key: &str) -> Option<String> {
    let s = f.string(key)?;
    match link_url(s.get_ref()) {
        Ok(url) => Some(url),
        Err(e) => {
            f.error_at("url-invalid", s.span(), msg!("key-problem", key = key, problem = e))
                .set_label(msg!("url-expected-label"));
            None
        }
    }
}

fn message(f: &mut Fields<'_, '_>, tz: &jiff::tz::TimeZone) -> Option<Kind> {
    let date = moment(f, "date", tz, "2026-04-01", true);
    let author = f.string("author").map(|s| s.into_inner());
    let welcome_span = f.span_of("welcome");
    let welcome = f.bool("welcome").unwrap_or(false);
    Some(Kind::Message(Message { date: date?, author, welcome, welcome_span }))
}

fn event(f: &mut Fields<'_, '_>, config: &Config) -> Option<Kind> {
    let (tz, tz_name) = match f.string("timezone") {
        Some(name) => match lookup_timezone(name.get_ref()) {
            Ok(tz) => (tz, name.into_inner()),
            Err(note) => {
                f.error_at("timezone-unknown", name.span(), msg!("timezone-unknown", name = name.get_ref()))
                    .set_label(msg!("timezone-unknown-label-event"))
                    .notes
                    .push(note);
                return None;
            }
        },
        None => (config.timezone.clone(), config.timezone_name.clone()),
    };
    // When the event was announced: the site's doing, so in the site's zone.
    let announced = moment(f, "date", &config.timezone, "2026-10-01", false);
    let starts = moment(f, "starts_at", &tz, "2026-12-05T18:30:00", true);
    let ends = moment(f, "ends_at", &tz, "2026-12-05T20:30:00", false);
    let location = f.string("location").map(|s| s.into_inner()).filter(|s| !s.trim().is_empty());
    let online_url = url(f, "online_url");
    let registration_url = url(f, "registration_url");
    let starts = starts?;
    if let Some(e) = &ends
        && e.zoned.timestamp() < starts.zoned.timestamp()
    {
        let span = f.span_of("ends_at").unwrap_or(0..0);
        f.error_at("event-ends-before-start", span, msg!("event-ends-before-start"))
            .set_label(msg!("event-ends-before-start-label"));
        return None;
    }
    if location.is_none() && online_url.is_none() && f.span_of("online_url").is_none() {
        f.missing("location", msg!("event-location-example"));
        return None;
    }
    Some(Kind::Event(Event {
        announced: announced.map(|m| m.zoned.timestamp()),
        all_day: starts.date_only,
        starts: starts.zoned,
        ends: ends.map(|m| m.zoned),
        timezone: tz_name,
        location,
        online_url,
        registration_url,
    }))
}

fn job(f: &mut Fields<'_, '_>, tz: &jiff::tz::TimeZone) -> Option<Kind> {
    let posted = moment(f, "date", tz, "2026-04-01", true);
    let valid = moment(f, "valid_through", tz, "2027-03-31", false);
    let department = f.string("department").map(|s| s.into_inner());
    let location = f.string("location").map(|s| s.into_inner()).filter(|s| !s.trim().is_empty());
    let remote = f.bool("remote").unwrap_or(false);
    let employment_type = match f.string("employment_type") {
        Some(t) => match EmploymentType::parse(t.get_ref()) {
            Some(e) => Some(e),
            None => {
                let d = f.error_at(
                    "employment-type-unknown",
                    t.span(),
                    msg!("employment-type-unknown", name = t.get_ref()),
                );
                d.set_label(msg!("employment-type-unknown-label"));
                if let Some(s) = crate::fields::suggest(t.get_ref(), EmploymentType::NAMES) {
                    d.notes.push(msg!("did-you-mean", name = s));
                }
                d.notes.push(msg!("expected-one-of", names = EmploymentType::NAMES.join(", ")));
                None
            }
        },
        None => None,
    };
    let apply_url = match f.span_of("apply_url") {
        None => {
            f.missing("apply_url", "\"https://careers.example.com/apply/123\"");
            None
        }
        Some(_) => url(f, "apply_url"),
    };
    let posted = posted?;
    let valid_through = valid.map(|m| m.zoned.date());
    let closes_at = match valid_through.map(|d| end_of_day(d, tz)) {
        Some(Err(e)) => {
            let span = f.span_of("valid_through").unwrap_or(0..0);
            f.error_at("date-invalid", span, msg!("key-problem", key = "valid_through", problem = e))
                .set_label(msg!("date-invalid-label"));
            return None;
        }
        other => other.and_then(Result::ok),
    };
    if let Some(c) = closes_at
        && c <= posted.zoned.timestamp()
    {
        let span = f.span_of("valid_through").unwrap_or(0..0);
        f.error_at("job-closes-before-posted", span, msg!("job-closes-before-posted"))
            .set_label(msg!("job-closes-before-posted-label"));
        return None;
    }
    Some(Kind::Job(Job {
        posted,
        valid_through,
        closes_at,
        department,
        location,
        remote,
        employment_type,
        apply_url: apply_url?,
    }))
}
