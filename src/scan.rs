//! Rewriting text where only a few characters need attention (escaping for
//! calendars and scripts, control characters): the bytes are scanned for
//! the lead bytes those characters can start with, and only there is a
//! character decoded; everything between is copied as a run. Japanese text
//! (three-byte characters) would otherwise be decoded character by character.

/// The characters of `s` that begin at a byte for which `suspect` is true,
/// with their byte offsets. A suspect byte must be ASCII or a lead byte, so
/// that it begins a character.
fn suspects(s: &str, suspect: impl Fn(u8) -> bool) -> impl Iterator<Item = (usize, char)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let at = i + position(&bytes[i..], &suspect)?;
        let c = s[at..].chars().next().expect("a character at a lead byte");
        i = at + c.len_utf8();
        Some((at, c))
    })
}

/// The first byte for which `suspect` is true. Blocks of bytes are tested
/// whole, without stopping at the first hit, which the compiler turns into
/// vector instructions; only a block with a hit is searched byte by byte.
/// Text with nothing to do is then scanned many bytes at a time. That takes
/// a `suspect` made of comparisons joined by `|` and `&`: `||`, `&&` and
/// `matches!` over several bytes become branches, which do not vectorize.
fn position(bytes: &[u8], suspect: &impl Fn(u8) -> bool) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (n, block) in blocks.by_ref().enumerate() {
        // A byte mask, not a `bool` fold: only the mask form vectorizes.
        let mut hits = 0u8;
        for &b in block {
            hits |= suspect(b) as u8;
        }
        if hits != 0 {
            return block.iter().position(|&b| suspect(b)).map(|p| n * BLOCK + p);
        }
    }
    let done = bytes.len() - blocks.remainder().len();
    blocks.remainder().iter().position(|&b| suspect(b)).map(|p| done + p)
}

/// `s` with each character for which `change` returns a replacement
/// replaced by it (an empty one drops the character). `suspect` must be true
/// for the first byte of every character `change` replaces. `change` also
/// sees the text after the character.
pub fn rewrite(
    s: &str,
    suspect: impl Fn(u8) -> bool,
    change: impl FnMut(char, &str) -> Option<&'static str>,
) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    rewrite_into(&mut out, s, suspect, change);
    out
}

/// [`rewrite`], appending to `out`.
pub fn rewrite_into(
    out: &mut String,
    s: &str,
    suspect: impl Fn(u8) -> bool,
    mut change: impl FnMut(char, &str) -> Option<&'static str>,
) {
    out.reserve(s.len() + 16);
    let mut copied = 0;
    for (at, c) in suspects(s, suspect) {
        let next = at + c.len_utf8();
        if let Some(rep) = change(c, &s[next..]) {
            out.push_str(&s[copied..at]);
            out.push_str(rep);
            copied = next;
        }
    }
    out.push_str(&s[copied..]);
}

/// Whether some character of `s` passes `test`; `suspect` as for [`rewrite`].
pub fn any(s: &str, suspect: impl Fn(u8) -> bool, test: impl Fn(char) -> bool) -> bool {
    suspects(s, suspect).any(|(_, c)| test(c))
}

/// The lead bytes of C0 controls, DEL and C1 controls (`C2`), and of the
/// line and paragraph separators U+2028 and U+2029 (`E2`).
pub fn control_or_separator(b: u8) -> bool {
    (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_what_it_is_asked_to() {
        let upper = |c: char, _: &str| (c == 'é').then_some("E");
        assert_eq!(rewrite("café 日本 é", |b| b >= 0xC0, upper), "cafE 日本 E");
        assert_eq!(rewrite("", |_| true, upper), "");
        let drop_x = |c: char, rest: &str| (c == 'x' && !rest.starts_with('y')).then_some("");
        assert_eq!(rewrite("axbxyc", |b| b == b'x', drop_x), "abxyc");
        assert!(any("日本\u{7}", control_or_separator, char::is_control));
        assert!(!any("日本\u{2029}", control_or_separator, char::is_control));
        // Hits in the first block, a later block and the remainder, and none.
        let long = "日本語のテキスト、".repeat(20);
        for at in [0, 5, 31, 32, 33, 200, long.len()] {
            let s = format!("{}\u{7}{}", &long[..at - at % 3], &long[at - at % 3..]);
            assert_eq!(position(s.as_bytes(), &|b| b < 0x20), Some(at - at % 3), "at {at}");
        }
        assert_eq!(position(long.as_bytes(), &|b| b < 0x20), None);
        assert_eq!(position(b"", &|_| true), None);
    }
}
