//! `alumni.toml`: read in two steps, the raw TOML table and then a validated
//! `Config` whose fields are already checked (URL absolute, colours parsed,
//! time zone known), so later stages never re-validate.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use crate::diag::{Diagnostic, SourceFile};
use crate::fields::{Fields, Span, parse_toml, suggest};
use crate::i18n::Text;
use crate::msg;
use crate::sitefs::SiteFs;

pub const CONFIG_FILE: &str = "alumni.toml";

const TOP_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "theme",
    "minify",
    "page_size",
    "languages",
    "brand",
    "portal",
    "markdown",
    "output",
];
const LANGUAGE_KEYS: &[&str] = &["title", "company"];
const BRAND_KEYS: &[&str] = &["company", "logo", "primary_color", "accent_color"];
const PORTAL_KEYS: &[&str] = &["join_url", "contact_email"];
const MARKDOWN_KEYS: &[&str] = &["east_asian_line_breaks", "cjk_friendly_emphasis"];
const OUTPUT_KEYS: &[&str] = &["keep"];

pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const DEFAULT_PRIMARY: Color = Color(0x1a, 0x4d, 0x8f);
pub const DEFAULT_ACCENT: Color = Color(0xf2, 0xa9, 0x00);

#[derive(Debug, Clone)]
pub struct Config {
    pub source: SourceFile,
    pub title: String,
    pub base_url: BaseUrl,
    /// The default language first, then the others in file order.
    pub languages: Vec<Language>,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub theme: String,
    pub theme_span: Option<Span>,
    pub minify: bool,
    /// Items per page of the message, job and tag lists.
    pub page_size: usize,
    pub brand: Brand,
    pub portal: Portal,
    pub markdown: MarkdownOptions,
    /// Names at the top of the output folder that builds keep (`[output]
    /// keep`: a gh-pages worktree's `.git`, a `CNAME` managed elsewhere).
    pub output_keep: Vec<String>,
    /// Reads the site's files under the symlink policy (see `sitefs`); reads
    /// nothing for a config that does not come from a site folder.
    pub files: SiteFs,
}

/// How Markdown is read (`[markdown]`): both on unless switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MarkdownOptions {
    /// A line break between two wide East Asian characters is no space.
    pub east_asian_line_breaks: bool,
    /// Emphasis follows the CJK-friendly amendments to CommonMark.
    pub cjk_friendly_emphasis: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { east_asian_line_breaks: true, cjk_friendly_emphasis: true }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    /// The site title in this language.
    pub title: String,
    /// The company's name in this language (`brand.company` unless given).
    pub company: String,
}

#[derive(Debug, Clone)]
pub struct Brand {
    pub company: String,
    pub logo: Option<String>,
    pub logo_span: Option<Span>,
    pub primary_color: Color,
    pub primary_span: Option<Span>,
    pub accent_color: Color,
    pub accent_span: Option<Span>,
}

#[derive(Debug, Clone, Default)]
pub struct Portal {
    pub join_url: Option<String>,
    pub contact_email: Option<String>,
}

/// The absolute URL the site is published at. `full` ends with `/`; `path` is
/// its path part (`/` or e.g. `/alumni/`), which every link starts with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    pub full: String,
    pub path: String,
    /// The host name alone (`alumni.example.com`), for calendar event ids.
    pub host: String,
}

impl BaseUrl {
    pub fn parse(s: &str) -> Result<BaseUrl, Text> {
        let url = parse_web_url(s)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(msg!("url-query", url = s));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(msg!("url-credentials", url = s));
        }
        // `http:///path` and `http:path` are read as the host `path` by URL
        // parsers; both are typos for a missing host.
        let after_scheme = s.trim().split_once(':').map_or("", |(_, rest)| rest);
        let host_first = after_scheme.strip_prefix("//").is_some_and(|h| !h.starts_with(['/', '\\']));
        if !host_first {
            return Err(msg!("url-no-host-after-slashes", url = s));
        }
        let mut full = url.as_str().to_string();
        if !full.ends_with('/') {
            full.push('/');
        }
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        let host = url.host_str().unwrap_or_default().to_string();
        Ok(BaseUrl { full, path, host })
    }

    /// Absolute URL of a site path (`/events/x/` -> `https://host/base/events/x/`).
    pub fn absolute(&self, url_path: &str) -> String {
        let origin_len = self.full.len() - self.path.len();
        [&self.full[..origin_len], url_path].concat()
    }
}

