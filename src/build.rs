//! The pipeline, start to end: config -> theme -> content -> site model ->
//! Markdown -> render -> write. `check` and `build` keep nothing for a next
//! build and render page by page (`page_by_page`); `serve` keeps each stage's
//! results to rebuild from (`generate_with`). Both render every output with
//! the same code, and give the same files and diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::incremental::{CachedTheme, Caches, Last, LastParts};
use crate::msg;
use crate::output::{Collect, Sink};
use crate::render::{Keys, OutputCache, OutputFile, Plan, RenderInput, hash_of};
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
    /// A test hook: render with the templates only minified, without the
    /// fast paths that rewrite them (constant components, stored list
    /// items, per-language copies; docs/templates.md). The pages must be
    /// the same bytes either way; tests build both and compare.
    pub plain_templates: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.site_dir.join("public"))
    }
}

/// A generated site, held in memory.
pub struct Generated {
    pub site: Arc<Site>,
    pub files: Vec<OutputFile>,
}

/// Run every stage, keeping the files in memory. Returns the site if there
/// were no errors; the diagnostics hold warnings either way.
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
    let sink = Collect::default();
    let (site, diags) = run(opts, caches, changed, &sink);
    let Some(site) = site else {
        return (None, diags);
    };
    let keyed = sink.into_files();
    let files = keyed.iter().map(|(_, f)| f.clone()).collect();
    caches.outputs.replace(keyed);
    (Some(Generated { site, files }), diags)
}

/// Every stage, the rendered files going to `sink`. No site when there were
/// errors (or warnings, with `--deny-warnings`).
fn run(
    opts: &BuildOptions,
    caches: &mut Caches,
    changed: Option<&[PathBuf]>,
    sink: &dyn Sink,
) -> (Option<Arc<Site>>, Diagnostics) {
    let mut diags = Vec::new();
    caches.plain_templates = opts.plain_templates;
    let built = stages(opts, caches, changed, sink, &mut diags);
    let mut all = Diagnostics::new();
    all.extend(diags);
    all.sort();
    let failed = all.has_errors() || (opts.deny_warnings && all.warning_count() > 0);
    let (site, parts) = built.map_or((None, None), |(s, p)| (Some(s), p));
    // A failed build keeps nothing: the next one starts from scratch.
    caches.last = parts.filter(|_| !failed).map(|p| Last::new(p, all.iter().cloned().collect()));
    (site.filter(|_| !failed), all)
}

/// The build's "now": `--as-of` (a date is the start of that day in the
/// site's time zone), or the current time.
pub(crate) fn as_of(opts: &BuildOptions, tz: &jiff::tz::TimeZone) -> Result<jiff::Timestamp, Diagnostic> {
    match &opts.as_of {
        None => Ok(jiff::Timestamp::now()),
        Some(s) => crate::time::parse_as_of(s, tz)
            .map_err(|e| Diagnostic::error("as-of-invalid", msg!("as-of-invalid", problem = e))),
    }
}

fn stages(
    opts: &BuildOptions,
    caches: &mut Caches,
    changed: Option<&[PathBuf]>,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Arc<Site>, Option<LastParts>)> {
    let site_dir = &opts.site_dir;
    if !site_dir.is_dir() {
        diags.push(
            Diagnostic::error("site-missing", msg!("site-missing", dir = site_dir)).note(msg!("site-missing-note")),
        );
        return None;
    }
    let mut laps = Laps::from_env();
    let mut config = crate::config::load(site_dir, diags)?;
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    let as_of = match as_of(opts, &config.timezone) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    diags.extend(crate::config::contrast_warnings(&config));
    laps.lap("config");
    let (theme, sources) = caches.theme_and_content(site_dir, &config, changed, diags);
    laps.lap("theme and content");
    let theme = theme?;
    let site = crate::site::build(
        SiteInput {
            config,
            sources,
            as_of,
            drafts: opts.drafts,
            site_dir,
            theme_statics: theme.theme.statics.clone(),
            theme_name: theme.theme.name.clone(),
        },
        diags,
    );
    laps.lap("site model");
    let minify_bodies = site.config.minify && theme.templates.as_ref().is_some_and(|t| t.preminified());
    if caches.one_shot
        && let Some(templates) = &theme.templates
    {
        let site = page_by_page(opts, site, &theme, templates, minify_bodies, as_of, sink, diags, &mut laps)?;
        return Some((site, None));
    }
    let bodies = caches.markdown.render_all(&site, minify_bodies, diags);
    diags.extend(crate::jsonld::validate(&site));
    laps.lap("markdown");
    let templates = theme.templates.clone()?;
    let stop = diags.iter().any(|d| d.is_error() || opts.deny_warnings);
    if stop {
        return None;
    }
    let keys = Keys::new(&site, &bodies, theme_key(&theme, as_of));
    let plan = Plan::new(&site, &theme.theme);
    let site = Arc::new(site);
    let input = RenderInput {
        site: &site,
        theme: &theme.theme,
        templates: &templates,
        bodies: &bodies,
        keys: &keys,
        own: None,
    };
    crate::render::render(&input, &plan, None, &caches.outputs, sink, diags);
    crate::render::render_machine_readable(&input, None, true, &caches.outputs, sink, diags);
    laps.lap("render");
    let parts = (!caches.one_shot).then(|| LastParts {
        site: site.clone(),
        bodies,
        keys,
        plan,
        theme,
        as_of,
        drafts: opts.drafts,
        base_url: opts.base_url.clone(),
    });
    Some((site, parts))
}

