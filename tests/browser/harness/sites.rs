//! The sites under test, built into temporary folders through the same entry
//! point as `alumni build`, and the pages to audit in each, classified by
//! kind from the site model so the test knows it covered every kind.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use alumni::build::{BuildOptions, generate};
use alumni::content::Kind;
use alumni::site::{Origin, Site};

/// Every site is built "as of" this day, so upcoming/past and open/closed are fixed.
pub const AS_OF: &str = "2026-11-25";

/// (name, folder relative to the repository).
pub const SITES: [(&str, &str); 3] =
    [("example-site", "example-site"), ("showcase", "tests/fixtures/showcase"), ("hostile", "tests/fixtures/hostile")];

pub struct Built {
    pub name: &'static str,
    _dir: tempfile::TempDir,
    /// The output folder.
    pub root: PathBuf,
    pub site: std::sync::Arc<Site>,
}

/// Build one site into a fresh temporary folder; a site that does not build fails the test.
pub fn build(name: &'static str, rel: &str) -> Built {
    let site_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    assert!(site_dir.join("alumni.toml").is_file(), "{name}: {} has no alumni.toml", site_dir.display());
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("public");
    let opts = BuildOptions {
        site_dir: site_dir.clone(),
        output: Some(root.clone()),
        as_of: Some(AS_OF.into()),
        ..Default::default()
    };
    let (generated, diags) = generate(&opts);
    let problems: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    let g = generated.unwrap_or_else(|| panic!("{name} does not build:\n{}", problems.join("\n")));
    let (written, diags) = alumni::build::build(&opts);
    let problems: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    written.unwrap_or_else(|| panic!("{name}: cannot write the output:\n{}", problems.join("\n")));
    Built { name, _dir: dir, root, site: g.site }
}

pub fn build_all() -> Vec<Built> {
    SITES.iter().map(|(name, rel)| build(name, rel)).collect()
}

/// What a page is, for coverage: every kind must be audited in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    MessageList,
    EventList,
    JobList,
    StoryList,
    TagList,
    Tag,
    PaginatedList,
    FreePage,
    Message,
    EventUpcoming,
    EventPast,
    EventOnline,
    JobOpen,
    JobClosed,
    Story,
    NotFound,
}

impl PageKind {
    pub const ALL: [PageKind; 17] = [
        PageKind::Home,
        PageKind::MessageList,
        PageKind::EventList,
        PageKind::JobList,
        PageKind::StoryList,
        PageKind::TagList,
        PageKind::Tag,
        PageKind::PaginatedList,
        PageKind::FreePage,
        PageKind::Message,
        PageKind::EventUpcoming,
        PageKind::EventPast,
        PageKind::EventOnline,
        PageKind::JobOpen,
        PageKind::JobClosed,
        PageKind::Story,
        PageKind::NotFound,
    ];
}

impl fmt::Display for PageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One page to audit.
#[derive(Debug, Clone)]
pub struct AuditPage {
    /// Readable and unique in its site; names the screenshots.
    pub name: String,
    /// URL path, with the base path, decoded.
    pub path: String,
    pub status: u16,
    pub lang: String,
    pub kinds: Vec<PageKind>,
    /// Index into `site.pages` for detail pages.
    pub page: Option<usize>,
}

