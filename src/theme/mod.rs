//! Themes: templates, UI strings and static files. The `default` theme is
//! compiled into the binary so `alumni` works with no theme folder; a site may
//! bring its own under `themes/<name>/` and override single templates in
//! `templates/`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

mod cards;
mod located;
pub use cards::{Card, PER_LANGUAGE};
mod constant;
mod layers;
mod minify;
mod specialize;

use crate::config::Config;
use crate::diag::{Diagnostic, SourceFile};
use crate::msg;
use crate::sitefs::{SiteFs, is_litter};
use crate::time::DateFormats;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates that produce pages; the others (`base.html`, partials) are parts.
pub const PAGE_TEMPLATES: &[&str] = &[
    "home.html",
    "messages.html",
    "message.html",
    "events.html",
    "event.html",
    "jobs.html",
    "job.html",
    "page.html",
    "tags.html",
    "tag.html",
    "404.html",
];

#[derive(Debug, Clone)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct ThemeStatic {
    pub out_path: String,
    pub source: StaticSource,
}

pub struct Theme {
    pub name: String,
    /// Template name -> its source (path shown in errors, and text): the
    /// templates the site uses, each from the top layer that has it.
    pub templates: BTreeMap<String, SourceFile>,
    pub i18n: HashMap<String, I18n>,
    pub statics: Vec<ThemeStatic>,
    /// The template names of each layer above the bundled theme, top first.
    provided: Vec<BTreeSet<String>>,
}

impl Theme {
    /// The template that renders a page whose kind's own template is
    /// `wanted` and whose generic counterpart is `generic` (`page.html` for
    /// a single item, `list.html` for a list): `wanted`, unless the top
    /// layer above the bundled theme that has either has only `generic`.
    /// So a theme written before a kind existed shows the kind in its own
    /// look, and one that has neither gets the bundled theme's `wanted`.
    /// The pairs are `GENERIC_TEMPLATES`, so that the template chosen is
    /// among those compiled.
    pub fn page_template<'a>(&self, wanted: &'a str) -> &'a str {
        match GENERIC_TEMPLATES.iter().find(|(w, _)| *w == wanted) {
            Some((_, generics)) => layers::page_template(&self.provided, wanted, generics),
            None => wanted,
        }
    }

    /// Whether template `name` comes from the bundled theme (no layer above
    /// it has one of that name).
    pub fn bundled(&self, name: &str) -> bool {
        !self.provided.iter().any(|p| p.contains(name))
    }
}

/// Page templates with a generic counterpart a theme without them falls
/// back to (`Theme::page_template`).
/// A list falls back to the generic `list.html`, or, in a theme older than
/// that, to its message list (every theme has one: items with a title, a
/// date, a summary and pagination).
pub const GENERIC_TEMPLATES: &[(&str, &[&str])] =
    &[("story.html", &["page.html"]), ("stories.html", &["list.html", "messages.html"])];

/// UI strings and date formats of one language.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    pub strings: serde_json::Map<String, serde_json::Value>,
    pub dates: DateFormats,
    pub employment_types: HashMap<String, String>,
    pub language_name: String,
}

/// A file of a theme, wherever it lives.
struct ThemeFile {
    rel: String,
    shown: PathBuf,
    bytes: ThemeBytes,
}

