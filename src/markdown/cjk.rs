//! Markdown as Japanese, Chinese and Korean writers write it. CommonMark
//! decides whether `**` opens or closes emphasis from the characters beside
//! it, with rules made for languages that put spaces between words: next to
//! 「」 or 。 in Japanese text, `**` stays literal. The CJK-friendly
//! amendments to CommonMark (github.com/tats-u/markdown-cjk-friendly) widen
//! those rules for CJK characters; pulldown-cmark has no release with them.
//!
//! So the amendments are applied before pulldown-cmark reads the text: for
//! each `*` or `~` delimiter run next to a CJK character whose opening or
//! closing the amendments decide differently, an invisible [`MARKER`] (a
//! punctuation character to pulldown-cmark) is put beside the run so that
//! plain CommonMark decides as the amendments do. The markers are removed
//! from every event afterwards, and event offsets are mapped back to the
//! file. Everything else (which runs match, links, code spans) stays
//! pulldown-cmark's own, and text without CJK characters next to a run is
//! read as before, byte for byte. `_` needs no help: the amendments leave
//! its behaviour next to CJK characters as CommonMark has it.
//!
//! Also here: which line breaks join without a space (between two wide
//! East Asian characters, as Japanese and Chinese text is written).

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Tag};
use unicode_properties::{GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory, emoji::EmojiStatus};

#[path = "east_asian_table.rs"]
mod table;

/// What the generated table says of a code point.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum EastAsian {
    /// East Asian Width F, W or H, not of the Hangul script.
    Wide,
    /// Of the Hangul script (Korean), whatever its width.
    Hangul,
}

/// U+2E2E REVERSED QUESTION MARK: punctuation to pulldown-cmark, and all
/// but unknown in portal text. A page whose text holds it is read with
/// CommonMark's own rules (see [`prepare`]).
pub const MARKER: char = '\u{2E2E}';
const MARKER_LEN: usize = MARKER.len_utf8();

fn east_asian(c: char) -> Option<EastAsian> {
    let cp = c as u32;
    if cp < 0x1100 {
        return None;
    }
    let t = &table::TABLE;
    let i = t.partition_point(|&(_, hi, _)| hi < cp);
    t.get(i).filter(|&&(lo, _, _)| lo <= cp).map(|&(_, _, k)| k)
}

fn is_emoji_presentation(c: char) -> bool {
    matches!(
        c.emoji_status(),
        EmojiStatus::EmojiPresentation
            | EmojiStatus::EmojiPresentationAndModifierBase
            | EmojiStatus::EmojiPresentationAndEmojiComponent
            | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
    )
}

/// A CJK character as the amendments define it: East Asian Width W, F or H
/// and not an emoji, or of the Hangul script.
pub fn is_cjk(c: char) -> bool {
    match east_asian(c) {
        Some(EastAsian::Hangul) => true,
        Some(EastAsian::Wide) => !is_emoji_presentation(c),
        None => false,
    }
}

/// Whether a line break between `before` and `after` is no space: both are
/// wide East Asian characters (Width F, W or H), neither an emoji nor
/// Hangul (Korean puts spaces between words).
pub fn joins(before: char, after: char) -> bool {
    let wide = |c: char| east_asian(c) == Some(EastAsian::Wide) && !is_emoji_presentation(c);
    wide(before) && wide(after)
}

/// Punctuation as CommonMark 0.31 (and pulldown-cmark) counts it: Unicode
/// categories P and S.
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    // Kana and the common ideographs are letters: most runs in Japanese
    // text are next to one of them, no need for the table.
    if matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | '一'..='鿿') {
        return false;
    }
    matches!(c.general_category_group(), GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol)
}

