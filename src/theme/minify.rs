//! Minifying the templates once instead of every page. Most of a page is its
//! frame (head, header, footer) and minify-html's cost is per element and
//! attribute, so minifying each rendered page spent most of a build on the
//! same markup again and again. Templates are minified with minify-html when
//! that provably keeps every tag and template construct; Markdown bodies are
//! minified on their own (see `markdown`). A template that cannot be proven
//! safe makes the whole theme fall back to minifying every rendered page.
//!
//! Control tags (`{% if %}`, `{% for %}`...) output nothing themselves, so
//! while minifying they stand in as empty elements: minify-html then removes
//! or keeps the whitespace around them as it would around the markup they
//! end up choosing. Expressions (`{{ x }}`) output text and stay text.

/// The minified text of every template, or the name of the first one that is
/// not safe to minify before rendering, with where it is not (`Refused`).
pub fn templates<'a>(
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<(String, String)>, (String, Refused)> {
    sources
        .into_iter()
        .map(|(name, text)| Ok((name.to_string(), minified(text).map_err(|r| (name.to_string(), r))?)))
        .collect()
}

/// Why a template is not minified before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A template construct at this byte range sits inside an HTML tag,
    /// outside a quoted attribute value or holding the value's quote.
    InTag(std::ops::Range<usize>),
    /// Elements nested deeper than any real page.
    TooDeep,
    /// The minifier would have changed a tag or a construct (tags the
    /// logic chooses between, markup it reads otherwise).
    Changed,
}

fn config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.preserve_brace_template_syntax = true;
    // Which tags a rendered page has depends on the template logic, so no
    // tag may be left out because of what seems to follow it.
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    // Inline CSS and scripts may hold template expressions.
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// The element a control tag stands in as while minifying.
const STAND_IN: &str = "x-alumni-tpl-";

/// One template, minified, if that provably keeps every tag and template
/// construct.
#[cfg(test)]
pub fn template(text: &str) -> Option<String> {
    minified(text).ok()
}

/// `template`, or why not.
pub fn minified(text: &str) -> Result<String, Refused> {
    // The minifier recurses once per nested element: a template nested
    // deeper than any real page is not minified before rendering.
    if crate::markdown::structure::depth(text) > crate::markdown::structure::MAX_DEPTH {
        return Err(Refused::TooDeep);
    }
    let pieces = scan(text).map_err(Refused::InTag)?;
    let mut protected = String::with_capacity(text.len());
    let mut controls = Vec::new();
    let mut at = 0;
    for p in &pieces {
        if let Piece::Template { range, in_text: true } = p
            && is_control(&text[range.clone()])
        {
            protected.push_str(&text[at..range.start]);
            protected.push_str(&format!("<{STAND_IN}{n}></{STAND_IN}{n}>", n = controls.len()));
            controls.push(&text[range.clone()]);
            at = range.end;
        }
    }
    protected.push_str(&text[at..]);
    let minified = String::from_utf8(minify_html::minify(protected.as_bytes(), &config())).ok();
    let mut out = minified.ok_or(Refused::Changed)?;
    for (n, construct) in controls.iter().enumerate() {
        let stand_in = format!("<{STAND_IN}{n}></{STAND_IN}{n}>");
        if out.matches(&stand_in).count() != 1 {
            return Err(Refused::Changed);
        }
        out = out.replacen(&stand_in, construct, 1);
    }
    let after = scan(&out).map_err(|_| Refused::Changed)?;
    if tokens(&pieces, text) == tokens(&after, &out) { Ok(out) } else { Err(Refused::Changed) }
}

fn is_control(construct: &str) -> bool {
    construct.starts_with("{%") || construct.starts_with("{#")
}

/// What the scan finds, with byte ranges into the text.
#[derive(Debug)]
enum Piece {
    Open {
        name: String,
        templates: Vec<std::ops::Range<usize>>,
    },
    Close(String),
    /// A template construct; `in_text` is false inside raw-text elements.
    Template {
        range: std::ops::Range<usize>,
        in_text: bool,
    },
}

/// What minifying must not change: every tag (its name and whether it
/// closes) and every template construct, in order; the constructs inside a
/// tag's attribute values belong to the tag, in any order (the minifier
/// sorts attributes).
#[derive(Debug, PartialEq, Eq)]
enum Token<'t> {
    Open(&'t str, Vec<&'t str>),
    Close(&'t str),
    Template(&'t str),
}

fn tokens<'t>(pieces: &'t [Piece], text: &'t str) -> Vec<Token<'t>> {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Open { name, templates } => {
                let mut inner: Vec<&str> = templates.iter().map(|r| text[r.clone()].trim()).collect();
                inner.sort_unstable();
                Token::Open(name, inner)
            }
            Piece::Close(name) => Token::Close(name),
            Piece::Template { range, .. } => Token::Template(text[range.clone()].trim()),
        })
        .collect()
}