enum ThemeBytes {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

/// Load the site's theme: each template, UI string and static file from
/// the top layer that has it (see `layers`).
pub fn load(site_dir: &Path, config: &Config, diags: &mut Vec<Diagnostic>) -> Option<Theme> {
    let layers = layers::stack(site_dir, config, diags)?;
    let mut templates: Vec<BTreeMap<String, SourceFile>> = Vec::with_capacity(layers.len());
    let mut strings: Vec<BTreeMap<String, (SourceFile, Option<LayerStrings>)>> = Vec::new();
    let mut statics: Vec<Vec<ThemeStatic>> = Vec::new();
    let mut site_files = Vec::new();
    for layer in &layers {
        let (mut t, mut i, mut st) = (BTreeMap::new(), BTreeMap::new(), Vec::new());
        for f in &layer.files {
            if let Some(tpl) = f.rel.strip_prefix("templates/") {
                if let Some(text) = read_text(&config.files, f, diags) {
                    t.insert(tpl.to_string(), SourceFile::new(f.shown.clone(), text));
                }
            } else if let Some(lang) = f.rel.strip_prefix("i18n/").and_then(|r| r.strip_suffix(".toml")) {
                if let Some(text) = read_text(&config.files, f, diags) {
                    let src = SourceFile::new(f.shown.clone(), text);
                    if layer.origin == layers::Origin::Site {
                        // Read once every theme's keys are known.
                        site_files.push((lang.to_string(), src));
                    } else {
                        let parsed = parse_i18n(&src, diags);
                        i.insert(lang.to_string(), (src, parsed));
                    }
                }
            } else if let Some(out) = f.rel.strip_prefix("static/") {
                let source = match f.bytes {
                    ThemeBytes::Disk(ref p) => StaticSource::Disk(p.clone()),
                    ThemeBytes::Embedded(b) => StaticSource::Embedded(b),
                };
                st.push(ThemeStatic { out_path: out.to_string(), source });
            }
        }
        templates.push(t);
        strings.push(i);
        statics.push(st);
    }
    // The site's theme and the site's own templates are used whole; the
    // layers below give what they lack.
    let own = 1;
    let bundled = layers.len() - 1;
    let provided: Vec<BTreeSet<String>> = templates[..bundled].iter().map(|t| t.keys().cloned().collect()).collect();
    let generic = |p: &'static str| {
        GENERIC_TEMPLATES.iter().find(|(w, _)| *w == p).map_or(p, |(w, g)| layers::page_template(&provided, w, g))
    };
    let pages: Vec<&str> =
        PAGE_TEMPLATES.iter().chain(GENERIC_TEMPLATES.iter().map(|(w, _)| w)).map(|p| generic(p)).collect();
    let used = layers::select(&templates, own, &pages);
    let mut theme =
        Theme { name: config.theme.clone(), templates: used, i18n: HashMap::new(), statics: Vec::new(), provided };
    // Static files by output path, the top layer's first; the bundled
    // theme's when a template the site uses names one of them (its
    // `base.html` links `assets/alumni.css`): a theme with a stylesheet of
    // its own gets none of them.
    let mut taken = HashSet::new();
    for (i, files) in statics.into_iter().enumerate() {
        if i == bundled
            && i > own
            && !files.iter().any(|s| theme.templates.values().any(|t| t.text.contains(s.out_path.as_str())))
        {
            continue;
        }
        for s in files {
            if taken.insert(s.out_path.clone()) {
                theme.statics.push(s);
            }
        }
    }
    let known = layers::Known {
        strings: strings
            .iter()
            .flat_map(|l| l.values().filter_map(|(_, s)| s.as_ref()))
            .flat_map(|s| s.strings.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect(),
        employment_types: strings
            .iter()
            .flat_map(|l| l.values().filter_map(|(_, s)| s.as_ref()))
            .flat_map(|s| s.employment_types.keys().cloned())
            .collect(),
    };
    let site: BTreeMap<String, (SourceFile, Option<layers::SiteStrings>)> = site_files
        .into_iter()
        .map(|(lang, src)| {
            let parsed = layers::site_strings(&src, &known, diags);
            (lang, (src, parsed))
        })
        .collect();
    complete_i18n(&mut theme, &strings, &site, config, diags);
    Some(theme)
}

fn embedded_files() -> Vec<ThemeFile> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<ThemeFile>) {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            out.push(ThemeFile {
                shown: PathBuf::from("themes/default").join(&rel),
                rel,
                bytes: ThemeBytes::Embedded(f.contents()),
            });
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&DEFAULT_THEME, &mut out);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// The files of a theme or of the site's templates/, under the symlink
/// policy: a link that leads outside the site's folders is an error.
fn disk_files(files: &SiteFs, dir: &Path, shown_root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<ThemeFile> {
    let mut out = Vec::new();
    let mut outside = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if is_litter(&e.file_name().to_string_lossy()) {
            return false;
        }
        let ok = !(e.path_is_symlink() || e.depth() == 0) || files.leads_inside(e.path());
        if !ok {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            outside.push(if e.depth() == 0 { shown_root.to_path_buf() } else { shown_root.join(rel) });
        }
        ok
    });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                out.push(ThemeFile {
                    shown: shown_root.join(&rel),
                    rel,
                    bytes: ThemeBytes::Disk(e.path().to_path_buf()),
                });
            }
            Ok(_) => {}
            Err(e) => diags.push(
                Diagnostic::error("theme-unreadable", msg!("cannot-read", detail = e.to_string())).in_file(shown_root),
            ),
        }
    }
    for shown in outside {
        diags.push(crate::content::outside_link("theme-symlink-outside", shown));
    }
    out
}

