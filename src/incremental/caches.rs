//! What a build keeps for the next one: parsed content, rendered Markdown,
//! the compiled theme, every output with its key, and the model of the last
//! successful build. `build` and `check` use a one-shot set that gives
//! memory back as soon as a stage is done with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use crate::config::{BaseUrl, Config};
use crate::content::{ContentCache, SourcePage};
use crate::diag::Diagnostic;
use crate::markdown::{LinkIndex, MarkdownCache, Rendered};
use crate::render::{Keys, OutputCache, Plan};
use crate::site::Site;
use crate::theme::{Templates, Theme};

/// What a build can reuse from the previous one: `serve` keeps one between
/// rebuilds, `build` and `check` start from an empty one.
#[derive(Default)]
pub struct Caches {
    pub(crate) content: ContentCache,
    pub(crate) theme: Option<CachedTheme>,
    theme_revision: u64,
    pub(crate) markdown: MarkdownCache,
    pub(crate) outputs: OutputCache,
    /// The last successful build, for rebuilds after an edit of text only.
    pub(crate) last: Option<Last>,
    /// Nothing is reused later (`build`, `check`): memory is given back as
    /// soon as a stage is done with it.
    pub(crate) one_shot: bool,
    /// Render with the fast paths that rewrite templates off
    /// (`BuildOptions::plain_templates`, a test hook).
    pub(crate) plain_templates: bool,
}

#[derive(Clone)]
pub(crate) struct CachedTheme {
    config_text: Arc<String>,
    pub(crate) theme: Arc<Theme>,
    pub(crate) templates: Option<Arc<Templates>>,
    diags: Vec<Diagnostic>,
    pub(crate) revision: u64,
    /// A template shows the build's "now", so every build differs.
    pub(crate) shows_now: bool,
}

/// The last successful build: its model and everything rendering it needed.
pub(crate) struct Last {
    pub(crate) build: LastParts,
    /// Page index by source path.
    pub(crate) index: HashMap<PathBuf, usize>,
    /// Links' targets, made when first needed.
    pub(crate) links: Option<Arc<LinkIndex>>,
    /// Its warnings: those about one content file by file, the others apart.
    pub(crate) file_diags: HashMap<PathBuf, Vec<Diagnostic>>,
    pub(crate) other_diags: Vec<Diagnostic>,
}

impl Last {
    /// Keep the model of a build that succeeded with `diags` (warnings).
    pub(crate) fn new(build: LastParts, diags: Vec<Diagnostic>) -> Last {
        let index: HashMap<PathBuf, usize> =
            build.site.pages.iter().enumerate().map(|(i, p)| (p.src.path().to_path_buf(), i)).collect();
        let mut file_diags: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        let mut other_diags = Vec::new();
        // Notes were said once; a rebuild does not repeat them.
        for d in diags.into_iter().filter(|d| d.severity != crate::diag::Severity::Note) {
            match d.file.as_ref().filter(|f| index.contains_key(f.as_path())) {
                Some(f) => file_diags.entry(f.clone()).or_default().push(d),
                None => other_diags.push(d),
            }
        }
        Last { build, index, links: None, file_diags, other_diags }
    }

    /// Every warning of the build, in no particular order.
    pub(crate) fn diags(&self) -> Vec<Diagnostic> {
        self.other_diags.iter().chain(self.file_diags.values().flatten()).cloned().collect()
    }
}

/// What a build that succeeded leaves for the next one.
pub(crate) struct LastParts {
    pub(crate) site: Arc<Site>,
    pub(crate) bodies: Vec<Arc<Rendered>>,
    pub(crate) keys: Keys,
    pub(crate) plan: Plan,
    pub(crate) theme: CachedTheme,
    /// The options it was built with.
    pub(crate) as_of: Timestamp,
    pub(crate) drafts: bool,
    pub(crate) base_url: Option<BaseUrl>,
}

impl Caches {
    /// Caches for a single build that keeps nothing afterwards.
    pub fn one_shot() -> Caches {
        Caches { one_shot: true, content: ContentCache::one_shot(), ..Caches::default() }
    }

    /// The theme and the site's pages, read at the same time (compiling
    /// the templates takes one core while the content folder is walked).
    /// A one-off build with working templates renders page by page and reads
    /// each file again there, so only the front matter is read here; should
    /// the templates fail, the pages are read whole after all, as every
    /// other build reads them.
    pub(crate) fn theme_and_content(
        &mut self,
        site_dir: &Path,
        config: &Config,
        changed: Option<&[PathBuf]>,
        diags: &mut Vec<Diagnostic>,
    ) -> (Option<CachedTheme>, Vec<Arc<SourcePage>>) {
        let Caches { content, theme: slot, theme_revision, one_shot, plain_templates, .. } = self;
        let (mut theme_diags, mut content_diags) = (Vec::new(), Vec::new());
        content.front_only(*one_shot);
        let (theme, mut sources) = rayon::join(
            || load_theme(slot, theme_revision, site_dir, config, changed, !*plain_templates, &mut theme_diags),
            || content.load(site_dir, config, changed, &mut content_diags),
        );
        if *one_shot && theme.as_ref().is_none_or(|t| t.templates.is_none()) {
            content_diags.clear();
            *content = ContentCache::one_shot();
            content.front_only(false);
            sources = content.load(site_dir, config, changed, &mut content_diags);
        }
        diags.extend(theme_diags);
        diags.extend(content_diags);
        if *one_shot {
            *content = ContentCache::default();
        }
        (theme, sources)
    }
}

/// The theme and its compiled templates, loaded again only when a
/// template, a theme file or the config changed.
fn load_theme(
    slot: &mut Option<CachedTheme>,
    revision: &mut u64,
    site_dir: &Path,
    config: &Config,
    changed: Option<&[PathBuf]>,
    fast: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<CachedTheme> {
    let touches_theme = changed.is_none_or(|paths| {
        paths.iter().any(|p| p.starts_with("templates") || p.starts_with("themes") || p.starts_with("i18n"))
    });
    let fresh = slot.as_ref().is_some_and(|t| !touches_theme && t.config_text == config.source.text);
    if !fresh {
        let mut d = Vec::new();
        let loaded = crate::theme::load(site_dir, config, &mut d);
        *slot = loaded.map(|theme| {
            let templates = crate::theme::compile(&theme, config.minify, fast, &mut d).map(Arc::new);
            // Notes are said once, when the templates are compiled, not
            // again on every rebuild that reuses them.
            diags.extend(templates.iter().flat_map(|t| t.notes.iter().cloned()));
            *revision += 1;
            CachedTheme {
                config_text: config.source.text.clone(),
                shows_now: theme.templates.values().any(|s| s.text.contains("as_of")),
                theme: Arc::new(theme),
                templates,
                diags: d.clone(),
                revision: *revision,
            }
        });
        if slot.is_none() {
            diags.extend(d);
            return None;
        }
    }
    let t = slot.clone()?;
    diags.extend(t.diags.iter().cloned());
    Some(t)
}
