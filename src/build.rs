//! The pipeline, start to end: config -> theme -> content -> site model ->
//! Markdown -> render -> write. `generate` does everything but writing, so
//! `check`, `build` and `serve` share one path.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{Links, Rendered};
use crate::render::{OutputFile, RenderInput};
use crate::site::{Site, SiteInput};

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

/// Run every stage except writing. Returns the site if there were no errors;
/// the diagnostics hold warnings either way.
pub fn generate(opts: &BuildOptions) -> (Option<Generated>, Diagnostics) {
    let mut diags = Vec::new();
    let generated = run(opts, &mut diags);
    let mut all = Diagnostics::new();
    all.extend(diags);
    all.sort();
    if all.has_errors() {
        return (None, all);
    }
    (generated, all)
}

fn run(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Option<Generated> {
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
    let theme = crate::theme::load(site_dir, &config, diags);
    let tera = theme.as_ref().and_then(|t| crate::theme::compile(t, diags));
    let sources = crate::content::load(site_dir, &config, diags);
    let theme = theme?;
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
    let bodies = render_markdown(&site, diags);
    let tera = tera?;
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let mut files =
        crate::render::render(&RenderInput { site: &site, theme: &theme, tera: &tera, bodies: &bodies }, diags);
    files.extend(machine_readable(&site, &bodies));
    diags.extend(crate::jsonld::validate(&site));
    Some(Generated { site, files })
}

fn render_markdown(site: &Site, diags: &mut Vec<Diagnostic>) -> Vec<Rendered> {
    let links = Links::new(site);
    let results: Vec<(Rendered, Vec<Diagnostic>)> =
        site.pages.par_iter().map(|p| crate::markdown::render(p, &links)).collect();
    let mut bodies = Vec::with_capacity(results.len());
    for (r, d) in results {
        diags.extend(d);
        bodies.push(r);
    }
    bodies
}

/// Feeds, sitemap, robots.txt and calendars.
fn machine_readable(site: &Site, bodies: &[Rendered]) -> Vec<OutputFile> {
    let mut files = crate::feeds::sitemap(site);
    let descriptions: Vec<String> = bodies.iter().map(|b| b.plain_text.clone()).collect();
    for lang in 0..site.langs.len() {
        files.push(crate::feeds::atom(site, lang, bodies));
        let prefix = &site.langs[lang].prefix;
        let ics = crate::ics::calendar(site, lang, &descriptions);
        files.push(OutputFile { path: format!("{prefix}events/calendar.ics"), bytes: ics.into_bytes() });
    }
    for (i, p) in site.pages.iter().enumerate() {
        if matches!(p.src.kind, crate::content::Kind::Event(_)) {
            let ics = crate::ics::event_file(site, p, &descriptions[i]);
            files.push(OutputFile { path: p.ics_path(), bytes: ics.into_bytes() });
        }
    }
    files
}

/// What a successful build reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// HTML pages among `files`.
    pub pages: usize,
    /// Every file written (pages, feeds, calendars, static files).
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
                pages: g.files.iter().filter(|f| f.path.ends_with(".html")).count(),
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
