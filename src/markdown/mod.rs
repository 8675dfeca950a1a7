//! Markdown to HTML with pulldown-cmark: heading anchors, one `h1` per page
//! (the title), and internal links checked and rewritten. A link to a source
//! file (`../events/meetup.md`) becomes that page's URL in the reader's
//! language; a site path (`/jobs/`) must name something the build writes, and
//! `@/jobs/` is that path in the reader's language (`/en/jobs/`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub mod cjk;
mod html;
mod rewrite;
pub(crate) mod structure;

use crate::config::MarkdownOptions;
use crate::diag::{Diagnostic, SourceFile};
use crate::i18n::Text;
use crate::markup;
use crate::msg;
use crate::site::{Page, Site, Unpublished};

/// What rendering one page's Markdown gives.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for descriptions.
    pub first_paragraph: String,
    /// Events only: the whole text without markup, blocks separated by blank
    /// lines (calendar descriptions).
    pub plain_text: String,
    /// Every link and image target and what it resolved to, so a cached
    /// rendering can be reused only while each still resolves the same way.
    pub links: Vec<(String, Resolution)>,
    /// Changes whenever the page's Markdown is rendered again.
    pub revision: u64,
}

impl Rendered {
    /// Drop the HTML, the plain text and the links, keeping what lists and
    /// feeds show of the page (its first paragraph).
    pub fn forget_text(&mut self) {
        self.html = String::new();
        self.plain_text = String::new();
        self.links = Vec::new();
    }
}

/// What a link target became: kept as written (`None`), rewritten, or broken.
pub type Resolution = Result<Option<String>, Text>;

/// What links resolve against: the page of every source file and every URL
/// path the build writes. Owned, so that rebuilds that change no page, URL or
/// output keep it.
pub struct LinkIndex {
    /// Where a link to each page's source file goes, by source path, its
    /// parts joined by `/` (see `source_key`).
    by_source: HashMap<String, Target>,
    /// Every URL path the build writes (`/alumni/events/x/`, `/alumni/logo.svg`).
    paths: HashSet<String>,
}

/// Where a link to a page's source file goes. Held here rather than looked
/// up in the site's pages, so that a link reads one small entry instead of
/// a page, its source and its translations (scattered across memory in a
/// large site).
struct Target {
    url: String,
    /// For a page in the default language, its translations (language,
    /// URL), in the page's order: a reader in one of those languages is
    /// sent to the first in it.
    translations: Box<[(String, String)]>,
}

impl LinkIndex {
    pub fn new(site: &Site) -> Self {
        let default = site.config.default_language();
        let target = |p: &Page| Target {
            url: p.url.clone(),
            translations: if p.src.lang == default {
                p.translations.iter().map(|&t| (site.pages[t].src.lang.clone(), site.pages[t].url.clone())).collect()
            } else {
                Box::default()
            },
        };
        let by_source = site.pages.iter().map(|p| (source_key(p.src.path(), ""), target(p))).collect();
        let base = &site.config.base_url.path;
        let paths =
            site.outputs.keys().map(|out| format!("{base}{}", out.strip_suffix("index.html").unwrap_or(out))).collect();
        LinkIndex { by_source, paths }
    }
}

/// Resolving links of a site's pages.
pub struct Links<'a> {
    site: &'a Site,
    index: Arc<LinkIndex>,
}

impl<'a> Links<'a> {
    pub fn new(site: &'a Site) -> Self {
        Links { site, index: Arc::new(LinkIndex::new(site)) }
    }

    /// With an index made earlier for the same pages and outputs.
    pub fn with_index(site: &'a Site, index: Arc<LinkIndex>) -> Self {
        Links { site, index }
    }