fn parse_web_url(s: &str) -> Result<url::Url, Text> {
    let url = url::Url::parse(s.trim()).map_err(|e| msg!("url-invalid", url = s, detail = e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(msg!("url-scheme", url = s));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(msg!("url-no-host", url = s));
    }
    Ok(url)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Color(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
            6 => Some(Color(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
            _ => None,
        }
    }

    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(&self) -> f64 {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// WCAG 2 contrast ratio between two colours (1 to 21).
    pub fn contrast(&self, other: &Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// Black or white, whichever reads better on this colour.
    pub fn readable_text(&self) -> Color {
        let (white, black) = (Color(255, 255, 255), Color(0x11, 0x11, 0x11));
        if self.contrast(&white) >= self.contrast(&black) { white } else { black }
    }
}

impl Config {
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The company's name as pages in `lang` show it.
    pub fn company(&self, lang: &str) -> &str {
        self.language(lang).map_or(self.brand.company.as_str(), |l| l.company.as_str())
    }

    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }
}

/// Read and validate `SITE_DIR/alumni.toml`.
pub fn load(site_dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let path = site_dir.join(CONFIG_FILE);
    let files = SiteFs::new(site_dir);
    let text = match files.read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "config-encoding",
                        msg!("config-encoding", file = CONFIG_FILE, offset = e.utf8_error().valid_up_to()),
                    )
                    .in_file(CONFIG_FILE),
                );
                return None;
            }
        },
        Err(e) if e.not_found() => {
            diags.push(
                Diagnostic::error("config-missing", msg!("config-missing", file = CONFIG_FILE, dir = site_dir))
                    .in_file(CONFIG_FILE)
                    .note(msg!("config-missing-note")),
            );
            return None;
        }
        Err(e) => {
            let mut d = Diagnostic::error("config-unreadable", msg!("not-read", file = CONFIG_FILE, why = e.text()));
            if let Some(help) = e.help() {
                d = d.note(help);
            }
            diags.push(d.in_file(CONFIG_FILE));
            return None;
        }
    };
    let mut config = parse(SourceFile::new(PathBuf::from(CONFIG_FILE), text), diags)?;
    config.files = files;
    Some(config)
}

/// Validate config text (the file need not exist on disk).
pub fn parse(source: SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let before = diags.len();
    let text = source.text.clone();
    let table = parse_toml(&source, &text, 0, "config-syntax", diags)?;
    let anchor = 0..text.find('\n').unwrap_or(text.len()).min(1);
    let mut f =
        Fields::new(&source, 0, table.get_ref(), anchor, msg!("what-table", name = CONFIG_FILE), TOP_KEYS, diags);

    let title = f.required_string("title", "\"My Company Alumni Network\"");
    let base_url = f.required_string("base_url", "\"https://alumni.example.com\"").and_then(|s| {
        match BaseUrl::parse(s.get_ref()) {
            Ok(b) => Some(b),
            Err(e) => {
                f.error_at("config-base-url", s.span(), msg!("key-problem-plain", key = "base_url", problem = e))
                    .set_label(msg!("config-base-url-label"));
                None
            }
        }
    });
    let default_lang = match f.string("language") {
        Some(l) if is_language_tag(l.get_ref()) => l.get_ref().clone(),
        Some(l) => {
            f.error_at("config-language", l.span(), msg!("config-language", code = l.get_ref()))
                .set_label(msg!("config-language-label-default"));
            "en".to_string()
        }
        None => "en".to_string(),
    };
    let (timezone, timezone_name) = match f.string("timezone") {
        Some(tz) => match lookup_timezone(tz.get_ref()) {
            Ok(z) => (z, tz.get_ref().clone()),
            Err(note) => {
                let d = f.error_at("config-timezone", tz.span(), msg!("timezone-unknown", name = tz.get_ref()));
                d.set_label(msg!("timezone-unknown-label-config"));
                d.notes.push(note);
                (TimeZone::UTC, "UTC".into())
            }
        },
        None => (TimeZone::UTC, "UTC".into()),
    };
    let theme_s = f.string("theme");
    let theme_span = theme_s.as_ref().map(|t| t.span());
    let theme = theme_s.map_or_else(|| "default".to_string(), |t| t.into_inner());
    let minify = f.bool("minify").unwrap_or(true);
    let page_size = match f.integer("page_size") {
        Some(n) if (1..=10_000).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            f.error_at("config-page-size", n.span(), msg!("config-page-size", found = n.get_ref().to_string()))
                .set_label(msg!("config-page-size-label"));
            DEFAULT_PAGE_SIZE
        }
        None => DEFAULT_PAGE_SIZE,
    };

    let mut languages = vec![Language { code: default_lang.clone(), title: String::new(), company: String::new() }];
    if let Some((langs, _)) = f.table("languages") {
        let mut lf = Fields::new(&source, 0, langs, 0..0, msg!("what-table", name = "[languages]"), &[], f.diags);
        for (code, span) in lf.keys() {
            if !is_language_tag(&code) {
                lf.error_at("config-language", span.clone(), msg!("config-language", code = &code))
                    .set_label(msg!("config-language-label"));
                continue;
            }
            let Some((t, tspan)) = lf.table(&code) else {
                continue;
            };
            let what = msg!("what-table", name = format!("[languages.{code}]"));
            let mut one = Fields::new(&source, 0, t, tspan, what, LANGUAGE_KEYS, lf.diags);
            let title = one.string("title").map(|s| s.into_inner()).unwrap_or_default();
            let company = one.string("company").map(|s| s.into_inner().trim().to_string()).unwrap_or_default();
            one.finish();
            if code == default_lang {
                languages[0].title = title;
                languages[0].company = company;
            } else {
                languages.push(Language { code, title, company });
            }
        }
    }

    let brand = brand(&mut f, &source);
    let portal = portal(&mut f, &source);
    let markdown = markdown(&mut f, &source);
    let output_keep = output_keep(&mut f, &source);
    f.finish();

    if diags.len() > before && diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    let title = title?;
    let brand = brand?;
    for l in &mut languages {
        if l.title.is_empty() {
            l.title = title.get_ref().clone();
        }
        if l.company.is_empty() {
            l.company = brand.company.clone();
        }
    }
    Some(Config {
        source,
        title: title.into_inner(),
        base_url: base_url?,
        languages,
        timezone,
        timezone_name,
        theme,
        theme_span,
        minify,
        page_size,
        brand,
        portal,
        markdown,
        output_keep,
        files: SiteFs::default(),
    })
}

