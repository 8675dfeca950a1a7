//! Markdown events to minified HTML in one pass. pulldown-cmark's own writer
//! lays the HTML out for reading (a newline after each block, quoted
//! attributes, `<br />`); minifying that afterwards meant parsing every page
//! again, a fifth of a build. This writer follows pulldown-cmark's writer
//! element for element and writes what minify-html would have made of it:
//! no white space between blocks, attribute values unquoted where HTML allows
//! it, void elements without a slash. Raw HTML from the source is not its
//! business: a page with any goes through pulldown-cmark and minify-html.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html, escape_html_body_text};

/// Write `events` as minified HTML into `out`. Tables get `tabindex=0` (see
/// [`super::render`]). With `mark_numbers`, numbers and URLs in the text are
/// marked for lines not to break inside them (see `crate::typeset`).
pub fn write<'a>(out: &mut String, events: impl IntoIterator<Item = Event<'a>>, mark_numbers: bool) {
    let mut w = Writer {
        out,
        in_head: false,
        in_code: false,
        aligns: Vec::new(),
        cell: 0,
        numbers: HashMap::new(),
        attr: String::new(),
        scratch: String::new(),
    };
    let mut events = events.into_iter();
    while let Some(ev) = events.next() {
        match ev {
            Event::Start(Tag::Image { dest_url, title, .. }) => w.image(&dest_url, &title, &mut events),
            Event::Start(tag) => {
                w.in_code |= matches!(tag, Tag::CodeBlock(_));
                w.start(tag)
            }
            Event::End(tag) => {
                w.in_code &= !matches!(tag, TagEnd::CodeBlock);
                w.end(tag)
            }
            Event::Text(t) if w.in_code || !mark_numbers => text(w.out, &t),
            Event::Text(t) => marked_text(w.out, &mut w.scratch, &t),
            Event::Code(t) => {
                w.out.push_str("<code>");
                text(w.out, &t);
                w.out.push_str("</code>");
            }
            Event::InlineMath(t) => w.math("math math-inline", &t),
            Event::DisplayMath(t) => w.math("math math-display", &t),
            Event::Html(h) | Event::InlineHtml(h) => w.out.push_str(&h),
            Event::SoftBreak => w.out.push('\n'),
            Event::HardBreak => w.out.push_str("<br>"),
            Event::Rule => w.out.push_str("<hr>"),
            Event::FootnoteReference(name) => {
                let n = w.number(&name);
                w.out.push_str("<sup class=footnote-reference><a");
                w.attr_with("href", |v| {
                    v.push('#');
                    let _ = escape_html(v, &name);
                });
                w.out.push('>');
                w.out.push_str(&n.to_string());
                w.out.push_str("</a></sup>");
            }
            Event::TaskListMarker(done) => w.out.push_str(if done {
                "<input checked disabled type=checkbox>"
            } else {
                "<input disabled type=checkbox>"
            }),
        }
    }
}

struct Writer<'o> {
    out: &'o mut String,
    /// Inside a table's head row: cells are `th`.
    in_head: bool,
    /// Inside a code block: its text is never marked (see `marked_text`).
    in_code: bool,
    aligns: Vec<Alignment>,
    cell: usize,
    /// Footnote numbers in order of first mention, as pulldown-cmark counts.
    numbers: HashMap<String, usize>,
    /// Scratch space for one attribute value.
    attr: String,
    /// Scratch space for one text's escaped form, before its numbers and
    /// URLs are marked (texts with a URL only).
    scratch: String,
}