fn read_text(files: &SiteFs, f: &ThemeFile, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match &f.bytes {
        ThemeBytes::Disk(p) => match files.read(p) {
            Ok(b) => b,
            Err(e) => {
                let mut d = Diagnostic::error("theme-unreadable", msg!("not-read", file = &f.shown, why = e.text()));
                if let Some(help) = e.help() {
                    d = d.note(help);
                }
                diags.push(d.in_file(&f.shown));
                return None;
            }
        },
        ThemeBytes::Embedded(b) => b.to_vec(),
    };
    match String::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(_) => {
            diags.push(Diagnostic::error("theme-encoding", msg!("theme-encoding")).in_file(&f.shown));
            None
        }
    }
}

/// The UI strings of one language in one theme layer.
#[derive(Debug, Clone, Default)]
struct LayerStrings {
    strings: serde_json::Map<String, serde_json::Value>,
    /// A theme's `[dates]`, taken whole: its formats and names are written
    /// together (keys it lacks are the plain ISO-like ones).
    dates: Option<DateFormats>,
    employment_types: HashMap<String, String>,
}

fn parse_i18n(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<LayerStrings> {
    let value: toml::Table = match toml::from_str(&src.text) {
        Ok(v) => v,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            diags.push(src.error("i18n-syntax", span, msg!("toml-invalid", detail = e.message().trim())));
            return None;
        }
    };
    let mut i = LayerStrings::default();
    for (k, v) in value {
        match (k.as_str(), v) {
            ("dates", toml::Value::Table(t)) => {
                let s = |key: &str, d: &String| {
                    t.get(key).and_then(|v| v.as_str()).map_or_else(|| d.clone(), str::to_string)
                };
                let list = |key: &str, d: &Vec<String>| {
                    t.get(key)
                        .and_then(|v| v.as_array())
                        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                        .unwrap_or_else(|| d.clone())
                };
                let def = DateFormats::default();
                i.dates = Some(DateFormats {
                    date: s("date", &def.date),
                    datetime: s("datetime", &def.datetime),
                    time: s("time", &def.time),
                    weekdays: list("weekdays", &def.weekdays),
                    months: list("months", &def.months),
                });
            }
            ("employment_types", toml::Value::Table(t)) => {
                i.employment_types =
                    t.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string()))).collect();
            }
            (_, toml::Value::String(s)) => {
                i.strings.insert(k, serde_json::Value::String(s));
            }
            (_, other) => {
                i.strings.insert(k, serde_json::to_value(other).unwrap_or(serde_json::Value::Null));
            }
        }
    }
    Some(i)
}