    pub fn resolve(&self, page: &Page, dest: &str) -> Resolution {
        if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) || dest.starts_with("//") {
            return Ok(None);
        }
        let (path, suffix) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let path = percent_decode(path);
        if path.ends_with(".md") {
            return self.resolve_source(page, &path).map(|url| Some(url + suffix));
        }
        let base = &self.site.config.base_url.path;
        let (absolute, rewrite) = if let Some(rest) = path.strip_prefix("@/") {
            // A site path in the reader's language: `@/jobs/` is `/en/jobs/` on an English page.
            let prefix = self.site.langs.iter().find(|l| l.code == page.src.lang).map_or("", |l| l.prefix.as_str());
            (normalize_url(&format!("{base}{prefix}{rest}")), true)
        } else if let Some(rest) = path.strip_prefix('/') {
            (format!("{base}{rest}"), base != "/")
        } else {
            let dir = page.url.clone();
            (normalize_url(&format!("{dir}{path}")), false)
        };
        if !self.exists(&absolute) {
            return Err(msg!("link-no-target", dest = dest, url = absolute));
        }
        Ok(rewrite.then(|| format!("{absolute}{suffix}")))
    }

    /// Whether the build writes something at a URL path (a folder's URL may
    /// leave out its final `/`).
    fn exists(&self, absolute: &str) -> bool {
        self.index.paths.contains(absolute)
            || (!absolute.ends_with('/') && self.index.paths.contains(&format!("{absolute}/")))
    }

    fn resolve_source(&self, page: &Page, path: &str) -> Result<String, Text> {
        let (dir, rest) = match path.strip_prefix("@/").or_else(|| path.strip_prefix('/')) {
            Some(rest) => (Path::new("content"), rest),
            None => (page.src.path().parent().unwrap_or(Path::new("content")), path),
        };
        let key = source_key(dir, rest);
        let Some(target) = self.index.by_source.get(&key) else {
            let target = PathBuf::from(key);
            return Err(match self.site.unpublished.get(&target) {
                Some(Unpublished::Draft) => msg!("link-to-draft", file = &target),
                Some(Unpublished::Scheduled) => msg!("link-to-scheduled", file = &target),
                Some(Unpublished::Invalid) => msg!("link-to-invalid", file = &target),
                None => msg!("link-to-missing", file = &target),
            });
        };
        // Prefer the version in the reader's language when the link names the
        // default-language file.
        let lang = &page.src.lang;
        Ok(target.translations.iter().find(|(l, _)| l == lang).map_or(&target.url, |(_, url)| url).clone())
    }
}

/// Rendered Markdown kept between rebuilds (`serve`), by source file.
#[derive(Default)]
pub struct MarkdownCache {
    entries: HashMap<PathBuf, Cached>,
    next_revision: u64,
    /// What links could resolve to in the build the entries come from.
    world: u64,
}

struct Cached {
    source_revision: u64,
    minified: bool,
    options: MarkdownOptions,
    rendered: Arc<Rendered>,
    diags: Vec<Diagnostic>,
}

impl MarkdownCache {
    /// Render every page of the site, reusing a page's earlier rendering when
    /// its source is unchanged and each of its links resolves as before.
    /// Returns the bodies in `site.pages` order.
    /// With `minify`, the HTML is minified (the templates are minified on
    /// their own, so pages are not minified whole).
    pub fn render_all(&mut self, site: &Site, minify: bool, diags: &mut Vec<Diagnostic>) -> Vec<Arc<Rendered>> {
        let links = Links::new(site);
        // While no page, URL or output came or went, every link resolves as
        // it did: there is no need to ask again.
        let world = link_world(site);
        let same_world = world == self.world;
        let options = site.config.markdown;
        let reusable = |p: &Page| {
            let c = self.entries.get(p.src.path())?;
            let same = c.source_revision == p.src.revision
                && c.minified == minify
                && c.options == options
                && (same_world || c.rendered.links.iter().all(|(dest, was)| links.resolve(p, dest) == *was));
            same.then(|| (c.rendered.clone(), c.diags.clone()))
        };
        let results: Vec<(Arc<Rendered>, Vec<Diagnostic>, bool)> = site
            .pages
            .par_iter()
            .map(|p| match reusable(p) {
                Some((r, d)) => (r, d, false),
                None => {
                    let (r, d) = render(p, &links, minify);
                    (Arc::new(r), d, true)
                }
            })
            .collect();
        let mut entries = HashMap::with_capacity(results.len());
        let mut bodies = Vec::with_capacity(results.len());
        for (p, (mut rendered, d, fresh)) in site.pages.iter().zip(results) {
            if fresh {
                self.next_revision += 1;
                Arc::get_mut(&mut rendered).expect("just rendered").revision = self.next_revision;
            }
            diags.extend(d.iter().cloned());
            let entry = Cached {
                source_revision: p.src.revision,
                minified: minify,
                options,
                rendered: rendered.clone(),
                diags: d,
            };
            entries.insert(p.src.path().to_path_buf(), entry);
            bodies.push(rendered);
        }
        self.entries = entries;
        self.world = world;
        bodies
    }

