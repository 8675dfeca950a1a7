//! The small, precomputed values templates receive: the site, a page (as a
//! list item or with its content), language links. Built per language or per
//! page, never by serialising the whole site.

use serde::Serialize;
use tera::Context;

use super::{Fill, Job, RenderInput};
use crate::content::{Kind, Section};
use crate::routes;
use crate::site::{LangSite, Site};
use crate::theme::I18n;
use crate::time::iso;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    company: &'a str,
    base_url: &'a str,
    assets: &'a str,
    logo: Option<String>,
    logo_alt: String,
    primary_color: String,
    accent_color: String,
    on_primary: String,
    on_accent: String,
    join_url: Option<&'a str>,
    contact_email: Option<&'a str>,
    default_language: &'a str,
}

#[derive(Serialize)]
struct Urls {
    home: String,
    messages: String,
    events: String,
    jobs: String,
    /// Only in a language that has stories (`routes::List::always`).
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<String>,
    tags: String,
}

#[derive(Serialize)]
pub(super) struct Link<'a> {
    pub(super) name: &'a str,
    pub(super) url: String,
}

#[derive(Serialize)]
struct NavPage<'a> {
    title: &'a str,
    url: &'a str,
    /// The page's language: another than the list's when it falls back.
    lang: &'a str,
}

#[derive(Serialize)]
pub(super) struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    /// Absolute URL, for `hreflang` alternates.
    permalink: String,
    current: bool,
}

#[derive(Serialize, Default)]
pub(super) struct PageView<'a> {
    kind: &'static str,
    title: &'a str,
    slug: &'a str,
    url: &'a str,
    permalink: String,
    lang: &'a str,
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
    draft: bool,
    tags: Vec<Link<'a>>,
    // messages
    date: Option<String>,
    date_iso: Option<String>,
    author: Option<&'a str>,
    welcome: bool,
    // events
    when: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    starts_iso: Option<String>,
    ends_iso: Option<String>,
    timezone: Option<&'a str>,
    location: Option<&'a str>,
    online_url: Option<&'a str>,
    registration_url: Option<&'a str>,
    is_past: bool,
    is_online: bool,
    in_person: bool,
    // jobs
    posted: Option<String>,
    valid_through: Option<String>,
    department: Option<&'a str>,
    remote: bool,
    employment_type: Option<&'a str>,
    apply_url: Option<&'a str>,
    is_open: bool,
    // detail pages only
    /// schema.org JSON-LD, escaped for a `<script type="application/ld+json">`.
    #[serde(skip_serializing_if = "Option::is_none")]
    jsonld: Option<String>,
    /// Events: the page's own calendar file, and an "add to Google Calendar" link.
    ics_url: Option<String>,
    google_calendar_url: Option<String>,
    /// Stories: the person and their path.
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<StoryView<'a>>,
}

#[derive(Serialize)]
pub(super) struct StoryView<'a> {
    person: &'a str,
    role_then: Option<&'a str>,
    role_now: Option<&'a str>,
    years: Option<u32>,
    /// The photo's URL, with the site's base path.
    photo: Option<String>,
    photo_alt: Option<&'a str>,
    quote: Option<&'a str>,
}

