//! Typed reading of a TOML table with spans, shared by `alumni.toml` and front
//! matter. Serde would stop at the first problem and lose positions; this reads
//! each key, records every problem with its line and column, and reports
//! unknown keys with a "did you mean" suggestion.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use crate::diag::{Diagnostic, SourceFile};
use crate::i18n::{Arg, Text};
use crate::msg;

/// A value together with the byte range it came from in its file.
pub type Span = Range<usize>;

/// Parse TOML text found at byte `base` of `src`, reporting every syntax
/// error. Returns the table when there were none.
pub fn parse_toml<'i>(
    src: &SourceFile,
    text: &'i str,
    base: usize,
    code: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table);
    }
    for e in errors {
        let range = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        diags.push(
            src.error(code, base + range.start..base + range.end, msg!("toml-invalid", detail = message))
                .label(msg!("label-here")),
        );
    }
    None
}

pub struct Fields<'a, 'i> {
    src: &'a SourceFile,
    base: usize,
    table: &'a DeTable<'i>,
    /// Where missing-key errors point (the table header or the front matter fence).
    anchor: Span,
    /// Names the table in messages, e.g. "[brand]" or "an event's front matter".
    what: Text,
    known: &'static [&'static str],
    pub diags: &'a mut Vec<Diagnostic>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(
        src: &'a SourceFile,
        base: usize,
        table: &'a DeTable<'i>,
        anchor: Span,
        what: Text,
        known: &'static [&'static str],
        diags: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Fields { src, base, table, anchor, what, known, diags }
    }

    fn range(&self, r: Span) -> Span {
        self.base + r.start..self.base + r.end
    }

    /// The value of `key`, if present.
    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(_, v)| v)
    }

    /// Byte range (in the file) of the value of `key`.
    pub fn span_of(&self, key: &str) -> Option<Span> {
        self.get(key).map(|v| self.range(v.span()))
    }

    pub fn error_at(&mut self, code: &'static str, range: Span, message: impl Into<Text>) -> &mut Diagnostic {
        let d = self.src.error(code, range, message);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn wrong_type(&mut self, key: &str, v: &Spanned<DeValue<'_>>, expected: Text) {
        let found = describe(v.get_ref());
        let r = self.range(v.span());
        let what = self.what.clone();
        self.error_at(
            "wrong-type",
            r,
            msg!("fields-wrong-type", key = key, what = what, expected = expected.clone(), found = found),
        )
        .set_label(msg!("fields-wrong-type-label", expected = expected));
    }

    /// `expected`: an example value (code, shown as it is) or a `Text`.
    pub fn missing(&mut self, key: &str, expected: impl Into<Arg>) {
        let r = self.anchor.clone();
        let what = self.what.clone();
        self.error_at("missing-field", r, msg!("fields-missing", key = key, what = what))
            .set_label(msg!("fields-missing-label", key = key))
            .notes
            .push(msg!("fields-missing-note", key = key, expected = expected));
    }

    pub fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => {
                let r = self.range(v.span());
                Some(Spanned::new(r.clone(), self.printable(key, r, s)))
            }
            _ => {
                self.wrong_type(key, v, msg!("type-string"));
                None
            }
        }
    }

    /// `s` without the characters no web page, feed or calendar may carry
    /// (control characters other than tab and line breaks, and Unicode
    /// noncharacters); TOML escapes such as `\u0007` can put them in any
    /// string. Each removal is a warning at the value.
    fn printable(&mut self, key: &str, range: Span, s: &str) -> String {
        if !has_forbidden(s) {
            return s.to_string();
        }
        let bad: Vec<char> = s.chars().filter(|&c| forbidden(c)).collect();
        let mut shown: Vec<String> = bad.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
        shown.dedup();
        let what = self.what.clone();
        let d = self
            .src
            .warning(
                "control-character",
                range,
                msg!("fields-control-character", key = key, what = what, found = shown.join(", ")),
            )
            .label(msg!("control-character-label"))
            .note(msg!("control-character-note"));
        self.diags.push(d);
        s.chars().filter(|&c| !forbidden(c)).collect()
    }

    /// A string that must be present and not blank.
    pub fn required_string(&mut self, key: &str, example: &str) -> Option<Spanned<String>> {
        match self.string(key) {
            Some(s) if s.get_ref().trim().is_empty() => {
                let r = s.span();
                let what = self.what.clone();
                self.error_at("empty-field", r, msg!("fields-empty", key = key, what = what))
                    .set_label(msg!("fields-empty-label"));
                None
            }
            Some(s) => Some(s),
            None if self.get(key).is_none() => {
                self.missing(key, example);
                None
            }
            None => None,
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, v, msg!("type-bool"));
                None
            }
        }
    }

    pub fn integer(&mut self, key: &str) -> Option<Spanned<i64>> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
            _ => None,
        };
        match parsed {
            Some(n) => Some(Spanned::new(self.range(v.span()), n)),
            None => {
                self.wrong_type(key, v, msg!("type-whole-number"));
                None
            }
        }
    }

    pub fn datetime(&mut self, key: &str, expected: Text) -> Option<Spanned<Datetime>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(d) => Some(Spanned::new(self.range(v.span()), *d)),
            _ => {
                self.wrong_type(key, v, expected);
                None
            }
        }
    }

    /// An array of strings (each with its own span).
    pub fn strings(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, msg!("type-array-of-strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => {
                    let r = self.range(item.span());
                    let clean = self.printable(key, r.clone(), s);
                    out.push(Spanned::new(r, clean));
                }
                _ => {
                    let found = describe(item.get_ref());
                    let r = self.range(item.span());
                    self.error_at("wrong-type", r, msg!("fields-strings-only", key = key, found = found))
                        .set_label(msg!("fields-wrong-type-label", expected = msg!("type-string")));
                }
            }
        }
        out
    }

    /// A nested table, with the span of its value.
    pub fn table(&mut self, key: &str) -> Option<(&'a DeTable<'i>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, self.range(v.span()))),
            _ => {
                self.wrong_type(key, v, msg!("type-table"));
                None
            }
        }
    }

    /// Every key of the table, with its span, in file order.
    pub fn keys(&self) -> Vec<(String, Span)> {
        let mut keys: Vec<_> =
            self.table.iter().map(|(k, _)| (k.get_ref().to_string(), self.range(k.span()))).collect();
        keys.sort_by_key(|(_, r)| r.start);
        keys
    }

    /// Report keys this table does not know, suggesting the closest known one.
    pub fn finish(self) {
        let what = self.what.clone();
        for (key, range) in self.keys() {
            if self.known.contains(&key.as_str()) {
                continue;
            }
            let mut d = self
                .src
                .error("unknown-key", range, msg!("fields-unknown-key", key = &key, what = what.clone()))
                .label(msg!("fields-unknown-key-label"));
            match suggest(&key, self.known) {
                Some(s) => d = d.note(msg!("did-you-mean", name = s)),
                None => d = d.note(msg!("expected-one-of", names = self.known.join(", "))),
            }
            self.diags.push(d);
        }
    }
}

