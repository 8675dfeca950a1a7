//! Addresses people give in the config and front matter: links to other
//! sites and email addresses, checked once and kept in a form that every
//! output (HTML attributes, calendars, JSON-LD) can carry as it is.

/// A link to another site (join, registration, online event, application
/// form): an absolute http(s) URL, query and fragment allowed, returned in the
/// WHATWG serialisation, so characters that do not belong in a URL (`"`,
/// `<`, `>`, spaces) are percent-encoded and line breaks are gone before it
/// reaches an attribute, a calendar or JSON-LD.
pub fn link_url(s: &str) -> Result<String, crate::i18n::Text> {
    use crate::msg;
    let url = url::Url::parse(s.trim()).map_err(|e| msg!("url-invalid", url = s, detail = e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(msg!("url-scheme", url = s));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(msg!("url-no-host", url = s));
    }
    Ok(url.into())
}

/// An email address that a `mailto:` link carries as it is: a dot-atom local
/// part (RFC 5322) without the characters a URL would have to escape or
/// would read as its own syntax (`?`, `#`, `%`, `{`...), and a domain of at
/// least two labels.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_alphanumeric() || "!$&'*+/=_~-".contains(c);
    let label = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-');
    !local.is_empty()
        && local.split('.').all(|part| !part.is_empty() && part.chars().all(atext))
        && domain.split('.').count() >= 2
        && domain.split('.').all(label)
}

/// The scheme of a link that runs or embeds code instead of leading to a
/// page (`javascript:`, `vbscript:`, `data:`), as a browser reads it:
/// case aside, and with the tabs, line breaks and leading spaces or
/// control characters it ignores.
pub fn script_scheme(dest: &str) -> Option<&'static str> {
    // At most ten characters, the longest scheme looked for: on the stack
    // (every link of every page comes here).
    let mut scheme = [0u8; 10];
    let mut len = 0;
    let mut ended = false;
    for c in dest.trim_start_matches(|c: char| c <= ' ').bytes() {
        match c {
            b'\t' | b'\n' | b'\r' => continue,
            b':' => {
                ended = true;
                break;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.') => {
                if len == scheme.len() {
                    return None;
                }
                scheme[len] = c.to_ascii_lowercase();
                len += 1;
            }
            _ => return None,
        }
    }
    ["javascript", "vbscript", "data"].into_iter().find(|s| ended && s.as_bytes() == &scheme[..len])
}

/// A warning for a link in content whose scheme runs code in the reader's
/// browser or hides what it leads to (see `script_scheme`); None for any
/// other link. `range` is the link's place in `source`.
pub fn script_link_warning(
    source: &crate::diag::SourceFile,
    dest: &str,
    range: std::ops::Range<usize>,
) -> Option<crate::diag::Diagnostic> {
    use crate::msg;
    let scheme = script_scheme(dest)?;
    Some(
        source
            .warning("link-script", range, msg!("link-script", scheme = scheme))
            .label(msg!("link-script-label", scheme = scheme))
            .note(msg!("link-script-note")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_urls_keep_their_query_and_lose_what_breaks_markup() {
        assert_eq!(link_url("https://forms.example.com/r?id=1#top").unwrap(), "https://forms.example.com/r?id=1#top");
        assert_eq!(
            link_url("https://x.example/a\"><img src=x onerror=alert(1)>").unwrap(),
            "https://x.example/a%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"
        );
        assert_eq!(link_url("https://x.example/a\r\nATTENDEE:b").unwrap(), "https://x.example/aATTENDEE:b");
        assert!(link_url("javascript:alert(1)").is_err());
        assert!(link_url("/relative").is_err());
    }

    #[test]
    fn script_schemes_are_found_as_browsers_read_them() {
        for s in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "VBScript:x",
        ] {
            assert!(script_scheme(s).is_some(), "{s:?}");
        }
        for s in ["https://x.example", "mailto:a@b.example", "/javascript:x", "javascript", "../data:x", "@/jobs/"] {
            assert!(script_scheme(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn email_addresses_are_what_mailto_links_can_carry() {
        assert!(is_email("alumni@example.com"));
        assert!(is_email("o'brien+alumni&co@mail.example.co.jp"));
        assert!(is_email("アルムナイ@例え.jp"));
        assert!(!is_email("\"><svg/onload=alert(1)>@evil.example"));
        assert!(!is_email("a b@example.com"));
        assert!(!is_email("a@localhost"));
        assert!(!is_email("a..b@example.com"));
        assert!(!is_email("a?subject=x@example.com"));
        assert!(!is_email("a{b}@example.com"));
        assert!(!is_email("@example.com"));
    }
}