/// The rest of a one-off build (`build`, `check`: nothing is kept for a
/// next one), page by page: each page's file is read again (the content stage
/// kept only its front matter), its Markdown rendered and its own page and
/// calendar file made right away, on every core, its file's text and HTML
/// dropped as soon as nothing needs them; then the lists, feeds and
/// sitemap. The whole site's Markdown and HTML are never held at once, so
/// memory grows with the site's lists, not with its text. The outputs and
/// diagnostics are those of the staged path (`render_all`, then `render`).
#[allow(clippy::too_many_arguments)]
fn page_by_page(
    opts: &BuildOptions,
    site: Site,
    theme: &CachedTheme,
    templates: &crate::theme::Templates,
    minify: bool,
    as_of: jiff::Timestamp,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
    laps: &mut Laps,
) -> Option<Arc<Site>> {
    diags.extend(crate::jsonld::validate(&site));
    // Two single-threaded steps at once.
    let (plan, links) = rayon::join(|| Plan::new(&site, &theme.theme), || crate::markdown::Links::new(&site));
    let mut keys = Keys::shared(&site, theme_key(theme, as_of));
    // Pages whose HTML other outputs show: welcome messages (home) and feed entries.
    let mut shown_whole = vec![false; site.pages.len()];
    for (lang, l) in site.langs.iter().enumerate() {
        for i in l.welcome.into_iter().chain(crate::feeds::feed_items(&site, lang)) {
            shown_whole[i] = true;
        }
    }
    let pages = crate::render::PageByPage::new(&site, &theme.theme, templates, &plan, &keys);
    let done: Vec<_> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let p = &site.pages[i];
            let source = match crate::content::reread(&opts.site_dir, &site.config.files, &p.src) {
                Ok(source) => source,
                Err(d) => return (Arc::new(crate::markdown::Rendered::default()), vec![d], None, 0, 0),
            };
            let (mut body, found) = crate::markdown::render_source(p, &source, &links, minify);
            let front = crate::content::front_of(&source, p.src.body_start);
            let page_key = Keys::page(&site, i, &body);
            let item_key = Keys::item(&site, i, front, &body);
            drop(source);
            let failed = pages.render(i, &body, page_key, sink).err();
            if !shown_whole[i] {
                body.forget_text();
            }
            (Arc::new(body), found, failed, page_key, item_key)
        })
        .collect();
    let rest = pages.rest();
    drop(pages);
    let mut bodies = Vec::with_capacity(done.len());
    // Template and write errors of the pages' own outputs.
    let mut failures = Vec::new();
    for (body, found, failed, page_key, item_key) in done {
        bodies.push(body);
        diags.extend(found);
        failures.extend(failed);
        keys.pages.push(page_key);
        keys.items.push(item_key);
    }
    laps.lap("markdown, pages");
    // As on the staged path, templates are reported only for sound content.
    if diags.iter().any(|d| d.is_error() || opts.deny_warnings) {
        return None;
    }
    diags.extend(failures);
    let site = Arc::new(site);
    let input = RenderInput { site: &site, theme: &theme.theme, templates, bodies: &bodies, keys: &keys, own: None };
    crate::render::render(&input, &plan, Some(&rest), &OutputCache::default(), sink, diags);
    laps.lap("lists");
    crate::render::render_machine_readable(&input, None, false, &OutputCache::default(), sink, diags);
    laps.lap("feeds, sitemap, calendars");
    free_aside((bodies, keys, plan, rest));
    Some(site)
}

