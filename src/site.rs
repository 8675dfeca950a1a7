//! The site model: which content is published as of the build's "now", the
//! URL of everything, which pages translate which, and the lists (home,
//! sections, tags) each language shows. Plain data, no rendering.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Kind, Section, SourcePage};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::Text;
use crate::msg;
use crate::routes;
use crate::theme::{StaticSource, ThemeStatic};

/// How many items the home page shows per list.
pub const HOME_ITEMS: usize = 3;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub as_of: Timestamp,
    pub drafts: bool,
    /// Published pages, sorted by section, key, language.
    pub pages: Vec<Page>,
    /// One entry per configured language, default first.
    pub langs: Vec<LangSite>,
    pub static_files: Vec<StaticFile>,
    /// Every file the build writes, by output path (`events/x/index.html`).
    pub outputs: HashMap<String, Origin>,
    /// Content that exists but is not built (drafts, scheduled, files with
    /// errors), by source path.
    pub unpublished: HashMap<PathBuf, Unpublished>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    Draft,
    Scheduled,
    /// A Markdown file under content/ that has errors of its own.
    Invalid,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Shared with the content cache of `serve`.
    pub src: Arc<SourcePage>,
    /// URL path, with the base path: `/alumni/en/events/x/`.
    pub url: String,
    /// Output file relative to the output folder: `en/events/x/index.html`.
    pub out_path: String,
    /// Indices of every language version of this content, self included, in
    /// configured language order.
    pub translations: Vec<usize>,
    /// Events: ended as of the build. Jobs: closed as of the build.
    pub is_past: bool,
    pub is_open: bool,
    /// When the content is dated, for feeds and the sitemap; never after the
    /// build's "now", which an event's `date` (or, without one, its start)
    /// may well be. None for free pages.
    pub updated: Option<Timestamp>,
}

impl Page {
    /// The event's calendar file, beside its page: `events/x/event.ics`.
    pub fn ics_path(&self) -> String {
        routes::event_file(self.out_path.strip_suffix("index.html").unwrap_or(&self.out_path))
    }
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output path relative to the output folder, `/`-separated.
    pub out_path: String,
    pub source: StaticSource,
    /// The path shown to people (`static/logo.svg`, `themes/default/static/...`).
    pub shown: PathBuf,
}

/// What produces an output file (for collision messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Generated(Text),
    Content(PathBuf),
    Static(PathBuf),
}

impl Origin {
    fn describe(&self) -> Text {
        match self {
            Origin::Generated(what) => what.clone(),
            Origin::Content(p) | Origin::Static(p) => msg!("what-named", name = p),
        }
    }
}

#[derive(Debug, Default)]
pub struct LangSite {
    pub code: String,
    /// `""` for the default language, else `en/`.
    pub prefix: String,
    pub welcome: Option<usize>,
    /// Newest first, welcome messages excluded.
    pub messages: Vec<usize>,
    pub upcoming: Vec<usize>,
    /// Most recent first.
    pub past: Vec<usize>,
    /// Open jobs, newest first.
    pub jobs: Vec<usize>,
    /// Alumni stories, newest first.
    pub stories: Vec<usize>,
    /// Free pages (navigation): in this language, else in the default
    /// language, as the lists fall back.
    pub nav_pages: Vec<usize>,
    pub tags: BTreeMap<String, Tag>,
}

impl LangSite {
    /// How many items a kind's list shows (events: upcoming and past, one list).
    pub fn list_len(&self, section: Section) -> usize {
        match section {
            Section::Events => self.upcoming.len() + self.past.len(),
            Section::Pages => self.nav_pages.len(),
            _ => self.plain_list(section).map_or(0, <[usize]>::len),
        }
    }

    /// The items of a kind whose list is one list, newest first (messages,
    /// open jobs, stories); None for events (upcoming, then past) and pages.
    pub fn plain_list(&self, section: Section) -> Option<&[usize]> {
        match section {
            Section::Messages => Some(&self.messages),
            Section::Jobs => Some(&self.jobs),
            Section::Stories => Some(&self.stories),
            Section::Events | Section::Pages => None,
        }
    }
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub pages: Vec<usize>,
}