/// The HTML pages the build wrote, plus an unknown URL per language (the 404
/// page). With `per_kind`, at most that many pages of each kind per language
/// (pages of one kind share a template; a site with fifty tags need not be
/// audited fifty times); without it, every page.
pub fn audit_pages(b: &Built, per_kind: Option<usize>) -> Vec<AuditPage> {
    let site = &b.site;
    let base = &site.config.base_url.path;
    let mut files: Vec<String> = site
        .outputs
        .iter()
        .filter(|(p, origin)| !matches!(origin, Origin::Static(_)) && p.ends_with(".html") && !p.ends_with("404.html"))
        .map(|(p, _)| p.clone())
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut names = BTreeSet::new();
    for file in files {
        let rel = file.strip_suffix("index.html").unwrap_or(&file).to_string();
        let path = format!("{base}{rel}");
        let (lang, rest) = split_lang(site, &rel);
        let (kinds, page) = classify(site, &path, rest);
        let stem = if rest.is_empty() { "home".to_string() } else { rest.trim_end_matches('/').replace('/', "-") };
        let name = unique(&mut names, format!("{lang}-{stem}"));
        out.push(AuditPage { name, path, status: 200, lang: lang.to_string(), kinds, page });
    }
    if let Some(n) = per_kind {
        let mut seen: BTreeMap<(String, Vec<PageKind>), usize> = BTreeMap::new();
        out.retain(|p| {
            let count = seen.entry((p.lang.clone(), p.kinds.clone())).or_default();
            *count += 1;
            *count <= n
        });
    }
    for l in &site.langs {
        out.push(AuditPage {
            name: unique(&mut names, format!("{}-404", l.code)),
            path: format!("{base}{}no-such-page/", l.prefix),
            status: 404,
            lang: l.code.clone(),
            kinds: vec![PageKind::NotFound],
            page: None,
        });
    }
    out
}

/// The language of an output path (relative to the base path) and the rest of it.
fn split_lang<'a>(site: &'a Site, rel: &'a str) -> (&'a str, &'a str) {
    for l in site.langs.iter().filter(|l| !l.prefix.is_empty()) {
        if let Some(rest) = rel.strip_prefix(l.prefix.as_str()) {
            return (&l.code, rest);
        }
    }
    (site.config.default_language(), rel)
}

fn classify(site: &Site, path: &str, rest: &str) -> (Vec<PageKind>, Option<usize>) {
    if let Some(i) = site.pages.iter().position(|p| p.url == path) {
        let p = &site.pages[i];
        let kinds = match &p.src.kind {
            Kind::Message(_) => vec![PageKind::Message],
            Kind::Event(e) => {
                let when = if p.is_past { PageKind::EventPast } else { PageKind::EventUpcoming };
                if e.online_url.is_some() { vec![when, PageKind::EventOnline] } else { vec![when] }
            }
            Kind::Job(_) => vec![if p.is_open { PageKind::JobOpen } else { PageKind::JobClosed }],
            Kind::Story(_) => vec![PageKind::Story],
            Kind::Page => vec![PageKind::FreePage],
        };
        return (kinds, Some(i));
    }
    let list = match rest.split('/').next().unwrap_or("") {
        "" => PageKind::Home,
        "messages" => PageKind::MessageList,
        "events" => PageKind::EventList,
        "jobs" => PageKind::JobList,
        "stories" => PageKind::StoryList,
        "tags" if rest == "tags/" => PageKind::TagList,
        "tags" => PageKind::Tag,
        other => panic!("output {path} is neither a page of the model nor a known list ({other})"),
    };
    if rest.contains("/page/") { (vec![list, PageKind::PaginatedList], None) } else { (vec![list], None) }
}

fn unique(names: &mut BTreeSet<String>, wanted: String) -> String {
    // Screenshot file names stay short enough for any file system.
    let mut base: String = wanted.chars().take(80).collect();
    base = base.replace(['\\', ':', '*', '?', '"', '<', '>', '|'], "_");
    let mut name = base.clone();
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Which kinds each language has among `pages`.
pub fn coverage(pages: &[AuditPage]) -> BTreeMap<String, BTreeSet<PageKind>> {
    let mut out: BTreeMap<String, BTreeSet<PageKind>> = BTreeMap::new();
    for p in pages {
        out.entry(p.lang.clone()).or_default().extend(p.kinds.iter().copied());
    }
    out
}

/// What an XML parser reads back from text we escaped: characters XML 1.0
/// cannot carry are gone and line ends are normalised (XML 1.0, 2.11).
pub fn xml_text(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c < ' ' || c == '\u{fffe}' || c == '\u{ffff}'))
        .collect();
    kept.replace("\r\n", "\n").replace('\r', "\n")
}

/// What a calendar app shows for a TEXT value we wrote: line breaks (also
/// U+2028/U+2029) stay line breaks, other control characters are dropped.
pub fn ics_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}