impl<'o> Writer<'o> {
    fn start(&mut self, tag: Tag<'_>) {
        let out = &mut *self.out;
        match tag {
            Tag::Paragraph => out.push_str("<p>"),
            Tag::Heading { level, id, classes, attrs } => {
                out.push('<');
                out.push_str(&level.to_string());
                if let Some(id) = id {
                    self.attr_with("id", |v| {
                        let _ = escape_html(v, &id);
                    });
                }
                if !classes.is_empty() {
                    self.attr_with("class", |v| {
                        for (i, c) in classes.iter().enumerate() {
                            if i > 0 {
                                v.push(' ');
                            }
                            let _ = escape_html(&mut *v, c);
                        }
                    });
                }
                for (name, value) in attrs {
                    self.out.push(' ');
                    let _ = escape_html(&mut *self.out, &name);
                    if let Some(value) = value {
                        self.value(|v| {
                            let _ = escape_html(v, &value);
                        });
                    }
                }
                self.out.push('>');
            }
            Tag::BlockQuote(kind) => out.push_str(match kind {
                None => "<blockquote>",
                Some(BlockQuoteKind::Note) => "<blockquote class=markdown-alert-note>",
                Some(BlockQuoteKind::Tip) => "<blockquote class=markdown-alert-tip>",
                Some(BlockQuoteKind::Important) => "<blockquote class=markdown-alert-important>",
                Some(BlockQuoteKind::Warning) => "<blockquote class=markdown-alert-warning>",
                Some(BlockQuoteKind::Caution) => "<blockquote class=markdown-alert-caution>",
            }),
            Tag::CodeBlock(kind) => {
                out.push_str("<pre><code");
                if let CodeBlockKind::Fenced(info) = kind
                    && let Some(lang) = info.split(' ').next().filter(|l| !l.is_empty())
                {
                    self.attr_with("class", |v| {
                        v.push_str("language-");
                        let _ = escape_html(v, lang);
                    });
                }
                self.out.push('>');
            }
            Tag::HtmlBlock | Tag::MetadataBlock(_) => {}
            Tag::List(Some(1)) => out.push_str("<ol>"),
            Tag::List(Some(start)) => {
                out.push_str("<ol start=");
                out.push_str(&start.to_string());
                out.push('>');
            }
            Tag::List(None) => out.push_str("<ul>"),
            Tag::Item => out.push_str("<li>"),
            Tag::FootnoteDefinition(name) => {
                out.push_str("<div class=footnote-definition");
                self.attr_with("id", |v| {
                    let _ = escape_html(v, &name);
                });
                self.out.push_str("><sup class=footnote-definition-label>");
                let n = self.number(&name);
                self.out.push_str(&n.to_string());
                self.out.push_str("</sup>");
            }
            Tag::DefinitionList => out.push_str("<dl>"),
            Tag::DefinitionListTitle => out.push_str("<dt>"),
            Tag::DefinitionListDefinition => out.push_str("<dd>"),
            Tag::Table(aligns) => {
                self.aligns = aligns;
                out.push_str("<table tabindex=0>");
            }
            Tag::TableHead => {
                self.in_head = true;
                self.cell = 0;
                out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                self.cell = 0;
                out.push_str("<tr>");
            }
            Tag::TableCell => {
                out.push_str(if self.in_head { "<th" } else { "<td" });
                out.push_str(match self.aligns.get(self.cell) {
                    Some(Alignment::Left) => " style=text-align:left>",
                    Some(Alignment::Center) => " style=text-align:center>",
                    Some(Alignment::Right) => " style=text-align:right>",
                    _ => ">",
                });
            }
            Tag::Emphasis => out.push_str("<em>"),
            Tag::Strong => out.push_str("<strong>"),
            Tag::Strikethrough => out.push_str("<del>"),
            Tag::Superscript => out.push_str("<sup>"),
            Tag::Subscript => out.push_str("<sub>"),
            Tag::Link { link_type, dest_url, title, .. } => {
                out.push_str("<a");
                self.attr_with("href", |v| {
                    if link_type == LinkType::Email {
                        v.push_str("mailto:");
                    }
                    let _ = escape_href(v, &dest_url);
                });
                if !title.is_empty() {
                    self.attr_with("title", |v| {
                        let _ = escape_html(v, &title);
                    });
                }
                self.out.push('>');
            }
            Tag::Image { .. } => unreachable!("images are written by `image`"),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let out = &mut *self.out;
        match tag {
            TagEnd::Paragraph => out.push_str("</p>"),
            TagEnd::Heading(level) => {
                out.push_str("</");
                out.push_str(&level.to_string());
                out.push('>');
            }
            TagEnd::BlockQuote(_) => out.push_str("</blockquote>"),
            TagEnd::CodeBlock => out.push_str("</code></pre>"),
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {}
            TagEnd::List(true) => out.push_str("</ol>"),
            TagEnd::List(false) => out.push_str("</ul>"),
            TagEnd::Item => out.push_str("</li>"),
            TagEnd::FootnoteDefinition => out.push_str("</div>"),
            TagEnd::DefinitionList => out.push_str("</dl>"),
            TagEnd::DefinitionListTitle => out.push_str("</dt>"),
            TagEnd::DefinitionListDefinition => out.push_str("</dd>"),
            TagEnd::Table => out.push_str("</tbody></table>"),
            TagEnd::TableHead => {
                self.in_head = false;
                out.push_str("</tr></thead><tbody>");
            }
            TagEnd::TableRow => out.push_str("</tr>"),
            TagEnd::TableCell => {
                out.push_str(if self.in_head { "</th>" } else { "</td>" });
                self.cell += 1;
            }
            TagEnd::Emphasis => out.push_str("</em>"),
            TagEnd::Strong => out.push_str("</strong>"),
            TagEnd::Strikethrough => out.push_str("</del>"),
            TagEnd::Superscript => out.push_str("</sup>"),
            TagEnd::Subscript => out.push_str("</sub>"),
            TagEnd::Link => out.push_str("</a>"),
        }
    }

    /// An image: its alternative text is the plain text of what it holds.
    fn image<'a>(&mut self, dest: &str, title: &str, events: &mut impl Iterator<Item = Event<'a>>) {
        self.out.push_str("<img");
        self.attr_with("src", |v| {
            let _ = escape_href(v, dest);
        });
        let mut alt = String::new();
        let mut depth = 0usize;
        for ev in events.by_ref() {
            match ev {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t)
                | Event::Code(t)
                | Event::InlineHtml(t)
                | Event::InlineMath(t)
                | Event::DisplayMath(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                Event::FootnoteReference(name) => {
                    let n = self.number(&name);
                    alt.push_str(&format!("[{n}]"));
                }
                Event::TaskListMarker(done) => alt.push_str(if done { "[x]" } else { "[ ]" }),
                Event::Html(_) => {}
            }
        }
        // An empty alt says "decorative" and stays; it is never left out.
        self.attr_with("alt", |v| {
            let _ = escape_html(v, &alt);
        });
        if !title.is_empty() {
            self.attr_with("title", |v| {
                let _ = escape_html(v, title);
            });
        }
        self.out.push('>');
    }