pub struct SiteInput<'a> {
    pub config: Config,
    pub sources: Vec<Arc<SourcePage>>,
    pub as_of: Timestamp,
    pub drafts: bool,
    pub site_dir: &'a Path,
    /// The theme's static files; the site's `static/` overrides them.
    pub theme_statics: Vec<ThemeStatic>,
    pub theme_name: String,
}

pub fn build(input: SiteInput<'_>, diags: &mut Vec<Diagnostic>) -> Site {
    let SiteInput { config, sources, as_of, drafts, site_dir, theme_statics, theme_name } = input;
    let sources_len = sources.len();
    let mut unpublished = HashMap::new();
    let mut published: Vec<Arc<SourcePage>> = Vec::new();
    // A link to a file that failed to load points at that file's own errors,
    // not at nothing.
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        if let Some(f) =
            d.file.as_ref().filter(|f| f.starts_with("content") && f.extension().is_some_and(|e| e == "md"))
        {
            unpublished.insert(f.clone(), Unpublished::Invalid);
        }
    }
    for s in sources {
        if s.draft && !drafts {
            unpublished.insert(s.source.path.clone(), Unpublished::Draft);
        } else if s.publish_at().is_some_and(|t| t > as_of) {
            unpublished.insert(s.source.path.clone(), Unpublished::Scheduled);
        } else {
            published.push(s);
        }
    }
    // Translations of one page end up side by side, in the order of the
    // configured languages (`link_translations` relies on it).
    published.sort_by_cached_key(|s| (s.section, s.key.clone(), lang_rank(&config, &s.lang)));

    let langs_prefix: Vec<(String, String)> = config
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| (l.code.clone(), if i == 0 { String::new() } else { format!("{}/", l.code) }))
        .collect();
    let prefix_of =
        |lang: &str| langs_prefix.iter().find(|(c, _)| c == lang).map_or("", |(_, p)| p.as_str()).to_string();

    let mut pages: Vec<Page> = published
        .into_par_iter()
        .map(|src| {
            let rel = routes::item(&prefix_of(&src.lang), src.section, &src.slug);
            let (is_past, is_open) = match &src.kind {
                Kind::Event(e) => (e.ended_at() <= as_of, true),
                Kind::Job(j) => (false, j.closes_at.is_none_or(|c| as_of < c)),
                _ => (false, true),
            };
            Page {
                url: format!("{}{}", config.base_url.path, rel),
                out_path: routes::page_file(&rel),
                updated: updated(&src, as_of),
                src,
                translations: Vec::new(),
                is_past,
                is_open,
            }
        })
        .collect();

    link_translations(&mut pages);
    let mut outputs = HashMap::with_capacity(sources_len * 2);
    let mut claim = |path: String, origin: Origin, diags: &mut Vec<Diagnostic>| {
        if let Some(prev) = outputs.get(&path) {
            let prev: &Origin = prev;
            let d = collision(&path, prev, &origin);
            diags.push(d);
        } else {
            outputs.insert(path, origin);
        }
    };
    for (code, prefix) in &langs_prefix {
        let generated = |what: Text| Origin::Generated(msg!("origin-generated", what = what, lang = code));
        claim(routes::page_file(&routes::home(prefix)), generated(msg!("origin-home")), diags);
        claim(routes::not_found(prefix), generated(msg!("origin-404")), diags);
        claim(routes::feed(prefix), generated(msg!("origin-feed")), diags);
        claim(routes::calendar(prefix), generated(msg!("origin-calendar")), diags);
        for (kind, list) in routes::lists().filter(|(_, list)| list.always) {
            claim(routes::page_file(&routes::list(prefix, kind)), generated((list.what)()), diags);
        }
        claim(routes::page_file(&routes::tags(prefix)), generated(msg!("origin-tag-list")), diags);
    }
    claim(routes::SITEMAP.into(), Origin::Generated(msg!("origin-sitemap")), diags);
    claim(routes::ROBOTS.into(), Origin::Generated(msg!("what-named", name = routes::ROBOTS)), diags);
    for p in &pages {
        claim(p.out_path.clone(), Origin::Content(p.src.source.path.clone()), diags);
        if matches!(p.src.kind, Kind::Event(_)) {
            claim(p.ics_path(), Origin::Content(p.src.source.path.clone()), diags);
        }
    }

    let order = ListOrder::new(&pages);
    let (mut langs, lang_diags): (Vec<LangSite>, Vec<Vec<Diagnostic>>) = langs_prefix
        .par_iter()
        .map(|(code, prefix)| {
            let mut found = Vec::new();
            (lang_site(code, prefix, &pages, &order, &config, &mut found), found)
        })
        .unzip();
    diags.extend(lang_diags.into_iter().flatten());
    for l in &mut langs {
        let size = config.page_size;
        let extra = |n: usize| 2..=crate::render::page_count(n, size);
        for (kind, list) in routes::lists_of(l) {
            // A list that exists only with items: its first page too.
            if !list.always {
                let what = msg!("origin-generated", what = (list.what)(), lang = &l.code);
                claim(routes::page_file(&routes::list(&l.prefix, kind)), Origin::Generated(what), diags);
            }
            for k in extra(l.list_len(kind.section)) {
                let what = msg!("origin-list-page", page = k, what = (list.what)(), lang = &l.code);
                claim(
                    routes::page_file(&routes::paged(&routes::list(&l.prefix, kind), k)),
                    Origin::Generated(what),
                    diags,
                );
            }
        }
        for t in l.tags.values() {
            for k in extra(t.pages.len()) {
                claim(
                    routes::page_file(&routes::paged(&routes::tag(&l.prefix, &t.slug), k)),
                    Origin::Generated(msg!("origin-tag-page", page = k, tag = &t.name, lang = &l.code)),
                    diags,
                );
            }
            claim(
                routes::page_file(&routes::tag(&l.prefix, &t.slug)),
                Origin::Generated(msg!("origin-tag", tag = &t.name, lang = &l.code)),
                diags,
            );
        }
    }
    let static_files = collect_static(site_dir, theme_statics, &theme_name, diags);
    for s in &static_files {
        claim(s.out_path.clone(), Origin::Static(s.shown.clone()), diags);
    }
    file_folder_clashes(&outputs, diags);
    check_logo(&config, &static_files, diags);
    check_photos(&pages, &static_files, diags);

    Site { config, as_of, drafts, pages, langs, static_files, outputs, unpublished }
}

