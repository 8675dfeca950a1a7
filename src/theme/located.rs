//! Positions for the template errors Tera reports only as text: an unknown
//! filter, test or function comes as a plain message holding formatted
//! reports (`--> page.html:2:17`), and an include loop only names the
//! templates. Without a file and line, `--format json` and GitHub
//! annotations could not point at the template.

use std::ops::Range;

use super::Theme;
use crate::diag::Diagnostic;
use crate::msg;

/// The first report of a message made of Tera reports, as a diagnostic at
/// its template, line and column; the others become notes.
pub fn from_reports(text: &str, theme: &Theme) -> Option<Diagnostic> {
    let mut reports = reports(text);
    if reports.is_empty() {
        return None;
    }
    let (message, name, line, column) = reports.remove(0);
    let src = theme.templates.get(&name)?;
    let at = offset(&src.text, line, column)?;
    let end = src.text[at..].find(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(src.text.len(), |n| at + n);
    let mut d = Diagnostic::error("template-error", msg!("template-problem", detail = message))
        .at(src, at..end.max(at))
        .label(msg!("label-here"));
    for (message, name, line, column) in reports {
        d = d.note(msg!("template-also", detail = message, at = format!("{name}:{line}:{column}")));
    }
    Some(d)
}

/// (message, template, line, column) of each `error: MESSAGE` followed by
/// ` --> NAME:LINE:COLUMN`.
fn reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            let mut parts = place.rsplitn(3, ':');
            let (Some(column), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if let (Ok(line), Ok(column), Some(m)) = (line.parse(), column.parse(), message.take()) {
                out.push((m, name.to_string(), line, column));
            }
        }
    }
    out
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = &text[start..];
    let in_line = rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
    Some(start + in_line)
}

/// Where a `{% TAG "NAME" %}` is in a template's text.
pub fn tag_naming(text: &str, tag: &str, name: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = text[from..].find(tag) {
        let at = from + i;
        let after = text[at + tag.len()..].trim_start();
        if after.strip_prefix(['"', '\'']).is_some_and(|r| r.starts_with(name)) {
            let before = text[..at].trim_end();
            if before.ends_with("{%") || before.ends_with("{%-") {
                return Some(at..at + tag.len());
            }
        }
        from = at + tag.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_and_tags_are_found() {
        let text =
            "error: Unknown filter `nope`\n --> page.html:2:17\n  |\n\nerror: Unknown test `odd2`\n --> a:b.html:1:4\n";
        assert_eq!(
            reports(text),
            [
                ("Unknown filter `nope`".to_string(), "page.html".to_string(), 2, 17),
                ("Unknown test `odd2`".to_string(), "a:b.html".to_string(), 1, 4)
            ]
        );
        assert_eq!(offset("ab\n日本語x", 2, 4), Some(12));
        let t = "{# include \"a.html\" #}{% include \"a.html\" %}";
        assert_eq!(tag_naming(t, "include", "a.html"), Some(25..32));
    }
}
