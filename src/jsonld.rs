//! schema.org structured data as JSON-LD: `Event` on event pages,
//! `JobPosting` on open job pages, `Organization` on the home page. The JSON
//! is escaped for embedding in `<script>` by us, not by the template engine,
//! so no content value can end the element or open a comment.

use serde_json::{Map, Value, json};

use crate::content::{Event, Job, Kind};
use crate::diag::Diagnostic;
use crate::msg;
use crate::site::{Page, Site};
use crate::time::iso;

/// Serialise for a `<script type="application/ld+json">` element. In a
/// script element's text only `</` (an end tag such as `</script>`) and `<!`
/// (a comment, which changes how a later `</script` is read) start anything;
/// a `<` before any other character, `>` and `&` are plain text. So `</`
/// becomes `<\/` (JSON's escape for `/`, one byte more) and `<!` becomes
/// `\u003c!`, which keeps a job's JSON-LD (its description HTML repeated
/// in full) about an eighth shorter than escaping every `<`. U+2028/U+2029
/// are escaped for readers that take the JSON for JavaScript. Every `<` is
/// inside a string (JSON has none outside), so the text stays valid JSON
/// with equal values.
///
/// The JSON is written here rather than by `serde_json::to_string`, in one
/// pass: its string escaping looks at every byte in turn, which for a job's
/// description (kilobytes of HTML) cost more than the rest of the page's
/// values. The output is what `serde_json` writes, with the escapes above.
pub fn embed(v: &Value) -> String {
    let mut out = String::with_capacity(1024);
    write_value(&mut out, v);
    out
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal as `serde_json` writes it (`\"`, `\\`, the short
/// escapes of `\b \f \n \r \t`, `\u00xx` for other controls), plus the
/// script-safe escapes of [`embed`].
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    crate::scan::rewrite_into(
        out,
        s,
        |b| (b == b'"') | (b == b'\\') | (b < 0x20) | (b == b'<') | (b == 0xE2),
        |c, rest| match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '<' if rest.starts_with('/') => Some("<\\"),
            '<' if rest.starts_with('!') => Some("\\u003c"),
            '\u{2028}' => Some("\\u2028"),
            '\u{2029}' => Some("\\u2029"),
            c if (c as u32) < 0x20 => Some(CONTROL_ESCAPES[c as usize]),
            _ => None,
        },
    );
    out.push('"');
}

/// How `serde_json` escapes each C0 control character.
const CONTROL_ESCAPES: [&str; 0x20] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b", "\\t", "\\n",
    "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015",
    "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// The company, named as pages in `lang` name it.
fn organization(site: &Site, lang: &str) -> Value {
    let c = &site.config;
    let mut org = json!({
        "@type": "Organization",
        "name": c.company(lang),
        "url": c.base_url.full,
    });
    if let Some(logo) = &c.brand.logo {
        org["logo"] = json!(c.base_url.absolute(&format!("{}{logo}", c.base_url.path)));
    }
    org
}

/// The home page's `Organization`, in the home page's language.
pub fn home(site: &Site, lang: &str) -> Value {
    let mut org = organization(site, lang);
    org["@context"] = json!("https://schema.org");
    org
}

/// Structured data for a detail page, if its kind has any (a closed job has none).
pub fn page(site: &Site, page: &Page, html: &str, text: &str) -> Option<Value> {
    match &page.src.kind {
        Kind::Event(e) => Some(event(site, page, e, text)),
        Kind::Job(j) if page.is_open => Some(job(site, page, j, html)),
        Kind::Story(s) => Some(story(site, page, s)),
        _ => None,
    }
}

/// A story: an `Article` about the person it tells of.
fn story(site: &Site, page: &Page, s: &crate::content::Story) -> Value {
    let c = &site.config;
    let mut person = json!({"@type": "Person", "name": s.person});
    if let Some(role) = s.role_now.as_deref() {
        person["jobTitle"] = json!(role);
    }
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.src.title,
        "datePublished": iso(&s.date.zoned),
        "about": person,
        "publisher": organization(site, &page.src.lang),
        "url": c.base_url.absolute(&page.url),
        "inLanguage": page.src.lang,
    });
    if let Some(photo) = &s.photo {
        v["image"] = json!(c.base_url.absolute(&format!("{}{photo}", c.base_url.path)));
    }
    if let Some(summary) = &page.src.summary {
        v["description"] = json!(summary);
    }
    v
}

fn event(site: &Site, page: &Page, e: &Event, text: &str) -> Value {
    let mode = match (e.location.is_some(), e.online_url.is_some()) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, true) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let mut locations = Vec::new();
    if let Some(l) = &e.location {
        locations.push(json!({"@type": "Place", "name": l, "address": {"@type": "PostalAddress", "streetAddress": l}}));
    }
    if let Some(u) = &e.online_url {
        locations.push(json!({"@type": "VirtualLocation", "url": u}));
    }
    let start = if e.all_day { e.starts.date().to_string() } else { iso(&e.starts) };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.src.title,
        "startDate": start,
        "eventAttendanceMode": mode,
        "eventStatus": "https://schema.org/EventScheduled",
        "location": if locations.len() == 1 { locations.remove(0) } else { Value::Array(locations) },
        "organizer": organization(site, &page.src.lang),
        "url": site.config.base_url.absolute(&page.url),
        "inLanguage": page.src.lang,
    });
    let obj = v.as_object_mut().expect("object");
    if let Some(end) = &e.ends {
        obj.insert("endDate".into(), json!(if e.all_day { end.date().to_string() } else { iso(end) }));
    }
    let description = page.src.summary.clone().unwrap_or_else(|| text.to_string());
    if !description.is_empty() {
        obj.insert("description".into(), json!(description));
    }
    if let Some(r) = &e.registration_url {
        obj.insert("offers".into(), json!({"@type": "Offer", "url": r, "availability": "https://schema.org/InStock"}));
    }
    v
}

