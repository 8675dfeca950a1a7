//! What the site does to a page's Markdown events between the parser and the
//! HTML writer: heading anchors (and headings one level deeper when the text
//! has its own `h1`), links checked and rewritten, line breaks between wide
//! East Asian characters dropped, and the first paragraph and plain text
//! gathered for descriptions and calendars.
//!
//! It streams: an event is given out as soon as it is decided, and only the
//! events it must look ahead at (a heading's text, what follows a line
//! break) are held, so a page needs no second list of its events.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::{Ids, Links, Resolution, anchor, check_link, cjk, deeper, is_inline_tag};
use crate::diag::{Diagnostic, SourceFile};
use crate::markup;
use crate::site::Page;

/// What must be known of a page's events before the first is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// The text has an `h1` of its own: every heading goes one level deeper,
    /// as the page's title is its `h1`.
    pub shift: bool,
    /// Raw HTML or comments, to be stripped of the latter.
    pub html: bool,
    /// Raw HTML is left once comments are gone: the page is written by
    /// pulldown-cmark's writer and minified as a whole (see `write_page`).
    pub raw_html: bool,
    /// Task list checkboxes, to be labelled.
    pub tasks: bool,
}

impl Shape {
    /// The shape of a page's events, read once through.
    pub fn of<'e>(events: impl Iterator<Item = Event<'e>>) -> Shape {
        let mut shape = Shape::default();
        let light = events.map(|ev| {
            shape.see(&ev);
            light(&ev)
        });
        shape.raw_html = markup::strip_comments(light)
            .fold(false, |seen, ev| seen | matches!(ev, Event::Html(_) | Event::InlineHtml(_)));
        shape
    }

    /// `of` over events held in a list: what comments leave is looked at
    /// only when there is raw HTML at all.
    pub fn of_list(events: &[(Event<'_>, Range<usize>)]) -> Shape {
        let mut shape = Shape::default();
        for (ev, _) in events {
            shape.see(ev);
        }
        if shape.html {
            shape.raw_html = Shape::of(events.iter().map(|(ev, _)| light(ev))).raw_html;
        }
        shape
    }

    fn see(&mut self, ev: &Event<'_>) {
        match ev {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => self.shift = true,
            Event::Html(_) | Event::InlineHtml(_) => self.html = true,
            Event::TaskListMarker(_) => self.tasks = true,
            _ => {}
        }
    }
}

/// What comment stripping needs of an event: raw HTML and HTML blocks as
/// they are; any other event ends an open comment, and a rule stands in for it.
fn light<'e>(ev: &Event<'e>) -> Event<'e> {
    match ev {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {
            ev.clone()
        }
        _ => Event::Rule,
    }
}

/// The rewriting stage over a page's events (with their source ranges,
/// relative to the body), itself an iterator of the events to write.
pub(super) struct Rewrite<'e, 'x, 'l, I> {
    input: I,
    /// Events read ahead of the current one, in order.
    ahead: VecDeque<(Event<'e>, Range<usize>)>,
    page: &'x Page,
    source: &'x SourceFile,
    links: &'x Links<'l>,
    /// Where the body starts in the source file.
    offset: usize,
    shift: bool,
    east_asian_line_breaks: bool,
    /// Gather the whole text (events only: calendar descriptions).
    want_plain: bool,
    ids: Ids,
    /// 0 before the first paragraph, 1 inside it, 2 after it.
    in_first_para: u8,
    /// The last character of text given out, looking through inline tags:
    /// what a line break follows.
    last_char: Option<char>,
    pub diags: Vec<Diagnostic>,
    pub resolved: Vec<(String, Resolution)>,
    pub first_paragraph: String,
    pub plain: String,
}

