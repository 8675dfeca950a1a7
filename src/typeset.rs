//! Runs of text that a line must not break inside, marked in HTML. Browsers
//! may break Japanese text between a number and the character after it
//! (`20|階`) and after any hyphen (`9-9-|9`, `03-1234-|5678`), and a URL
//! after its hyphens and slashes; no CSS property names "this number", so
//! the build marks them: `<span class="nobr">` around a number with its
//! separators, sign and unit (the default theme gives it `white-space:
//! nowrap`), `<span class="text-url">` around a URL written out in the text
//! (the theme moves it to the next line whole when it fits there, and breaks
//! it only when it is longer than a line).

use std::borrow::Cow;

/// The start of a number run's mark; the end of both marks is `</span>`.
pub const NOBR: &str = "<span class=\"nobr\">";
/// The start of a URL's mark.
pub const TEXT_URL: &str = "<span class=\"text-url\">";
const END: &str = "</span>";
/// The longest number run marked, in characters: `2027年12月31日` is 11,
/// `〒100-0005` 9, `03-1234-5678` 12.
const MAX_RUN: usize = 16;

/// Elements whose text is not flowing text (code, preformatted text) or is
/// not HTML at all (raw text elements): nothing in them is marked.
const SKIPPED: &[&str] = &["code", "kbd", "pre", "samp", "var"];
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// `html` (a fragment or a document) with the runs in its text marked: a
/// number joined to its separators (`9-9-9`, `10,000`, `2027/4/17`,
/// `19:00〜21:00`),
/// its currency or postal sign (`¥10,000`, `〒100-0005`) and a one-character
/// unit (`20階`, `150名`, `2027年4月17日`), when it is more than digits
/// alone and at most 16 characters long; and every `http://` or `https://` URL. Text inside tags,
/// comments, `code`, `pre`, `kbd`, `samp`, `var` and raw text elements
/// is left as it is. Borrowed when nothing is marked. Marks are added, never
/// recognised: run it once over a given text.
pub fn keep_whole(html: &str) -> Cow<'_, str> {
    if !may_mark(html) {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    let mut skip_depth = 0usize;
    let bytes = html.as_bytes();
    while at < html.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) else {
            if skip_depth == 0 {
                mark_text(&mut out, &mut copied, html, at, html.len());
            }
            break;
        };
        if skip_depth == 0 {
            mark_text(&mut out, &mut copied, html, at, lt);
        }
        at = skip_tag(html, lt, &mut skip_depth);
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether `text` may hold a run to mark: a digit (ASCII or full-width) or a
/// URL. Most text of most pages has neither and is passed over at a few
/// bytes an instruction.
fn may_mark(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = next_candidate(b, i, Candidates::NUMBERS) {
        if b[at].is_ascii_digit() || fullwidth_digit(&b[at..]) {
            return true;
        }
        i = at + 1;
    }
    has_scheme_separator(b)
}

/// Whether the bytes hold `://` (a URL), found from its rare `:`.
fn has_scheme_separator(b: &[u8]) -> bool {
    memchr::memchr_iter(b':', b).any(|at| b[at + 1..].starts_with(b"//"))
}

fn fullwidth_digit(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == 0xEF && b[1] == 0xBC && (0x90..=0x99).contains(&b[2])
}

/// The bytes a scan stops at besides an ASCII digit and 0xEF (the lead byte
/// of a full-width digit): `&` (a character reference, or a character to
/// escape), `h` (a URL), and with `escape` `<` and `>` (characters to
/// escape) and `:` (a URL's `://`, in text not yet escaped).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Candidates {
    amp: bool,
    h: bool,
    escape: bool,
}

impl Candidates {
    const NUMBERS: Candidates = Candidates { amp: false, h: false, escape: false };
    const ESCAPE: Candidates = Candidates { amp: true, h: false, escape: true };

    const fn has(self, c: u8) -> bool {
        c.is_ascii_digit()
            || c == 0xEF
            || (self.amp && c == b'&')
            || (self.h && c == b'h')
            || (self.escape && matches!(c, b'<' | b'>' | b':'))
    }
}

