//! List items rendered once per build and language. A page of the site is in
//! a tag's list for each of its tags, so a tag page's entries are rendered
//! again and again with the same values: the item, the language's UI
//! strings. A component call in a list's loop that is given only the loop's
//! item and literal values, whose component asks for nothing implicit but
//! values that are the same on every page of a language (`@t`, `@lang`...)
//! and calls no other component, writes the same text for an item wherever
//! the item is listed. Such a call is rewritten to write the item's stored
//! text when the item has it; the renderer stores it, for the items the
//! call shows more than once, by rendering the call alone (a hidden template
//! that holds just the call) with the item and the language's values.
//! Items without stored text render the call as before, so the output is
//! the same either way.

use std::collections::HashMap;
use std::ops::Range;

use super::constant::{Literal, call_at, definitions, ident_len, literal_ranges};

/// The values every page of a language gets, and nothing else: a call may
/// be stored only when its component's implicit arguments are among these.
/// `render::view::lang_context` provides exactly these (tested there).
pub const PER_LANGUAGE: &[&str] =
    &["site", "lang", "t", "urls", "nav_pages", "drafts", "as_of", "feed_url", "og_image"];

/// The list templates whose `pages` are the items the page lists.
pub const LISTS: &[&str] = &["tag.html", "jobs.html", "messages.html"];

/// A call site whose output is stored per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The list template that holds the call.
    pub template: String,
    /// The hidden template that holds the call alone.
    pub hidden: String,
    /// The loop's variable, the item the call is given.
    pub var: String,
    /// The item's field that holds the stored text.
    pub field: String,
}

/// `templates` with each such call rewritten, the hidden templates added, and
/// the call sites. `tera` holds `templates` as they are; `bound` is every
/// name they bind (`bound_names`).
pub fn rewrite(
    tera: &tera::Tera,
    templates: &[(String, String)],
    bound: &Bindings,
) -> (Vec<(String, String)>, Vec<Card>) {
    let mut out = Vec::with_capacity(templates.len());
    let mut cards = Vec::new();
    let mut hidden = Vec::new();
    for (name, text) in templates {
        if !LISTS.contains(&name.as_str()) {
            out.push((name.clone(), text.clone()));
            continue;
        }
        let literal = literal_ranges(text);
        // A loop inside a component's definition lists the component's own
        // argument, and its calls see only what the component was given.
        let components: Vec<Range<usize>> = definitions(text, &literal).into_iter().map(|d| d.range).collect();
        let mut rewritten = String::with_capacity(text.len() + 256);
        let mut at = 0;
        for (body, var) in loops_over_pages(text, &literal) {
            if components.iter().any(|c| c.contains(&body.start)) {
                continue;
            }
            // The loop's variable must mean the item wherever it is used.
            if bound_in(text, &literal, var) != 1 {
                continue;
            }
            for i in text[body.clone()].match_indices("{{").map(|(i, _)| body.start + i) {
                if literal.contains(i) || i < at {
                    continue;
                }
                let Some((len, component)) = call_at(&text[i + 2..], Some(var)) else { continue };
                if !storable(tera, templates, component, bound) {
                    continue;
                }
                let call = &text[i..i + 2 + len];
                let k = cards.len();
                let card = Card {
                    template: name.clone(),
                    hidden: format!(".alumni/card-{k}.html"),
                    var: var.to_string(),
                    field: format!("__card_{k}"),
                };
                rewritten.push_str(&text[at..i]);
                let field = format!("{var}.{}", card.field);
                rewritten.push_str(&format!("{{% if {field} %}}{{{{ {field} }}}}{{% else %}}{call}{{% endif %}}"));
                at = i + 2 + len;
                hidden.push((card.hidden.clone(), call.to_string()));
                cards.push(card);
            }
        }
        rewritten.push_str(&text[at..]);
        out.push((name.clone(), rewritten));
    }
    out.extend(hidden);
    (out, cards)
}