fn job(site: &Site, page: &Page, j: &Job, html: &str) -> Value {
    let c = &site.config;
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org"));
    v.insert("@type".into(), json!("JobPosting"));
    v.insert("title".into(), json!(page.src.title));
    v.insert(
        "description".into(),
        json!(if html.trim().is_empty() { page.src.title.clone() } else { html.to_string() }),
    );
    v.insert("datePosted".into(), json!(iso(&j.posted.zoned)));
    if let Some(closes) = j.closes_at {
        // Open through the end of the valid_through day: the last second of it.
        let last = closes.checked_sub(jiff::SignedDuration::from_secs(1)).unwrap_or(closes);
        v.insert("validThrough".into(), json!(iso(&last.to_zoned_datetime(c.timezone.clone()))));
    }
    if let Some(t) = j.employment_type {
        v.insert("employmentType".into(), json!(t.key().to_uppercase()));
    }
    let mut org = organization(site, &page.src.lang);
    org["sameAs"] = json!(c.base_url.full);
    v.insert("hiringOrganization".into(), org);
    if let Some(l) = &j.location {
        v.insert(
            "jobLocation".into(),
            json!({"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": l}}),
        );
    }
    if j.remote {
        v.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        if let Some(l) = &j.location {
            v.insert("applicantLocationRequirements".into(), json!({"@type": "AdministrativeArea", "name": l}));
        }
    }
    if let Some(d) = &j.department {
        v.insert("occupationalCategory".into(), json!(d));
    }
    // Applying on the site's own host counts as applying directly.
    let apply_host = url::Url::parse(&j.apply_url).ok().and_then(|u| u.host_str().map(str::to_string));
    v.insert("directApply".into(), json!(apply_host.is_some_and(|h| !h.is_empty() && h == c.base_url.host)));
    v.insert("url".into(), json!(c.base_url.absolute(&page.url)));
    Value::Object(v)
}

/// Warnings for structured data that search engines recommend but the
/// content does not give (`alumni check` reports them).
pub fn validate(site: &Site) -> Vec<Diagnostic> {
    site.pages.iter().flat_map(validate_page).collect()
}

/// `validate` for one page.
pub fn validate_page(p: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    {
        let src = &p.src.source;
        match &p.src.kind {
            Kind::Job(j) if p.is_open => {
                if j.location.is_none() && !j.remote {
                    out.push(
                        src.warning("jobposting-location", 0..3, msg!("jobposting-location"))
                            .note(msg!("jobposting-location-note")),
                    );
                }
                if j.remote && j.location.is_none() {
                    out.push(
                        src.warning("jobposting-applicant-location", 0..3, msg!("jobposting-applicant-location"))
                            .note(msg!("jobposting-applicant-location-note")),
                    );
                }
                if j.valid_through.is_none() {
                    out.push(
                        src.warning("jobposting-valid-through", 0..3, msg!("jobposting-valid-through"))
                            .note(msg!("jobposting-valid-through-note")),
                    );
                }
                if j.employment_type.is_none() {
                    out.push(
                        src.warning("jobposting-employment-type", 0..3, msg!("jobposting-employment-type"))
                            .note(msg!("jobposting-employment-type-note")),
                    );
                }
            }
            Kind::Event(e) if !p.is_past && e.ends.is_none() => {
                out.push(src.warning("event-end-date", 0..3, msg!("event-end-date")).note(msg!("event-end-date-note")));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script_element() {
        let v = json!({"name": "</script><!-- --> </SCRIPT & <script> \u{2028}\u{2029}"});
        let s = embed(&v);
        assert!(!s.contains("</") && !s.contains("<!"), "{s}");
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        assert!(s.contains(r"<\/script>") && s.contains(r"<\/SCRIPT") && s.contains(r"\u003c!--"), "{s}");
        assert!(s.contains(" & <script> "), "a `<` before a letter stays: {s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn embedded_json_is_what_serde_json_writes_where_no_escape_is_added() {
        let controls: String = (0u8..0x20).map(char::from).collect();
        let v = json!({
            "@type": "JobPosting",
            "description": format!("<p class=\"lead\">日本語 a\\b {controls} \u{7f} é < 3 > 2 &amp;<b>"),
            "n": [1, -2, 3.5, 1e300, null, true, false, {}, []],
            "nested": {"z": "last", "a": "first", "\"q\"": "key with quotes"},
        });
        assert_eq!(embed(&v), serde_json::to_string(&v).unwrap());
        let back: Value = serde_json::from_str(&embed(&v)).unwrap();
        assert_eq!(back, v);
    }
}