/// The first byte at or after `from` that may start a run (see
/// [`Candidates`]). Most text has none for long stretches: on x86-64 sixteen
/// bytes are looked at a time (SSE2, which every x86-64 processor has),
/// elsewhere (and in a text shorter than sixteen bytes) one by one.
fn next_candidate(b: &[u8], from: usize, set: Candidates) -> Option<usize> {
    // One loop for each set, so that none tests which bytes it looks for.
    match (set.amp, set.h, set.escape) {
        (false, false, false) => scan::<false, false, false>(b, from),
        (true, false, false) => scan::<true, false, false>(b, from),
        (false, true, false) => scan::<false, true, false>(b, from),
        (true, true, false) => scan::<true, true, false>(b, from),
        (true, false, true) => scan::<true, false, true>(b, from),
        _ => next_candidate_scalar(b, from, set),
    }
}

/// Whether each byte is a candidate of the set `Candidates { amp: AMP, h:
/// H, escape: ESCAPE }`, for texts too short for a block.
struct Table<const AMP: bool, const H: bool, const ESCAPE: bool>;

impl<const AMP: bool, const H: bool, const ESCAPE: bool> Table<AMP, H, ESCAPE> {
    const HAS: [bool; 256] = {
        let set = Candidates { amp: AMP, h: H, escape: ESCAPE };
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            t[c] = set.has(c as u8);
            c += 1;
        }
        t
    };
}

fn scan<const AMP: bool, const H: bool, const ESCAPE: bool>(b: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 16 {
        // SAFETY: SSE2 is part of x86-64, and `b` has sixteen bytes or more.
        return unsafe { candidate_sse2::<AMP, H, ESCAPE>(b, from) };
    }
    b[from..].iter().position(|&c| Table::<AMP, H, ESCAPE>::HAS[usize::from(c)]).map(|k| from + k)
}

fn next_candidate_scalar(b: &[u8], from: usize, set: Candidates) -> Option<usize> {
    b[from..].iter().position(|&c| set.has(c)).map(|k| from + k)
}

/// The first candidate at or after `from` in `b`, sixteen bytes at a time;
/// the bytes after the last whole block are looked at in the last sixteen
/// bytes of `b` (which must have at least sixteen).
///
/// # Safety
/// The processor must have SSE2 (every x86-64 one has).
#[cfg(target_arch = "x86_64")]
unsafe fn candidate_sse2<const AMP: bool, const H: bool, const ESCAPE: bool>(b: &[u8], from: usize) -> Option<usize> {
    use std::arch::x86_64::*;
    let len = b.len();
    debug_assert!(len >= 16);
    let mut i = from;
    // SAFETY (for the whole body): SSE2 is always there on x86-64, and each
    // unaligned load reads sixteen bytes inside the slice: b[i..i + 16] with
    // i + 16 <= len, then b[len - 16..len].
    unsafe {
        let zero = _mm_set1_epi8(b'0' as i8);
        let nine = _mm_set1_epi8(9);
        let lead = _mm_set1_epi8(0xEFu8 as i8);
        let amp_v = _mm_set1_epi8(b'&' as i8);
        let h_v = _mm_set1_epi8(b'h' as i8);
        let two = _mm_set1_epi8(2);
        let gt_v = _mm_set1_epi8(b'>' as i8);
        let colon = _mm_set1_epi8(b':' as i8);
        let hits = |at: usize| {
            let x = _mm_loadu_si128(b.as_ptr().add(at).cast());
            // A digit is at most 9 above `0`, unsigned (wrapping below it).
            let digit = _mm_cmpeq_epi8(_mm_max_epu8(_mm_sub_epi8(x, zero), nine), nine);
            let mut hit = _mm_or_si128(digit, _mm_cmpeq_epi8(x, lead));
            if AMP {
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, amp_v));
            }
            if H {
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, h_v));
            }
            if ESCAPE {
                // `<` (0x3C) and `>` (0x3E) differ in one bit.
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_or_si128(x, two), gt_v));
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, colon));
            }
            _mm_movemask_epi8(hit) as u32
        };
        while i + 16 <= len {
            let mask = hits(i);
            if mask != 0 {
                return Some(i + mask.trailing_zeros() as usize);
            }
            i += 16;
        }
        if i >= len {
            return None;
        }
        // The last sixteen bytes, without those before `i` (looked at already).
        let mask = hits(len - 16) >> (i - (len - 16));
        (mask != 0).then(|| i + mask.trailing_zeros() as usize)
    }
}

