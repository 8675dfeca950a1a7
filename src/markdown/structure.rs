//! Whether a page's HTML may go through the minifier. minify-html reads
//! HTML by rules of its own: where the tags do not nest (raw HTML in
//! Markdown often leaves a `<div>` open), it drops or moves end tags, so the
//! browser would build another document than the one written; and it
//! recurses once per nested element, so a few thousand nested tags
//! overflow the stack. A fragment is minified only when its tags nest as a
//! browser reads them and not too deep; any other is written as it is.

/// Deeper than this, a fragment is not minified (minify-html recurses per
/// level; real pages nest a few dozen levels at most).
pub const MAX_DEPTH: usize = 100;

/// Elements with no end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// What may stand inside a `p` without closing it (phrasing content).
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "button", "cite", "code", "data", "dfn", "em", "i", "img", "input", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del",
    "ins", "picture", "source", "svg", "math", "audio", "video", "track", "iframe", "embed", "object", "canvas",
    "script", "noscript", "template", "slot", "select", "textarea", "output", "progress", "meter", "ruby", "rt", "rp",
];

/// Whether a browser, meeting this start tag with `stack` open, would
/// close or move an open element by itself (a `<div>` inside a `<p>`, an
/// `<li>` inside an `<li>`, a table part out of place): the minifier might
/// read such a fragment otherwise, so it is not minified.
fn closes_early(stack: &[String], start: &str) -> bool {
    const TABLE_PARTS: &[&str] = &["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"];
    let top = stack.last().map(String::as_str);
    if TABLE_PARTS.contains(&start) {
        return !top.is_some_and(|t| table_child(t, start));
    }
    if top.is_some_and(|t| matches!(t, "table" | "thead" | "tbody" | "tfoot" | "tr" | "colgroup")) {
        return true;
    }
    // The open elements from the innermost out, up to one that bounds the search.
    let open_within = |wanted: &[&str], bounds: &[&str]| {
        stack.iter().rev().map(String::as_str).take_while(|t| !bounds.contains(t)).any(|t| wanted.contains(&t))
    };
    if !PHRASING.contains(&start)
        && open_within(&["p"], &["button", "table", "td", "th", "caption", "object", "template", "marquee", "applet"])
    {
        return true;
    }
    const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
    match start {
        "li" => open_within(&["li"], &["ul", "ol"]),
        "dt" | "dd" => open_within(&["dt", "dd"], &["dl"]),
        "option" | "optgroup" => open_within(&["option", "optgroup"], &[]),
        "rt" | "rp" => open_within(&["rt", "rp"], &[]),
        "a" | "button" | "form" => open_within(&[start], &[]),
        h if HEADINGS.contains(&h) => open_within(HEADINGS, &[]),
        _ => false,
    }
}

/// Table parts in their proper parents (anything else is rearranged by the
/// browser, perhaps unlike the minifier).
fn table_child(parent: &str, child: &str) -> bool {
    match parent {
        "table" => matches!(child, "caption" | "colgroup" | "thead" | "tbody" | "tfoot" | "tr"),
        "thead" | "tbody" | "tfoot" => child == "tr",
        "tr" => matches!(child, "td" | "th"),
        "colgroup" => child == "col",
        _ => false,
    }
}

/// Whether the HTML's tags nest as written (each end tag closes the element
/// opened last, nothing is left open, no start tag that a browser would
/// let close an open element early), no deeper than [`MAX_DEPTH`].
pub fn minifiable(html: &str) -> bool {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        i += lt;
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            match comment.find("-->") {
                Some(end) => i += 4 + end + 3,
                None => return false,
            }
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            match rest.find('>') {
                Some(end) => i += end + 1,
                None => return false,
            }
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'-').count();
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            // Not a tag: a `<` in text.
            i += 1;
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(tag_len) = tag_end(&rest[name_start + name_len..]) else {
            return false;
        };
        i += name_start + name_len + tag_len;
        if closing {
            if stack.pop().as_deref() != Some(name.as_str()) {
                return false;
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if closes_early(&stack, &name) {
            return false;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // The content runs to the first `</name`, whatever it holds.
            let end_tag = format!("</{name}");
            let Some(end) = find_ignore_case(&html[i..], &end_tag) else {
                return false;
            };
            i += end;
        }
        stack.push(name);
        if stack.len() > MAX_DEPTH {
            return false;
        }
    }
    stack.is_empty()
}