/// Drop `value` on a thread of its own. A one-off build frees its site
/// model and rendered Markdown only as it ends; on its own thread that
/// no longer delays the result (about 10 ms at 10,000 pages).
fn free_aside<T: Send + 'static>(value: T) {
    // Should the thread not start, the value is dropped here.
    let _ = std::thread::Builder::new().name("alumni-free".into()).spawn(move || drop(value));
}

/// What the theme puts into every output's key.
pub(crate) fn theme_key(theme: &CachedTheme, as_of: jiff::Timestamp) -> u64 {
    hash_of((theme.revision, theme.shows_now.then_some(as_of)))
}

/// Stage durations on stderr when `ALUMNI_TIMINGS` is set: for profiling
/// builds without a profiler.
struct Laps {
    last: Option<Instant>,
    /// CPU time (user and system) at the last lap, where the system tells it.
    cpu: Option<u64>,
}

impl Laps {
    fn from_env() -> Laps {
        let on = std::env::var_os("ALUMNI_TIMINGS").is_some();
        Laps { last: on.then(Instant::now), cpu: on.then(cpu_millis).flatten() }
    }

    /// Print the stage's wall time, the CPU time of all threads in it (more
    /// than the wall time when it ran on several cores) and the resident
    /// memory after it.
    fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
                .map_or_else(String::new, |pages| format!(", {:>5} MB resident", pages * 4096 / 1_000_000));
            let now = cpu_millis();
            let cpu = match (self.cpu, now) {
                (Some(a), Some(b)) => format!(", {:>6} ms CPU", b.saturating_sub(a)),
                _ => String::new(),
            };
            eprintln!("{stage:>28}: {:>8.1} ms{cpu}{rss}", last.elapsed().as_secs_f64() * 1000.0);
            self.last = Some(Instant::now());
            self.cpu = now;
        }
    }
}

/// User and system time of this process so far, in milliseconds (Linux:
/// `/proc/self/stat`, in clock ticks of 10 ms).
fn cpu_millis() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: utime and
    // stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut f = rest.split_whitespace().skip(11);
    let (user, sys): (u64, u64) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    Some((user + sys) * 10)
}

/// What a successful build reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// HTML pages written.
    pub pages: usize,
    /// Every file written, pages included.
    pub files: usize,
    /// Files unchanged since the previous build, linked from it instead of written.
    pub kept: usize,
    pub millis: u128,
}

/// Generate and write the site. The output is replaced only when the whole
/// build succeeded.
pub fn build(opts: &BuildOptions) -> (Option<BuildSummary>, Diagnostics) {
    let start = Instant::now();
    let output = opts.output_dir();
    // What the output keeps is read before the build (the config is read
    // again, and its errors reported, by the build itself).
    let keep = crate::config::load(&opts.site_dir, &mut Vec::new()).map(|c| c.output_keep).unwrap_or_default();
    let staging = crate::output::Staging::begin(&opts.site_dir, &output, &keep);
    let staging = match staging {
        Ok(s) => s,
        Err(d) => {
            let mut diags = Diagnostics::new();
            diags.push(d);
            return (None, diags);
        }
    };
    let mut caches = Caches::one_shot();
    let (site, mut diags) = run(opts, &mut caches, None, &staging);
    let Some(site) = site else {
        return (None, diags); // dropping `staging` removes it
    };
    let mut laps = Laps::from_env();
    match staging.commit(&site.static_files, &site.config.files) {
        Ok(w) => {
            laps.lap("write static files, swap");
            let summary = BuildSummary {
                output,
                pages: w.pages,
                files: w.files,
                kept: w.kept,
                millis: start.elapsed().as_millis(),
            };
            free_aside((site, caches));
            crate::output::remove_old(&w);
            laps.lap("remove the previous output");
            (Some(summary), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// Validate everything `build` validates (templates are rendered too),
/// writing nothing.
pub fn check(opts: &BuildOptions) -> Diagnostics {
    let mut caches = Caches::one_shot();
    let (site, diags) = run(opts, &mut caches, None, &crate::output::Discard);
    free_aside((site, caches));
    diags
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