/// The bodies and variables of `{% for VAR in pages %}` loops, outermost
/// first; a loop's body ends at its own `{% endfor %}`.
fn loops_over_pages<'a>(text: &'a str, literal: &Literal) -> Vec<(std::ops::Range<usize>, &'a str)> {
    let mut found = Vec::new();
    let mut open: Vec<(usize, Option<&'a str>)> = Vec::new();
    for (i, _) in text.match_indices("{%") {
        if literal.contains(i) {
            continue;
        }
        let Some(end) = text[i..].find("%}").map(|e| i + e + 2) else { break };
        let words: Vec<&str> =
            text[i + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace()).split_whitespace().collect();
        match words.as_slice() {
            ["for", var, "in", "pages"] if ident_len(var) == var.len() => open.push((end, Some(var))),
            ["for", ..] => open.push((end, None)),
            ["endfor"] => {
                if let Some((start, Some(var))) = open.pop() {
                    found.push((start..i, var));
                }
            }
            _ => {}
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// How many times `{% set %}`, `{% set_global %}` or a `{% for %}` binds
/// `name` in `text`.
fn bound_in(text: &str, literal: &Literal, name: &str) -> usize {
    tags(text, literal).filter(|words| binds(words).contains(&name)).count()
}

/// The names the templates bind, and how far each binding reaches. A
/// `{% for %}` loop's variables live in the loop's body only, unless the
/// body includes a template, holds a block or calls a component (those see
/// the loop's variables too: an included template's `{{ lang }}`, a
/// component's `@lang`); `set` and `set_global` may reach anything.
#[derive(Debug, Default)]
pub struct Bindings {
    /// Names bound where they may reach any template, with the first
    /// place each is (template index, byte range of the tag).
    everywhere: HashMap<String, (usize, Range<usize>)>,
    /// For each template, the loop bodies whose variables stay in them.
    local: Vec<Vec<(Range<usize>, Vec<String>)>>,
}

impl Bindings {
    /// Whether `name` is bound where it may reach any template.
    pub fn contains(&self, name: &str) -> bool {
        self.everywhere.contains_key(name)
    }

    /// Whether `name` at byte `at` of template `template` may be something
    /// other than the value the page was given.
    pub fn hides(&self, template: usize, at: usize, name: &str) -> bool {
        self.contains(name)
            || self
                .local
                .get(template)
                .is_some_and(|l| l.iter().any(|(body, names)| body.contains(&at) && names.iter().any(|n| n == name)))
    }

    /// Where `name` is first bound so that it may reach any template.
    pub fn place(&self, name: &str) -> Option<(usize, Range<usize>)> {
        self.everywhere.get(name).cloned()
    }
}

/// Every name bound in the templates, and how far (`Bindings`).
pub fn bindings(templates: &[(String, String)]) -> Bindings {
    let mut out = Bindings::default();
    for (t, (_, text)) in templates.iter().enumerate() {
        let literal = literal_ranges(text);
        // Open loops: where the tag is, where its body starts, its names.
        let mut open: Vec<(Range<usize>, Vec<&str>)> = Vec::new();
        let mut local = Vec::new();
        let mut everywhere = |names: Vec<&str>, at: Range<usize>| {
            for n in names {
                out.everywhere.entry(n.to_string()).or_insert((t, at.clone()));
            }
        };
        for (at, words) in tags_at(text, &literal) {
            match words.first() {
                Some(&"for") => open.push((at, binds(&words))),
                Some(&"endfor") => {
                    let Some((tag, names)) = open.pop() else { continue };
                    let body = tag.end..at.start;
                    if reaches_out(&text[body.clone()]) {
                        everywhere(names, tag);
                    } else {
                        local.push((body, names.into_iter().map(str::to_string).collect()));
                    }
                }
                _ => everywhere(binds(&words), at),
            }
        }
        for (tag, names) in open {
            everywhere(names, tag);
        }
        out.local.push(local);
    }
    out
}

/// Whether a loop's body lets its variables reach other templates or
/// components: it includes, imports, holds a block or calls a component.
fn reaches_out(body: &str) -> bool {
    let literal = literal_ranges(body);
    tags_at(body, &literal).any(|(_, w)| matches!(w.first(), Some(&("include" | "import" | "block"))))
        || !super::layers::called(body).is_empty()
}

/// The words of each `{% ... %}` tag of `text` that is template code.
fn tags<'a>(text: &'a str, literal: &'a Literal) -> impl Iterator<Item = Vec<&'a str>> + 'a {
    tags_at(text, literal).map(|(_, w)| w)
}

/// `tags`, with the byte range of each tag.
fn tags_at<'a>(text: &'a str, literal: &'a Literal) -> impl Iterator<Item = (Range<usize>, Vec<&'a str>)> + 'a {
    text.match_indices("{%").filter(move |(i, _)| !literal.contains(*i)).filter_map(move |(i, _)| {
        let end = text[i..].find("%}")? + i;
        Some((
            i..end + 2,
            text[i + 2..end]
                .trim_matches(|c: char| c == '-' || c.is_whitespace())
                .split(|c: char| c.is_whitespace() || c == ',' || c == '=')
                .filter(|w| !w.is_empty())
                .collect(),
        ))
    })
}

/// The names a tag binds: `set x`, `set_global x`, `for x in`, `for k, v in`.
fn binds<'a>(words: &[&'a str]) -> Vec<&'a str> {
    match words {
        ["set" | "set_global", name, ..] => vec![*name],
        ["for", rest @ ..] => rest.iter().take_while(|w| **w != "in").copied().collect(),
        _ => Vec::new(),
    }
}