    /// Render one page again (its text changed, nothing else did) and keep
    /// the result.
    pub fn render_one(&mut self, page: &Page, links: &Links<'_>, minify: bool) -> (Arc<Rendered>, Vec<Diagnostic>) {
        let (mut r, d) = render(page, links, minify);
        self.next_revision += 1;
        r.revision = self.next_revision;
        let r = Arc::new(r);
        let entry = Cached {
            source_revision: page.src.revision,
            minified: minify,
            options: links.site.config.markdown,
            rendered: r.clone(),
            diags: d.clone(),
        };
        self.entries.insert(page.src.path().to_path_buf(), entry);
        (r, d)
    }
}

/// Minify the HTML of one page's Markdown that holds raw HTML (the rest is
/// written minified, see [`html`]). It lands inside a template, so no
/// closing tag is left out on account of what follows it here.
fn minify_fragment(html: &str) -> String {
    // Tags that do not nest as written, or too deep for the minifier's
    // recursion: written as they are (see `structure`).
    if !structure::minifiable(html) {
        return html.to_string();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    String::from_utf8(minify_html::minify(html.as_bytes(), &cfg)).unwrap_or_else(|_| html.to_string())
}

/// A key of everything a link can resolve against: every page's file, URL
/// and language versions, what is unpublished, every output path.
fn link_world(site: &Site) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let one = |v: &dyn Fn(&mut DefaultHasher)| {
        let mut h = DefaultHasher::new();
        v(&mut h);
        h.finish()
    };
    let mut h = DefaultHasher::new();
    site.config.base_url.hash(&mut h);
    for l in &site.langs {
        (&l.code, &l.prefix).hash(&mut h);
    }
    for p in &site.pages {
        (p.src.path(), &p.url, &p.src.lang).hash(&mut h);
        for &t in &p.translations {
            site.pages[t].url.hash(&mut h);
        }
    }
    // Maps iterate in no fixed order: combine their entries' keys by sum.
    let unpublished =
        site.unpublished.iter().fold(0u64, |acc, (path, u)| acc.wrapping_add(one(&|h| (path, *u as u8).hash(h))));
    let outputs = site.outputs.keys().fold(0u64, |acc, path| acc.wrapping_add(one(&|h| path.hash(h))));
    (unpublished, outputs).hash(&mut h);
    h.finish()
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) => s[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) && i > 0,
        None => false,
    }
}

fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or(Cow::Borrowed(s), Cow::Owned)
}

/// The path `rel` (parts separated by `/`) from folder `dir`, with `.` and
/// `..` parts resolved (`..` at the top stays at the top) and its parts
/// joined by `/`: how `LinkIndex` names a source file. A string, not a
/// `PathBuf`, because a page's links are looked up by it one by one.
fn source_key(dir: &Path, rel: &str) -> String {
    // Where `/` is the separator, a path's text split at `/` gives its parts
    // (a leading `/` or `.` and doubled separators give empty or `.` parts,
    // which add nothing): no need to take it apart as a `Path`, link by link.
    // The parts are written straight into the key: `..` cuts the key back
    // to its last `/`, which is `push_part` on the joined text.
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(dir) = dir.to_str()
    {
        let mut key = String::with_capacity(dir.len() + rel.len() + 1);
        for part in dir.split('/').chain(rel.split('/')) {
            match part {
                "" | "." => {}
                ".." => key.truncate(key.rfind('/').unwrap_or(0)),
                _ => {
                    if !key.is_empty() {
                        key.push('/');
                    }
                    key.push_str(part);
                }
            }
        }
        return key;
    }
    let mut parts = Vec::with_capacity(8);
    for c in dir.components() {
        match c {
            Component::ParentDir => push_part(&mut parts, "..".into()),
            Component::Normal(p) => push_part(&mut parts, p.to_string_lossy()),
            _ => {}
        }
    }
    for part in rel.split('/') {
        push_part(&mut parts, part.into());
    }
    parts.join("/")
}