/// How deep the HTML's elements nest at most, counting every start tag that
/// is not void and every end tag, whether they match or not: what bounds
/// the minifier's recursion (for template texts, which `minifiable` cannot
/// judge, their control tags aside).
pub fn depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', b) {
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let len = rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
            let name = std::str::from_utf8(&rest[..len]).unwrap_or("").to_ascii_lowercase();
            if !VOID.contains(&name.as_str()) {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Where a tag that began before `s` ends: the length up to and with its
/// `>`, skipping quoted attribute values. `None` when it never ends.
fn tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes().windows(n).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_fragments_are_minifiable() {
        for ok in [
            "<p>text</p>",
            "<div class=\"a>b\"><p>x <b>y</b></p></div>",
            "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<p>a<br>b<img src=x alt=y></p>",
            "<script>if (a < b && '</p>') {}</script><p>x</p>",
            "<!-- <div> --><p>1 < 2</p>",
            "<details><summary>s</summary><p>x</p></details>",
            "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>",
            "<div><table><tr><td><table><tr><td>x</td></tr></table></td></tr></table></div>",
            "<p><button><span>x</span></button></p>",
        ] {
            assert!(minifiable(ok), "{ok}");
        }
    }

    #[test]
    fn fragments_a_browser_reads_otherwise_are_not() {
        for bad in [
            "<blockquote>\n<div>\nfoo\n</blockquote>\n<p>bar</p>",
            "<div>",
            "</div>",
            "<p><div>x</div></p>",
            "<ul><li>a<li>b</li></ul>",
            "<a href=x><a href=y>z</a></a>",
            "<table><td>x</td></table>",
            "<table><div>x</div></table>",
            "<dl><dt>a<dd>b</dd></dt></dl>",
            "<h2><h3>x</h3></h2>",
            "<i><b>x</i></b>",
            "<div class=\"never closed>",
            "<!-- open comment",
            "<script>no end",
        ] {
            assert!(!minifiable(bad), "{bad}");
        }
    }

    #[test]
    fn depth_counts_unclosed_elements() {
        assert_eq!(depth("<div><p>a<br>b</p><p>c</p></div>"), 2);
        assert_eq!(depth(&"<i>".repeat(2500)), 2500);
        assert_eq!(depth("</div></div><span>"), 1);
    }

    #[test]
    fn deep_nesting_is_not_minified() {
        let deep = |n: usize| format!("{}x{}", "<span>".repeat(n), "</span>".repeat(n));
        assert!(minifiable(&deep(MAX_DEPTH)));
        assert!(!minifiable(&deep(MAX_DEPTH + 1)));
        assert!(!minifiable(&"<div>".repeat(3000)));
    }

    use proptest::prelude::*;

    /// The document tree a browser builds of an HTML fragment, as text:
    /// elements with their sorted attributes, text with runs of white space
    /// as one space, white-space-only text left out (the minifier removes
    /// what does not show).
    fn tree(html: &str) -> String {
        // Adjacent text (split by a comment the minifier removes) is one run.
        fn walk(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String, text: &mut String) {
            match node.value() {
                scraper::Node::Element(e) => {
                    flush(out, text);
                    let mut attrs: Vec<_> = e.attrs().collect();
                    attrs.sort();
                    out.push_str(&format!("<{}{:?}>", e.name(), attrs));
                    for c in node.children() {
                        walk(c, out, text);
                    }
                    flush(out, text);
                    out.push_str(&format!("</{}>", e.name()));
                }
                scraper::Node::Text(t) => text.push_str(t),
                _ => {
                    for c in node.children() {
                        walk(c, out, text);
                    }
                }
            }
        }
        fn flush(out: &mut String, text: &mut String) {
            let words: Vec<&str> = text.split_whitespace().collect();
            if !words.is_empty() {
                out.push_str(&format!("[{}]", words.join(" ")));
            }
            text.clear();
        }
        let doc = scraper::Html::parse_fragment(html);
        let (mut out, mut text) = (String::new(), String::new());
        walk(doc.tree.root(), &mut out, &mut text);
        flush(&mut out, &mut text);
        out
    }

    fn markdown_with_html() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<span>",
            "</span>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<blockquote>",
            "</blockquote>",
            "<ul>",
            "</ul>",
            "<li>",
            "</li>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<a href=\"/x/\">",
            "</a>",
            "<h2>",
            "</h2>",
            "<br>",
            "<img src=x alt=\"y\">",
            "<pre>",
            "</pre>",
            "<details>",
            "</details>",
            "<summary>",
            "</summary>",
            "<!-- c -->",
            "foo",
            "日本語",
            " ",
            "\n",
            "\n\n",
            "> ",
            "- ",
            "1. ",
            "**",
            "`",
            "    ",
            "|a|b|\n|-|-|\n",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// Whatever raw HTML a page's Markdown holds, minifying its HTML
        /// never changes the tree a browser builds of it.
        #[test]
        fn minifying_keeps_the_document_tree(md in markdown_with_html()) {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, crate::markdown::options()));
            let minified = crate::markdown::minify_fragment(&html);
            prop_assert_eq!(tree(&minified), tree(&html), "{}\n--- minified:\n{}", html, minified);
        }
    }
}
