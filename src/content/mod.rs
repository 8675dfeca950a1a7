//! Content: find every Markdown file under `content/`, read it, split off and
//! validate its front matter. The result is one `SourcePage` per file, with
//! everything checked that can be checked from the file alone.

mod cache;
mod front;
mod story;

pub use story::Story;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime as Zoned};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{Diagnostic, SourceFile};
use crate::fields::Span;
use crate::msg;
use crate::sitefs::{Refused, SiteFs};

pub use cache::ContentCache;
pub use front::EmploymentType;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Messages,
    Events,
    Jobs,
    Stories,
    Pages,
}

impl Section {
    pub const ALL: [Section; 5] = [Section::Messages, Section::Events, Section::Jobs, Section::Stories, Section::Pages];

    pub fn dir(self) -> &'static str {
        match self {
            Section::Messages => "messages",
            Section::Events => "events",
            Section::Jobs => "jobs",
            Section::Stories => "stories",
            Section::Pages => "pages",
        }
    }

    fn from_dir(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|sec| sec.dir() == s)
    }
}

/// The front matter of a file whose Markdown body starts at `body_start`.
pub fn front_of(source: &SourceFile, body_start: usize) -> &str {
    &source.text[..body_start.min(source.text.len())]
}

/// The Markdown body of a file whose body starts at `body_start` (empty when
/// only the front matter was kept, see `ContentCache::front_only`).
pub fn body_of(source: &SourceFile, body_start: usize) -> &str {
    source.text.get(body_start..).unwrap_or("")
}

/// One content file, validated on its own.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Changes whenever the file is read again (see `ContentCache`), so later
    /// stages can tell an unchanged page without comparing its text.
    pub revision: u64,
    pub source: SourceFile,
    pub section: Section,
    pub lang: String,
    /// Identifies the translations of one piece of content: the path below
    /// the section folder without the language suffix (`welcome`).
    pub key: String,
    pub slug: String,
    /// Where the slug came from (front matter value, or the file's first line).
    pub slug_span: Span,
    pub title: String,
    pub draft: bool,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// `tags` as URL slugs, in the same order.
    pub tag_slugs: Vec<String>,
    /// Free pages: where the page comes in the navigation (lower first).
    pub weight: Option<i64>,
    /// Byte offset in `source.text` where the Markdown body starts.
    pub body_start: usize,
    pub kind: Kind,
}

impl SourcePage {
    /// The Markdown after the front matter (empty when only the front matter
    /// was kept, see `ContentCache::front_only`).
    pub fn body(&self) -> &str {
        body_of(&self.source, self.body_start)
    }

    /// The front matter as written, delimiters included.
    pub fn front(&self) -> &str {
        front_of(&self.source, self.body_start)
    }

    pub fn path(&self) -> &Path {
        &self.source.path
    }

