//! The message files against each other and against the code: the same
//! messages with the same variables in every language, every id the code
//! uses defined, and no diagnostic text written in code instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{Lang, SOURCES, Text};

/// Each message id with the variables it uses.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(out.insert(m.id.name.to_string(), vars).is_none(), "{} twice", m.id.name);
            }
            Entry::Junk { content } => panic!("not Fluent: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_the_same_messages_and_variables() {
    let en = messages(SOURCES[0].1);
    for (lang, text) in &SOURCES[1..] {
        let other = messages(text);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, not in English {extra:?}");
        for (id, vars) in &en {
            assert_eq!(vars, &other[id], "{lang:?}: the variables of {id}");
        }
    }
}

/// Every Rust file under `src/`, with the text before its tests.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("").to_string();
            out.push((e.path().strip_prefix(&root).unwrap().display().to_string(), code));
        }
    }
    out
}

#[test]
fn every_message_the_code_uses_is_defined_and_every_defined_one_used() {
    let defined = messages(SOURCES[0].1);
    let mut used = BTreeSet::new();
    for (file, code) in sources() {
        if file.starts_with("i18n") {
            continue; // the macro's documentation
        }
        for (i, _) in code.match_indices("msg!(") {
            let rest = code[i + 5..].trim_start();
            let id = rest.strip_prefix('"').and_then(|r| r.split('"').next());
            let id = id.unwrap_or_else(|| panic!("{file}: msg! without a literal id"));
            let Some(vars) = defined.get(id) else { panic!("{file}: message {id} is not in en.ftl") };
            // The arguments given are the variables the message uses.
            let given: BTreeSet<String> = arguments(&code, i + 4)
                .iter()
                .skip(1)
                .filter_map(|a| a.split_once('=').map(|(name, _)| name.trim().to_string()))
                .collect();
            assert_eq!(&given, vars, "{file}: the arguments of {id}");
            used.insert(id.to_string());
        }
    }
    let unused: Vec<_> = defined.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

/// The calls that take the words of a diagnostic (or of a terminal line),
/// and the argument that holds them, counted from the end.
const TEXT_CALLS: [(&str, usize); 17] = [
    ("Diagnostic::error(", 0),
    ("Diagnostic::warning(", 0),
    ("Diagnostic::new(", 0),
    (".error(", 0),
    (".warning(", 0),
    (".error_at(", 0),
    (".note(", 0),
    (".label(", 0),
    (".set_label(", 0),
    ("notes.push(", 0),
    (".warn(", 0),
    (".say(", 0),
    ("refuse(", 0),
    ("Origin::Generated(", 0),
    (" fail(", 1),
    ("(fail(", 1),
    ("problems.push(", 0),
];

/// The arguments of the call whose `(` ends `code[..open]`, split at
/// top-level commas.
fn arguments(code: &str, open: usize) -> Vec<String> {
    let mut depth = 0;
    let mut args = vec![String::new()];
    let mut in_str = false;
    let mut prev = ' ';
    for c in code[open..].chars() {
        if in_str {
            in_str = !(c == '"' && prev != '\\');
        } else if c == '"' {
            in_str = true;
        } else if "([{".contains(c) {
            depth += 1;
        } else if ")]}".contains(c) {
            depth -= 1;
            if depth == 0 {
                break;
            }
        } else if c == ',' && depth == 1 {
            args.push(String::new());
            prev = c;
            continue;
        }
        if depth >= 1 && !(depth == 1 && c == '(' && args.len() == 1 && args[0].is_empty()) {
            args.last_mut().unwrap().push(c);
        }
        prev = c;
    }
    args.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()
}

/// Diagnostics must say what they say through the Fluent files: code that
/// passes English (a string literal, `format!`) compiles, through
/// `From<String> for Text`, but is caught here, in every file under `src/`.
#[test]
fn no_diagnostic_text_is_written_in_code() {
    let mut found = Vec::new();
    for (file, code) in sources() {
        if file.starts_with("i18n") || file == "diag.rs" {
            continue;
        }
        for (call, from_end) in TEXT_CALLS {
            for (i, _) in code.match_indices(call) {
                let open = i + call.len() - 1;
                let args = arguments(&code, open);
                let Some(text) = args.iter().rev().nth(from_end) else { continue };
                let english = text.starts_with('"')
                    || text.starts_with("format!")
                    || text.starts_with("String::from")
                    || (text.contains('"') && !text.starts_with("msg!"));
                if english {
                    let line = code[..i].lines().count();
                    found.push(format!("src/{file}:{line}: {call}{text})"));
                }
            }
        }
    }
    assert!(found.is_empty(), "diagnostic text that is not in src/i18n/*.ftl:\n{}", found.join("\n"));
}

#[test]
fn the_scan_catches_english_in_code() {
    let code = "d.note(format!(\"x {y}\")); src.error(\"code\", 0..1, \"bad\"); f.error_at(c, r, msg!(\"ok\"));";
    let texts: Vec<String> = ["d.note(", "src.error(", "f.error_at("]
        .iter()
        .map(|call| {
            let open = code.find(call).unwrap() + call.len() - 1;
            arguments(code, open).last().unwrap().clone()
        })
        .collect();
    assert_eq!(texts, ["format!(\"x {y}\")", "\"bad\"", "msg!(\"ok\")"]);
    let code = "r.map_err(|e| fail(out, format!(\"cannot {x}\"), e))";
    let args = arguments(code, code.find(" fail(").unwrap() + 5);
    assert_eq!(args.iter().rev().nth(1).unwrap(), "format!(\"cannot {x}\")");
}

#[test]
fn messages_render_in_both_languages_without_isolation_marks() {
    let t = msg!("summary", verb = msg!("verb-build"), outcome = "failed", errors = 2usize, warnings = 1usize);
    assert_eq!(t.render(Lang::En), "build failed: 2 errors, 1 warning");
    assert_eq!(t.render(Lang::Ja), "ビルドに失敗しました: エラー 2 件、警告 1 件");
    let path = msg!("check-done", dir = "サイト");
    assert!(!path.render(Lang::Ja).contains(['\u{2068}', '\u{2069}']));
    assert_eq!(Text::from("plain").render(Lang::Ja), "plain");
}