/// Everything a language's pages share, built once per language.
pub(super) fn lang_context(input: &RenderInput<'_>, l: &LangSite) -> Context {
    let site = input.site;
    let c = &site.config;
    let lang = c.language(&l.code).expect("languages come from the config");
    let i18n = &input.theme.i18n[&l.code];
    let base = &c.base_url.path;
    let p = &l.prefix;
    let brand = &c.brand;
    let view = SiteView {
        title: &lang.title,
        company: &lang.company,
        base_url: &c.base_url.full,
        assets: base,
        logo: brand.logo.as_ref().map(|l| format!("{base}{l}")),
        logo_alt: lang.company.clone(),
        primary_color: brand.primary_color.hex(),
        accent_color: brand.accent_color.hex(),
        on_primary: brand.primary_color.readable_text().hex(),
        on_accent: brand.accent_color.readable_text().hex(),
        join_url: c.portal.join_url.as_deref(),
        contact_email: c.portal.contact_email.as_deref(),
        default_language: c.default_language(),
    };
    let list = |section| [base.as_str(), &routes::list(p, routes::kind(section))].concat();
    let urls = Urls {
        home: [base.as_str(), &routes::home(p)].concat(),
        messages: list(Section::Messages),
        events: list(Section::Events),
        jobs: list(Section::Jobs),
        stories: (!l.stories.is_empty()).then(|| list(Section::Stories)),
        tags: [base.as_str(), &routes::tags(p)].concat(),
    };
    let nav: Vec<NavPage<'_>> = l
        .nav_pages
        .iter()
        .map(|&i| {
            let p = &site.pages[i];
            NavPage { title: &p.src.title, url: &p.url, lang: &p.src.lang }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &view);
    ctx.insert("lang", &l.code);
    ctx.insert("t", &i18n.strings);
    ctx.insert("urls", &urls);
    ctx.insert("nav_pages", &nav);
    ctx.insert("drafts", &site.drafts);
    ctx.insert("as_of", &site.as_of.to_string());
    ctx.insert("feed_url", &[base.as_str(), &routes::feed(p)].concat());
    // Link previews show the logo.
    ctx.insert("og_image", &brand.logo.as_ref().map(|logo| c.base_url.absolute(&format!("{base}{logo}"))));
    // Stored list items rely on it (`theme::Card`).
    debug_assert!(crate::theme::PER_LANGUAGE.iter().all(|k| ctx.contains_key(k)));
    ctx
}

pub(super) fn tag_url(site: &Site, l: &LangSite, slug: &str) -> String {
    [site.config.base_url.path.as_str(), &routes::tag(&l.prefix, slug)].concat()
}

/// The language versions of what `job` shows: a page's translations, or the
/// same list in every language.
pub(super) fn language_links<'a>(input: &'a RenderInput<'_>, job: &Job) -> Vec<LanguageLink<'a>> {
    let site = input.site;
    let name = |code: &str| input.theme.i18n.get(code).map_or("", |i: &I18n| i.language_name.as_str());
    match job.page {
        Some(i) => site.pages[i]
            .translations
            .iter()
            .map(|&t| {
                let p = &site.pages[t];
                LanguageLink {
                    code: &p.src.lang,
                    name: name(&p.src.lang),
                    url: p.url.clone(),
                    permalink: site.config.base_url.absolute(&p.url),
                    current: t == i,
                }
            })
            .collect(),
        None => {
            let own_prefix = &site.langs[job.lang].prefix;
            let base = &site.config.base_url.path;
            let rest =
                job.url.strip_prefix(base.as_str()).and_then(|r| r.strip_prefix(own_prefix.as_str())).unwrap_or("");
            // Other languages may have fewer pages of a list: link to its first.
            let rest = rest.find("page/").map_or(rest, |i| &rest[..i]);
            site.langs
                .iter()
                .enumerate()
                .filter(|(_, l)| match &job.fill {
                    Fill::Tag(slug, _) => l.tags.contains_key(slug),
                    _ => true,
                })
                .map(|(li, l)| LanguageLink {
                    code: &l.code,
                    name: name(&l.code),
                    url: format!("{base}{}{rest}", l.prefix),
                    permalink: site.config.base_url.absolute(&format!("{base}{}{rest}", l.prefix)),
                    current: li == job.lang,
                })
                .collect()
        }
    }
}

pub(super) fn page_view<'a>(
    input: &'a RenderInput<'_>,
    i: usize,
    display_lang: &str,
    with_content: bool,
) -> PageView<'a> {
    let site = input.site;
    let page = &site.pages[i];
    let src = &page.src;
    let i18n = &input.theme.i18n[display_lang];
    let fmt = &i18n.dates;
    let l = site.langs.iter().find(|l| l.code == display_lang).expect("display language is configured");
    let body = input.body(i);
    let mut v = PageView {
        title: &src.title,
        slug: &src.slug,
        url: &page.url,
        permalink: site.config.base_url.absolute(&page.url),
        lang: &src.lang,
        summary: src.summary.as_deref().or(Some(body.first_paragraph.as_str()).filter(|s| !s.is_empty())),
        content: with_content.then_some(body.html.as_str()),
        draft: src.draft,
        tags: src.tags.iter().zip(&src.tag_slugs).map(|(t, s)| Link { name: t, url: tag_url(site, l, s) }).collect(),
        is_past: page.is_past,
        is_open: page.is_open,
        ..Default::default()
    };
    match &src.kind {
        Kind::Message(m) => {
            v.kind = "message";
            v.date = Some(if m.date.date_only { fmt.date(&m.date.zoned) } else { fmt.datetime(&m.date.zoned) });
            v.date_iso = Some(iso(&m.date.zoned));
            v.author = m.author.as_deref();
            v.welcome = m.welcome;
        }
        Kind::Event(e) => {
            v.kind = "event";
            let one = |z: &jiff::ZonedDateTime| {
                if e.all_day { fmt.date(z) } else { fmt.datetime(z) }
            };
            let mut when = fmt.range(&e.starts, e.ends.as_ref(), e.all_day);
            if e.timezone != site.config.timezone_name && !e.all_day {
                when = format!("{when} ({})", e.timezone);
            }
            v.when = Some(when);
            v.starts = Some(one(&e.starts));
            v.ends = e.ends.as_ref().map(one);
            v.starts_iso = Some(iso(&e.starts));
            v.ends_iso = e.ends.as_ref().map(iso);
            v.timezone = Some(&e.timezone);
            v.location = e.location.as_deref();
            v.online_url = e.online_url.as_deref();
            v.registration_url = e.registration_url.as_deref();
            v.is_online = e.online_url.is_some();
            v.in_person = e.location.is_some();
            if with_content {
                v.ics_url = Some([page.url.as_str(), "event.ics"].concat());
                v.google_calendar_url = Some(google_calendar(site, page, e, &body.plain_text));
            }
        }
        Kind::Job(j) => {
            v.kind = "job";
            v.posted = Some(fmt.date(&j.posted.zoned));
            v.date_iso = Some(iso(&j.posted.zoned));
            v.valid_through = j
                .valid_through
                .and_then(|d| d.to_zoned_datetime(site.config.timezone.clone()).ok())
                .map(|z| fmt.date(&z));
            v.department = j.department.as_deref();
            v.location = j.location.as_deref();
            v.remote = j.remote;
            v.employment_type =
                j.employment_type.map(|t| i18n.employment_types.get(t.key()).map_or(t.key(), String::as_str));
            v.apply_url = Some(&j.apply_url);
        }
        Kind::Story(s) => {
            v.kind = "story";
            v.date = Some(if s.date.date_only { fmt.date(&s.date.zoned) } else { fmt.datetime(&s.date.zoned) });
            v.date_iso = Some(iso(&s.date.zoned));
            v.story = Some(StoryView {
                person: &s.person,
                role_then: s.role_then.as_deref(),
                role_now: s.role_now.as_deref(),
                years: s.years,
                photo: s.photo.as_ref().map(|p| format!("{}{p}", site.config.base_url.path)),
                photo_alt: s.photo_alt.as_deref(),
                quote: s.quote.as_deref(),
            });
        }
        Kind::Page => v.kind = "page",
    }
    if with_content {
        v.jsonld = crate::jsonld::page(site, page, &body.html, &body.plain_text).map(|j| crate::jsonld::embed(&j));
    }
    v
}

