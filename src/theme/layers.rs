//! Where a theme's files come from: layers, the top one winning file by
//! file. From the top: the site's own `templates/` and `i18n/`, the site's
//! theme (`themes/<name>/`), the parents it names in `theme.toml`, and the
//! theme bundled into `alumni` at the bottom. Which templates of a lower
//! layer are used is worked out here too (`select`): only the ones the
//! site's pages need, so a template of the bundled theme written for its
//! own `base.html` never meets a theme's `base.html` it was not written for.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::constant::{definitions, ident_len, literal_ranges};
use super::{ThemeFile, disk_files, embedded_files, read_text};
use crate::config::Config;
use crate::diag::{Diagnostic, SourceFile};
use crate::fields::{Fields, parse_toml, suggest};
use crate::msg;

/// Where a layer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Origin {
    /// The site's own `templates/` and `i18n/`.
    Site,
    /// A folder `themes/<name>/` of the site.
    Folder(String),
    /// The theme compiled into `alumni`.
    Bundled,
}

pub(super) struct Layer {
    pub origin: Origin,
    /// Paths relative to the layer: `templates/...`, `i18n/...`, `static/...`.
    pub files: Vec<ThemeFile>,
}

/// The layers of the site's theme, top first: the site's own files, the
/// site's theme, its parents, the bundled theme. `None` when the theme
/// named in alumni.toml does not exist; a broken parent chain is reported
/// and leaves the layers found so far on the bundled theme.
pub(super) fn stack(site_dir: &Path, config: &Config, diags: &mut Vec<Diagnostic>) -> Option<Vec<Layer>> {
    let files = &config.files;
    let mut site = Vec::new();
    for (dir, prefix) in [("templates", "templates/"), ("i18n", "i18n/")] {
        let path = site_dir.join(dir);
        if path.is_dir() {
            for mut f in disk_files(files, &path, Path::new(dir), diags) {
                f.rel = format!("{prefix}{}", f.rel);
                site.push(f);
            }
        }
    }
    let mut layers = vec![Layer { origin: Origin::Site, files: site }];
    let name = config.theme.clone();
    if !site_dir.join("themes").join(&name).is_dir() {
        if name != "default" {
            let span = config.theme_span.clone().unwrap_or(0..0);
            diags.push(
                config
                    .source
                    .error("theme-missing", span, msg!("theme-missing", name = &name))
                    .label(msg!("theme-missing-label"))
                    .note(msg!("theme-missing-note", name = &name)),
            );
            return None;
        }
        layers.push(Layer { origin: Origin::Bundled, files: embedded_files() });
        return Some(layers);
    }
    // A theme folder, then the parent each one names.
    let mut visited: Vec<String> = Vec::new();
    let mut next = Some(name);
    while let Some(name) = next.take() {
        let dir = site_dir.join("themes").join(&name);
        let shown = PathBuf::from("themes").join(&name);
        let theme_files = disk_files(files, &dir, &shown, diags);
        visited.push(name.clone());
        let toml = theme_files.iter().find(|f| f.rel == "theme.toml");
        let parent = toml.and_then(|f| read_text(files, f, diags).map(|t| SourceFile::new(f.shown.clone(), t)));
        let theme_files: Vec<ThemeFile> = theme_files.into_iter().filter(|f| f.rel != "theme.toml").collect();
        layers.push(Layer { origin: Origin::Folder(name.clone()), files: theme_files });
        let Some(src) = parent else { break };
        let Some((parent, span)) = parent_of(&src, diags) else { break };
        let on_disk = site_dir.join("themes").join(&parent).is_dir();
        if parent == "default" && (!on_disk || visited.iter().any(|v| v == "default")) {
            // The bundled theme, which is at the bottom anyway (a folder
            // themes/default/ naming "default" means the bundled one).
            break;
        }
        if visited.contains(&parent) {
            let chain = visited.iter().chain([&parent]).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" -> ");
            diags.push(
                src.error("theme-parent-cycle", span, msg!("theme-parent-cycle", theme = &name, chain = chain))
                    .label(msg!("theme-parent-cycle-label", parent = &parent)),
            );
        } else if on_disk {
            next = Some(parent);
        } else {
            diags.push(
                src.error("theme-parent-missing", span, msg!("theme-parent-missing", theme = &name, parent = &parent))
                    .label(msg!("theme-missing-label"))
                    .note(msg!("theme-missing-note", name = &parent)),
            );
        }
    }
    layers.push(Layer { origin: Origin::Bundled, files: embedded_files() });
    Some(layers)
}