/// See `Page::updated`.
fn updated(src: &SourcePage, as_of: Timestamp) -> Option<Timestamp> {
    match &src.kind {
        Kind::Message(m) => Some(m.date.zoned.timestamp()),
        Kind::Job(j) => Some(j.posted.zoned.timestamp()),
        Kind::Event(e) => Some(e.announced.unwrap_or_else(|| e.starts.timestamp()).min(as_of)),
        Kind::Story(s) => Some(s.date.zoned.timestamp()),
        Kind::Page => None,
    }
}

fn lang_rank(config: &Config, lang: &str) -> usize {
    config.languages.iter().position(|l| l.code == lang).unwrap_or(usize::MAX)
}

fn collision(path: &str, a: &Origin, b: &Origin) -> Diagnostic {
    let url = format!("/{}", path.strip_suffix("index.html").unwrap_or(path));
    let mut d =
        Diagnostic::error("url-collision", msg!("url-collision", a = a.describe(), b = b.describe(), url = url));
    if let Origin::Content(p) | Origin::Static(p) = b {
        d = d.in_file(p.clone());
    }
    d.note(msg!("url-collision-note"))
}

/// A file where another output needs a folder (`slug = "robots.txt"` wants
/// `robots.txt/index.html`) cannot be written; say so now, not at write time.
fn file_folder_clashes(outputs: &HashMap<String, Origin>, diags: &mut Vec<Diagnostic>) {
    for (path, origin) in outputs {
        let folders = path.match_indices('/').map(|(i, _)| &path[..i]);
        for folder in folders {
            if let Some(file) = outputs.get(folder) {
                diags.push(collision(folder, file, origin));
            }
        }
    }
}