/// At most `n` characters, cut at a character boundary with an ellipsis.
pub(super) fn truncate_chars(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// An "add to Google Calendar" link for an event.
fn google_calendar(site: &Site, page: &crate::site::Page, e: &crate::content::Event, text: &str) -> String {
    let fmt = |z: &jiff::ZonedDateTime| {
        if e.all_day {
            z.date().strftime("%Y%m%d").to_string()
        } else {
            z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
        }
    };
    let end = match (&e.ends, e.all_day) {
        (Some(end), false) => fmt(end),
        (Some(end), true) => end.date().tomorrow().map_or_else(|_| fmt(end), |d| d.strftime("%Y%m%d").to_string()),
        (None, true) => {
            e.starts.date().tomorrow().map_or_else(|_| fmt(&e.starts), |d| d.strftime("%Y%m%d").to_string())
        }
        (None, false) => fmt(&e.starts),
    };
    let permalink = site.config.base_url.absolute(&page.url);
    let details = format!("{}\n\n{permalink}", truncate_chars(text, 500));
    let location = e.location.as_deref().or(e.online_url.as_deref()).unwrap_or("");
    let dates = format!("{}/{end}", fmt(&e.starts));
    let pairs = [
        ("action", "TEMPLATE"),
        ("text", page.src.title.as_str()),
        ("dates", dates.as_str()),
        ("details", details.as_str()),
        ("location", location),
        ("ctz", e.timezone.as_str()),
    ];
    let mut url = String::from("https://calendar.google.com/calendar/render?");
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            url.push('&');
        }
        url.push_str(name);
        url.push('=');
        form_encode(&mut url, value);
    }
    url
}