    /// The moment the content becomes public (messages and jobs), if scheduled.
    pub fn publish_at(&self) -> Option<Timestamp> {
        match &self.kind {
            Kind::Message(m) => Some(m.date.zoned.timestamp()),
            Kind::Job(j) => Some(j.posted.zoned.timestamp()),
            Kind::Story(s) => Some(s.date.zoned.timestamp()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Kind {
    Message(Message),
    Event(Event),
    Job(Job),
    Story(Story),
    Page,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub date: crate::time::Moment,
    pub author: Option<String>,
    pub welcome: bool,
    pub welcome_span: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// When the event was announced (`date`), if given: its date in feeds
    /// and the sitemap. It does not hold the event back.
    pub announced: Option<Timestamp>,
    pub starts: Zoned,
    pub ends: Option<Zoned>,
    /// Dates without a time of day: the event lasts whole days.
    pub all_day: bool,
    pub timezone: String,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub registration_url: Option<String>,
}

impl Event {
    /// The instant from which the event counts as past.
    pub fn ended_at(&self) -> Timestamp {
        match (&self.ends, self.all_day) {
            (Some(e), false) => e.timestamp(),
            (Some(e), true) => crate::time::end_of_day(e.date(), e.time_zone()).unwrap_or(e.timestamp()),
            (None, true) => {
                crate::time::end_of_day(self.starts.date(), self.starts.time_zone()).unwrap_or(self.starts.timestamp())
            }
            (None, false) => self.starts.timestamp(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Job {
    pub posted: crate::time::Moment,
    pub valid_through: Option<Date>,
    /// First instant at which the job is closed.
    pub closes_at: Option<Timestamp>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub remote: bool,
    pub employment_type: Option<EmploymentType>,
    pub apply_url: String,
}

/// Read every `.md` file under `SITE_DIR/content`. Problems go to `diags`; a
/// file with errors yields no page.
pub fn load(site_dir: &Path, config: &Config, diags: &mut Vec<Diagnostic>) -> Vec<std::sync::Arc<SourcePage>> {
    ContentCache::default().load(site_dir, config, None, diags)
}

/// Read and validate some files, in parallel: (page, its diagnostics) each.
fn load_files(
    files: &[(PathBuf, PathBuf)],
    config: &Config,
    front_only: bool,
) -> Vec<(Option<SourcePage>, Vec<Diagnostic>)> {
    files
        .par_iter()
        .map(|(abs, rel)| {
            let mut d = Vec::new();
            let mut page = load_file(abs, rel, config, front_only, &mut d);
            if front_only && let Some(p) = &mut page {
                // `read_front` stops after the front matter, unless the file
                // ends first; what it read beyond is not kept.
                if p.source.text.len() > p.body_start {
                    let front = front_of(&p.source, p.body_start).to_string();
                    p.source = SourceFile::new(p.source.path.clone(), front);
                }
            }
            (page, d)
        })
        .collect()
}

/// Read a page's file again, for a build whose content stage kept only the
/// front matter (`ContentCache::front_only`). The front matter must be what
/// it was, byte for byte: a file saved again in between (an editor, a
/// generator) would otherwise give a page whose body and front matter come
/// from two versions of it. The body may have changed; it is read now.
pub fn reread(site_dir: &Path, files: &SiteFs, page: &SourcePage) -> Result<SourceFile, Diagnostic> {
    let shown = &page.source.path;
    let text = read_text(files, &site_dir.join(shown), shown)?;
    if !text.starts_with(front_of(&page.source, page.body_start)) {
        return Err(Diagnostic::error("content-changed", msg!("content-changed"))
            .in_file(shown)
            .note(msg!("content-changed-note")));
    }
    Ok(SourceFile::new(shown.clone(), text))
}

/// The content files, as (absolute path, path relative to the site), sorted.
/// Symlinks are followed only while they stay inside the site folder.
pub fn walk(site_dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(PathBuf, PathBuf)> {
    let content = site_dir.join("content");
    if !content.is_dir() {
        diags.push(Diagnostic::warning("content-missing", msg!("content-missing")).in_file("content/"));
        return Vec::new();
    }
    let files = SiteFs::new(site_dir);
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let walker = WalkDir::new(&content).follow_links(true).into_iter().filter_entry(|e| {
        if e.path_is_symlink() || e.depth() == 0 {
            let inside = files.leads_inside(e.path());
            if !inside {
                skipped.push(e.path().to_path_buf());
                return false;
            }
        }
        true
    });
    // Sorted once at the end rather than folder by folder by walkdir, whose
    // comparisons take each entry's file name apart again (a large section
    // folder made that most of the walk's time). The order is the same.
    let mut entries: Vec<(Vec<u8>, walkdir::Result<walkdir::DirEntry>)> = walker
        .map(|e| {
            let key = match &e {
                Ok(entry) => walk_order(entry.path()),
                Err(err) => err.path().map(walk_order).unwrap_or_default(),
            };
            (key, e)
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    skipped.sort_by_cached_key(|p| walk_order(p));
    for (_, entry) in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel(site_dir, p)).unwrap_or_else(|| PathBuf::from("content/"));
                let message = if e.loop_ancestor().is_some() {
                    msg!("content-symlink-loop")
                } else {
                    msg!("cannot-read", detail = e.io_error().map_or_else(|| e.to_string(), |io| io.to_string()))
                };
                diags.push(Diagnostic::error("content-unreadable", message).in_file(path));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let relp = rel(site_dir, entry.path());
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue; // editor and OS droppings (.DS_Store, .swp, backup~)
        }
        if !entry.file_type().is_file() {
            // Reading a named pipe or a device would wait forever.
            diags.push(not_a_file("content-not-a-file", relp));
            continue;
        }
        if !name.ends_with(".md") {
            diags.push(
                Diagnostic::warning("content-not-markdown", msg!("content-not-markdown", file = &relp))
                    .in_file(relp)
                    .note(msg!("content-not-markdown-note")),
            );
            continue;
        }
        out.push((entry.path().to_path_buf(), relp));
    }
    for s in skipped {
        diags.push(outside_link("content-symlink-outside", rel(site_dir, &s)));
    }
    out
}

/// The order of a depth-first walk that visits each folder's entries
/// sorted by name: the paths' bytes, with a separator below every other
/// byte, so that paths compare component by component.
fn walk_order(p: &Path) -> Vec<u8> {
    p.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| if std::path::is_separator(char::from(b)) { 0 } else { b })
        .collect()
}

/// An error for a symbolic link that leads outside the site's own folders
/// (see `sitefs`): it is not read, and the build fails, so that a link
/// planted in a pull request is seen rather than silently skipped.
pub fn outside_link(code: &'static str, shown: PathBuf) -> Diagnostic {
    Diagnostic::error(code, msg!("outside-link", file = &shown)).in_file(shown).note(msg!("outside-link-note"))
}

/// A warning for a named pipe, socket or device found among the site's files.
pub fn not_a_file(code: &'static str, shown: PathBuf) -> Diagnostic {
    Diagnostic::warning(code, msg!("not-a-file", file = &shown)).in_file(shown)
}

fn rel(site_dir: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(site_dir).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}

fn load_file(
    abs: &Path,
    relp: &Path,
    config: &Config,
    front_only: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<SourcePage> {
    let mut comps = relp.components().skip(1); // "content"
    let section_dir = comps.next()?.as_os_str().to_string_lossy().to_string();
    let in_section: PathBuf = comps.collect();
    let Some(section) = Section::from_dir(&section_dir) else {
        let known: Vec<&str> = Section::ALL.iter().map(|s| s.dir()).collect();
        let mut d = Diagnostic::error("content-unknown-section", msg!("content-unknown-section", file = relp))
            .in_file(relp)
            .note(msg!("content-sections", folders = format!("content/{{{}}}/", known.join(","))));
        if let Some(s) = crate::fields::suggest(&section_dir, &known) {
            d = d.note(msg!("did-you-mean-folder", name = format!("content/{s}/")));
        }
        diags.push(d);
        return None;
    };
    let files = &config.files;
    let read = if front_only { read_front(files, abs, relp) } else { read_text(files, abs, relp) };
    let text = match read {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let source = SourceFile::new(relp, text);
    let (key, lang) = split_language(&in_section, config, &source, diags)?;
    front::parse(source, section, key, lang, config, diags)
}

/// A content file's text, or the error that names it (`shown`) and, for a
/// file that is not UTF-8, the line and column of the first bad byte.
fn read_text(files: &SiteFs, abs: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = files.read(abs).map_err(|e| refused(e, shown))?;
    decode(bytes, shown)
}

fn unreadable(e: std::io::Error, shown: &Path) -> Diagnostic {
    Diagnostic::error("content-unreadable", msg!("cannot-read-file", detail = e.to_string())).in_file(shown)
}

/// A file the symlink policy (`sitefs`) or the system did not let be read.
fn refused(e: Refused, shown: &Path) -> Diagnostic {
    match e {
        Refused::Io(e) => unreadable(e, shown),
        Refused::NotAFile => not_a_file("content-not-a-file", shown.to_path_buf()),
        e => {
            let code = if matches!(e, Refused::Outside) { "content-symlink-outside" } else { "content-hard-link" };
            let d = Diagnostic::error(code, msg!("not-read", file = shown, why = e.text())).in_file(shown);
            match e.help() {
                Some(h) => d.note(h),
                None => d,
            }
        }
    }
}

/// A content file's front matter and what follows it in the first bytes
/// read, for a build that reads the body again when it renders the page
/// (`ContentCache::front_only`): the file is read a kilobyte at a time, then
/// two, four and so on, until what was read has the closing `+++` line. A
/// typical front matter is a few hundred bytes of a file of several
/// kilobytes, and the page cache's copy of a file is the larger part of
/// reading it. A file whose front matter is not complete (not opened,
/// never closed, not UTF-8) is read whole, and reported as `read_text`
/// reports it; a body that is not UTF-8 is reported when it is read again.
fn read_front(files: &SiteFs, abs: &Path, shown: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let mut file = files.open(abs).map_err(|e| refused(e, shown))?;
    let mut bytes = Vec::with_capacity(1024);
    let mut want = 1024;
    loop {
        let before = bytes.len();
        (&mut file).take(want).read_to_end(&mut bytes).map_err(|e| unreadable(e, shown))?;
        let at_end = ((bytes.len() - before) as u64) < want;
        let valid = simdutf8::compat::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
        // Complete lines only, unless the file has ended.
        let lines = if at_end && valid == bytes.len() {
            valid
        } else {
            bytes[..valid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
        };
        // SAFETY: the first `valid` bytes were just validated as UTF-8, and
        // `lines` ends at one of them or after a newline among them.
        let text = unsafe { std::str::from_utf8_unchecked(&bytes[..lines]) };
        if let Some(end) = front::body_start(text) {
            bytes.truncate(end);
            // Kept until the page is rendered: no spare capacity.
            bytes.shrink_to_fit();
            // SAFETY: `end` is a character boundary of the validated `text`.
            return Ok(unsafe { String::from_utf8_unchecked(bytes) });
        }
        if at_end {
            return decode(bytes, shown);
        }
        want *= 2;
    }
}

/// The text of a file read as `bytes`, or the error that names it.
fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: `bytes` was just validated as UTF-8 (SIMD validation: the
        // standard library's checks Japanese text several times slower).
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = SourceFile::new(shown, prefix).line_col(valid);
            Err(Diagnostic::error("content-encoding", msg!("content-encoding", line = line, column = col))
                .at_line(shown, line, col)
                .note(msg!("content-encoding-note")))
        }
    }
}

/// `welcome.en.md` -> (`welcome`, `en`); `welcome.md` -> (`welcome`, default).
fn split_language(
    in_section: &Path,
    config: &Config,
    source: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let s = in_section.to_string_lossy().replace('\\', "/");
    let stem = s.strip_suffix(".md").unwrap_or(&s);
    if let Some((base, suffix)) = stem.rsplit_once('.')
        && !base.is_empty()
        && !base.ends_with('/')
        && crate::config::is_language_tag(suffix)
    {
        if config.language(suffix).is_none() {
            let langs = config.language_codes().join(", ");
            diags.push(
                Diagnostic::error("content-unknown-language", msg!("content-unknown-language", lang = suffix))
                    .at(source, 0..0)
                    .note(msg!("content-unknown-language-note", langs = langs, lang = suffix)),
            );
            return None;
        }
        return Some((base.to_string(), suffix.to_string()));
    }
    Some((stem.to_string(), config.default_language().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new site, read as a one-off build reads it: front matter only.
    fn loaded() -> (tempfile::TempDir, Vec<std::sync::Arc<SourcePage>>) {
        let dir = tempfile::tempdir().unwrap();
        crate::scaffold::create(dir.path()).unwrap();
        let mut diags = Vec::new();
        let config = crate::config::load(dir.path(), &mut diags).unwrap();
        let mut cache = ContentCache::one_shot();
        cache.front_only(true);
        let pages = cache.load(dir.path(), &config, None, &mut diags);
        assert!(!pages.is_empty() && diags.iter().all(|d| !d.is_error()), "{diags:?}");
        (dir, pages)
    }

    #[test]
    fn files_are_walked_in_name_order_folder_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        // A plain sort of the paths' bytes would put `jobs-x.md` before
        // `jobs/`, and `a-b.md` before `a/` ('-' < '.' < '/').
        let files = ["pages/jobs/a/b.md", "pages/jobs/a-b.md", "pages/jobs/a.md", "pages/jobs-x.md", "pages/z.md"];
        for f in files.iter().rev() {
            let path = dir.path().join("content").join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let mut diags = Vec::new();
        let found: Vec<String> = walk(dir.path(), &mut diags)
            .into_iter()
            .map(|(_, rel)| rel.strip_prefix("content").unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(found, files);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_front_only_page_is_read_again_whole() {
        let (dir, pages) = loaded();
        for page in &pages {
            assert!(page.body().is_empty(), "only the front matter is kept");
            let whole = std::fs::read_to_string(dir.path().join(page.path())).unwrap();
            let again = reread(dir.path(), &crate::sitefs::SiteFs::new(dir.path()), page).unwrap();
            assert_eq!(*again.text, whole);
            assert_eq!(again.path, page.path());
        }
        // A body saved again in between is read as it is now.
        let page = &pages[0];
        let file = dir.path().join(page.path());
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("\nA line added during the build.\n");
        std::fs::write(&file, &text).unwrap();
        assert!(
            reread(dir.path(), &crate::sitefs::SiteFs::new(dir.path()), page)
                .unwrap()
                .text
                .ends_with("added during the build.\n")
        );
    }

    #[test]
    fn a_front_matter_changed_during_the_build_is_an_error() {
        let (dir, pages) = loaded();
        let page = &pages[0];
        let file = dir.path().join(page.path());
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("title = \"", "title = \"Renamed: ", 1)).unwrap();
        let d = reread(dir.path(), &crate::sitefs::SiteFs::new(dir.path()), page).unwrap_err();
        assert_eq!(d.code, "content-changed");
        assert!(d.is_error());
        std::fs::remove_file(&file).unwrap();
        assert_eq!(
            reread(dir.path(), &crate::sitefs::SiteFs::new(dir.path()), page).unwrap_err().code,
            "content-unreadable"
        );
    }

    #[test]
    fn only_the_front_matter_is_read_when_it_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let files = SiteFs::new(dir.path());
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let read = |name: &str, bytes: &[u8]| {
            let f = dir.path().join("content").join(name);
            std::fs::write(&f, bytes).unwrap();
            (read_front(&files, &f, Path::new(name)), read_text(&files, &f, Path::new(name)))
        };
        let body = "本文です。\n".repeat(400);
        // Short front matter; a long one that spans several reads, with a
        // three-byte character cut by the kilobyte boundaries; a BOM; a
        // closing line with spaces and CRLF; a file that ends at the fence.
        let long = format!("+++\ntitle = \"{}\"\n+++\n", "長".repeat(900));
        let cases = [
            format!("+++\ntitle = \"A\"\n+++\n{body}"),
            format!("{long}{body}"),
            format!("\u{feff}+++\ntitle = \"A\"\n+++ \r\n{body}"),
            "+++\ntitle = \"A\"\n+++".to_string(),
        ];
        for (i, text) in cases.iter().enumerate() {
            let (front, whole) = read(&format!("{i}.md"), text.as_bytes());
            let (front, whole) = (front.unwrap(), whole.unwrap());
            let end = front::body_start(&whole).unwrap();
            assert_eq!(front, whole[..end], "case {i}");
        }
        // A body that is not UTF-8 is left for the second read.
        let mut bad = b"+++\ntitle = \"A\"\n+++\nok\n".to_vec();
        bad.extend_from_slice(b"caf\xe9\n");
        let (front, whole) = read("bad-body.md", &bad);
        assert_eq!(front.unwrap(), "+++\ntitle = \"A\"\n+++\n");
        assert_eq!(whole.unwrap_err().message.to_string(), "file is not valid UTF-8: invalid byte at line 5, column 4");
        // Front matter that is incomplete is read whole and reported as before.
        let unclosed = format!("+++\ntitle = \"A\"\n{body}");
        let (front, whole) = read("unclosed.md", unclosed.as_bytes());
        assert_eq!(front.unwrap(), whole.unwrap());
        let (front, whole) = read("bad-front.md", b"+++\ntitle = \"caf\xe9\"\n+++\n");
        assert_eq!(front.unwrap_err().message, whole.unwrap_err().message);
    }
}