/// Pages with the same section and key are translations of each other.
fn link_translations(pages: &mut [Page]) {
    // `pages` is sorted by section, key and language: each page's
    // translations are the run of pages around it with its section and key.
    let mut start = 0;
    while start < pages.len() {
        let same = |p: &Page| p.src.section == pages[start].src.section && p.src.key == pages[start].src.key;
        let end = start + pages[start..].iter().take_while(|p| same(p)).count();
        let group: Vec<usize> = (start..end).collect();
        for p in &mut pages[start..end] {
            p.translations = group.clone();
        }
        start = end;
    }
}

/// The version of a page to show in `lang`: its own, else the default
/// language's, else the first there is.
fn pick(pages: &[Page], group: &[usize], lang: &str, default: &str) -> usize {
    group
        .iter()
        .find(|&&i| pages[i].src.lang == lang)
        .or_else(|| group.iter().find(|&&i| pages[i].src.lang == default))
        .copied()
        .unwrap_or(group[0])
}

/// Where each page comes in a list, newest first or oldest first (by its
/// list date: a message's date, an event's start, a job's posting date;
/// ties broken by URL, so the order never depends on load order). Lists are
/// sorted by these ranks instead of by comparing pages: one sort of the
/// site instead of one per list, and without reaching into every page.
struct ListOrder {
    newest: Vec<u32>,
    oldest: Vec<u32>,
}

impl ListOrder {
    fn new(pages: &[Page]) -> ListOrder {
        let date: Vec<Timestamp> = pages.par_iter().map(list_date).collect();
        let by = |newest: bool| {
            let mut idx: Vec<usize> = (0..pages.len()).collect();
            idx.par_sort_unstable_by(|&a, &b| {
                let dates = if newest { date[b].cmp(&date[a]) } else { date[a].cmp(&date[b]) };
                dates.then_with(|| pages[a].url.cmp(&pages[b].url))
            });
            let mut rank = vec![0u32; pages.len()];
            for (r, i) in idx.into_iter().enumerate() {
                rank[i] = r as u32;
            }
            rank
        };
        let (newest, oldest) = rayon::join(|| by(true), || by(false));
        ListOrder { newest, oldest }
    }
}

fn list_date(p: &Page) -> Timestamp {
    match &p.src.kind {
        Kind::Message(m) => m.date.zoned.timestamp(),
        Kind::Event(e) => e.starts.timestamp(),
        Kind::Job(j) => j.posted.zoned.timestamp(),
        Kind::Story(s) => s.date.zoned.timestamp(),
        Kind::Page => Timestamp::UNIX_EPOCH,
    }
}

fn lang_site(
    code: &str,
    prefix: &str,
    pages: &[Page],
    order: &ListOrder,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> LangSite {
    let default = config.default_language();
    let mut l = LangSite { code: code.into(), prefix: prefix.into(), ..Default::default() };
    // One entry per translation group: the group's first member stands for it.
    let shown: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].translations.first() == Some(&i))
        .map(|i| pick(pages, &pages[i].translations, code, default))
        .collect();
    let mut welcomes: Vec<usize> = Vec::new();
    for &i in &shown {
        let p = &pages[i];
        match &p.src.kind {
            Kind::Message(m) if m.welcome => welcomes.push(i),
            Kind::Message(_) => l.messages.push(i),
            Kind::Event(_) if p.is_past => l.past.push(i),
            Kind::Event(_) => l.upcoming.push(i),
            Kind::Job(_) if p.is_open => l.jobs.push(i),
            Kind::Job(_) => {}
            Kind::Story(_) => l.stories.push(i),
            Kind::Page => l.nav_pages.push(i),
        }
    }
    // Only the welcome messages written in this language can clash.
    let own: Vec<usize> = welcomes.iter().copied().filter(|&i| pages[i].src.lang == code).collect();
    if own.len() > 1 {
        let first = &pages[own[0]].src;
        for &dup in &own[1..] {
            let d = &pages[dup].src;
            let span = match &d.kind {
                Kind::Message(m) => m.welcome_span.clone().unwrap_or(0..0),
                _ => 0..0,
            };
            diags.push(
                d.source
                    .error("welcome-duplicate", span, msg!("welcome-duplicate", lang = code))
                    .label(msg!("welcome-duplicate-label"))
                    .note(msg!("welcome-duplicate-note", file = &first.source.path)),
            );
        }
    }
    l.welcome = own.first().copied().or_else(|| welcomes.first().copied());
    let newest = |i: &usize| order.newest[*i];
    l.messages.sort_unstable_by_key(newest);
    l.upcoming.sort_unstable_by_key(|i| order.oldest[*i]);
    l.past.sort_unstable_by_key(newest);
    l.jobs.sort_unstable_by_key(newest);
    l.stories.sort_unstable_by_key(newest);
    // By weight (pages without one last), then title. A translation without a
    // weight of its own takes its group's, so one weight orders every language.
    let weight =
        |i: usize| pages[i].src.weight.or_else(|| pages[i].translations.iter().find_map(|&t| pages[t].src.weight));
    l.nav_pages.sort_by(|a, b| {
        let key = |i: usize| (weight(i).is_none(), weight(i), &pages[i].src.title);
        key(*a).cmp(&key(*b)).then_with(|| pages[*a].url.cmp(&pages[*b].url))
    });

    for &i in shown.iter().filter(|&&i| pages[i].src.section != Section::Pages) {
        for (name, slug) in pages[i].src.tags.iter().zip(&pages[i].src.tag_slugs) {
            let slug = slug.clone();
            let tag = l.tags.entry(slug.clone()).or_insert_with(|| Tag { name: name.clone(), slug, pages: Vec::new() });
            if !same_tag(&tag.name, name)
                && let Some(&first) = tag.pages.iter().find(|&&p| pages[p].src.tags.iter().any(|t| t == &tag.name))
            {
                diags.push(tag_clash(&pages[first], &tag.name, &pages[i], name, &tag.slug));
                continue;
            }
            tag.pages.push(i);
        }
    }
    for t in l.tags.values_mut() {
        t.pages.sort_unstable_by_key(newest);
    }
    l
}