fn brand(f: &mut Fields<'_, '_>, source: &SourceFile) -> Option<Brand> {
    let Some((t, span)) = f.table("brand") else {
        f.missing("brand", msg!("config-brand-example"));
        return None;
    };
    let mut b = Fields::new(source, 0, t, span, msg!("what-table", name = "[brand]"), BRAND_KEYS, f.diags);
    let company = b.required_string("company", "\"Example Inc.\"");
    let logo = b.string("logo");
    let color = |b: &mut Fields<'_, '_>, key: &str, default: Color| match b.string(key) {
        Some(c) => match Color::parse(c.get_ref()) {
            Some(col) => (col, Some(c.span())),
            None => {
                b.error_at("config-color", c.span(), msg!("config-color", value = c.get_ref()))
                    .set_label(msg!("config-color-label"));
                (default, Some(c.span()))
            }
        },
        None => (default, None),
    };
    let (primary_color, primary_span) = color(&mut b, "primary_color", DEFAULT_PRIMARY);
    let (accent_color, accent_span) = color(&mut b, "accent_color", DEFAULT_ACCENT);
    b.finish();
    Some(Brand {
        company: company?.into_inner(),
        logo_span: logo.as_ref().map(|l| l.span()),
        logo: logo.map(|l| l.into_inner().trim_start_matches('/').to_string()),
        primary_color,
        primary_span,
        accent_color,
        accent_span,
    })
}

fn markdown(f: &mut Fields<'_, '_>, source: &SourceFile) -> MarkdownOptions {
    let mut options = MarkdownOptions::default();
    let Some((t, span)) = f.table("markdown") else {
        return options;
    };
    let mut m = Fields::new(source, 0, t, span, msg!("what-table", name = "[markdown]"), MARKDOWN_KEYS, f.diags);
    if let Some(b) = m.bool("east_asian_line_breaks") {
        options.east_asian_line_breaks = b;
    }
    if let Some(b) = m.bool("cjk_friendly_emphasis") {
        options.cjk_friendly_emphasis = b;
    }
    m.finish();
    options
}

fn portal(f: &mut Fields<'_, '_>, source: &SourceFile) -> Portal {
    let Some((t, span)) = f.table("portal") else {
        return Portal::default();
    };
    let mut p = Fields::new(source, 0, t, span, msg!("what-table", name = "[portal]"), PORTAL_KEYS, f.diags);
    let join_url = p.string("join_url").and_then(|u| match crate::address::link_url(u.get_ref()) {
        Ok(url) => Some(url),
        Err(e) => {
            p.error_at("config-url", u.span(), msg!("key-problem-plain", key = "join_url", problem = e))
                .set_label(msg!("url-expected-label"));
            None
        }
    });
    let contact_email = p.string("contact_email").and_then(|e| {
        let v = e.get_ref();
        if crate::address::is_email(v) {
            Some(e.into_inner())
        } else {
            p.error_at("config-email", e.span(), msg!("config-email", value = v)).set_label(msg!("config-email-label"));
            None
        }
    });
    p.finish();
    Portal { join_url, contact_email }
}