/// Add one part of a `/`-separated path to those before it: `""` and `.`
/// add nothing, `..` takes the last one back (none at the top).
fn push_part<'a>(parts: &mut Vec<Cow<'a, str>>, part: Cow<'a, str>) {
    match part.as_ref() {
        "" | "." => {}
        ".." => {
            parts.pop();
        }
        _ => parts.push(part),
    }
}

#[cfg(test)]
fn normalize_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn normalize_url(u: &str) -> String {
    let trailing = u.ends_with('/');
    let mut parts = Vec::new();
    for seg in u.split('/') {
        push_part(&mut parts, seg.into());
    }
    let mut s = format!("/{}", parts.join("/"));
    if trailing && s.len() > 1 {
        s.push('/');
    }
    s
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render a page's Markdown, minified with `minify`. Link problems are
/// returned as diagnostics that point at the link in the source file.
pub fn render(page: &Page, links: &Links<'_>, minify: bool) -> (Rendered, Vec<Diagnostic>) {
    render_source(page, &page.src.source, links, minify)
}

/// `render` from the page's file given apart from the page (a one-off build
/// reads each file again as it renders it, see `content::reread`).
pub fn render_source(page: &Page, source: &SourceFile, links: &Links<'_>, minify: bool) -> (Rendered, Vec<Diagnostic>) {
    render_with(page, source, links, minify, LIST_UP_TO)
}

/// Bodies up to this many bytes are parsed once into a list of events; longer
/// ones are parsed twice, streaming (once to learn their `Shape`, once to
/// write them), so that memory stays a small multiple of the file's size: a
/// list holds about 70 bytes per event, and dense Markdown has an event every
/// six bytes or so.
const LIST_UP_TO: usize = 1 << 20;

/// `render_source` with the size above which a body is streamed.
fn render_with(
    page: &Page,
    source: &SourceFile,
    links: &Links<'_>,
    minify: bool,
    list_up_to: usize,
) -> (Rendered, Vec<Diagnostic>) {
    let body = crate::content::body_of(source, page.src.body_start);
    let opts = links.site.config.markdown;
    // With the CJK-friendly amendments, pulldown-cmark reads a marked copy of
    // the text when the amendments change anything in it (see `cjk`).
    let (text, markers) = cjk::source(body, opts.cjk_friendly_emphasis);
    // A Markdown event's text holds only characters of the source, but for
    // what a numeric character reference (`&#7;`) stands for: no named one
    // stands for a forbidden character. A body with neither needs no look at
    // each event, and one scan of it is much cheaper than one per event.
    let clean = !crate::fields::has_forbidden(body) && memchr::memmem::find(body.as_bytes(), b"&#").is_none();
    let parse = Parse { text: &text, markers: markers.as_ref(), clean, source, offset: page.src.body_start };
    let mut diags = Vec::new();
    let (rendered, late) = if body.len() <= list_up_to {
        // About one event per 20 bytes of the benchmark's Markdown: sized
        // once instead of grown (and copied) ten times.
        let mut events = Vec::with_capacity(body.len() / 16 + 16);
        if markers.is_none() && clean {
            // Most pages: the events as they come, not moved once more each.
            events.extend(Parser::new_ext(&text, options()).into_offset_iter());
        } else {
            events.extend(parse.events(&mut diags));
        }
        let shape = rewrite::Shape::of_list(&events);
        write_page(page, source, links, minify, shape, body.len(), events.into_iter())
    } else {
        let shape = rewrite::Shape::of(parse.events(&mut Vec::new()).map(|(ev, _)| ev));
        write_page(page, source, links, minify, shape, body.len(), parse.events(&mut diags))
    };
    diags.extend(late);
    (rendered, diags)
}

/// A page's Markdown as pulldown-cmark reads it.
struct Parse<'t> {
    /// The text parsed: the body, marked where the CJK-friendly amendments
    /// need it.
    text: &'t str,
    markers: Option<&'t cjk::Markers>,
    /// No event can hold a character to drop.
    clean: bool,
    source: &'t SourceFile,
    /// Where the body starts in the source file.
    offset: usize,
}