/// Each configured language's strings, key by key from the top layer that
/// has them. A language no layer has takes English (or the default
/// language) whole, with a warning; one only a site or theme of its own
/// has takes the strings it lacks from English, naming them.
fn complete_i18n(
    theme: &mut Theme,
    layers: &[BTreeMap<String, (SourceFile, Option<LayerStrings>)>],
    site: &BTreeMap<String, (SourceFile, Option<layers::SiteStrings>)>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) {
    let merged = |lang: &str| -> Option<(I18n, PathBuf)> {
        let mut found = None;
        let mut i = I18n::default();
        for layer in layers.iter().rev() {
            let Some((src, strings)) = layer.get(lang) else { continue };
            found = Some(src.path.clone());
            let Some(s) = strings else { continue };
            i.strings.extend(s.strings.clone());
            if let Some(d) = &s.dates {
                i.dates = d.clone();
            }
            i.employment_types.extend(s.employment_types.clone());
        }
        if let Some((src, strings)) = site.get(lang) {
            found = Some(src.path.clone());
            if let Some(s) = strings {
                i.strings.extend(s.strings.clone());
                let (d, p) = (&mut i.dates, &s.dates);
                for (to, from) in [(&mut d.date, &p.date), (&mut d.datetime, &p.datetime), (&mut d.time, &p.time)] {
                    if let Some(v) = from {
                        to.clone_from(v);
                    }
                }
                for (to, from) in [(&mut d.weekdays, &p.weekdays), (&mut d.months, &p.months)] {
                    if let Some(v) = from {
                        to.clone_from(v);
                    }
                }
                i.employment_types.extend(s.employment_types.iter().cloned());
            }
        }
        if let Some(serde_json::Value::String(name)) = i.strings.get("language_name") {
            i.language_name = name.clone();
        }
        found.map(|f| (i, f))
    };
    let fallback = merged("en").or_else(|| merged(config.default_language())).map(|(i, _)| i).unwrap_or_default();
    for lang in config.language_codes() {
        let Some((mut i, file)) = merged(lang) else {
            diags.push(
                Diagnostic::warning("i18n-missing", msg!("i18n-missing", theme = &theme.name, lang = lang))
                    .in_file(format!("themes/{}/i18n/{lang}.toml", theme.name))
                    .note(msg!("i18n-missing-note", lang = lang)),
            );
            theme.i18n.insert(lang.to_string(), fallback.clone());
            continue;
        };
        let missing: Vec<&String> = fallback.strings.keys().filter(|k| !i.strings.contains_key(*k)).collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "i18n-incomplete",
                    msg!(
                        "i18n-incomplete",
                        lang = lang,
                        keys = missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .in_file(file),
            );
            for k in missing.into_iter().cloned().collect::<Vec<_>>() {
                let v = fallback.strings[&k].clone();
                i.strings.insert(k, v);
            }
        }
        if i.language_name.is_empty() {
            i.language_name = lang.to_string();
        }
        for (k, v) in &fallback.employment_types {
            i.employment_types.entry(k.clone()).or_insert_with(|| v.clone());
        }
        theme.i18n.insert(lang.to_string(), i);
    }
}

/// A language's copy of the templates, with the values written into it.
type LanguageCopy = (Vec<Option<tera::Value>>, std::sync::Arc<tera::Tera>);

/// The compiled templates.
pub struct Templates {
    /// What pages are rendered with: the theme's templates, minified
    /// beforehand when `preminified`, rewritten by the fast paths when
    /// `written` is set.
    pub tera: tera::Tera,
    /// The templates as written, when `tera` holds minified or rewritten
    /// ones: a rendering error is reported from these, at its real line and
    /// column.
    pub written: Option<tera::Tera>,
    /// The templates were minified before rendering (the fast path): pages
    /// need no minifying but for their Markdown.
    preminified: bool,
    /// Notes for the author: a construct of the site's or its theme's
    /// templates that turns a fast path off (docs/templates.md). Said once
    /// per compile.
    pub notes: Vec<Diagnostic>,
    /// Calls of list templates whose output the renderer may store per
    /// item and language (see `cards`).
    pub cards: Vec<Card>,
    /// The texts `tera` was compiled from, when minified (the fast path):
    /// what each language's copy is made from (`for_language`).
    texts: Vec<(String, String)>,
    /// Where in `texts` the language's values are written.
    slots: specialize::Slots,
    /// Copies made for languages, by the values written into them
    /// (`specialize::Slots::inputs`).
    languages: std::sync::Mutex<Vec<LanguageCopy>>,
}

impl Templates {
    /// The templates are minified already: rendered pages need no minifying
    /// but for their Markdown.
    pub fn preminified(&self) -> bool {
        self.preminified
    }