    fn math(&mut self, class: &str, t: &str) {
        self.out.push_str("<span");
        self.attr_with("class", |v| v.push_str(class));
        self.out.push('>');
        let _ = escape_html(&mut *self.out, t);
        self.out.push_str("</span>");
    }

    fn number(&mut self, name: &str) -> usize {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = self.numbers.len() + 1;
        self.numbers.insert(name.to_string(), n);
        n
    }

    /// ` name=value`, the value made by `make` (already escaped).
    fn attr_with(&mut self, name: &str, make: impl FnOnce(&mut String)) {
        self.out.push(' ');
        self.out.push_str(name);
        self.value(make);
    }

    /// `=value`: without quotes when HTML allows it (not empty, no white
    /// space, quotes, `=`, `<`, `>` or backtick), else in double quotes.
    fn value(&mut self, make: impl FnOnce(&mut String)) {
        self.attr.clear();
        make(&mut self.attr);
        let bare = !self.attr.is_empty()
            && !self
                .attr
                .bytes()
                .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'));
        self.out.push('=');
        if bare {
            self.out.push_str(&self.attr);
        } else {
            self.out.push('"');
            self.out.push_str(&self.attr);
            self.out.push('"');
        }
    }
}

/// Text content: `&`, `<` and `>` escaped.
fn text(out: &mut String, t: &str) {
    let _ = escape_html_body_text(out, t);
}

