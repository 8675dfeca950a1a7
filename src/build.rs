//! The pipeline, start to end: config -> theme -> content -> site model ->
//! Markdown -> render -> write. `generate` does everything but writing, so
//! `check`, `build` and `serve` share one path.

use std::path::{Path, PathBuf};
use std::time::Instant;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use tera::Tera;

use crate::config::{BaseUrl, Config};
use crate::content::ContentCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::MarkdownCache;
use crate::render::{Keys, OutputCache, OutputFile, RenderInput};
use crate::site::{Site, SiteInput};
use crate::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    /// Default: `SITE_DIR/public`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    /// `--as-of`, unparsed (a date needs the site's time zone). None: now.
    pub as_of: Option<String>,
    pub base_url: Option<BaseUrl>,
    /// Warnings fail the build (and keep the previous output).
    pub deny_warnings: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.site_dir.join("public"))
    }
}

/// A generated site, held in memory.
pub struct Generated {
    pub site: Site,
    pub files: Vec<OutputFile>,
}

/// What a build can reuse from the previous one: `serve` keeps one between
/// rebuilds, `build` and `check` start from an empty one.
#[derive(Default)]
pub struct Caches {
    content: ContentCache,
    theme: Option<CachedTheme>,
    theme_revision: u64,
    markdown: MarkdownCache,
    outputs: OutputCache,
}

struct CachedTheme {
    config_text: Arc<str>,
    theme: Arc<Theme>,
    tera: Option<Arc<Tera>>,
    diags: Vec<Diagnostic>,
    revision: u64,
    /// A template shows the build's "now", so every build differs.
    shows_now: bool,
}

/// Run every stage except writing. Returns the site if there were no errors;
/// the diagnostics hold warnings either way.
pub fn generate(opts: &BuildOptions) -> (Option<Generated>, Diagnostics) {
    generate_with(opts, &mut Caches::default(), None)
}

/// `generate`, reusing what `caches` holds from an earlier build. `changed`
/// names the paths (relative to the site folder) changed since then; `None`
/// means anything may have changed.
pub fn generate_with(
    opts: &BuildOptions,
    caches: &mut Caches,
    changed: Option<&[PathBuf]>,
) -> (Option<Generated>, Diagnostics) {
    let mut diags = Vec::new();
    let generated = run(opts, caches, changed, &mut diags);
    let mut all = Diagnostics::new();
    all.extend(diags);
    all.sort();
    if all.has_errors() {
        return (None, all);
    }
    (generated, all)
}

fn run(
    opts: &BuildOptions,
    caches: &mut Caches,
    changed: Option<&[PathBuf]>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Generated> {
    let site_dir = &opts.site_dir;
    if !site_dir.is_dir() {
        diags.push(
            Diagnostic::error("site-missing", format!("{} is not a folder", site_dir.display()))
                .note("expected a site folder with alumni.toml; `alumni new DIR` creates one"),
        );
        return None;
    }
    let mut config = crate::config::load(site_dir, diags)?;
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    let as_of = match &opts.as_of {
        None => jiff::Timestamp::now(),
        Some(s) => match crate::time::parse_as_of(s, &config.timezone) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::error("as-of-invalid", format!("--as-of {e}")));
                return None;
            }
        },
    };
    diags.extend(crate::config::contrast_warnings(&config));
    let theme = caches.theme(site_dir, &config, changed, diags);
    let theme = theme.map(|t| (t.theme.clone(), t.tera.clone(), hash_of((t.revision, t.shows_now.then_some(as_of)))));
    let sources = caches.content.load(site_dir, &config, changed, diags);
    let (theme, tera, theme_key) = theme?;
    let site = crate::site::build(
        SiteInput {
            config,
            sources,
            as_of,
            drafts: opts.drafts,
            site_dir,
            theme_statics: theme.statics.clone(),
            theme_name: theme.name.clone(),
        },
        diags,
    );
    let bodies = caches.markdown.render_all(&site, diags);
    let tera = tera?;
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let keys = Keys::new(&site, &bodies, theme_key);
    let input = RenderInput { site: &site, theme: &theme, tera: &tera, bodies: &bodies, keys: &keys };
    let mut keyed = crate::render::render(&input, &caches.outputs, diags);
    keyed.extend(machine_readable(&input, &caches.outputs));
    diags.extend(crate::jsonld::validate(&site));
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let files = keyed.iter().map(|(_, f)| f.clone()).collect();
    caches.outputs.replace(keyed);
    Some(Generated { site, files })
}