/// `text` (escaped HTML text, no tags) appended to `out` with its runs
/// marked: for a writer that has its output at hand (no copy of the text).
pub fn push_marked(out: &mut String, text: &str) {
    let mut copied = 0;
    mark_text(out, &mut copied, text, 0, text.len());
    out.push_str(&text[copied..]);
}

/// `text` (plain text, not yet escaped) appended to `out` escaped for HTML
/// text (`&`, `<` and `>`) and with its runs marked: what escaping it and
/// then `push_marked` give, in one pass that stops only at digits, the lead
/// byte of a full-width character, the three escaped characters and `:`. A
/// text with a URL in it (`://`) is escaped into `scratch` instead and
/// marked as escaped text (a URL is read with its `&amp;`, and is rare).
pub fn push_escaped_marked(out: &mut String, scratch: &mut String, text: &str) {
    let b = text.as_bytes();
    let out_start = out.len();
    // A number run never holds `&`, `<` or `>`, and the characters next to
    // one are read alike whether they are one of those or the `;` that ends
    // its escape (neither is a digit, a letter, a separator, a sign or a
    // unit): the runs found here are those found in the escaped text. Nor
    // is a `:` followed by `//` ever inside a run (a separator is followed
    // by a digit): every URL's `://` is met.
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = next_candidate(b, i, Candidates::ESCAPE) {
        let escape = match b[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b':' if b[at + 1..].starts_with(b"//") => {
                out.truncate(out_start);
                scratch.clear();
                // Writing to a String cannot fail.
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *scratch, text);
                return push_marked(out, scratch);
            }
            b':' => {
                i = at + 1;
                continue;
            }
            // The lead byte of a three-byte character other than a full-width digit.
            0xEF if !fullwidth_digit(&b[at..]) => {
                i = at + 3;
                continue;
            }
            _ => {
                match number_at(text, at) {
                    Ok((start, end)) => {
                        out.push_str(&text[copied..start]);
                        out.push_str(NOBR);
                        out.push_str(&text[start..end]);
                        out.push_str(END);
                        copied = end;
                        i = end;
                    }
                    Err(past) => i = past,
                }
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(escape);
        copied = at + 1;
        i = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// Escape `text` for HTML text and mark it as `keep_whole` does: for values
/// that templates print (`{{ page.location | typeset }}`).
pub fn escape_and_mark(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    match keep_whole(&escaped) {
        Cow::Borrowed(_) => escaped,
        Cow::Owned(marked) => marked,
    }
}

/// Where the text after the tag (or comment) at `lt` starts, keeping count of
/// the skipped elements open; a raw text element is passed over whole.
fn skip_tag(html: &str, lt: usize, skip_depth: &mut usize) -> usize {
    let rest = &html[lt..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return memchr::memmem::find(comment.as_bytes(), b"-->").map_or(html.len(), |i| lt + 4 + i + 3);
    }
    let end = memchr::memchr(b'>', rest.as_bytes()).map_or(html.len(), |i| lt + i + 1);
    let closing = rest.as_bytes().get(1) == Some(&b'/');
    let after = &rest[if closing { 2 } else { 1 }..];
    let name = &after[..after.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(after.len())];
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if name.is_empty() {
        return end;
    }
    if !closing && is(RAW_TEXT) {
        // Its text ends at the first `</name`, whatever it holds.
        let mut at = end;
        while let Some(i) = memchr::memmem::find(&html.as_bytes()[at..], b"</") {
            let close = at + i + 2;
            if html.as_bytes().get(close..close + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())) {
                return at + i;
            }
            at = close;
        }
        return html.len();
    }
    if is(SKIPPED) && !html[..end].ends_with("/>") {
        if closing {
            *skip_depth = skip_depth.saturating_sub(1);
        } else {
            *skip_depth += 1;
        }
    }
    end
}

/// Mark the runs in `html[from..to]`, text without tags, copying everything
/// before each mark into `out` (from `*copied` on).
fn mark_text(out: &mut String, copied: &mut usize, html: &str, from: usize, to: usize) {
    let text = &html[from..to];
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only a digit (ASCII, or full-width: 0xEF leads its UTF-8), a
    // character reference or a URL's `h` can start anything: the rest of the
    // text, most of it, is passed over sixteen bytes at a time.
    // References and URLs are looked for only in text that has them (most
    // text has neither).
    let set = Candidates { amp: memchr::memchr(b'&', bytes).is_some(), h: has_scheme_separator(bytes), escape: false };
    while let Some(next) = next_candidate(bytes, i, set) {
        i = next;
        let b = bytes[i];
        let found = match b {
            b'0'..=b'9' | 0xEF => match number_at(text, i) {
                Ok((start, end)) => Some((start, end, NOBR)),
                // Past the digits read (none of them starts a run either).
                Err(past) => {
                    i = past;
                    continue;
                }
            },
            b'&' => {
                // A character reference is one character, never a number's digits.
                i += text[i..].find(';').filter(|&e| e <= 10).map_or(1, |e| e + 1);
                continue;
            }
            b'h' if (text[i..].starts_with("http://") || text[i..].starts_with("https://"))
                && !(i > 0 && bytes[i - 1].is_ascii_alphanumeric()) =>
            {
                url_len(&text[i..]).map(|n| (i, i + n, TEXT_URL))
            }
            _ => None,
        };
        match found {
            Some((start, end, open)) => {
                if out.is_empty() {
                    out.reserve(html.len() + 64);
                }
                out.push_str(&html[*copied..from + start]);
                out.push_str(open);
                out.push_str(&text[start..end]);
                out.push_str(END);
                i = end;
                *copied = from + end;
            }
            // Past this character (a lead byte's continuation bytes are never
            // candidates, so stepping one byte is enough).
            None => i += 1,
        }
    }
}

/// The length of the URL at the start of `s` (escaped HTML text), without
/// the punctuation that ends a sentence after it; `None` for a bare scheme.
fn url_len(s: &str) -> Option<usize> {
    let mut end = 0;
    while end < s.len() {
        let rest = &s[end..];
        if rest.starts_with("&amp;") {
            end += 5;
            continue;
        }
        let c = rest.chars().next()?;
        let url_char = c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\'' | '`' | '&');
        if !url_char {
            break;
        }
        end += 1;
    }
    let url = &s[..end];
    let opened = url.matches('(').count();
    let mut trimmed = url.len();
    while let Some(c) = url[..trimmed].chars().next_back() {
        let closes_nothing = c == ')' && url[..trimmed].matches(')').count() > opened;
        if matches!(c, '.' | ',' | ':' | ';' | '!' | '?') || closes_nothing {
            trimmed -= 1;
        } else {
            break;
        }
    }
    let scheme = if url.starts_with("https") { 8 } else { 7 };
    (trimmed > scheme).then_some(trimmed)
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Characters that join the digits on both sides into one number, or a
/// range of numbers (`19:00〜21:00`).
fn separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '–' | '−' | '－' | 'ー' | ':' | '：' | ',' | '.' | '．' | '/' | '／' | '〜' | '～' | '~'
    )
}