/// `[output] keep`: names of files or folders at the top of the output.
fn output_keep(f: &mut Fields<'_, '_>, source: &SourceFile) -> Vec<String> {
    let Some((t, span)) = f.table("output") else {
        return Vec::new();
    };
    let mut o = Fields::new(source, 0, t, span, msg!("what-table", name = "[output]"), OUTPUT_KEYS, f.diags);
    let mut keep = Vec::new();
    for name in o.strings("keep") {
        let n = name.get_ref();
        let bad = n.is_empty()
            || n == "."
            || n == ".."
            || n.contains(['/', '\\'])
            || n == crate::output::MARKER
            || n.starts_with(".alumni-");
        if bad {
            o.error_at("config-output-keep", name.span(), msg!("config-output-keep", name = n))
                .set_label(msg!("config-output-keep-label"));
        } else {
            keep.push(name.into_inner());
        }
    }
    o.finish();
    keep
}

/// WCAG AA asks 4.5:1 for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// Brand colours that would make text hard to read, as the default theme
/// uses them: the primary colour for links and headings on white, and as a
/// background under black or white text; the accent colour as a button
/// background under black or white text.
pub fn contrast_warnings(config: &Config) -> Vec<Diagnostic> {
    let b = &config.brand;
    let white = Color(255, 255, 255);
    let mut out = Vec::new();
    let mut check = |c: Color, span: &Option<Span>, key: &str, against: Color, role: Text| {
        let ratio = c.contrast(&against);
        if ratio < MIN_CONTRAST {
            let d = Diagnostic::warning(
                "brand-contrast",
                msg!(
                    "brand-contrast",
                    key = key,
                    color = c.hex(),
                    ratio = format!("{ratio:.2}"),
                    role = role,
                    min = MIN_CONTRAST.to_string()
                ),
            )
            .note(msg!("brand-contrast-note"));
            out.push(match span {
                Some(s) => d.at(&config.source, s.clone()).label(msg!("brand-contrast-label")),
                None => d.in_file(CONFIG_FILE),
            });
        }
    };
    check(b.primary_color, &b.primary_span, "primary_color", white, msg!("brand-contrast-on-white"));
    let under = || msg!("brand-contrast-under-text");
    check(b.primary_color, &b.primary_span, "primary_color", b.primary_color.readable_text(), under());
    check(b.accent_color, &b.accent_span, "accent_color", b.accent_color.readable_text(), under());
    out
}

/// A BCP 47-like language code: `ja`, `en`, `zh-TW`, `pt-BR`.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Find an IANA time zone in the bundled database. The error is a hint.
pub fn lookup_timezone(name: &str) -> Result<TimeZone, Text> {
    if let Ok(tz) = jiff::tz::db().get(name) {
        return Ok(tz);
    }
    let names: Vec<String> = jiff::tz::db().available().map(|n| n.as_str().to_string()).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    Err(match suggest(name, &refs) {
        Some(s) => msg!("did-you-mean", name = s),
        None => msg!("timezone-hint"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path() {
        let b = BaseUrl::parse("https://example.com/alumni").unwrap();
        assert_eq!(b.full, "https://example.com/alumni/");
        assert_eq!(b.path, "/alumni/");
        assert_eq!(b.absolute("/alumni/events/"), "https://example.com/alumni/events/");
        assert!(BaseUrl::parse("example.com").is_err());
        assert!(BaseUrl::parse("ftp://example.com").is_err());
        assert!(BaseUrl::parse("https://example.com/?a=1").is_err());
        for bad in ["http:///path", "https:example.com", "https://user:pass@example.com/", "https://user@example.com/"]
        {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(BaseUrl::parse("HTTPS://Example.com:8080/a/").is_ok());
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let white = Color(255, 255, 255);
        let black = Color(0, 0, 0);
        assert!((white.contrast(&black) - 21.0).abs() < 0.01);
        assert_eq!(Color::parse("#fff"), Some(white));
        assert_eq!(Color::parse("#F2A900").unwrap().readable_text(), Color(0x11, 0x11, 0x11));
        assert_eq!(Color::parse("#1A4D8F").unwrap().readable_text(), white);
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("ja"));
        assert!(is_language_tag("zh-TW"));
        assert!(!is_language_tag("English"));
        assert!(!is_language_tag("e"));
    }
}