    /// Render a template into bytes (UTF-8: every value Tera writes is a
    /// string); an error points into the template as written.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, tera::Error> {
        self.render_in(&self.tera, name, ctx)
    }

    /// `render` with `tera`, this theme's templates or a language's copy of
    /// them (`for_language`).
    pub fn render_in(&self, tera: &tera::Tera, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, tera::Error> {
        let mut out = Vec::with_capacity(32 * 1024);
        tera.render_to(name, ctx, &mut out).map(|()| out).map_err(|e| match &self.written {
            Some(w) => w.render(name, ctx).err().unwrap_or(e),
            None => e,
        })
    }

    /// The templates for the pages of one language, whose values every one
    /// of its pages gets are `values` (see `specialize`): a copy with those
    /// values written out, or `None` to use `tera`. Copies are kept for
    /// the next build while the theme and the values stay the same.
    pub fn for_language(&self, values: &tera::Context) -> Option<std::sync::Arc<tera::Tera>> {
        if self.texts.is_empty() {
            return None;
        }
        // Looking the values up is all a rebuild with unchanged values costs.
        let key = self.slots.inputs(values);
        let made = || self.languages.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, tera)) = made().iter().find(|(k, _)| *k == key) {
            return Some(tera.clone());
        }
        let texts = specialize::texts(&self.tera, &self.texts, &self.slots, values);
        if texts == self.texts {
            return None;
        }
        // Compiled unlocked: the languages of a build are made in parallel.
        let tera = std::sync::Arc::new(compiled(&texts)?);
        let mut made = made();
        // A site has few languages; a long serve session may see many configs.
        if made.len() >= 16 {
            made.remove(0);
        }
        made.push((key, tera.clone()));
        Some(tera)
    }
}

/// A Tera instance for rendering pages. Its `safe` filter marks a string
/// safe without copying it: Tera's own copies the text into a new string,
/// and `{{ page.content | safe }}` is a page's whole body. Anything else is
/// written as text and marked safe, as Tera's filter does. `typeset`
/// escapes a value and marks the numbers and URLs in it that a line must not
/// break inside (`crate::typeset`): `{{ page.location | typeset }}`.
fn engine() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.register_filter("safe", |v: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        if v.is_string() { v.clone().mark_safe() } else { tera::Value::safe_string(&v.to_string()) }
    });
    tera.register_filter("typeset", |v: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        tera::Value::safe_string(&crate::typeset::escape_and_mark(&text))
    });
    tera
}

/// Tera with the templates `texts` (name, text), if they compile.
fn compiled(texts: &[(String, String)]) -> Option<tera::Tera> {
    let mut tera = engine();
    tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).ok()?;
    Some(tera)
}

