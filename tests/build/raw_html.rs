//! Raw HTML in Markdown, however it nests: the minifier never changes the
//! document a browser builds of it, and never overflows the stack.

use crate::support::Site;

fn select_text(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>()).collect()
}

#[test]
fn an_open_div_in_a_quote_stays_in_the_quote() {
    let site = Site::fixture("minimal");
    site.write("content/messages/quote.md", "+++\ntitle = \"Quote\"\ndate = 2026-01-02\n+++\n> <div>\n> foo\n\nbar\n");
    site.build(&[]).ok();
    let doc = site.html("messages/quote/index.html");
    let quotes = select_text(&doc, "blockquote");
    assert_eq!(quotes.len(), 1);
    assert!(quotes[0].contains("foo") && !quotes[0].contains("bar"), "{quotes:?}");
    // The page's own frame is whole: the footer still follows the article.
    assert_eq!(select_text(&doc, "footer").len(), 1, "{}", site.read("messages/quote/index.html"));
    assert!(select_text(&doc, "blockquote + p").iter().any(|t| t.trim() == "bar"));
}

/// 2,500 nested elements, closed or not: `build` and `check` finish (they
/// overflowed the stack and aborted), the text is on the page, and
/// `--format json` prints JSON lines only.
#[test]
fn deeply_nested_html_builds() {
    for (tag, closed) in [("span", true), ("div", false), ("i", false), ("div", true)] {
        let site = Site::fixture("minimal");
        let mut body = format!("<{tag}>").repeat(2500);
        body.push_str("deep text");
        if closed {
            body.push_str(&format!("</{tag}>").repeat(2500));
        }
        site.write("content/messages/deep.md", format!("+++\ntitle = \"Deep\"\ndate = 2026-01-02\n+++\n{body}\n"));
        site.build(&[]).ok();
        assert!(site.read("messages/deep/index.html").contains("deep text"), "{tag}");
        let run = site.check(&["--format", "json"]);
        run.ok();
        run.json();
    }
}