impl<'e, 'x, 'l, I: Iterator<Item = (Event<'e>, Range<usize>)>> Rewrite<'e, 'x, 'l, I> {
    pub fn new(input: I, shape: Shape, page: &'x Page, source: &'x SourceFile, links: &'x Links<'l>) -> Self {
        Rewrite {
            input,
            ahead: VecDeque::new(),
            page,
            source,
            links,
            offset: page.src.body_start,
            shift: shape.shift,
            east_asian_line_breaks: links.site.config.markdown.east_asian_line_breaks,
            want_plain: matches!(page.src.kind, crate::content::Kind::Event(_)),
            ids: Ids::default(),
            in_first_para: 0,
            last_char: None,
            diags: Vec::new(),
            resolved: Vec::new(),
            first_paragraph: String::new(),
            plain: String::new(),
        }
    }

    fn pull(&mut self) -> Option<(Event<'e>, Range<usize>)> {
        if self.ahead.is_empty() { self.input.next() } else { self.ahead.pop_front() }
    }

    /// The `k`th event after the current one, read ahead if needed.
    fn peek(&mut self, k: usize) -> Option<&Event<'e>> {
        while self.ahead.len() <= k {
            let ev = self.input.next()?;
            self.ahead.push_back(ev);
        }
        Some(&self.ahead[k].0)
    }

    /// The first character of the text that follows, looking through inline
    /// tags; None when a block or anything else comes first.
    fn next_text_char(&mut self) -> Option<char> {
        let mut k = 0;
        loop {
            match self.peek(k)? {
                Event::Text(t) | Event::Code(t) => return t.chars().next(),
                ev if is_inline_tag(ev) => k += 1,
                _ => return None,
            }
        }
    }

    /// The text of the heading that starts with the current event.
    fn heading_text(&mut self) -> String {
        let mut text = String::new();
        let mut k = 0;
        while let Some(ev) = self.peek(k) {
            match ev {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            k += 1;
        }
        text
    }

    fn link(&mut self, dest_url: CowStr<'e>, range: Range<usize>, checked: bool) -> CowStr<'e> {
        let span = self.offset + range.start..self.offset + range.end;
        self.diags.extend(crate::address::script_link_warning(self.source, &dest_url, span.clone()));
        if !checked {
            return dest_url;
        }
        check_link(self.page, self.source, self.links, &dest_url, span, &mut self.diags, &mut self.resolved)
    }

    /// The event given out for `ev`, which the stage has taken.
    fn rewrite(&mut self, ev: Event<'e>, range: Range<usize>) -> Event<'e> {
        match ev {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => anchor(&self.heading_text()),
                };
                let unique = self.ids.unique(wanted);
                let level = if self.shift { deeper(level) } else { level };
                Event::Start(Tag::Heading { level, id: Some(CowStr::from(unique)), classes, attrs })
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(if self.shift { deeper(level) } else { level }))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                // An autolink (`<https://x.example>`, `<a@x.example>`) is never a
                // site path; the HTML writer adds `mailto:` to an address.
                let checked = !matches!(link_type, LinkType::Email | LinkType::Autolink);
                let dest_url = self.link(dest_url, range, checked);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.link(dest_url, range, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::FootnoteReference(label) => Event::FootnoteReference(markup::footnote_id(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(markup::footnote_id(&label)))
            }
            ev => {
                match (&ev, self.in_first_para) {
                    (Event::Start(Tag::Paragraph), 0) => self.in_first_para = 1,
                    (Event::End(TagEnd::Paragraph), 1) => self.in_first_para = 2,
                    (Event::Text(t) | Event::Code(t), 1) => self.first_paragraph.push_str(t),
                    (Event::SoftBreak, 1) => self.first_paragraph.push(' '),
                    _ => {}
                }
                ev
            }
        }
    }
}

impl<'e, I: Iterator<Item = (Event<'e>, Range<usize>)>> Iterator for Rewrite<'e, '_, '_, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            let (ev, range) = self.pull()?;
            // A line break between two wide East Asian characters is no
            // space, in the page and in every text made from it.
            if matches!(ev, Event::SoftBreak)
                && self.east_asian_line_breaks
                && let Some(before) = self.last_char
                && self.next_text_char().is_some_and(|after| cjk::joins(before, after))
            {
                continue;
            }
            if self.want_plain {
                match &ev {
                    Event::Text(t) | Event::Code(t) => self.plain.push_str(t),
                    Event::SoftBreak | Event::HardBreak => self.plain.push('\n'),
                    Event::End(
                        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::CodeBlock,
                    ) => self.plain.push_str("\n\n"),
                    _ => {}
                }
            }
            let out = self.rewrite(ev, range);
            self.last_char = match &out {
                Event::Text(t) | Event::Code(t) => t.chars().next_back(),
                ev if is_inline_tag(ev) => self.last_char,
                _ => None,
            };
            return Some(out);
        }
    }
}