/// Compile the templates into Tera, reporting every syntax error with its
/// position, and a missing page template by name. With `minify`, the
/// templates are minified once here when that is safe (see `minify`).
///
/// `fast` false turns off the fast paths that rewrite the templates
/// (constant components, stored list items, per-language copies; the
/// templates are still minified once): a test hook, for comparing the
/// pages both ways (`BuildOptions::plain_templates`). Constructs of the
/// site's or its theme's templates that turn a fast path off are reported
/// as notes in `Templates::notes`.
pub fn compile(theme: &Theme, minify: bool, fast: bool, diags: &mut Vec<Diagnostic>) -> Option<Templates> {
    let before = diags.len();
    // Parse each template alone first so that every syntax error is reported,
    // not only the first one.
    for (name, src) in &theme.templates {
        let mut scratch = tera::Tera::new();
        if let Err(e) = scratch.add_raw_template(name, &src.text)
            && let tera::ErrorKind::SyntaxError(r) = e.kind()
        {
            diags.push(report_error(r, src, "template-syntax"));
        }
    }
    for t in PAGE_TEMPLATES {
        let t = &GENERIC_TEMPLATES
            .iter()
            .find(|(w, _)| w == t)
            .map_or_else(|| t.to_string(), |(w, _)| theme.page_template(w).to_string());
        if !theme.templates.contains_key(t) {
            diags.push(
                Diagnostic::error(
                    "template-missing",
                    msg!("template-missing-in-theme", theme = &theme.name, template = t),
                )
                .in_file(format!("themes/{}/templates/{t}", theme.name)),
            );
        }
    }
    if diags.len() > before {
        return None;
    }
    let mut written = engine();
    if let Err(e) = written.add_raw_templates(theme.templates.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()))) {
        diags.push(tera_error(&e, theme, None));
        return None;
    }
    let mut notes = Vec::new();
    let original = || theme.templates.iter().map(|(n, s)| (n.clone(), s.text.to_string())).collect::<Vec<_>>();
    let minified = if minify {
        match minify::templates(theme.templates.iter().map(|(n, s)| (n.as_str(), s.text.as_str()))) {
            Ok(m) => compiled(&m).map(|t| (t, m)),
            Err((name, why)) => {
                if let Some(src) = theme.templates.get(&name).filter(|_| !theme.bundled(&name)) {
                    notes.push(unminifiable_note(src, why));
                }
                None
            }
        }
    } else {
        None
    };
    let preminified = minified.is_some();
    let plain = |tera, written| Templates {
        tera,
        written,
        preminified,
        notes: Vec::new(),
        cards: Vec::new(),
        texts: Vec::new(),
        slots: specialize::slots(&[], &Default::default()),
        languages: Default::default(),
    };
    if !fast {
        return Some(match minified {
            Some((tera, _)) => plain(tera, Some(written)),
            None => plain(written, None),
        });
    }
    // The other fast paths work on the templates as minified, or as
    // written when they are not.
    let (tera, m) = match minified {
        Some(m) => m,
        None => {
            let m = original();
            match compiled(&m) {
                Some(t) => (t, m),
                None => return Some(plain(written, None)),
            }
        }
    };
    // Errors are reported from `written`, so constant component calls
    // can be written out here without moving any error's position.
    // List items stored per item (see `cards`), likewise; `tera`
    // has the components' signatures, which inlining leaves alone.
    let inlined = constant::inline(&tera, &m);
    let (carded, cards) = cards::rewrite(&tera, &inlined, &cards::bindings(&inlined));
    let (tera, cards, texts) = if let Some(t) = compiled(&carded) {
        (t, cards, carded)
    } else if let Some(t) = compiled(&inlined) {
        (t, Vec::new(), inlined)
    } else {
        (tera, Vec::new(), m)
    };
    let slots = specialize::slots(&texts, &cards::bindings(&texts));
    notes.extend(shadowing_note(theme));
    let languages = Default::default();
    Some(Templates { tera, written: Some(written), preminified, notes, cards, texts, slots, languages })
}

/// The note a build gives when a template kept the theme from being
/// minified before rendering: the build is right, only slower.
fn unminifiable_note(src: &SourceFile, why: minify::Refused) -> Diagnostic {
    let d = Diagnostic::remark("template-not-preminified", msg!("template-not-preminified", template = &src.path));
    let d = match why {
        minify::Refused::InTag(range) => d.at(src, range).label(msg!("template-not-preminified-label")),
        minify::Refused::TooDeep => d.in_file(&src.path).note(msg!("template-not-preminified-deep")),
        minify::Refused::Changed => d.in_file(&src.path).note(msg!("template-not-preminified-changed")),
    };
    d.note(msg!("template-not-preminified-help"))
}

/// The note a build gives when a template of the site or its theme binds
/// the name of a value every page of a language shares (`{% set t = … %}`,
/// or a loop variable that reaches other templates): those values are then
/// looked up on every page, and list items whose component asks for them
/// are rendered on every page. The first such binding, once.
fn shadowing_note(theme: &Theme) -> Option<Diagnostic> {
    let own: Vec<(String, String)> = theme
        .templates
        .iter()
        .filter(|(n, _)| !theme.bundled(n))
        .map(|(n, s)| (n.clone(), s.text.to_string()))
        .collect();
    let bound = cards::bindings(&own);
    let (name, (t, range)) =
        PER_LANGUAGE.iter().filter_map(|n| Some((*n, bound.place(n)?))).min_by_key(|(_, (t, r))| (*t, r.start))?;
    let src = theme.templates.get(&own[t].0)?;
    Some(
        Diagnostic::remark("template-hides-language-value", msg!("template-hides-language-value", name = name))
            .at(src, range)
            .label(msg!("template-hides-language-value-label", name = name))
            .note(msg!("template-hides-language-value-help")),
    )
}

fn report_error(r: &tera::ReportError, src: &SourceFile, code: &'static str) -> Diagnostic {
    let span = r.span();
    let range = span.range.clone();
    Diagnostic::error(code, msg!("template-problem", detail = r.message())).at(src, range).label(msg!("label-here"))
}