/// Tags and template constructs of a template, or the range of the first
/// construct that sits where the minifier may move or unquote it: inside a
/// tag but outside a quoted attribute value (`<a {% if x %}class=y{% endif %}>`,
/// `alt={{ x }}`).
fn scan(text: &str) -> Result<Vec<Piece>, std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Inside a tag: `Some(quote)`, where the quote is 0 outside a value.
    let mut in_tag: Option<u8> = None;
    // Inside an element whose text the minifier leaves alone.
    let mut raw: Option<String> = None;
    while i < b.len() {
        if let Some(end) = template_end(b, i) {
            match (in_tag, out.last_mut()) {
                (Some(0), _) => return Err(i..end),
                // The value's own quote inside it ends the value, as far as
                // the minifier can tell.
                (Some(q), _) if b[i..end].contains(&q) => return Err(i..end),
                (Some(_), Some(Piece::Open { templates, .. })) => templates.push(i..end),
                (Some(_), _) => return Err(i..end),
                (None, _) => out.push(Piece::Template { range: i..end, in_text: raw.is_none() }),
            }
            i = end;
            continue;
        }
        match (in_tag, b[i]) {
            (Some(0), b'>') => in_tag = None,
            (Some(0), q @ (b'"' | b'\'')) => in_tag = Some(q),
            (Some(q), c) if q != 0 && c == q => in_tag = Some(0),
            (Some(_), _) => {}
            (None, b'<') if raw.is_none() && b[i..].starts_with(b"<!--") => {
                i = text[i..].find("-->").map_or(b.len(), |e| i + e + 3);
                continue;
            }
            (None, b'<') => {
                let closing = b.get(i + 1) == Some(&b'/');
                let start = i + 1 + usize::from(closing);
                let name: String = text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect::<String>()
                    .to_ascii_lowercase();
                let ends_raw = raw.as_ref().is_some_and(|r| closing && *r == name);
                if name.is_empty() || (raw.is_some() && !ends_raw) {
                    i += 1;
                    continue; // `<` as text, `<!doctype`, or text of a raw element
                }
                raw = None;
                if !closing && matches!(name.as_str(), "script" | "style" | "pre" | "textarea") {
                    raw = Some(name.clone());
                }
                out.push(if closing { Piece::Close(name) } else { Piece::Open { name, templates: Vec::new() } });
                in_tag = Some(0);
            }
            (None, _) => {}
        }
        i += 1;
    }
    Ok(out)
}

/// Where the template construct starting at `i` ends, if one starts there.
fn template_end(b: &[u8], i: usize) -> Option<usize> {
    let close: &[u8] = match b.get(i..i + 2)? {
        b"{{" => b"}}",
        b"{%" => b"%}",
        b"{#" => b"#}",
        _ => return None,
    };
    let rest = &b[i + 2..];
    let end = rest.windows(2).position(|w| w == close)?;
    Some(i + 2 + end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_around_template_constructs_is_minified() {
        let t = "<ul>\n  {% for l in links %}\n  <li class=\"item {% if l.on %}on{% endif %}\">\n    <a href=\"{{ l.url }}\">{{ l.name }}</a>\n  </li>\n  {% endfor %}\n</ul>\n<!-- note -->\n";
        let m = template(t).expect("safe");
        assert_eq!(
            m,
            "<ul>{% for l in links %}<li class=\"item {% if l.on %}on{% endif %}\"><a href=\"{{ l.url }}\">{{ l.name }}</a></li>{% endfor %}</ul>"
        );
    }

    #[test]
    fn spaces_that_separate_words_stay() {
        let m = template("<p>Hello {% if x %}<b>{{ name }}</b>{% endif %} and\n  {{ other }} .</p>").expect("safe");
        assert_eq!(m, "<p>Hello {% if x %}<b>{{ name }}</b>{% endif %} and {{ other }} .</p>");
    }

    #[test]
    fn template_constructs_between_attributes_are_not_safe() {
        assert_eq!(template("<a href=x {% if c %}aria-current=page{% endif %}>x</a>"), None);
        assert_eq!(template("<input {{ attrs }}>"), None);
        assert_eq!(template("<a href={{ url }}>x</a>"), None);
        assert_eq!(template("<h{{ level }}>x</h{{ level }}>"), None);
        // Where: the construct itself.
        let t = "<p>\n<a href=x {% if c %}aria-current=page{% endif %}>x</a>";
        assert_eq!(minified(t), Err(Refused::InTag(14..24)));
        assert_eq!(minified("<b class=\"{% if a == \"x\" %}y{% endif %}\">z</b>"), Err(Refused::InTag(10..27)));
    }

    #[test]
    fn raw_text_elements_keep_their_template_constructs() {
        let t = "<script type=\"application/ld+json\">{{ page.jsonld | safe }}</script>\n<style>:root{--p: {{ c }};}</style><pre>{% if a %}  x  {% endif %}</pre>";
        let m = template(t).expect("safe");
        assert!(m.contains("{{ page.jsonld | safe }}"));
        assert!(m.contains("--p: {{ c }};"));
        assert!(m.contains("<pre>{% if a %}  x  {% endif %}</pre>"), "{m}");
    }

    #[test]
    fn tags_that_template_logic_chooses_between_are_kept() {
        // The minifier sees `<a><span>x</a></span>`; whatever it makes of
        // that must not be used unless every tag survived.
        let t = "{% if l %}<a href=\"{{ l }}\">{% else %}<span>{% endif %}x{% if l %}</a>{% else %}</span>{% endif %}";
        if let Some(m) = template(t) {
            let (a, b) = (scan(t).unwrap(), scan(&m).unwrap());
            assert_eq!(tokens(&a, t), tokens(&b, &m));
        }
    }
}