/// The parent a `theme.toml` names, with the span of its value.
fn parent_of(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<(String, std::ops::Range<usize>)> {
    let table = parse_toml(src, &src.text, 0, "theme-toml-syntax", diags)?;
    let what = msg!("what-table", name = src.path.display().to_string());
    let mut f = Fields::new(src, 0, table.get_ref(), 0..0, what, &["parent"], diags);
    let parent = f.string("parent");
    f.finish();
    parent.map(|p| (p.get_ref().trim().to_string(), p.span()))
}

/// The template to render a page with when its kind's own template is
/// `wanted`, with `generics` to fall back to, in order (see
/// `Theme::page_template`). `provided`: the template names of each layer
/// above the bundled theme, the site's own `templates/` first. The first
/// layer that has `wanted` or, below the site's own folder, one of the
/// generics decides: a theme written before a kind existed shows it in its
/// own look, while a site that only changes `page.html` of the bundled theme
/// keeps the kind's own template.
pub(super) fn page_template<'a>(provided: &[BTreeSet<String>], wanted: &'a str, generics: &[&'static str]) -> &'a str {
    for (i, names) in provided.iter().enumerate() {
        if names.contains(wanted) {
            return wanted;
        }
        if i > 0
            && let Some(g) = generics.iter().find(|g| names.contains(**g))
        {
            return g;
        }
    }
    wanted
}

/// The templates the site uses, by name, from the layers' templates (top
/// first, each a name -> source map): every template of the site and of
/// its theme (`own` layers, as a theme always was), the page templates
/// `pages` wherever they come from, and what those need of the layers
/// below: the templates they extend, include or import by name, and the
/// templates defining components they call that no used template defines.
pub(super) fn select(
    layers: &[BTreeMap<String, SourceFile>],
    own: usize,
    pages: &[&str],
) -> BTreeMap<String, SourceFile> {
    let top = |name: &str| layers.iter().enumerate().find_map(|(i, l)| l.get(name).map(|s| (i, s)));
    let mut used: BTreeMap<String, (usize, SourceFile)> = BTreeMap::new();
    for (i, layer) in layers.iter().enumerate().take(own + 1).rev() {
        for (name, src) in layer {
            used.insert(name.clone(), (i, src.clone()));
        }
    }
    let mut queue: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    queue.extend(used.keys().cloned());
    let mut seen: HashSet<String> = HashSet::new();
    loop {
        while let Some(name) = queue.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some((i, src)) = top(&name) else { continue };
            used.entry(name.clone()).or_insert_with(|| (i, src.clone()));
            queue.extend(named(&src.text));
        }
        // Components are global: a template may call one no template names.
        let defined: HashSet<String> = used
            .values()
            .flat_map(|(_, s)| {
                let literal = literal_ranges(&s.text);
                definitions(&s.text, &literal).into_iter().map(|d| d.name.to_string()).collect::<Vec<_>>()
            })
            .collect();
        let wanted: BTreeSet<String> =
            used.values().flat_map(|(_, s)| called(&s.text)).filter(|c| !defined.contains(c)).collect();
        let mut more = Vec::new();
        for component in wanted {
            let found = layers.iter().find_map(|l| {
                l.iter().find(|(name, s)| {
                    top(name).is_some_and(|(_, t)| std::ptr::eq(t, *s)) && {
                        let literal = literal_ranges(&s.text);
                        definitions(&s.text, &literal).iter().any(|d| d.name == component)
                    }
                })
            });
            if let Some((name, _)) = found
                && !used.contains_key(name)
            {
                more.push(name.clone());
            }
        }
        if more.is_empty() {
            break;
        }
        queue = more;
    }
    used.into_iter().map(|(n, (_, s))| (n, s)).collect()
}

/// The template names a template's `extends`, `include` and `import` tags
/// give as strings.
fn named(text: &str) -> Vec<String> {
    let literal = literal_ranges(text);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("{%") {
        if literal.contains(i) {
            continue;
        }
        let rest = &text[i + 2..];
        let Some(end) = rest.find("%}") else { break };
        let tag = rest[..end].trim_start_matches('-').trim_start();
        let word = &tag[..ident_len(tag)];
        if !matches!(word, "extends" | "include" | "import") {
            continue;
        }
        let mut s = &tag[word.len()..];
        while let Some(q) = s.find(['"', '\'', '`']) {
            let quote = s[q..].chars().next().unwrap_or('"');
            let after = &s[q + 1..];
            let Some(close) = after.find(quote) else { break };
            out.push(after[..close].to_string());
            s = &after[close + 1..];
        }
    }
    out
}

/// The names of the components a template calls (`<name` in template code).
pub(super) fn called(text: &str) -> Vec<String> {
    let literal = literal_ranges(text);
    let mut out = Vec::new();
    for open in ["{{", "{%"] {
        for (i, _) in text.match_indices(open) {
            if literal.contains(i) {
                continue;
            }
            let rest = &text[i + 2..];
            let close = if open == "{{" { "}}" } else { "%}" };
            let code = &rest[..rest.find(close).unwrap_or(rest.len())];
            for (j, _) in code.match_indices('<') {
                let name = &code[j + 1..j + 1 + ident_len(&code[j + 1..])];
                if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// Single date keys a site's i18n file changes.
#[derive(Debug, Clone, Default)]
pub(super) struct DatesPatch {
    pub date: Option<String>,
    pub datetime: Option<String>,
    pub time: Option<String>,
    pub weekdays: Option<Vec<String>>,
    pub months: Option<Vec<String>>,
}

/// A site's `i18n/<lang>.toml`: single UI strings, and single keys of
/// `[dates]` and `[employment_types]`.
#[derive(Debug, Clone, Default)]
pub(super) struct SiteStrings {
    pub strings: serde_json::Map<String, serde_json::Value>,
    pub dates: DatesPatch,
    pub employment_types: Vec<(String, String)>,
}

/// What a site's i18n file may set: the strings of the theme's layers
/// (any language), by the type their value has there.
pub(super) struct Known {
    pub strings: BTreeMap<String, serde_json::Value>,
    pub employment_types: BTreeSet<String>,
}

/// Read a site's i18n file: a value of another type than the theme's is an
/// error, a key no theme has a warning with the closest known one.
pub(super) fn site_strings(src: &SourceFile, known: &Known, diags: &mut Vec<Diagnostic>) -> Option<SiteStrings> {
    let table = parse_toml(src, &src.text, 0, "i18n-syntax", diags)?;
    let what = msg!("what-table", name = src.path.display().to_string());
    let mut f = Fields::new(src, 0, table.get_ref(), 0..0, what, &[], diags);
    let mut out = SiteStrings::default();
    let names: Vec<&str> = known.strings.keys().map(String::as_str).chain(["dates", "employment_types"]).collect();
    for (key, span) in f.keys() {
        match key.as_str() {
            "dates" => {
                if let Some((t, _)) = f.table("dates") {
                    out.dates = dates(src, t, f.diags);
                }
            }
            "employment_types" => {
                if let Some((t, _)) = f.table("employment_types") {
                    let what = msg!("what-table", name = "[employment_types]");
                    let mut e = Fields::new(src, 0, t, 0..0, what, &[], f.diags);
                    let types: Vec<&str> = known.employment_types.iter().map(String::as_str).collect();
                    for (k, span) in e.keys() {
                        if !known.employment_types.contains(&k) {
                            unknown(src, &k, span, &types, e.diags);
                        }
                        if let Some(v) = e.string(&k) {
                            out.employment_types.push((k, v.into_inner()));
                        }
                    }
                }
            }
            _ => match known.strings.get(&key) {
                None => {
                    unknown(src, &key, span, &names, f.diags);
                    // Still given to the templates: a template of the site may use it.
                    if let Some(v) = f.string(&key) {
                        out.strings.insert(key, v.into_inner().into());
                    }
                }
                Some(serde_json::Value::Array(_)) => {
                    let items: Vec<serde_json::Value> =
                        f.strings(&key).into_iter().map(|s| s.into_inner().into()).collect();
                    if f.span_of(&key).is_some() && !items.is_empty() {
                        out.strings.insert(key, serde_json::Value::Array(items));
                    }
                }
                Some(serde_json::Value::Object(_)) => {
                    if let Some((t, _)) = f.table(&key) {
                        let what = msg!("what-table", name = format!("[{key}]"));
                        let mut e = Fields::new(src, 0, t, 0..0, what, &[], f.diags);
                        let mut map = serde_json::Map::new();
                        for (k, _) in e.keys() {
                            if let Some(v) = e.string(&k) {
                                map.insert(k, v.into_inner().into());
                            }
                        }
                        out.strings.insert(key, serde_json::Value::Object(map));
                    }
                }
                Some(_) => {
                    if let Some(v) = f.string(&key) {
                        out.strings.insert(key, v.into_inner().into());
                    }
                }
            },
        }
    }
    Some(out)
}

fn dates(src: &SourceFile, t: &toml::de::DeTable<'_>, diags: &mut Vec<Diagnostic>) -> DatesPatch {
    const KEYS: &[&str] = &["date", "datetime", "time", "weekdays", "months"];
    let what = msg!("what-table", name = "[dates]");
    let mut f = Fields::new(src, 0, t, 0..0, what, KEYS, diags);
    let list = |f: &mut Fields<'_, '_>, key: &str| {
        f.span_of(key)?;
        let v: Vec<String> = f.strings(key).into_iter().map(|s| s.into_inner()).collect();
        (!v.is_empty()).then_some(v)
    };
    let patch = DatesPatch {
        date: f.string("date").map(|s| s.into_inner()),
        datetime: f.string("datetime").map(|s| s.into_inner()),
        time: f.string("time").map(|s| s.into_inner()),
        weekdays: list(&mut f, "weekdays"),
        months: list(&mut f, "months"),
    };
    f.finish();
    patch
}

fn unknown(src: &SourceFile, key: &str, span: std::ops::Range<usize>, known: &[&str], diags: &mut Vec<Diagnostic>) {
    let mut d = src
        .warning("i18n-unknown-key", span, msg!("i18n-unknown-key", key = key, file = &src.path))
        .label(msg!("i18n-unknown-key-label"));
    d = match suggest(key, known) {
        Some(s) => d.note(msg!("did-you-mean", name = s)),
        None => d.note(msg!("i18n-unknown-key-note")),
    };
    diags.push(d);
}