/// Turn any Tera error into a diagnostic in the right template file.
pub fn tera_error(e: &tera::Error, theme: &Theme, rendering: Option<&str>) -> Diagnostic {
    let mut d = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            match theme.templates.get(r.filename()) {
                Some(src) => report_error(r, src, "template-error"),
                None => Diagnostic::error("template-error", msg!("template-problem", detail = r.message()))
                    .in_file(r.filename()),
            }
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            Diagnostic::error("template-error", msg!("template-missing-parent", template = current, parent = parent))
                .in_file(shown(theme, current))
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error("template-missing", msg!("template-not-found", template = name))
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => cycle(theme, tpl, include_chain, "include"),
        tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => cycle(theme, tpl, inheritance_chain, "extends"),
        tera::ErrorKind::Msg(text) => located::from_reports(text, theme)
            .unwrap_or_else(|| Diagnostic::error("template-error", msg!("template-problem", detail = text))),
        other => Diagnostic::error("template-error", msg!("template-problem", detail = other.to_string())),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        d = d.note(msg!("detail", detail = s.to_string()));
        source = s.source();
    }
    if let Some(what) = rendering {
        d = d.note(msg!("template-while-rendering", what = what));
    }
    d
}

/// A template that includes or extends itself, through others or not: an
/// error at its first `include`/`extends` of the next template in the loop.
fn cycle(theme: &Theme, tpl: &str, chain: &[String], tag: &str) -> Diagnostic {
    let names = chain.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" -> ");
    let message = msg!("template-cycle", template = tpl, tag = tag, chain = names);
    let Some(src) = theme.templates.get(tpl) else {
        return Diagnostic::error("template-cycle", message).in_file(shown(theme, tpl));
    };
    let next = chain.iter().skip_while(|n| *n != tpl).nth(1).or(chain.get(1)).map_or(tpl, String::as_str);
    let range = located::tag_naming(&src.text, tag, next).unwrap_or(0..0);
    Diagnostic::error("template-cycle", message).at(src, range).label(msg!(
        "template-cycle-label",
        tag = tag,
        next = next
    ))
}

fn shown(theme: &Theme, name: &str) -> PathBuf {
    theme.templates.get(name).map_or_else(|| PathBuf::from(name), |s| s.path.clone())
}

#[cfg(test)]
mod tests {
    /// The `safe` filter of the rendering engine writes what Tera's own
    /// writes, for strings and for anything else.
    #[test]
    fn the_safe_filter_writes_what_teras_writes() {
        let text = "{{ s | safe }} {{ long | safe }} {{ n | safe }} {{ list | safe }} {{ s }} {{ m.k | safe }}";
        let mut ctx = tera::Context::new();
        ctx.insert("s", "<b>&</b>");
        ctx.insert("long", &"<p>日本語 & more</p>".repeat(8));
        ctx.insert("n", &3.5);
        ctx.insert("list", &["<a>", "b"]);
        ctx.insert("m", &std::collections::BTreeMap::from([("k", "<i>")]));
        let mut ours = super::engine();
        ours.add_raw_template("t.html", text).unwrap();
        let mut teras = tera::Tera::new();
        teras.add_raw_template("t.html", text).unwrap();
        let a = ours.render("t.html", &ctx).unwrap();
        assert_eq!(a, teras.render("t.html", &ctx).unwrap());
        assert!(a.starts_with("<b>&</b> <p>日本語 & more</p>") && a.contains("&lt;b&gt;"), "{a}");
    }

    /// The bundled theme keeps template tags out of HTML tags, so its
    /// templates are minified once (the fast path; see `minify`).
    #[test]
    fn the_default_theme_is_minified_once() {
        let files = super::embedded_files();
        let templates: Vec<(String, String)> = files
            .iter()
            .filter_map(|f| {
                let name = f.rel.strip_prefix("templates/")?;
                let super::ThemeBytes::Embedded(b) = f.bytes else { return None };
                Some((name.to_string(), String::from_utf8(b.to_vec()).ok()?))
            })
            .collect();
        assert!(templates.len() >= super::PAGE_TEMPLATES.len());
        for (name, text) in &templates {
            assert!(super::minify::template(text).is_some(), "{name} cannot be minified before rendering");
        }
    }
}