/// Text content, escaped, with the numbers and URLs that a line must not
/// break inside marked (see `crate::typeset`), in one pass over the text.
fn marked_text(out: &mut String, scratch: &mut String, t: &str) {
    crate::typeset::push_escaped_marked(out, scratch, t);
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Parser};
    use scraper::{Html, Node};

    /// A page's HTML as a list of elements (sorted attributes) and texts,
    /// white space folded outside `pre`: what a browser builds from it.
    fn dom(html: &str) -> Vec<String> {
        fn walk(node: ego_tree::NodeRef<'_, Node>, in_pre: bool, out: &mut Vec<String>) {
            match node.value() {
                Node::Element(e) => {
                    let mut attrs: Vec<String> = e
                        .attrs()
                        .map(
                            |(k, v)| {
                                if k == "style" { format!("{k}={}", v.replace(' ', "")) } else { format!("{k}={v}") }
                            },
                        )
                        .collect();
                    attrs.sort();
                    out.push(format!("<{} {}>", e.name(), attrs.join(" ")));
                    let pre = in_pre || e.name() == "pre";
                    for c in node.children() {
                        walk(c, pre, out);
                    }
                    out.push(format!("</{}>", e.name()));
                }
                Node::Text(t) if in_pre => out.push(t.to_string()),
                Node::Text(t) => {
                    let folded = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !folded.is_empty() {
                        out.push(folded);
                    }
                }
                _ => {
                    for c in node.children() {
                        walk(c, in_pre, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(Html::parse_fragment(html).tree.root(), false, &mut out);
        out
    }

    fn both(md: &str) -> (String, String) {
        let events = || Parser::new_ext(md, crate::markdown::options()).collect::<Vec<Event<'_>>>();
        let mut compact = String::new();
        super::write(&mut compact, crate::markup::label_task_markers(events()), true);
        let mut plain = String::new();
        pulldown_cmark::html::push_html(&mut plain, crate::markup::label_task_markers(events()));
        let plain = plain.replace("<table>", "<table tabindex=\"0\">");
        // The way pages with raw HTML go: numbers marked over the whole HTML.
        let plain = crate::typeset::keep_whole(&plain).into_owned();
        (compact, super::super::minify_fragment(&plain))
    }

    #[test]
    fn same_document_as_pulldown_cmark_then_minify_html() {
        let samples = [
            "# Title {#own-id .a .b data-x=1}\n\nA *b* **c** ~~d~~ `e < f & g` h\nsoft\\\nhard\n\n---\n",
            "1. one\n2. two\n\n3. start\n4. x\n\n- [x] done *well*\n- [ ] open\n  - nested\n",
            "> quote\n> more\n\n```rust title\nfn x() { a < b && c > d }\n\n  indented\n```\n\n    code block\n",
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | *2* | `3` | [4](/x/ \"t 'q' \\\"r\\\"\") |\n",
            "Note[^1] and[^n b] again[^1].\n\n[^1]: First.\n[^n b]: Second *one*.\n",
            "![alt *with* `code` and [^1]](/a b.png \"A title\") [mail](mailto:a@b.example) <a@b.example> <https://x.example/?a=1&b=2>\n",
            "Quotes \"here\" & 'there' > and < and &amp; &copy; 日本語の文章です。\n改行\n",
            "東京都千代田区丸の内9-9-9 20階、19:00〜21:00、¥10,000、https://example.com/a-b/ と `9-9-9` と\n\n```\n20階\n```\n",
            "Link [x](</a path/> \"\") [y](/q?a=\"b\"&c=`d`) [z](#frag=1)\n",
            "",
        ];
        for md in samples {
            let (compact, reference) = both(md);
            assert_eq!(dom(&compact), dom(&reference), "\n{md}\ncompact:   {compact}\nreference: {reference}");
            assert!(!compact.contains('\n') || md.contains("soft") || md.contains("```") || md.contains("改行"));
        }
    }

    #[test]
    fn attribute_values_are_quoted_only_when_needed() {
        let (html, _) = both("[a](/jobs/x/) [b](/x \"two words\") [c](/y \"\") ![](/i.png)\n");
        assert_eq!(
            html,
            "<p><a href=/jobs/x/>a</a> <a href=/x title=\"two words\">b</a> <a href=/y>c</a> <img src=/i.png alt=\"\"></p>"
        );
    }
}