/// Whether `s` holds a [`forbidden`] character. Only a few lead bytes can
/// begin one (C0 controls, DEL, `C2` for C1 controls, `EF` for the
/// noncharacters of the first plane, `F0`-`F4` for the other planes), so
/// most text, Japanese included, is never decoded.
pub fn has_forbidden(s: &str) -> bool {
    let suspect =
        |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F) | (b == 0xC2) | (b >= 0xEF);
    crate::scan::any(s, suspect, forbidden)
}

/// Characters that HTML, XML and iCalendar forbid or that validators reject:
/// C0 and C1 controls except tab, line feed and carriage return, and
/// Unicode noncharacters.
pub fn forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn suggest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&word.to_lowercase(), &k.to_lowercase()), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn describe(v: &DeValue<'_>) -> Text {
    match v {
        DeValue::String(_) => msg!("type-string"),
        DeValue::Integer(_) => msg!("type-integer"),
        DeValue::Float(_) => msg!("type-float"),
        DeValue::Boolean(_) => msg!("type-boolean"),
        DeValue::Datetime(d) => match (d.date, d.time, d.offset) {
            (Some(_), Some(_), Some(_)) => msg!("type-offset-datetime"),
            (Some(_), Some(_), None) => msg!("type-local-datetime"),
            (Some(_), None, _) => msg!("type-date"),
            _ => msg!("type-time-of-day"),
        },
        DeValue::Array(_) => msg!("type-array"),
        DeValue::Table(_) => msg!("type-table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(has_forbidden(&format!("日本語{c}テキスト")), "U+{:04X}", c as u32);
        }
        for s in ["", "plain\ttext\r\n", "（全角）！ｱ", "\u{a0}\u{fdcf}\u{fdf0}\u{fffd}\u{1f600}", "é ß"] {
            assert!(!has_forbidden(s), "{s:?}");
        }
    }

    #[test]
    fn control_characters_are_removed_with_a_warning_at_the_value() {
        let text = "title = \"a\\u0007b\\u0000c\\u007f\\r\\nd\\u2028e\"\ntags = [\"x\\u001by\"]\n";
        let src = SourceFile::new("alumni.toml", text);
        let mut diags = Vec::new();
        let table = parse_toml(&src, text, 0, "syntax", &mut diags).unwrap();
        let mut f = Fields::new(
            &src,
            0,
            table.get_ref(),
            0..0,
            msg!("what-table", name = "alumni.toml"),
            &["title", "tags"],
            &mut diags,
        );
        assert_eq!(f.string("title").unwrap().into_inner(), "abc\r\nd\u{2028}e");
        assert_eq!(f.strings("tags")[0].get_ref(), "xy");
        f.finish();
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| !d.is_error() && d.code == "control-character"));
        assert!(diags[0].message.to_string().contains("U+0007, U+0000, U+007F"), "{}", diags[0].message);
        assert_eq!((diags[0].line(), diags[0].column()), (Some(1), Some(9)));
        assert_eq!(diags[1].line(), Some(2));
    }

    #[test]
    fn suggests_close_keys_only() {
        let known = ["title", "date", "author", "summary"];
        assert_eq!(suggest("titel", &known), Some("title"));
        assert_eq!(suggest("autor", &known), Some("author"));
        assert_eq!(suggest("zzz", &known), None);
    }
}