fn is_ideographic_vs(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Variation selectors that may follow a CJK character (not U+FE0F, which
/// asks for an emoji).
fn is_text_vs(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// Whether a delimiter run may open and close, as pulldown-cmark decides
/// from the characters beside it (`None`: the start or end of the line).
fn commonmark(delim: u8, len: usize, before: Option<char>, after: Option<char>) -> (bool, bool) {
    let open = match (before, after) {
        (_, None) => false,
        (_, Some(a)) if a.is_whitespace() => false,
        (None, _) => true,
        (Some(b), Some(a)) => {
            (delim == b'*' && !is_punct(a)) || (delim == b'~' && len > 1) || b.is_whitespace() || is_punct(b)
        }
    };
    let close = match (before, after) {
        (None, _) => false,
        (Some(b), _) if b.is_whitespace() => false,
        (_, None) => true,
        (Some(b), Some(a)) => {
            ((delim == b'*' || (delim == b'~' && len > 1)) && !is_punct(b)) || a.is_whitespace() || is_punct(a)
        }
    };
    (open, close)
}

/// Whether a run may open and close under the CJK-friendly amendments.
/// `before_base` is the character before the one right before the run: the
/// amendments look through a variation selector to the character it
/// modifies (`。︁_x_` opens like `。_x_`).
fn friendly(
    delim: u8,
    len: usize,
    before: Option<char>,
    before_base: Option<char>,
    after: Option<char>,
) -> (bool, bool) {
    let before = match (before, before_base) {
        (Some(b), Some(base)) if is_text_vs(b) => Some(base),
        _ => before,
    };
    let (open, close) = commonmark(delim, len, before, after);
    // Next to CJK characters, `_` keeps CommonMark's rules.
    if delim == b'_' {
        return (open, close);
    }
    let cjk_before = before.is_some_and(is_cjk);
    let after_cjk = after.is_some_and(is_cjk);
    let open = open
        || after.is_some_and(|a| !a.is_whitespace())
            && (after_cjk || cjk_before || before.is_some_and(is_ideographic_vs));
    let close = close || before.is_some_and(|b| !b.is_whitespace()) && (cjk_before || after_cjk);
    (open, close)
}

/// Where markers went into a text, so that offsets in it can be mapped back.
#[derive(Debug, Default)]
pub struct Markers {
    /// Offsets of the markers in the marked text, ascending.
    at: Vec<usize>,
}

impl Markers {
    /// The offset in the original text of an offset in the marked one.
    pub fn original(&self, marked: usize) -> usize {
        marked - self.at.partition_point(|&m| m < marked) * MARKER_LEN
    }

    /// A range of the marked text as a range of the original, and whether
    /// a marker lies inside it (so that what was read from it needs them
    /// taken out).
    pub fn map(&self, marked: std::ops::Range<usize>) -> (std::ops::Range<usize>, bool) {
        let before = self.at.partition_point(|&m| m < marked.start);
        let through = self.at.partition_point(|&m| m < marked.end);
        (marked.start - before * MARKER_LEN..marked.end - through * MARKER_LEN, through > before)
    }
}

/// The text with markers put beside the `*`, `_` and `~` runs that the
/// amendments read differently from CommonMark, or `None` when there are
/// none (most text: no run next to a CJK character, or none that differs).
pub fn prepare(text: &str) -> Option<(String, Markers)> {
    let bytes = text.as_bytes();
    // (offset in the original, whether the marker goes before the run there)
    let mut inserts: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(found) = memchr::memchr3(b'*', b'~', b'_', &bytes[i..]) {
        let start = i + found;
        let delim = bytes[start];
        let mut end = start + 1;
        while end < bytes.len() && bytes[end] == delim {
            end += 1;
        }
        i = end;
        // An odd number of backslashes before the run escapes its first character.
        let backslashes = bytes[..start].iter().rev().take_while(|&&b| b == b'\\').count();
        let run_start = if backslashes % 2 == 1 { start + 1 } else { start };
        if run_start == end {
            continue;
        }
        let len = end - run_start;
        if delim == b'~' && len > 2 {
            continue;
        }
        // Runs between ASCII characters read alike both ways (most runs in
        // English text): decided on the bytes, nothing decoded.
        let ascii = |b: Option<&u8>| b.is_none_or(u8::is_ascii);
        if ascii(run_start.checked_sub(1).map(|k| &bytes[k])) && ascii(bytes.get(end)) {
            continue;
        }
        let mut back = text[..run_start].chars().rev();
        let before = back.next().filter(|&c| c != '\n' && c != '\r');
        let before_base = back.next();
        let after = text[end..].chars().next().filter(|&c| c != '\n' && c != '\r');
        // `_` differs only after a variation selector, which the amendments look through.
        if delim == b'_' && !before.is_some_and(is_text_vs) {
            continue;
        }
        // Only runs beside a CJK character (or a selector after one) can differ.
        let near = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x1100);
        if !near(before) && !near(after) {
            continue;
        }
        // Table cells: pulldown-cmark decides runs beside `|` by rules of its own.
        if before == Some('|') || after == Some('|') {
            continue;
        }
        // `*` and `~~` differ only beside punctuation.
        let seen_before = if before.is_some_and(is_text_vs) { before_base } else { before };
        if (delim == b'*' || len == 2) && !seen_before.is_some_and(is_punct) && !after.is_some_and(is_punct) {
            continue;
        }
        let plain = commonmark(delim, len, before, after);
        let mut wanted = friendly(delim, len, before, before_base, after);
        // Opening matters only with a run of the same character later in the
        // paragraph, closing only with one before it: no marker for the rest.
        if wanted.0 != plain.0 && !same_run_within_paragraph(text, delim, end, true) {
            wanted.0 = plain.0;
        }
        if wanted.1 != plain.1 && !same_run_within_paragraph(text, delim, run_start, false) {
            wanted.1 = plain.1;
        }
        if plain == wanted {
            continue;
        }
        let m = Some(MARKER);
        for (put_before, put_after) in [(true, false), (false, true), (true, true)] {
            let b = if put_before { m } else { before };
            let a = if put_after { m } else { after };
            if commonmark(delim, len, b, a) == wanted {
                if put_before {
                    inserts.push(run_start);
                }
                if put_after {
                    inserts.push(end);
                }
                break;
            }
        }
    }
    if inserts.is_empty() || memchr::memmem::find(bytes, MARKER.encode_utf8(&mut [0; 4]).as_bytes()).is_some() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + inserts.len() * MARKER_LEN);
    let mut markers = Markers { at: Vec::with_capacity(inserts.len()) };
    let mut from = 0;
    for at in inserts {
        out.push_str(&text[from..at]);
        markers.at.push(out.len());
        out.push(MARKER);
        from = at;
    }
    out.push_str(&text[from..]);
    Some((out, markers))
}

/// Whether `delim` occurs after (`later`) or before `at` with no blank line
/// between: only then can a run at `at` be matched as an opener or a closer
/// (a paragraph never holds a blank line).
fn same_run_within_paragraph(text: &str, delim: u8, at: usize, later: bool) -> bool {
    let b = text.as_bytes();
    let found = if later {
        memchr::memchr(delim, &b[at..]).map(|k| at..at + k)
    } else {
        memchr::memrchr(delim, &b[..at]).map(|k| k..at)
    };
    found.is_some_and(|between| !has_blank_line(&b[between]))
}

/// Whether the bytes hold an empty or white-space-only line between two
/// of their line breaks (the parts before the first break and after the last
/// are the lines of the runs themselves).
fn has_blank_line(b: &[u8]) -> bool {
    let mut breaks = memchr::memchr_iter(b'\n', b);
    let Some(mut from) = breaks.next() else { return false };
    for to in breaks {
        if b[from + 1..to].iter().all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'>')) {
            return true;
        }
        from = to;
    }
    false
}