/// Whether a call of `component` writes the same text for the same item in
/// every list of a language: its implicit arguments are values of the
/// language that no template binds, and its body calls no other component
/// and includes no template.
fn storable(tera: &tera::Tera, templates: &[(String, String)], component: &str, bound: &Bindings) -> bool {
    let Some(info) = tera.get_component_definition(component) else { return false };
    if info.rest_param().is_some() {
        return false;
    }
    let implicit_ok = info
        .args()
        .iter()
        .filter(|a| a.is_implicit())
        .all(|a| PER_LANGUAGE.contains(&a.name()) && !bound.contains(a.name()));
    implicit_ok
        && body_of(templates, component)
            .is_some_and(|b| !b.contains("{{ <") && !b.contains("{{- <") && !b.contains("include"))
}

/// The text of a component's definition, if it is found exactly once.
fn body_of<'a>(templates: &'a [(String, String)], component: &str) -> Option<&'a str> {
    let mut found = None;
    for (_, text) in templates {
        for d in definitions(text, &literal_ranges(text)).into_iter().filter(|d| d.name == component) {
            if !d.closed || found.replace(&text[d.range]).is_some() {
                return None;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const UI: &str = r#"{% component entry(item: map, level: integer = 2, @t, @lang) -%}<li lang="{{ lang }}">{{ t.x }} {{ item.title }} {{ level }}</li>{%- endcomponent entry %}{% component crumb(item: map, @section) -%}{{ section }}{{ item.title }}{%- endcomponent crumb %}{% component nested(item: map) -%}{{ <entry item={item}/> }}{%- endcomponent nested %}"#;

    fn rewritten(tag: &str) -> (Vec<(String, String)>, Vec<Card>) {
        let templates = vec![("ui.html".to_string(), UI.to_string()), ("tag.html".to_string(), tag.to_string())];
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("templates compile");
        rewrite(&tera, &templates, &bindings(&templates))
    }

    #[test]
    fn a_call_given_the_item_and_literals_is_stored() {
        let tag = "<ul>{%- for item in pages %}{{ <entry item={item} level={3}/> }}{%- endfor %}</ul>";
        let (out, cards) = rewritten(tag);
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert_eq!((c.template.as_str(), c.var.as_str(), c.field.as_str()), ("tag.html", "item", "__card_0"));
        let text = &out.iter().find(|(n, _)| n == "tag.html").unwrap().1;
        assert_eq!(
            text,
            "<ul>{%- for item in pages %}{% if item.__card_0 %}{{ item.__card_0 }}{% else %}{{ <entry item={item} level={3}/> }}{% endif %}{%- endfor %}</ul>"
        );
        let hidden = &out.iter().find(|(n, _)| *n == c.hidden).unwrap().1;
        assert_eq!(hidden, "{{ <entry item={item} level={3}/> }}");

        // Both ways give the same page: with the stored text, and without.
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(out.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("rewritten compile");
        let mut ctx = tera::Context::new();
        ctx.insert("lang", "ja");
        ctx.insert("t", &std::collections::BTreeMap::from([("x", "<X>")]));
        ctx.insert("pages", &[std::collections::BTreeMap::from([("title", "A & B")])]);
        let plain = tera.render("tag.html", &ctx).unwrap();
        assert_eq!(plain, r#"<ul><li lang="ja">&lt;X&gt; A &amp; B 3</li></ul>"#);
        ctx.insert("item", &std::collections::BTreeMap::from([("title", "A & B")]));
        let stored = tera.render(&c.hidden, &ctx).unwrap();
        let mut item = tera::value::Map::new();
        item.insert("title".to_string().into(), tera::Value::from("A & B"));
        item.insert(c.field.clone().into(), tera::Value::safe_string(&stored));
        ctx.insert_value("pages", tera::Value::from(vec![tera::Value::from(item)]));
        assert_eq!(tera.render("tag.html", &ctx).unwrap(), plain);
    }

    #[test]
    fn calls_that_may_differ_from_page_to_page_stay() {
        for tag in [
            // Another value of the page, an implicit value of the page, a
            // component calling another, a loop over something else.
            "{% for item in pages %}{{ <entry item={item} level={n}/> }}{% endfor %}",
            "{% for item in pages %}{{ <crumb item={item}/> }}{% endfor %}",
            "{% for item in pages %}{{ <nested item={item}/> }}{% endfor %}",
            "{% for item in others %}{{ <entry item={item}/> }}{% endfor %}",
            // The loop's variable bound again, a language value bound.
            "{% for item in pages %}{% set item = pages[0] %}{{ <entry item={item}/> }}{% endfor %}",
            "{% set t = 1 %}{% for item in pages %}{{ <entry item={item}/> }}{% endfor %}",
            // Whitespace control before the call, a commented-out call.
            "{% for item in pages %}{{- <entry item={item}/> }}{% endfor %}",
            "{% for item in pages %}{# {{ <entry item={item}/> }} #}{% endfor %}",
        ] {
            let (out, cards) = rewritten(tag);
            assert!(cards.is_empty(), "{tag}");
            assert_eq!(out.iter().find(|(n, _)| n == "tag.html").unwrap().1, tag);
        }
    }
}
