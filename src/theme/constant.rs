//! Component calls whose output is known when the templates compile. A Tera
//! component sees only its arguments, so one without implicit arguments
//! (`@t`, `@lang`...) called with literal values only writes the same text
//! every time; the only functions templates can call (`range`, `throw`) and
//! all filters are pure. Such calls, the default theme's icons above all (two
//! thirds of all component calls of a build), are rendered once here and put
//! into the templates as text: a component call costs more than its output.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// `templates` (name, text) with every constant component call replaced by
/// its output, rendered with `tera`, which holds these same templates.
/// Calls that cannot be proven constant, or that fail to render, stay.
pub fn inline(tera: &tera::Tera, templates: &[(String, String)]) -> Vec<(String, String)> {
    let literals = literals(templates);
    let pure = pure_components(templates, &literals);
    let mut rendered: HashMap<&str, Option<String>> = HashMap::new();
    templates
        .iter()
        .zip(&literals)
        .map(|((name, text), literal)| {
            // Expressions inside a component are escaped as in its caller: the
            // calls are rendered as in an HTML template, so only those are changed.
            if !autoescaped(name) {
                return (name.clone(), text.clone());
            }
            let pure_calls = calls(text, literal).into_iter().filter(|(_, c)| pure.contains(c)).map(|(r, _)| r);
            let empty = tera::Context::new();
            (name.clone(), splice(text, pure_calls, &mut rendered, |call| as_text(tera, call, &empty)))
        })
        .collect()
}

/// Tera's own rule: these templates escape what expressions write.
pub(super) fn autoescaped(name: &str) -> bool {
    [".html", ".htm", ".xml"].iter().any(|s| name.ends_with(s))
}

/// `text` with each of `ranges` (in order, not overlapping) replaced by
/// what `write` makes of its text, where it makes something; `made`
/// remembers that for each text, across templates.
pub(super) fn splice<'t>(
    text: &'t str,
    ranges: impl Iterator<Item = Range<usize>>,
    made: &mut HashMap<&'t str, Option<String>>,
    write: impl Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        let code = &text[range.clone()];
        if let Some(output) = made.entry(code).or_insert_with(|| write(code)) {
            out.push_str(&text[at..range.start]);
            out.push_str(output);
            at = range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// What the template code `code` writes with `ctx`, as template text that
/// writes exactly it, if it renders. Text with a brace, or starting with
/// `%` or `#`, could make a delimiter with the template text around it,
/// and is kept in a raw block.
pub(super) fn as_text(tera: &tera::Tera, code: &str, ctx: &tera::Context) -> Option<String> {
    let output = tera.render_str(code, ctx, true).ok()?;
    if !output.contains(['{', '}']) && !output.starts_with(['%', '#']) {
        return Some(output);
    }
    (!output.contains("endraw")).then(|| format!("{{% raw %}}{output}{{% endraw %}}"))
}

/// Components whose signature asks for nothing implicit.
fn pure_components<'a>(templates: &'a [(String, String)], literals: &[Literal]) -> HashSet<&'a str> {
    let mut pure = HashSet::new();
    for ((_, text), literal) in templates.iter().zip(literals) {
        for d in definitions(text, literal) {
            // A conservative test: an `@` anywhere in the signature, even
            // inside a default string, keeps the component's calls.
            if let Some(signature) = d.signature
                && !d.name.is_empty()
                && !signature.contains('@')
                && balanced(signature)
            {
                pure.insert(d.name);
            }
        }
    }
    pure
}

/// A component definition in a template's text.
pub(super) struct Definition<'a> {
    pub(super) name: &'a str,
    /// The signature up to its first `)`, when it has one.
    pub(super) signature: Option<&'a str>,
    /// From `{% component` to its `endcomponent NAME`, or to the end of the
    /// text when that is missing (`closed` false).
    pub(super) range: Range<usize>,
    pub(super) closed: bool,
}

impl<'a> Definition<'a> {
    /// The names the signature asks for with `@`.
    pub(super) fn implicit(&self) -> Vec<&'a str> {
        let signature = self.signature.unwrap_or("");
        signature.split(',').filter_map(|a| a.trim().strip_prefix('@')).map(|a| &a[..ident_len(a)]).collect()
    }
}

