//! Rewrites of the Markdown event stream that keep the HTML valid and
//! accessible whatever the text holds: no forbidden characters, labelled task
//! list checkboxes, footnote ids that are valid URL fragments, and no HTML
//! comments (notes to editors are not for readers).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Text, code or raw HTML without the characters HTML forbids (see
/// [`crate::fields::forbidden`]), and which ones were there; None when clean.
pub fn printable<'e>(ev: &Event<'e>) -> Option<(Event<'e>, String)> {
    let (Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)) = ev else {
        return None;
    };
    if !crate::fields::has_forbidden(t) {
        return None;
    }
    let mut found: Vec<String> =
        t.chars().filter(|&c| crate::fields::forbidden(c)).map(|c| format!("U+{:04X}", c as u32)).collect();
    found.dedup();
    let clean = CowStr::from(t.chars().filter(|&c| !crate::fields::forbidden(c)).collect::<String>());
    let ev = match ev {
        Event::Text(_) => Event::Text(clean),
        Event::Code(_) => Event::Code(clean),
        Event::Html(_) => Event::Html(clean),
        _ => Event::InlineHtml(clean),
    };
    Some((ev, found.join(", ")))
}

/// The events without HTML comments (`<!-- note to editors -->`), which
/// would otherwise reach the page, the feeds and structured data. A comment
/// in an HTML block may span several of its lines (events); a block left
/// with nothing but white space is dropped whole.
pub fn strip_comments(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<Vec<Event<'_>>> = None;
    let mut in_comment = false;
    for ev in events {
        let ev = match ev {
            Event::Html(t) => uncomment(t, &mut in_comment).map(Event::Html),
            Event::InlineHtml(t) => uncomment(t, &mut in_comment).map(Event::InlineHtml),
            other => {
                in_comment = false; // a comment never spans more than raw HTML
                Some(other)
            }
        };
        match ev {
            Some(Event::Start(Tag::HtmlBlock)) => block = Some(vec![Event::Start(Tag::HtmlBlock)]),
            Some(Event::End(TagEnd::HtmlBlock)) => {
                let mut b = block.take().unwrap_or_default();
                if b.iter().any(|e| matches!(e, Event::Html(t) if !t.trim().is_empty())) {
                    b.push(Event::End(TagEnd::HtmlBlock));
                    out.extend(b);
                }
            }
            Some(ev) => block.as_mut().unwrap_or(&mut out).push(ev),
            None => {}
        }
    }
    out
}

/// Raw HTML without the comments in it; `in_comment` carries an open comment
/// over to the next piece. None when nothing is left.
fn uncomment<'e>(html: CowStr<'e>, in_comment: &mut bool) -> Option<CowStr<'e>> {
    if !*in_comment && memchr::memmem::find(html.as_bytes(), b"<!--").is_none() {
        return Some(html);
    }
    let mut kept = String::new();
    let mut rest: &str = &html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => break,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    kept.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    // `<!-->` and `<!--->` are empty comments, closed at once.
                    if let Some(after) = rest.strip_prefix('>').or_else(|| rest.strip_prefix("->")) {
                        rest = after;
                    } else {
                        *in_comment = true;
                    }
                }
                None => {
                    kept.push_str(rest);
                    break;
                }
            }
        }
    }
    (!kept.is_empty()).then(|| CowStr::from(kept))
}

/// A task list's checkbox gets its item's text as its label (`<label><input
/// type=checkbox> text</label>`): an unlabelled form control fails WCAG 2.x
/// (1.3.1, 4.1.2) and screen readers would announce a bare "checkbox".
pub fn label_task_markers(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events.iter().any(|e| matches!(e, Event::TaskListMarker(_))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut open = false;
    for ev in events {
        let ends_label = matches!(ev, Event::End(TagEnd::Item | TagEnd::Paragraph) | Event::Start(Tag::List(_)));
        if open && ends_label {
            out.push(Event::Html(CowStr::Borrowed("</label>")));
            open = false;
        }
        if let Event::TaskListMarker(_) = ev {
            out.push(Event::Html(CowStr::Borrowed("<label>")));
            open = true;
        }
        out.push(ev);
    }
    out
}

/// The id of a footnote: its label with every character that a URL fragment
/// cannot carry as it is percent-encoded, so `[^a"b]` links to `#a%22b`
/// (valid HTML) and different labels keep different ids.
pub fn footnote_id(label: &str) -> CowStr<'static> {
    let mut id = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            id.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                id.push_str(&format!("%{b:02X}"));
            }
        }
    }
    CowStr::from(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::options;
    use pulldown_cmark::Parser;

    #[test]
    fn task_list_checkboxes_are_labelled_by_their_item() {
        let md = "- [x] done *well*\n- [ ] open\n  - [ ] nested\n\n1. [x] loose\n\n   more\n";
        let events: Vec<Event<'_>> = Parser::new_ext(md, options()).collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, label_task_markers(events).into_iter());
        assert!(
            html.contains(
                "<li><label><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone <em>well</em></label></li>"
            ),
            "{html}"
        );
        assert!(html.contains("<label><input disabled=\"\" type=\"checkbox\"/>\nopen</label>\n<ul>"), "{html}");
        assert!(
            html.contains("<p><label><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nloose</label></p>"),
            "{html}"
        );
        assert_eq!(html.matches("<label>").count(), html.matches("</label>").count());
        assert_eq!(html.matches("<label>").count(), 4);
    }

    #[test]
    fn control_characters_leave_text_code_and_html() {
        let md = "a\u{7}b `c\u{1b}d` <span>e\u{7f}</span>\n";
        let mut found = Vec::new();
        let events: Vec<Event<'_>> = Parser::new_ext(md, options())
            .map(|ev| match printable(&ev) {
                Some((clean, what)) => {
                    found.push(what);
                    clean
                }
                None => ev,
            })
            .collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert_eq!(html, "<p>ab <code>cd</code> <span>e</span></p>\n");
        assert_eq!(found, ["U+0007", "U+001B", "U+007F"]);
    }

    #[test]
    fn html_comments_are_removed_wherever_they_are() {
        let html = |md: &str| {
            let mut out = String::new();
            let events = strip_comments(Parser::new_ext(md, options()).collect());
            pulldown_cmark::html::push_html(&mut out, events.into_iter());
            out
        };
        assert_eq!(html("<!-- note -->\n\nText\n"), "<p>Text</p>\n");
        assert_eq!(html("a <!-- one\ntwo --> b <!---> c <!--> d\n"), "<p>a  b  c  d</p>\n");
        assert_eq!(html("<!-- a\nb\n-->\nafter\n"), "<p>after</p>\n");
        assert_eq!(html("<div>\n<!-- x --><b>kept</b>\n</div>\n"), "<div>\n<b>kept</b>\n</div>\n");
        assert_eq!(html("`<!-- code -->`\n"), "<p><code>&lt;!-- code --&gt;</code></p>\n");
    }

    #[test]
    fn footnote_ids_are_valid_fragments() {
        assert_eq!(&*footnote_id("1"), "1");
        assert_eq!(&*footnote_id("q\"&'x"), "q%22%26%27x");
        assert_eq!(&*footnote_id("注 1"), "注%201");
    }
}