fn hash_of(v: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

impl Caches {
    /// The theme and its compiled templates, loaded again only when a
    /// template, a theme file or the config changed.
    fn theme(
        &mut self,
        site_dir: &Path,
        config: &Config,
        changed: Option<&[PathBuf]>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&CachedTheme> {
        let touches_theme =
            changed.is_none_or(|paths| paths.iter().any(|p| p.starts_with("templates") || p.starts_with("themes")));
        let fresh = self.theme.as_ref().is_some_and(|t| !touches_theme && t.config_text == config.source.text);
        if !fresh {
            let mut d = Vec::new();
            let loaded = crate::theme::load(site_dir, config, &mut d);
            self.theme = loaded.map(|theme| {
                let tera = crate::theme::compile(&theme, &mut d).map(Arc::new);
                self.theme_revision += 1;
                CachedTheme {
                    config_text: config.source.text.clone(),
                    shows_now: theme.templates.values().any(|s| s.text.contains("as_of")),
                    theme: Arc::new(theme),
                    tera,
                    diags: d.clone(),
                    revision: self.theme_revision,
                }
            });
            if self.theme.is_none() {
                diags.extend(d);
                return None;
            }
        }
        let t = self.theme.as_ref()?;
        diags.extend(t.diags.iter().cloned());
        Some(t)
    }
}

/// Feeds, sitemap, robots.txt and calendars, each reused from `cache` while
/// the pages it shows are unchanged.
fn machine_readable(input: &RenderInput<'_>, cache: &OutputCache) -> Vec<(u64, OutputFile)> {
    let (site, keys, bodies) = (input.site, input.keys, input.bodies);
    let descriptions: Vec<&str> = bodies.iter().map(|b| b.plain_text.as_str()).collect();
    let mut out = Vec::new();
    let all_tags: Vec<Vec<&String>> = site.langs.iter().map(|l| l.tags.keys().collect()).collect();
    let sitemap_key = keys.of_pages(hash_of((keys.global, "sitemap", all_tags)), 0..site.pages.len());
    let mut cached_maps = Vec::new();
    for n in 0.. {
        let path = if n == 0 { "sitemap.xml".to_string() } else { format!("sitemap-{n}.xml") };
        match cache.get(&path, sitemap_key) {
            Some(bytes) => cached_maps.push(OutputFile { path, bytes }),
            None if n == 0 => break,
            None => break,
        }
    }
    let robots = cache.get("robots.txt", sitemap_key);
    let maps = match (cached_maps.is_empty(), robots) {
        (false, Some(bytes)) => {
            cached_maps.push(OutputFile { path: "robots.txt".into(), bytes });
            cached_maps
        }
        _ => crate::feeds::sitemap(site),
    };
    out.extend(maps.into_iter().map(|f| (sitemap_key, f)));
    let mut one = |path: String, key: u64, make: &dyn Fn() -> Vec<u8>| {
        let bytes = cache.get(&path, key).unwrap_or_else(|| Arc::from(make()));
        out.push((key, OutputFile { path, bytes }));
    };
    for (lang, l) in site.langs.iter().enumerate() {
        let prefix = &l.prefix;
        let key = keys.of_pages(hash_of((keys.langs[lang], "atom")), crate::feeds::feed_items(site, lang));
        one(format!("{prefix}atom.xml"), key, &|| crate::feeds::atom(site, lang, bodies).bytes.to_vec());
        let key = keys.of_pages(hash_of((keys.langs[lang], "calendar")), l.upcoming.iter().copied());
        one(format!("{prefix}events/calendar.ics"), key, &|| {
            crate::ics::calendar(site, lang, &descriptions).into_bytes()
        });
    }
    for (i, p) in site.pages.iter().enumerate() {
        if matches!(p.src.kind, crate::content::Kind::Event(_)) {
            let key = keys.of_pages(hash_of((keys.global, "ics")), [i]);
            one(p.ics_path(), key, &|| crate::ics::event_file(site, p, descriptions[i]).into_bytes());
        }
    }
    out
}

/// What a successful build reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
}

/// Generate and write the site. The output is replaced only when the whole
/// build succeeded.
pub fn build(opts: &BuildOptions) -> (Option<BuildSummary>, Diagnostics) {
    let start = Instant::now();
    let output = opts.output_dir();
    if let Err(d) = crate::output::check_target(&opts.site_dir, &output) {
        let mut diags = Diagnostics::new();
        diags.push(d);
        return (None, diags);
    }
    let (generated, mut diags) = generate(opts);
    let Some(g) = generated else {
        return (None, diags);
    };
    if opts.deny_warnings && diags.warning_count() > 0 {
        return (None, diags);
    }
    match crate::output::write(&output, &g.files, &g.site.static_files) {
        Ok(w) => {
            let summary = BuildSummary {
                output: output.clone(),
                pages: g.files.len(),
                files: w.files,
                millis: start.elapsed().as_millis(),
            };
            drop(g);
            crate::output::remove_old(&w);
            (Some(summary), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// Validate everything `build` validates, writing nothing.
pub fn check(opts: &BuildOptions) -> Diagnostics {
    generate(opts).1
}

/// Config of a site, for commands that need it before building.
pub fn load_config(site_dir: &Path) -> Result<Config, Diagnostics> {
    let mut d = Vec::new();
    match crate::config::load(site_dir, &mut d) {
        Some(c) => Ok(c),
        None => {
            let mut all = Diagnostics::new();
            all.extend(d);
            Err(all)
        }
    }
}