/// The component definitions of `text` that are template code.
pub(super) fn definitions<'a>(text: &'a str, literal: &Literal) -> Vec<Definition<'a>> {
    let mut found = Vec::new();
    for start in ["{% component ", "{%- component "] {
        for (i, _) in text.match_indices(start) {
            if literal.contains(i) {
                continue;
            }
            let rest = &text[i + start.len()..];
            let name = &rest[..ident_len(rest)];
            let signature = rest[name.len()..].strip_prefix('(').and_then(|sig| sig.find(')').map(|e| &sig[..e]));
            let end = text[i..].find(&format!("endcomponent {name}")).map(|e| i + e);
            found.push(Definition { name, signature, range: i..end.unwrap_or(text.len()), closed: end.is_some() });
        }
    }
    found
}

/// No bracket or quote left open before the first `)`: that `)` closes the
/// signature (else a default value holds one, and the component is skipped).
fn balanced(s: &str) -> bool {
    let (mut depth, mut quote) = (0i32, None);
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    depth == 0 && quote.is_none()
}

pub(super) fn ident_len(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count()
}

/// Self-closing component calls with literal arguments only, without
/// whitespace control: `{{ <icon name="pin"/> }}`, `{{ <x level={2} on={true}/> }}`.
fn calls<'a>(text: &'a str, literal: &Literal) -> Vec<(Range<usize>, &'a str)> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("{{") {
        if literal.contains(i) {
            continue;
        }
        if let Some((len, name)) = call_at(&text[i + 2..], None) {
            found.push((i..i + 2 + len, name));
        }
    }
    found
}

/// Where in a template `{{` and `{%` are text, not template code: inside
/// `{% raw %}` blocks and comments. Ranges in order, not overlapping.
pub(super) struct Literal(Vec<Range<usize>>);

impl Literal {
    pub(super) fn contains(&self, i: usize) -> bool {
        let after = self.0.partition_point(|r| r.end <= i);
        self.0.get(after).is_some_and(|r| r.start <= i)
    }
}

/// The literal ranges of each template, found once for every search in it.
fn literals(templates: &[(String, String)]) -> Vec<Literal> {
    templates.iter().map(|(_, text)| literal_ranges(text)).collect()
}

pub(super) fn literal_ranges(text: &str) -> Literal {
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[start..];
        let end = if rest.starts_with("{#") {
            rest.find("#}").map(|e| start + e + 2)
        } else if let Some(open) = raw_tag_end(rest) {
            rest[open..].find("endraw").map(|e| start + open + e)
        } else {
            at = start + 1;
            continue;
        };
        // An unclosed comment or raw block leaves the rest as it is.
        let end = end.unwrap_or(text.len());
        ranges.push(start..end);
        at = end.max(start + 1);
    }
    Literal(ranges)
}

/// The length of a `{% raw %}` tag (any whitespace control) at the start of `s`.
fn raw_tag_end(s: &str) -> Option<usize> {
    let inner = s.strip_prefix("{%")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_start();
    let after = inner.strip_prefix("raw")?.trim_start();
    let after = after.strip_prefix('-').unwrap_or(after);
    after.starts_with("%}").then(|| s.len() - after.len() + 2)
}

/// The length (through `}}`) and component name of a component call right
/// after `{{` whose arguments are literals, or with `item`, literals and
/// `{ITEM}` (at least one of them `{ITEM}`).
pub(super) fn call_at<'a>(s: &'a str, item: Option<&str>) -> Option<(usize, &'a str)> {
    // `{{-`/`-}}` would trim the text around the call.
    if s.starts_with('-') {
        return None;
    }
    let mut rest = s.trim_start_matches(' ').strip_prefix('<')?;
    let name = &rest[..ident_len(rest)];
    if name.is_empty() {
        return None;
    }
    rest = &rest[name.len()..];
    let given = item.map(|v| format!("{{{v}}}"));
    let mut gets_item = false;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if let Some(after) = trimmed.strip_prefix("/>") {
            let end = after.trim_start_matches(' ').strip_prefix("}}")?;
            return (gets_item || item.is_none()).then_some((s.len() - end.len(), name));
        }
        if trimmed.len() == rest.len() {
            return None; // arguments are separated by spaces
        }
        let key_len = ident_len(trimmed);
        let value = trimmed[key_len..].strip_prefix('=').filter(|_| key_len > 0)?;
        match &given {
            Some(g) if value.starts_with(g.as_str()) => {
                gets_item = true;
                rest = &value[g.len()..];
            }
            _ => rest = &value[literal_len(value)?..],
        }
    }
}

