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
///
/// Streaming: only an HTML block's events are held until its end, so a page
/// of any length needs no second list of its events.
pub fn strip_comments<'e>(events: impl IntoIterator<Item = Event<'e>>) -> impl Iterator<Item = Event<'e>> {
    StripComments { events: events.into_iter(), in_comment: false, block: None, ready: Vec::new().into_iter() }
}

struct StripComments<'e, I> {
    events: I,
    /// A comment is open at the end of the last raw HTML.
    in_comment: bool,
    /// The events of the HTML block being read, from its start.
    block: Option<Vec<Event<'e>>>,
    /// A finished block's events, given out before any further one.
    ready: std::vec::IntoIter<Event<'e>>,
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for StripComments<'e, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        if let Some(ev) = self.ready.next() {
            return Some(ev);
        }
        loop {
            let ev = match self.events.next()? {
                Event::Html(t) => uncomment(t, &mut self.in_comment).map(Event::Html),
                Event::InlineHtml(t) => uncomment(t, &mut self.in_comment).map(Event::InlineHtml),
                other => {
                    self.in_comment = false; // a comment never spans more than raw HTML
                    Some(other)
                }
            };
            match ev {
                Some(Event::Start(Tag::HtmlBlock)) => self.block = Some(vec![Event::Start(Tag::HtmlBlock)]),
                Some(Event::End(TagEnd::HtmlBlock)) => {
                    let mut b = self.block.take().unwrap_or_default();
                    if b.iter().any(|e| matches!(e, Event::Html(t) if !t.trim().is_empty())) {
                        b.push(Event::End(TagEnd::HtmlBlock));
                        self.ready = b.into_iter();
                        return self.ready.next();
                    }
                }
                Some(ev) => match &mut self.block {
                    Some(b) => b.push(ev),
                    None => return Some(ev),
                },
                None => {}
            }
        }
    }
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
pub fn label_task_markers<'e>(events: impl IntoIterator<Item = Event<'e>>) -> impl Iterator<Item = Event<'e>> {
    TaskLabels { events: events.into_iter(), open: false, then: [None, None] }
}

struct TaskLabels<'e, I> {
    events: I,
    /// A `<label>` is open.
    open: bool,
    /// Events to give out before the next one is read, in order.
    then: [Option<Event<'e>>; 2],
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for TaskLabels<'e, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        if let Some(ev) = self.then[0].take().or_else(|| self.then[1].take()) {
            return Some(ev);
        }
        let ev = self.events.next()?;
        let marker = matches!(ev, Event::TaskListMarker(_));
        if !self.open && !marker {
            return Some(ev);
        }
        let ends_label = matches!(ev, Event::End(TagEnd::Item | TagEnd::Paragraph) | Event::Start(Tag::List(_)));
        let mut out = [None, None, None];
        let mut n = 0;
        if self.open && ends_label {
            out[n] = Some(Event::Html(CowStr::Borrowed("</label>")));
            n += 1;
            self.open = false;
        }
        if marker {
            out[n] = Some(Event::Html(CowStr::Borrowed("<label>")));
            n += 1;
            self.open = true;
        }
        out[n] = Some(ev);
        let [first, second, third] = out;
        self.then = [second, third];
        first
    }
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
        pulldown_cmark::html::push_html(&mut html, label_task_markers(events));
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
            let events = strip_comments(Parser::new_ext(md, options()));
            pulldown_cmark::html::push_html(&mut out, events);
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
