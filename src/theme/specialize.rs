//! The templates of one language. `{{ t.home }}`, `{{ site.title }}` or
//! `{{ lang }}` write the same text on every page of a language (the values
//! of `PER_LANGUAGE`), yet Tera looks each of them up on every page: about a
//! fifteenth of a build's instructions in the default theme. A copy of the
//! templates per language with those expressions written out as text renders
//! the same pages without the lookups. Errors are still reported from the
//! templates as written (`Templates::render_in`).

use std::collections::{HashMap, HashSet};

use super::cards::{Bindings, PER_LANGUAGE};
use super::constant::{as_text, autoescaped, definitions, ident_len, literal_ranges, splice};

/// Where the expressions of the language's values are in each template:
/// every `{{ NAME }}` and `{{ NAME.FIELD }}` whose NAME is one of
/// `PER_LANGUAGE`. Left out: names that a template binds where the binding
/// reaches (`set` anywhere, a `for` loop in its body; `cards::bindings`),
/// expressions inside a component that does not ask for the name (`@t`),
/// and templates that do not escape. Found once per theme; `texts` fills
/// them in for each language.
pub struct Slots {
    ranges: Vec<Vec<std::ops::Range<usize>>>,
    /// Each distinct value written, as (name, field).
    paths: Vec<(String, Option<String>)>,
}

impl Slots {
    /// The values the slots write, looked up in `values`: two languages
    /// whose lookups are equal get the same texts.
    pub fn inputs(&self, values: &tera::Context) -> Vec<Option<tera::Value>> {
        self.paths
            .iter()
            .map(|(name, field)| {
                let v = values.get(name)?;
                match field {
                    Some(f) => v.get_from_path(f).cloned(),
                    None => Some(v.clone()),
                }
            })
            .collect()
    }
}

pub fn slots(templates: &[(String, String)], bound: &Bindings) -> Slots {
    let names: HashSet<&str> = PER_LANGUAGE.iter().copied().filter(|n| !bound.contains(n)).collect();
    let ranges: Vec<Vec<std::ops::Range<usize>>> = templates
        .iter()
        .enumerate()
        .map(|(t, (name, text))| {
            let mut found = Vec::new();
            if !autoescaped(name) {
                return found;
            }
            let literal = literal_ranges(text);
            let components: Vec<_> =
                definitions(text, &literal).into_iter().map(|d| (d.range.clone(), d.implicit())).collect();
            for (i, _) in text.match_indices("{{") {
                if found.last().is_some_and(|r: &std::ops::Range<usize>| i < r.end) || literal.contains(i) {
                    continue;
                }
                let Some((len, root)) = expression_at(&text[i..]) else { continue };
                // Inside a component only what it asks for is visible.
                let hidden = components.iter().any(|(r, implicit)| r.contains(&i) && !implicit.contains(&root));
                if names.contains(root) && !hidden && !bound.hides(t, i, root) {
                    found.push(i..i + len);
                }
            }
            found
        })
        .collect();
    let mut paths: Vec<(String, Option<String>)> = templates
        .iter()
        .zip(&ranges)
        .flat_map(|((_, text), found)| found.iter().map(|r| text[r.start + 3..r.end - 3].to_string()))
        .map(|path| match path.split_once('.') {
            Some((name, field)) => (name.to_string(), Some(field.to_string())),
            None => (path, None),
        })
        .collect();
    paths.sort();
    paths.dedup();
    Slots { ranges, paths }
}

/// `templates` with each expression of `slots` replaced by what it writes
/// with `values` (the language's values), rendered with `tera`; one that
/// does not render stays, to fail where it is.
pub fn texts(
    tera: &tera::Tera,
    templates: &[(String, String)],
    slots: &Slots,
    values: &tera::Context,
) -> Vec<(String, String)> {
    let mut written: HashMap<&str, Option<String>> = HashMap::new();
    templates
        .iter()
        .zip(&slots.ranges)
        .map(|((name, text), found)| {
            (name.clone(), splice(text, found.iter().cloned(), &mut written, |expr| as_text(tera, expr, values)))
        })
        .collect()
}