/// The length of a literal argument value: `"text"`, or `{2}`, `{true}`,
/// `{false}`, `{"text"}`.
pub(super) fn literal_len(s: &str) -> Option<usize> {
    if let Some(inner) = s.strip_prefix('"') {
        let end = inner.find('"')?;
        return (!inner[..end].contains(['\\', '{', '}'])).then_some(end + 2);
    }
    let inner = s.strip_prefix('{')?;
    let end = inner.find('}')?;
    let v = inner[..end].trim();
    let literal = v == "true"
        || v == "false"
        || (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        || (v.len() >= 2 && v.starts_with('"') && v.ends_with('"') && !v[1..v.len() - 1].contains(['"', '\\']));
    literal.then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(templates: &[(&str, &str)]) -> (tera::Tera, Vec<(String, String)>) {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().copied()).expect("templates compile");
        let owned = templates.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        (tera, owned)
    }

    #[test]
    fn constant_calls_become_their_output() {
        let ui = r#"{% component dot(name: string, size: integer = 1) -%}<i class="{{ name }}">{{ size }}</i>{%- endcomponent dot %}{% component hello(@lang) -%}{{ lang }}{%- endcomponent hello %}"#;
        let page = r#"A{{ <dot name="x"/> }}B{{ <dot name="y" size={3}/> }}C{{ <dot name={who}/> }}D{{ <hello/> }}E{{- <dot name="z"/> }}"#;
        let (tera, templates) = compile(&[("ui.html", ui), ("page.html", page)]);
        let out = inline(&tera, &templates);
        let page_out = &out.iter().find(|(n, _)| n == "page.html").expect("page").1;
        assert_eq!(
            page_out,
            r#"A<i class="x">1</i>B<i class="y">3</i>C{{ <dot name={who}/> }}D{{ <hello/> }}E{{- <dot name="z"/> }}"#
        );
        // The result renders as the original does.
        let mut ctx = tera::Context::new();
        ctx.insert("who", "w");
        ctx.insert("lang", "ja");
        let mut inlined = tera::Tera::new();
        inlined.add_raw_templates(out.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("inlined compile");
        assert_eq!(inlined.render("page.html", &ctx).ok(), tera.render("page.html", &ctx).ok());
    }

    #[test]
    fn output_that_looks_like_template_syntax_stays_text() {
        let ui = r#"{% component braces() -%}{{ "{{ x }}" }}{%- endcomponent braces %}"#;
        let (tera, templates) = compile(&[("ui.html", ui), ("p.html", "{{ <braces/> }}")]);
        let out = inline(&tera, &templates);
        assert_eq!(out[1].1, "{% raw %}{{ x }}{% endraw %}");
        let mut inlined = tera::Tera::new();
        inlined.add_raw_templates(out.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("compiles");
        assert_eq!(inlined.render("p.html", &tera::Context::new()).ok().as_deref(), Some("{{ x }}"));
    }

    #[test]
    fn calls_in_raw_blocks_and_comments_are_text() {
        let ui = r#"{% component dot() -%}<i></i>{%- endcomponent dot %}"#;
        let page =
            r#"{% raw %}{{ <dot/> }}{% endraw %}{# {{ <dot/> }} #}{%- raw -%}{{ <dot/> }}{%- endraw %}{{ <dot/> }}"#;
        let (tera, templates) = compile(&[("ui.html", ui), ("p.html", page)]);
        let out = inline(&tera, &templates);
        assert_eq!(
            out[1].1,
            r#"{% raw %}{{ <dot/> }}{% endraw %}{# {{ <dot/> }} #}{%- raw -%}{{ <dot/> }}{%- endraw %}<i></i>"#
        );
    }

    #[test]
    fn definitions_in_comments_do_not_count() {
        // The commented-out copy takes no `@` arguments; the real one does.
        let ui = r#"{# {% component who() -%}x{%- endcomponent who %} #}{% component who(@lang) -%}{{ lang }}{%- endcomponent who %}"#;
        let (tera, templates) = compile(&[("ui.html", ui), ("p.html", "{{ <who/> }}")]);
        assert!(!pure_components(&templates, &literals(&templates)).contains("who"));
        assert_eq!(inline(&tera, &templates)[1].1, "{{ <who/> }}");
    }

    #[test]
    fn only_escaping_templates_are_changed() {
        let ui = r#"{% component amp() -%}{{ "&" }}{%- endcomponent amp %}"#;
        let (tera, templates) = compile(&[("ui.html", ui), ("feed.txt", "{{ <amp/> }}"), ("p.html", "{{ <amp/> }}")]);
        let out = inline(&tera, &templates);
        assert_eq!(out.iter().find(|(n, _)| n == "feed.txt").map(|(_, t)| t.as_str()), Some("{{ <amp/> }}"));
        assert_eq!(out.iter().find(|(n, _)| n == "p.html").map(|(_, t)| t.as_str()), Some("&amp;"));
    }
}
