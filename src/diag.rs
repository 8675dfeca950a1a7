//! Diagnostics: every problem a build finds, with the file, line and column a
//! person needs to fix it. Stages push into a `Diagnostics` list instead of
//! stopping at the first error, so one run reports everything.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::Serialize;

use crate::i18n::{Lang, Text};
use crate::msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Nothing is wrong: something the author may want to know (a template
    /// construct that makes builds slower). Never fails a build.
    Note,
}

/// A source file kept in memory so that diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown to people (relative to the site folder where possible).
    pub path: PathBuf,
    /// The text as read (an `Arc<String>`, not `Arc<str>`: the file's bytes
    /// are kept where they were read, not copied).
    pub text: Arc<String>,
    /// Where each line starts, found when a diagnostic first needs it.
    line_starts: Arc<OnceLock<Box<[usize]>>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: Arc::new(text.into()), line_starts: Arc::default() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let mut col = self.text[start..floor_char_boundary(&self.text, offset)].chars().count();
        // Editors do not show a byte order mark: the first line's columns
        // start after it.
        if line == 0 && col > 0 && self.text.starts_with('\u{feff}') {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// A diagnostic pointing at `range` of this file.
    pub fn error(&self, code: &'static str, range: Range<usize>, message: impl Into<Text>) -> Diagnostic {
        Diagnostic::error(code, message).at(self, range)
    }

    pub fn warning(&self, code: &'static str, range: Range<usize>, message: impl Into<Text>) -> Diagnostic {
        Diagnostic::warning(code, message).at(self, range)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where in a file a diagnostic points.
#[derive(Debug, Clone)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub range: Range<usize>,
    pub source: Option<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier, e.g. `config-unknown-key`, for scripts and docs.
    pub code: &'static str,
    /// What is wrong, in words chosen when it is printed (`Text::render`);
    /// boxed, so that a `Result<_, Diagnostic>` stays small.
    pub message: Box<Text>,
    pub file: Option<PathBuf>,
    pub location: Option<Box<Location>>,
    /// Short text shown under the quoted source, e.g. "expected a string".
    pub label: Option<Box<Text>>,
    /// Notes: what was expected, a suggestion.
    pub notes: Vec<Text>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity,
            code,
            message: Box::new(message.into()),
            file: None,
            location: None,
            label: None,
            notes: Vec::new(),
        }
    }

    pub fn error(code: &'static str, message: impl Into<Text>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<Text>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A note-level diagnostic (`Severity::Note`); `note` adds a note line.
    pub fn remark(code: &'static str, message: impl Into<Text>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    /// Attach a file without a position (e.g. it could not be read).
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.file = Some(path.into());
        self
    }

    /// Point at a byte range of a source file.
    pub fn at(mut self, source: &SourceFile, range: Range<usize>) -> Self {
        let (line, column) = source.line_col(range.start);
        self.file = Some(source.path.clone());
        self.location = Some(Box::new(Location { line, column, range, source: Some(source.clone()) }));
        self
    }

    /// Point at a line and column of a file whose text we do not hold.
    pub fn at_line(mut self, path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        self.file = Some(path.into());
        self.location = Some(Box::new(Location { line, column, range: 0..0, source: None }));
        self
    }

    pub fn label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(Box::new(label.into()));
        self
    }

    /// `label` for a diagnostic already pushed (`Fields::error_at`).
    pub fn set_label(&mut self, label: impl Into<Text>) -> &mut Self {
        self.label = Some(Box::new(label.into()));
        self
    }

    pub fn note(mut self, note: impl Into<Text>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn line(&self) -> Option<usize> {
        self.location.as_ref().map(|l| l.line)
    }

    pub fn column(&self) -> Option<usize> {
        self.location.as_ref().map(|l| l.column)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:col: error: message`, in English (logs, tests).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(loc) = &self.location {
                write!(f, ":{}:{}", loc.line, loc.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}: {}", severity_word(self.severity), self.message)
    }
}

/// All diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Stable order for output: by file, then position, then message, so that
    /// parallel stages do not make the report order vary between runs.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line(), a.column(), &a.message).cmp(&(&b.file, b.line(), b.column(), &b.message))
        });
        self.items.dedup_by(|a, b| {
            a.file == b.file && a.line() == b.line() && a.column() == b.column() && a.message == b.message
        });
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How diagnostics are printed: for people, for scripts, for GitHub Actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
}

/// Write every diagnostic to `out` in the given format, its words in `lang`
/// (the codes, keys and severities of json and github stay English).
pub fn report(
    diags: &Diagnostics,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<()> {
    for d in diags.iter() {
        match format {
            Format::Human => write_human(d, lang, out, color)?,
            Format::Json => writeln!(out, "{}", to_json(d, lang))?,
            Format::Github => writeln!(out, "{}", to_github(d, lang))?,
        }
    }
    Ok(())
}

/// Whether stderr is a terminal that wants colour.
pub fn stderr_wants_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn write_human(d: &Diagnostic, lang: Lang, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut notes: Vec<String> = d.notes.iter().map(|n| n.render(lang)).collect();
    let loc_with_source = d.location.as_ref().and_then(|l| l.source.as_ref().map(|s| (l, s)));
    let (name, text, range) = match (loc_with_source, &d.file) {
        (Some((loc, src)), _) if long_line(&src.text, loc.range.start) => {
            // A minified or generated file: quoting its whole line would
            // print kilobytes; a window around the column is quoted instead.
            let at = format!("{}:{}:{}", src.path.display(), loc.line, loc.column);
            notes.insert(0, msg!("diag-in-file", at = at).render(lang));
            notes.insert(1, excerpt(&src.text, loc.range.clone()));
            (String::new(), Arc::default(), None)
        }
        (Some((loc, src)), _) => (src.path.display().to_string(), src.text.clone(), Some(loc.range.clone())),
        (None, Some(file)) => {
            // No text to quote: say where it is in words.
            let at = match &d.location {
                Some(l) => format!("{}:{}:{}", file.display(), l.line, l.column),
                None => file.display().to_string(),
            };
            notes.insert(0, msg!("diag-in-file", at = at).render(lang));
            (String::new(), Arc::default(), None)
        }
        (None, None) => (String::new(), Arc::default(), None),
    };
    // Quote the text without a byte order mark, so that columns match ours.
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let text = &text[bom..];
    let file = SimpleFile::new(name, text);
    let message = d.message.render(lang);
    let mut diag = cs::Diagnostic::new(severity).with_code(d.code).with_message(&message).with_notes(notes);
    if let Some(range) = range {
        let range = clamp_range(text, range.start.saturating_sub(bom)..range.end.saturating_sub(bom));
        let mut label = cs::Label::primary((), range);
        if let Some(l) = &d.label {
            label = label.with_message(l.render(lang));
        }
        diag = diag.with_labels(vec![label]);
    }
    let config = term::Config::default();
    let mut s = if color {
        let mut buf = term::termcolor::Buffer::ansi();
        term::emit_to_write_style(&mut buf, &config, &file, &diag).map_err(std::io::Error::other)?;
        String::from_utf8_lossy(buf.as_slice()).into_owned()
    } else {
        term::emit_into_string(&config, &file, &diag).map_err(std::io::Error::other)?
    };
    // codespan-reporting names the severity in English only; its header
    // `error[code]` is written in one piece, so it is put in words here.
    if lang != Lang::En {
        let english = format!("{}[{}]", severity_word(d.severity), d.code);
        let words = msg!("diag-severity", severity = severity_word(d.severity)).render(lang);
        s = s.replacen(&english, &format!("{words}[{}]", d.code), 1);
    }
    out.write_all(s.as_bytes())
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Lines longer than this many bytes are quoted in part.
const LONG_LINE: usize = 240;
/// Characters quoted on each side of the column in a long line.
const AROUND: usize = 60;

/// The start and end of the line holding byte `at`.
fn line_of(text: &str, at: usize) -> Range<usize> {
    let at = floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

fn long_line(text: &str, at: usize) -> bool {
    line_of(text, at).len() > LONG_LINE
}

/// Part of a long line around `range`, with `…` where it is cut and a caret
/// line under the range.
fn excerpt(text: &str, range: Range<usize>) -> String {
    let line = line_of(text, range.start);
    let l = &text[line.clone()];
    let at = floor_char_boundary(text, range.start.min(text.len())) - line.start;
    let from = l[..at].char_indices().rev().nth(AROUND - 1).map_or(0, |(i, _)| i);
    let to = l[at..].char_indices().nth(AROUND).map_or(l.len(), |(i, _)| at + i);
    let cut_before = if from > 0 { "…" } else { "" };
    let cut_after = if to < l.len() { "…" } else { "" };
    let window: String = l[from..to].chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let lead = l[from..at].chars().count() + cut_before.chars().count();
    let end = floor_char_boundary(text, range.end.min(text.len())).max(range.start) - line.start;
    let width = l[at..end.min(to).max(at)].chars().count().max(1);
    format!("{cut_before}{window}{cut_after}\n{}{}", " ".repeat(lead), "^".repeat(width))
}

fn clamp_range(text: &str, r: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, r.start.min(text.len()));
    let mut end = floor_char_boundary(text, r.end.min(text.len())).max(start);
    // An empty span still needs one character to point at.
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    notes: Vec<String>,
}

pub fn to_json(d: &Diagnostic, lang: Lang) -> String {
    serde_json::to_string(&JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: d.message.render(lang),
        file: d.file.as_deref().map(path_string),
        line: d.line(),
        column: d.column(),
        notes: d.notes.iter().map(|n| n.render(lang)).collect(),
    })
    .expect("diagnostics serialise")
}

/// A GitHub Actions workflow command (`::error file=..,line=..::message`).
pub fn to_github(d: &Diagnostic, lang: Lang) -> String {
    // GitHub's word for a note.
    let kind = if d.severity == Severity::Note { "notice" } else { severity_word(d.severity) };
    let mut props = Vec::new();
    if let Some(f) = &d.file {
        props.push(format!("file={}", gh_escape_property(&path_string(f))));
    }
    if let Some(l) = &d.location {
        props.push(format!("line={}", l.line));
        props.push(format!("col={}", l.column));
    }
    props.push(format!("title={}", gh_escape_property(d.code)));
    let mut message = d.message.render(lang);
    for n in &d.notes {
        message.push('\n');
        message.push_str(&n.render(lang));
    }
    format!("::{kind} {}::{}", props.join(","), gh_escape_data(&message))
}

fn path_string(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.md", "ab\nあいう = 1\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // "あい" is 6 bytes, 2 characters.
        assert_eq!(f.line_col(9), (2, 3));
        let bom = SourceFile::new("b.md", "\u{feff}+++\nx");
        assert_eq!(bom.line_col(3), (1, 1));
        assert_eq!(bom.line_col(7), (2, 1));
    }

    #[test]
    fn github_format_escapes_newlines_and_properties() {
        let f = SourceFile::new("content/a,b.md", "x");
        let d = f.error("test", 0..1, "bad\nthing");
        assert_eq!(to_github(&d, Lang::En), "::error file=content/a%2Cb.md,line=1,col=1,title=test::bad%0Athing");
    }
}