/// Two spellings of one tag: they differ in case or surrounding space only.
fn same_tag(a: &str, b: &str) -> bool {
    a == b || a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Two tags whose URLs would be one (`C++` and `C#` are both `/tags/c/`):
/// an error at the second, naming the first.
fn tag_clash(first: &Page, first_name: &str, page: &Page, name: &str, slug: &str) -> Diagnostic {
    let src = &page.src.source;
    let quoted = |s: &crate::diag::SourceFile, n: &str| {
        let q = format!("\"{n}\"");
        let front = &s.text[..page.src.body_start.min(s.text.len())];
        front.find(&q).map_or(0..0, |at| at..at + q.len())
    };
    src.error("tag-clash", quoted(src, name), msg!("tag-clash", name = name, first = first_name, slug = slug))
        .label(msg!("tag-clash-label"))
        .note(msg!("tag-clash-first", first = first_name, file = &first.src.source.path))
        .note(msg!("tag-clash-note"))
}

/// A URL-safe form of a tag name: lower case, words joined by `-`; letters of
/// any script are kept (`イベント` stays `イベント`).
pub fn slugify(s: &str) -> String {
    fn push(out: &mut String, c: char) {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if c.is_ascii() {
            // What `to_lowercase` gives for ASCII, without its table search.
            push(&mut out, c.to_ascii_lowercase());
        } else if uncased_letter(c) {
            // The same as below without the two table searches per
            // character that most of a Japanese title costs: such a letter
            // is its own lower case and alphanumeric.
            out.push(c);
        } else {
            c.to_lowercase().for_each(|c| push(&mut out, c));
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Kana and the common CJK ideographs: letters (`is_alphanumeric`) that
/// have no lowercase form other than themselves (checked for every one by a
/// test).
fn uncased_letter(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
}

fn collect_static(
    site_dir: &Path,
    theme: Vec<ThemeStatic>,
    theme_name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<StaticFile> {
    // The site's static/ overrides the theme's files of the same path.
    let mut files: BTreeMap<String, StaticFile> = theme
        .into_iter()
        .map(|t| {
            let shown = PathBuf::from(format!("themes/{theme_name}/static/{}", t.out_path));
            (t.out_path.clone(), StaticFile { out_path: t.out_path, source: t.source, shown })
        })
        .collect();
    let dir = site_dir.join("static");
    if !dir.is_dir() {
        return files.into_values().collect();
    }
    let site_files = crate::sitefs::SiteFs::new(site_dir);
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if crate::sitefs::is_litter(&e.file_name().to_string_lossy()) {
            return false;
        }
        let ok = !(e.path_is_symlink() || e.depth() == 0) || site_files.leads_inside(e.path());
        if !ok {
            skipped.push(e.path().to_path_buf());
        }
        ok
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map_or_else(|| PathBuf::from("static"), |p| p.strip_prefix(site_dir).unwrap_or(p).to_path_buf());
                let what = if e.loop_ancestor().is_some() {
                    msg!("symlink-loop")
                } else {
                    msg!("detail", detail = e.to_string())
                };
                diags.push(Diagnostic::error("static-unreadable", msg!("static-unreadable", detail = what)).in_file(p));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let out_path = rel.to_string_lossy().replace('\\', "/");
        let shown = Path::new("static").join(rel);
        if !entry.file_type().is_file() {
            // Copying a named pipe or a device would wait forever.
            diags.push(crate::content::not_a_file("static-not-a-file", shown));
            continue;
        }
        files.insert(
            out_path.clone(),
            StaticFile { out_path, source: StaticSource::Disk(entry.path().to_path_buf()), shown },
        );
    }
    for s in skipped {
        let shown = s.strip_prefix(site_dir).unwrap_or(&s).to_path_buf();
        diags.push(crate::content::outside_link("static-symlink-outside", shown));
    }
    files.into_values().collect()
}

fn check_logo(config: &Config, statics: &[StaticFile], diags: &mut Vec<Diagnostic>) {
    let Some(logo) = &config.brand.logo else {
        return;
    };
    if !statics.iter().any(|s| &s.out_path == logo) {
        let span = config.brand.logo_span.clone().unwrap_or(0..0);
        diags.push(
            config
                .source
                .error("config-logo-missing", span, msg!("config-logo-missing", logo = logo))
                .label(msg!("config-logo-missing-label"))
                .note(msg!("config-logo-missing-note", logo = logo)),
        );
    }
}

/// A story's photo is one of the site's static files.
fn check_photos(pages: &[Page], statics: &[StaticFile], diags: &mut Vec<Diagnostic>) {
    for p in pages {
        let Kind::Story(s) = &p.src.kind else { continue };
        let Some(photo) = &s.photo else { continue };
        if !statics.iter().any(|f| &f.out_path == photo) {
            let span = s.photo_span.clone().unwrap_or(0..0);
            diags.push(
                p.src
                    .source
                    .error("story-photo-missing", span, msg!("story-photo-missing", photo = photo))
                    .label(msg!("story-photo-missing-label"))
                    .note(msg!("story-photo-missing-note", photo = photo)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{slugify, uncased_letter};

    #[test]
    fn kana_and_ideographs_are_letters_without_case() {
        let all = ('\u{3000}'..='\u{A000}').filter(|&c| uncased_letter(c));
        let mut n = 0;
        for c in all {
            assert!(c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            n += 1;
        }
        assert_eq!(n, 0x3096 - 0x3041 + 1 + 0x30FA - 0x30A1 + 1 + 0x9FFF - 0x4E00 + 1);
        assert_eq!(slugify("アルムナイ・ネットワーク（東京）"), "アルムナイ-ネットワーク-東京");
    }

    /// ASCII takes a short way; it gives what the tables give.
    #[test]
    fn ascii_slugs_are_what_the_tables_give() {
        let by_tables = |s: &str| {
            let mut out = String::new();
            for c in s.trim().chars().flat_map(char::to_lowercase) {
                if c.is_alphanumeric() || c == '_' {
                    out.push(c);
                } else if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
            out.trim_end_matches('-').to_string()
        };
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [ascii.as_str(), "Über DX_2027 — ÉTÉ", "İstanbul Ωmega 東京 Office", "a--b__c  D"] {
            assert_eq!(slugify(s), by_tables(s), "{s:?}");
        }
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slugify("Career Change"), "career-change");
        assert_eq!(slugify("  Rust & Go!  "), "rust-go");
        assert_eq!(slugify("イベント"), "イベント");
        assert_eq!(slugify("!!!"), "");
    }
}