fn unmark<'a>(s: CowStr<'a>) -> CowStr<'a> {
    if s.contains(MARKER) { CowStr::from(s.replace(MARKER, "")) } else { s }
}

/// The event without the markers [`prepare`] put into the text, wherever
/// they landed (text, code, raw HTML, link targets, attributes).
pub fn unmark_event(ev: Event<'_>) -> Event<'_> {
    match ev {
        Event::Text(t) => Event::Text(unmark(t)),
        Event::Code(t) => Event::Code(unmark(t)),
        Event::Html(t) => Event::Html(unmark(t)),
        Event::InlineHtml(t) => Event::InlineHtml(unmark(t)),
        Event::InlineMath(t) => Event::InlineMath(unmark(t)),
        Event::DisplayMath(t) => Event::DisplayMath(unmark(t)),
        Event::FootnoteReference(t) => Event::FootnoteReference(unmark(t)),
        Event::Start(tag) => Event::Start(unmark_tag(tag)),
        ev => ev,
    }
}

fn unmark_tag(tag: Tag<'_>) -> Tag<'_> {
    match tag {
        Tag::Link { link_type, dest_url, title, id } => {
            Tag::Link { link_type, dest_url: unmark(dest_url), title: unmark(title), id: unmark(id) }
        }
        Tag::Image { link_type, dest_url, title, id } => {
            Tag::Image { link_type, dest_url: unmark(dest_url), title: unmark(title), id: unmark(id) }
        }
        Tag::Heading { level, id, classes, attrs } => Tag::Heading {
            level,
            id: id.map(unmark),
            classes: classes.into_iter().map(unmark).collect(),
            attrs: attrs.into_iter().map(|(k, v)| (unmark(k), v.map(unmark))).collect(),
        },
        Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info)) => {
            Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(unmark(info)))
        }
        Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(unmark(label)),
        tag => tag,
    }
}

/// The text's Markdown read with the amendments (when `friendly`): the text
/// pulldown-cmark should parse, and where its markers are.
pub fn source(text: &str, friendly: bool) -> (Cow<'_, str>, Option<Markers>) {
    match friendly.then(|| prepare(text)).flatten() {
        Some((marked, markers)) => (Cow::Owned(marked), Some(markers)),
        None => (Cow::Borrowed(text), None),
    }
}

#[cfg(test)]
mod tests;