impl<'t> Parse<'t> {
    /// The events with their ranges in the body, markers taken out and
    /// forbidden characters dropped (each one warned of in `diags`).
    fn events<'d>(
        &self,
        diags: &'d mut Vec<Diagnostic>,
    ) -> impl Iterator<Item = (Event<'t>, std::ops::Range<usize>)> + 'd
    where
        't: 'd,
    {
        let (markers, clean, source, offset) = (self.markers, self.clean, self.source, self.offset);
        Parser::new_ext(self.text, options()).into_offset_iter().map(move |(ev, range)| {
            let (ev, range) = match markers {
                Some(m) => {
                    let (range, inside) = m.map(range);
                    // A link's target may come from a definition elsewhere in the text.
                    let elsewhere = matches!(ev, Event::Start(Tag::Link { .. } | Tag::Image { .. }));
                    (if inside || elsewhere { cjk::unmark_event(ev) } else { ev }, range)
                }
                None => (ev, range),
            };
            match if clean { None } else { markup::printable(&ev) } {
                Some((clean, found)) => {
                    let at = offset + range.start..offset + range.end;
                    diags.push(
                        source
                            .warning("control-character", at, msg!("markdown-control-character", found = found))
                            .label(msg!("control-character-label"))
                            .note(msg!("control-character-note")),
                    );
                    (clean, range)
                }
                None => (ev, range),
            }
        })
    }
}

/// The page's events through the rewriting stage to HTML; the diagnostics of
/// the stage (links) come second, after those of parsing.
fn write_page<'e>(
    page: &Page,
    source: &SourceFile,
    links: &Links<'_>,
    minify: bool,
    shape: rewrite::Shape,
    body_len: usize,
    events: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut stage = rewrite::Rewrite::new(events, shape, page, source, links);
    let (raw_html, marks) = (shape.raw_html, marks_numbers(&page.src.lang));
    // Only a page that has them goes through the rewrites of raw HTML and
    // task lists: each is one more move of every event.
    let html = if shape.html || shape.tasks {
        let events = markup::label_task_markers(markup::strip_comments(&mut stage));
        write_html(events, raw_html, minify, body_len, marks)
    } else {
        write_html(&mut stage, raw_html, minify, body_len, marks)
    };
    let rendered = Rendered {
        html,
        first_paragraph: stage.first_paragraph.trim().to_string(),
        plain_text: blocks_of(&stage.plain),
        links: stage.resolved,
        revision: 0,
    };
    (rendered, stage.diags)
}