/// Signs written before a number.
fn sign(c: char) -> bool {
    matches!(c, '¥' | '￥' | '$' | '＄' | '€' | '£' | '〒')
}

/// A one-character unit after a number: an ideograph (`階`, `名`, `年`), or
/// a percent or degree sign.
fn unit(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '%' | '％' | '℃')
}

/// The character at byte `i` of `text` (a character boundary) and its
/// length in bytes; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let &lead = text.as_bytes().get(i)?;
    if lead < 0x80 {
        return Some((char::from(lead), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The character that ends at byte `i` of `text` (a character boundary)
/// and where it starts; ASCII without decoding.
#[inline]
fn char_before(text: &str, i: usize) -> Option<(char, usize)> {
    let &last = text.as_bytes().get(i.checked_sub(1)?)?;
    if last < 0x80 {
        return Some((char::from(last), i - 1));
    }
    let c = text[..i].chars().next_back()?;
    Some((c, i - c.len_utf8()))
}

/// The number run around the digit at `text[i..]` (from its sign, if one
/// comes just before), as a byte range, when it is worth marking: more than
/// digits alone, and not the middle of a word or number already passed.
/// Otherwise where to look on from (past the digits read: none of them
/// starts a run either). Read character by character from the digit, each
/// character once.
fn number_at(text: &str, i: usize) -> Result<(usize, usize), usize> {
    let Some((first, first_len)) = char_at(text, i) else {
        return Err(i + 1);
    };
    if !digit(first) {
        return Err(i + first_len);
    }
    let mut start = i;
    let mut before = char_before(text, i);
    if let Some((c, at)) = before
        && sign(c)
    {
        start = at;
        before = char_before(text, at);
    }
    // Not in the middle of a word or number (`v1`, `COVID-19`), but after a
    // label's colon (`所在地：〒100-0005`).
    let word = |c: char| digit(c) || c.is_ascii_alphabetic();
    match before {
        Some((b, _)) if word(b) => return Err(i + first_len),
        Some((b, at)) if separator(b) && char_before(text, at).is_some_and(|(c, _)| word(c)) => {
            return Err(i + first_len);
        }
        _ => {}
    }
    let is_digit_at = |at: usize| char_at(text, at).is_some_and(|(c, _)| digit(c));
    let mut marked = start != i;
    let mut end = i + first_len;
    loop {
        // Digits, and separators each followed by a digit.
        while let Some((c, len)) = char_at(text, end) {
            if digit(c) {
                end += len;
            } else if separator(c) && is_digit_at(end + len) {
                end += len;
                marked = true;
            } else {
                break;
            }
        }
        // A unit, and after it another number (`2027年4月17日`).
        match char_at(text, end) {
            Some((c, len)) if unit(c) => {
                end += len;
                marked = true;
                if !is_digit_at(end) {
                    break;
                }
            }
            _ => break,
        }
    }
    // A number directly followed by a Latin letter is part of a word (`3rd`, `A4`).
    if char_at(text, end).is_some_and(|(c, _)| c.is_ascii_alphabetic()) {
        return Err(end);
    }
    // A longer run is not a number people read as one (and, kept on one
    // line, could be wider than a phone's screen). No more bytes than
    // that is no more characters either.
    let run = &text[start..end];
    if marked && (run.len() <= MAX_RUN || run.chars().count() <= MAX_RUN) { Ok((start, end)) } else { Err(end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nobr(s: &str) -> String {
        format!("{NOBR}{s}{END}")
    }

    #[test]
    fn numbers_with_their_unit_separators_and_sign_are_marked() {
        let cases = [
            ("東京都千代田区丸の内9-9-9", format!("東京都千代田区丸の内{}", nobr("9-9-9"))),
            ("本社20階ホール", format!("本社{}ホール", nobr("20階"))),
            ("月1回の会", format!("月{}の会", nobr("1回"))),
            ("定員150名。", format!("定員{}。", nobr("150名"))),
            ("2027年4月17日（土）", format!("{}（土）", nobr("2027年4月17日"))),
            ("13:00〜17:30まで", format!("{}まで", nobr("13:00〜17:30"))),
            ("個別相談（1人30分）", format!("個別相談（{}）", nobr("1人30分"))),
            ("03-1234-5678まで", format!("{}まで", nobr("03-1234-5678"))),
            ("〒100-0005 東京都", format!("{} 東京都", nobr("〒100-0005"))),
            ("所在地：〒100-0005", format!("所在地：{}", nobr("〒100-0005"))),
            ("税込¥10,000で", format!("税込{}で", nobr("¥10,000"))),
            ("９ー９ー９", nobr("９ー９ー９")),
            ("増加率は12.5%です", format!("増加率は{}です", nobr("12.5%"))),
        ];
        for (input, want) in cases {
            assert_eq!(keep_whole(input), want, "{input}");
        }
    }

    #[test]
    fn plain_numbers_words_and_text_without_digits_are_left_alone() {
        let long = "1-".repeat(40) + "1";
        for s in ["2027", "第2木曜", "A4 paper, the 3rd time", "COVID-19", "v1.2.3", "見出し", "1.", "9-", "", &long]
        {
            let out = keep_whole(s);
            // `第2木曜`: `2木` is a number with a unit; the rest are not runs.
            if s == "第2木曜" {
                assert_eq!(out, format!("第{}曜", nobr("2木")));
            } else {
                assert!(matches!(out, Cow::Borrowed(_)), "{s} -> {out}");
            }
        }
    }

    #[test]
    fn urls_are_marked_without_the_punctuation_after_them() {
        let u = |s: &str| format!("{TEXT_URL}{s}{END}");
        assert_eq!(
            keep_whole("詳しくはhttps://example.com/a-b/2027をご覧ください。"),
            format!("詳しくは{}をご覧ください。", u("https://example.com/a-b/2027"))
        );
        assert_eq!(
            keep_whole("See https://example.com/?a=1&amp;b=2. Then"),
            format!("See {}. Then", u("https://example.com/?a=1&amp;b=2"))
        );
        assert_eq!(
            keep_whole("(see https://en.wikipedia.org/wiki/Foo_(bar)), ok"),
            format!("(see {}), ok", u("https://en.wikipedia.org/wiki/Foo_(bar)"))
        );
        assert!(matches!(keep_whole("https:// alone"), Cow::Borrowed(_)));
        assert!(matches!(keep_whole("xhttps://example.com"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_text_outside_tags_code_and_raw_text_is_marked() {
        let html = concat!(
            "<p class=\"x-20階\" data-n=\"9-9-9\">20階</p>",
            "<!-- 20階 --><pre><code>9-9-9</code></pre><code>1-2</code><kbd>3-4</kbd>",
            "<script>if (a<b) x = \"9-9-9\";</script><style>p{margin:1-2}</style>",
            "<a href=\"https://example.com/1-2\">https://example.com/1-2</a><p>&#39;1&#x27;</p>",
        );
        let want = concat!(
            "<p class=\"x-20階\" data-n=\"9-9-9\"><span class=\"nobr\">20階</span></p>",
            "<!-- 20階 --><pre><code>9-9-9</code></pre><code>1-2</code><kbd>3-4</kbd>",
            "<script>if (a<b) x = \"9-9-9\";</script><style>p{margin:1-2}</style>",
            "<a href=\"https://example.com/1-2\"><span class=\"text-url\">https://example.com/1-2</span></a>",
            "<p>&#39;1&#x27;</p>",
        );
        assert_eq!(keep_whole(html), want);
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag_in_any_case() {
        assert_eq!(
            keep_whole("<SCRIPT>a = \"</b>1-2\";</Script><p>1-2</p><title>1-2"),
            format!("<SCRIPT>a = \"</b>1-2\";</Script><p>{}</p><title>1-2", nobr("1-2"))
        );
    }

    #[test]
    fn text_is_escaped_before_it_is_marked() {
        assert_eq!(
            escape_and_mark("東京本社 20階ホール <b>&"),
            format!("東京本社 {}ホール &lt;b&gt;&amp;", nobr("20階"))
        );
        assert_eq!(escape_and_mark("オンライン"), "オンライン");
    }

    proptest::proptest! {
        /// Whatever the text, the marks only add spans: removing them gives
        /// it back, and no mark is opened inside another or left open.
        #[test]
        fn marks_only_add_balanced_spans(s in "[0-9０９a-z階名〒¥:\\-ー〜.,/ <>&;#pre]{0,40}") {
            let out = keep_whole(&s);
            let plain = out.replace(NOBR, "").replace(TEXT_URL, "").replace(END, "");
            proptest::prop_assert_eq!(&plain, &s.replace(END, ""));
            let opened = out.matches(NOBR).count() + out.matches(TEXT_URL).count();
            proptest::prop_assert_eq!(opened, out.matches(END).count() - s.matches(END).count());
        }
    }

    fn escaped_then_marked(text: &str) -> String {
        let mut escaped = String::new();
        let _ = pulldown_cmark_escape::escape_html_body_text(&mut escaped, text);
        let mut out = String::new();
        push_marked(&mut out, &escaped);
        out
    }

    fn escaped_and_marked(text: &str) -> String {
        let (mut out, mut scratch) = (String::from("<p>"), String::new());
        push_escaped_marked(&mut out, &mut scratch, text);
        out.split_off(3)
    }

    #[test]
    fn escaping_while_marking_is_escaping_then_marking() {
        let samples = [
            "東京都千代田区丸の内9-9-9 20階、<b>19:00〜21:00</b> & ¥10,000",
            "a&1-2 <1-2> 1-2& 1-2<b 3rd&amp;4 〒100-0005>",
            "&-1 <¥1 >￥1,000 ＄5 x-1 所在地：〒100-0005",
            "https://example.com/a?b=1&c=2 と 20階 <https://x.example/>",
            "20階 & <b> 19:00 see https://x.example/1-2 と 3-4",
            "９ー９ー９ ２０階 （１人30分） ｱｲｳ",
            "1-2-3-4-5-6-7-8-9-10-11 と 99999999999999999999階",
            "",
            "no digits & nothing <to> mark, but more than sixteen bytes",
        ];
        for t in samples {
            assert_eq!(escaped_and_marked(t), escaped_then_marked(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_while_marking_agrees_for_any_text(s in "[0-9０９a-z階名〒¥￥＄:\\-ー〜.,/ <>&;#（）：]{0,48}") {
            proptest::prop_assert_eq!(escaped_and_marked(&s), escaped_then_marked(&s));
        }
    }

    #[test]
    fn marking_never_changes_the_text() {
        // Whatever the input, removing the marks gives it back.
        let samples = [
            "丸の内9-9-9、20階。https://a.example/x-y?q=1&amp;r=2 と ¥1,000 と 〒100-0005<b>3-4</b>",
            "<<<>>>&&&;;;1-2-3-",
            "99999999999999999999階階階9-",
            "ー1ー2ー",
        ];
        for s in samples {
            let out = keep_whole(s);
            assert_eq!(out.replace(NOBR, "").replace(TEXT_URL, "").replace(END, ""), s.replace(END, ""), "{s}");
        }
    }

    #[test]
    fn candidates_are_found_alike_sixteen_bytes_at_a_time_and_one_by_one() {
        let texts = [
            "会員は現在260名で、２０２７年に",
            "no digits here at all, only letters and spaces; more than sixteen bytes",
            "&amp; https://example.com/ 〒１００",
            "ｱｲｳｴｵ（かっこ）！？0",
            "",
            "0123456789abcdef0123456789",
            "<p>a < b > c & d</p> 1<2>3 ＜＞ /:;=?@[`{ more than sixteen bytes 9",
            "19:00 https://x.example/ 〒１００ and a: b",
            "a long text with no candidate for more than thirty-two bytes, then one: 7, and & < > at the end",
        ];
        for t in texts {
            for (amp, h, escape) in [
                (false, false, false),
                (true, false, false),
                (false, true, false),
                (true, true, false),
                (true, false, true),
            ] {
                let set = Candidates { amp, h, escape };
                let b = t.as_bytes();
                for from in 0..=b.len() {
                    assert_eq!(next_candidate(b, from, set), next_candidate_scalar(b, from, set), "{t:?} {from}");
                }
            }
        }
    }
}