/// The length of `{{ NAME }}` or `{{ NAME.FIELD }}` at the start of `s`
/// (one space inside each brace pair, no filter, no whitespace control),
/// and NAME.
fn expression_at(s: &str) -> Option<(usize, &str)> {
    let inner = s.strip_prefix("{{ ")?;
    let root_len = ident_len(inner);
    if root_len == 0 {
        return None;
    }
    let mut len = root_len;
    if let Some(field) = inner[len..].strip_prefix('.') {
        let field_len = ident_len(field);
        if field_len == 0 {
            return None;
        }
        len += 1 + field_len;
    }
    inner[len..].starts_with(" }}").then(|| (3 + len + 3, &inner[..root_len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specialized(templates: &[(&str, &str)], ctx: &tera::Context) -> Vec<(String, String)> {
        let owned: Vec<(String, String)> = templates.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().copied()).expect("templates compile");
        let out = texts(&tera, &owned, &slots(&owned, &crate::theme::cards::bindings(&owned)), ctx);
        // The copy renders what the templates render.
        let mut copy = tera::Tera::new();
        copy.add_raw_templates(out.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("copy compiles");
        for (name, _) in templates.iter().filter(|(n, _)| !n.starts_with('_')) {
            assert_eq!(copy.render(name, ctx).ok(), tera.render(name, ctx).ok(), "{name}");
        }
        out
    }

    fn values() -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", "ja");
        ctx.insert(
            "t",
            &std::collections::BTreeMap::from([("home", "ホーム & <b>"), ("odd", "{{ x }}"), ("pct", "%}")]),
        );
        ctx.insert("site", &std::collections::BTreeMap::from([("title", "Site")]));
        ctx.insert("page", &std::collections::BTreeMap::from([("title", "Page")]));
        ctx
    }

    #[test]
    fn language_values_become_text() {
        let page = r#"<html lang="{{ lang }}">{{ t.home }}|{{ t.odd }}|{{ t.pct }}|{{ site.title }}|{{ page.title }}|{{ t.home | upper }}|{{- lang }}|{{ t.missing }}"#;
        let out = specialized(&[("p.html", page)], &values());
        assert_eq!(
            out[0].1,
            r#"<html lang="ja">ホーム &amp; &lt;b&gt;|{% raw %}{{ x }}{% endraw %}|{% raw %}%}{% endraw %}|Site|{{ page.title }}|{{ t.home | upper }}|{{- lang }}|{{ t.missing }}"#
        );
    }

    #[test]
    fn names_a_template_binds_or_a_component_does_not_ask_for_stay() {
        let ui = r#"{% component a(@t) -%}{{ t.home }}{{ lang }}{%- endcomponent a %}"#;
        let page = r#"{% for site in [1] %}{{ site.title }}{% endfor %}{{ t.home }}{% raw %}{{ lang }}{% endraw %}"#;
        let out = specialized(&[("_ui.html", ui), ("p.html", page)], &values());
        assert_eq!(out[0].1, r#"{% component a(@t) -%}ホーム &amp; &lt;b&gt;{{ lang }}{%- endcomponent a %}"#);
        assert_eq!(
            out[1].1,
            r#"{% for site in [1] %}{{ site.title }}{% endfor %}ホーム &amp; &lt;b&gt;{% raw %}{{ lang }}{% endraw %}"#
        );
        // A loop's variable is bound in its body only, unless the body lets
        // it reach another template (an include, a component's `@lang`).
        let page = r#"{% for lang in ["x"] %}{{ lang }}{% endfor %}{{ lang }}{% for t in [1] %}{% include "_i.html" %}{% endfor %}{{ t.home }}"#;
        let out = specialized(&[("_i.html", "{{ t }}"), ("p.html", page)], &values());
        assert_eq!(
            out[1].1,
            r#"{% for lang in ["x"] %}{{ lang }}{% endfor %}ja{% for t in [1] %}{% include "_i.html" %}{% endfor %}{{ t.home }}"#
        );
        let plain = specialized(&[("feed.txt", "{{ lang }}")], &values());
        assert_eq!(plain[0].1, "{{ lang }}");
    }
}