/// The page's HTML from its final events: the minified writer, or, for a
/// page with raw HTML or when not minifying, pulldown-cmark's.
fn write_html<'e>(
    events: impl Iterator<Item = Event<'e>>,
    raw_html: bool,
    minify: bool,
    body_len: usize,
    mark_numbers: bool,
) -> String {
    // A table wider than the screen scrolls inside itself (the theme's CSS);
    // keyboard users can reach and scroll it only if it takes the focus:
    // both writers give it `tabindex=0`.
    if minify && !raw_html {
        let mut html = String::with_capacity(body_len * 5 / 4);
        html::write(&mut html, events, mark_numbers);
        return html;
    }
    let mut html = String::with_capacity(body_len * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if html.contains("<table>") {
        html = html.replace("<table>", "<table tabindex=\"0\">");
    }
    // Numbers and URLs that a line must not break inside, as the
    // minified writer marks them in its text (see `typeset`).
    if mark_numbers && let Cow::Owned(marked) = crate::typeset::keep_whole(&html) {
        html = marked;
    }
    if minify { minify_fragment(&html) } else { html }
}

/// The text a reader sees of a short piece of Markdown (a front matter
/// `summary`): emphasis, code marks, link brackets and raw HTML gone, line
/// breaks read as in a page. For the places that take plain text only:
/// meta descriptions, feeds, calendars, structured data.
pub fn plain_inline(md: &str, opts: MarkdownOptions) -> String {
    if is_plain(md) {
        return md.trim_end().to_string();
    }
    plain_inline_parsed(md, opts)
}

/// `plain_inline` the whole way: parsed as Markdown.
pub(crate) fn plain_inline_parsed(md: &str, opts: MarkdownOptions) -> String {
    let (text, markers) = cjk::source(md, opts.cjk_friendly_emphasis);
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(&text, options())
        .map(|ev| if markers.is_some() { cjk::unmark_event(ev) } else { ev })
        .map(|ev| (ev, 0..0))
        .collect();
    let mut out = String::with_capacity(md.len());
    for (i, (ev, _)) in events.iter().enumerate() {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak
                if opts.east_asian_line_breaks
                    && joins_here(last_text_char(events[..i].iter().rev().map(|(e, _)| e)), &events[i + 1..]) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !out.ends_with(' ') && !out.is_empty() && !is_inline_tag(ev) =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether Markdown reads `md` as one paragraph of exactly its text (trailing
/// white space aside): no character that starts inline syntax, no line
/// break, nothing at its start that starts a block.
fn is_plain(md: &str) -> bool {
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        let chars = b"\n\r*_~`[]<>&\\#|!";
        let mut i = 0;
        while i < chars.len() {
            t[chars[i] as usize] = true;
            i += 1;
        }
        t
    };
    !md.bytes().any(|b| SPECIAL[b as usize]) && md.as_bytes().first().is_none_or(|b| !b"-+=0123456789 \t".contains(b))
}

/// Whether numbers in a page's text are kept whole: in Chinese, Japanese and
/// Korean, where browsers break lines between any two characters and so
/// inside `20階` or after the hyphens of `9-9-9`; English text breaks at
/// spaces.
fn marks_numbers(lang: &str) -> bool {
    let primary = lang.split('-').next().unwrap_or(lang);
    matches!(primary, "ja" | "zh" | "ko")
}

/// Whether a soft line break after text ending in `before`, followed by
/// `rest`, joins two wide East Asian characters.
fn joins_here(before: Option<char>, rest: &[(Event<'_>, std::ops::Range<usize>)]) -> bool {
    let Some(before) = before else { return false };
    let after = rest.iter().map(|(ev, _)| ev).find_map(|ev| match ev {
        Event::Text(t) | Event::Code(t) => Some(t.chars().next()),
        ev if is_inline_tag(ev) => None,
        _ => Some(None),
    });
    after.flatten().is_some_and(|after| cjk::joins(before, after))
}

/// The last character of text in `back` (events from the last one back),
/// looking through inline tags: what a line break follows.
fn last_text_char<'a, 'e: 'a>(mut back: impl Iterator<Item = &'a Event<'e>>) -> Option<char> {
    back.find_map(|ev| match ev {
        Event::Text(t) | Event::Code(t) => Some(t.chars().next_back()),
        ev if is_inline_tag(ev) => None,
        _ => Some(None),
    })
    .flatten()
}

/// Emphasis, strikethrough and links: tags inside a line of text.
fn is_inline_tag(ev: &Event<'_>) -> bool {
    matches!(
        ev,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

fn check_link<'e>(
    page: &Page,
    source: &SourceFile,
    links: &Links<'_>,
    dest: &CowStr<'e>,
    range: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
    resolved: &mut Vec<(String, Resolution)>,
) -> CowStr<'e> {
    let r = links.resolve(page, dest);
    let out = match &r {
        Ok(Some(new)) => CowStr::from(new.clone()),
        Ok(None) => dest.clone(),
        Err(msg) => {
            let mut d = source.error("link-broken", range, msg.clone()).label(msg!("link-broken-label"));
            if crate::address::is_email(dest) {
                d = d.note(msg!("link-email-note", address = &**dest));
            }
            diags.push(d);
            dest.clone()
        }
    };
    resolved.push((dest.to_string(), r));
    out
}

/// The text's blocks (parts between blank lines), each trimmed, empty ones
/// left out, joined by one blank line.
fn blocks_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let ends = memchr::memmem::find_iter(text.as_bytes(), b"\n\n").chain(std::iter::once(text.len()));
    for end in ends {
        let block = text[at..end].trim();
        at = (end + 2).min(text.len());
        if !block.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(block);
        }
    }
    out
}

fn deeper(l: HeadingLevel) -> HeadingLevel {
    match l {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// An anchor id from heading text; letters of any script are kept.
fn anchor(text: &str) -> String {
    let s = crate::site::slugify(text);
    if s.is_empty() { "section".to_string() } else { s }
}

/// The heading ids given on one page.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// For an id wanted more than once, the next number to try after it: a
    /// page that repeats one heading a thousand times makes a thousand ids,
    /// not half a million tries.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `wanted`, or the first of `wanted-1`, `wanted-2`, ... not given yet.
    fn unique(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(1);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths_normalise() {
        assert_eq!(normalize_url("/a/b/../c/"), "/a/c/");
        assert_eq!(normalize_url("/a/./b"), "/a/b");
        assert_eq!(normalize_path(Path::new("content/messages/../events/x.md")), PathBuf::from("content/events/x.md"));
        for (dir, rel) in [
            ("content/messages", "../events/x.md"),
            ("content/messages", "./a/./b.md"),
            ("content", "../../x.md"),
            ("content/jobs", "job-1.md"),
            ("content/a/b", "..//../c/d.en.md"),
            ("content", "a/../../../b.md"),
            ("./content//jobs/", "x.md"),
            ("content/a", "b/../../c/./../d.md"),
            ("content/events", "..x/y..md"),
        ] {
            let old = normalize_path(&Path::new(dir).join(rel));
            assert_eq!(PathBuf::from(source_key(Path::new(dir), rel)), old, "{dir} + {rel}");
            assert_eq!(source_key(Path::new(dir), rel), old.to_string_lossy(), "{dir} + {rel}");
        }
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("../x.md"));
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("a b"), "a b");
        assert_eq!(percent_decode("100%zz%e6%97%a5"), "100%zz日");
        assert_eq!(percent_decode("%ff"), "%ff");
    }

    #[test]
    fn blocks_are_trimmed_and_joined_by_one_blank_line() {
        let split = |t: &str| t.split("\n\n").map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n\n");
        for t in [
            "",
            "\n",
            "\n\n",
            "\n\n\n",
            "\n\n\n\n\n",
            "a",
            "a\n\nb",
            " a \n\n\n\n b\n\n",
            "見出し\n\n本文\n続き\n\n\n表\n\n",
        ] {
            assert_eq!(blocks_of(t), split(t), "{t:?}");
        }
    }

    /// A site as the build models it, as of a fixed day.
    fn model(dir: &Path) -> Site {
        let mut diags = Vec::new();
        let config = crate::config::load(dir, &mut diags).expect("a config");
        let sources = crate::content::load(dir, &config, &mut diags);
        let as_of = "2026-12-01T00:00:00Z".parse().unwrap();
        let input = crate::site::SiteInput {
            config,
            sources,
            as_of,
            drafts: true,
            site_dir: dir,
            theme_statics: Vec::new(),
            theme_name: String::new(),
        };
        crate::site::build(input, &mut diags)
    }

    #[test]
    fn streamed_pages_render_as_listed_ones() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = ["example-site", "tests/fixtures/portal", "tests/fixtures/hostile", "tests/fixtures/showcase"];
        let mut pages = 0;
        for dir in dirs {
            let site = model(&root.join(dir));
            let links = Links::new(&site);
            for page in &site.pages {
                for minify in [true, false] {
                    let (listed, ld) = render_with(page, &page.src.source, &links, minify, usize::MAX);
                    let (streamed, sd) = render_with(page, &page.src.source, &links, minify, 0);
                    let at = format!("{dir}: {}", page.src.source.path.display());
                    assert_eq!(listed.html, streamed.html, "{at}");
                    assert_eq!(listed.first_paragraph, streamed.first_paragraph, "{at}");
                    assert_eq!(listed.plain_text, streamed.plain_text, "{at}");
                    assert_eq!(format!("{:?}", listed.links), format!("{:?}", streamed.links), "{at}");
                    assert_eq!(format!("{ld:?}"), format!("{sd:?}"), "{at}");
                }
                pages += 1;
            }
        }
        assert!(pages > 100, "{pages} pages");
    }

    #[test]
    fn anchors_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique(anchor("Hello World")), "hello-world");
        assert_eq!(ids.unique(anchor("Hello World")), "hello-world-1");
        assert_eq!(ids.unique(anchor("!!")), "section");
        // A number already taken by a heading of its own is skipped.
        assert_eq!(ids.unique("a-2".to_string()), "a-2");
        assert_eq!(ids.unique("a".to_string()), "a");
        assert_eq!(ids.unique("a".to_string()), "a-1");
        assert_eq!(ids.unique("a".to_string()), "a-3");
        assert_eq!(ids.unique("a-1".to_string()), "a-1-1");
    }
}