/// `application/x-www-form-urlencoded` as the URL standard serializes it
/// (what `url::form_urlencoded` writes): ASCII letters, digits and `*-._`
/// as they are, a space as `+`, every other byte as `%XX`. Written here
/// because the description of every event goes through it, byte by byte,
/// and the general serializer costs a copy call per byte.
fn form_encode(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Each byte's encoding, up to three bytes, and how many of them count.
    const TABLE: [([u8; 3], u8); 256] = {
        let mut t = [([0u8; 3], 0u8); 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = match c {
                b'*' | b'-' | b'.' | b'_' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => ([c, 0, 0], 1),
                b' ' => ([b'+', 0, 0], 1),
                _ => ([b'%', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]], 3),
            };
            b += 1;
        }
        t
    };
    // Written at a known position into a buffer of the largest size, then
    // cut: one store per byte instead of a growing vector's checks.
    let mut bytes = vec![0u8; value.len() * 3 + 3];
    let mut n = 0;
    for &b in value.as_bytes() {
        let (enc, len) = &TABLE[usize::from(b)];
        bytes[n..n + 3].copy_from_slice(enc);
        n += usize::from(*len);
    }
    bytes.truncate(n);
    // Only ASCII was written, so this always holds.
    if let Ok(text) = std::str::from_utf8(&bytes) {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::form_encode;

    #[test]
    fn form_encoding_is_the_url_standards() {
        let samples = [
            "",
            "TEMPLATE",
            "Alumni Meetup: Winter 2026 (Tokyo) & friends",
            "アルムナイ交流会\n\nhttps://alumni.example.com/events/x/?a=1&b=2#top",
            "*-._~!'()+,;=/?:@[]%\t\r\u{7f}é😀",
        ];
        for s in samples {
            let mut ours = String::new();
            form_encode(&mut ours, s);
            let standard: String = url::form_urlencoded::byte_serialize(s.as_bytes()).collect();
            assert_eq!(ours, standard, "{s:?}");
        }
        let every_byte: String = (0u8..=0x7f).map(char::from).collect();
        let mut ours = String::new();
        form_encode(&mut ours, &every_byte);
        assert_eq!(ours, url::form_urlencoded::byte_serialize(every_byte.as_bytes()).collect::<String>());
    }
}
