//! The quick rebuild: after an edit that changed only the text of some
//! pages (their front matter is byte for byte the same), the model of the
//! site cannot have changed: same pages, URLs, lists, tags and links. Only
//! those pages' Markdown is rendered again, and only the outputs that show
//! it (the page, the lists and feeds it appears in). Anything else takes the
//! full (cached) path.

use std::path::PathBuf;
use std::sync::Arc;

use super::caches::{Caches, Last};
use crate::build::BuildOptions;
use crate::diag::Diagnostic;
use crate::markdown::{LinkIndex, Links};
use crate::output::Collect;
use crate::render::{Keys, OutputFile, RenderInput};

/// What a quick rebuild made: the outputs it rendered again and the
/// warnings of the whole site.
pub(crate) struct Quick {
    pub(crate) files: Vec<OutputFile>,
    pub(crate) diags: Vec<Diagnostic>,
}

/// Rebuild quickly if `changed` (paths relative to the site folder) allows
/// it; `None` when the full path must run.
pub(crate) fn rebuild(opts: &BuildOptions, caches: &mut Caches, changed: &[PathBuf]) -> Option<Quick> {
    let last = caches.last.as_ref()?;
    if changed.is_empty() || !same_options(opts, last) {
        return None;
    }
    // Only Markdown files of content/ (no config, template or static file).
    if !changed.iter().all(|p| p.starts_with("content") && p.extension().is_some_and(|e| e == "md")) {
        return None;
    }
    let now = crate::build::as_of(opts, &last.build.site.config.timezone).ok()?;
    if now != last.build.as_of {
        return None;
    }
    let config = last.build.site.config.clone();
    if !caches.content.refresh(&opts.site_dir, &config, changed) {
        return None;
    }
    let edits = text_edits(caches, changed)?;

    let last = caches.last.as_mut()?;
    let links = last.links.get_or_insert_with(|| Arc::new(LinkIndex::new(&last.build.site))).clone();
    let minify = last.build.site.config.minify && last.build.theme.templates.as_ref().is_some_and(|t| t.preminified());
    // Render the new text against the unchanged site; a problem in it (a
    // broken link) is for the full path to report.
    let mut rendered = Vec::with_capacity(edits.len());
    for (i, src) in &edits {
        let mut page = last.build.site.pages[*i].clone();
        page.src = src.clone();
        let (body, d) = caches.markdown.render_one(&page, &Links::with_index(&last.build.site, links.clone()), minify);
        if d.iter().any(Diagnostic::is_error) {
            return None;
        }
        rendered.push((*i, body, d));
    }
    let site = Arc::get_mut(&mut last.build.site)?;
    let mut pages = Vec::with_capacity(rendered.len());
    for ((i, src), (_, body, d)) in edits.into_iter().zip(rendered) {
        site.pages[i].src = src;
        last.build.bodies[i] = body;
        last.build.keys.pages[i] = Keys::page(site, i, &last.build.bodies[i]);
        last.build.keys.items[i] = Keys::item(site, i, site.pages[i].src.front(), &last.build.bodies[i]);
        let path = site.pages[i].src.path().to_path_buf();
        let mut file_diags = caches.content.file(&path).map(|(_, d)| d.to_vec()).unwrap_or_default();
        file_diags.extend(d);
        file_diags.extend(crate::jsonld::validate_page(&site.pages[i]));
        last.file_diags.insert(path, file_diags);
        pages.push(i);
    }
    Some(render(caches, &pages))
}

/// The pages whose text (and only text) changed: their index in the last
/// build and their new source. `None` when anything else changed.
fn text_edits(caches: &Caches, changed: &[PathBuf]) -> Option<Vec<(usize, Arc<crate::content::SourcePage>)>> {
    let last = caches.last.as_ref()?;
    let mut edits = Vec::with_capacity(changed.len());
    for path in changed {
        let &i = last.index.get(path)?;
        let (new, diags) = caches.content.file(path)?;
        let new = new?;
        if diags.iter().any(Diagnostic::is_error) {
            return None;
        }
        let old = &last.build.site.pages[i].src;
        if front_matter(old) != front_matter(new) {
            return None;
        }
        if !edits.iter().any(|(j, _)| *j == i) {
            edits.push((i, new.clone()));
        }
    }
    Some(edits)
}

fn front_matter(s: &crate::content::SourcePage) -> &str {
    &s.source.text[..s.body_start]
}

fn same_options(opts: &BuildOptions, last: &Last) -> bool {
    opts.drafts == last.build.drafts && opts.base_url == last.build.base_url
}

/// Render the outputs that show `pages` again and update the cache of
/// outputs with them.
fn render(caches: &mut Caches, pages: &[usize]) -> Quick {
    let last = caches.last.as_ref().expect("checked by the caller");
    let templates = last.build.theme.templates.clone().expect("the last build had templates");
    let keys = &last.build.keys;
    let mut jobs: Vec<usize> = pages.iter().flat_map(|&i| last.build.plan.showing(i).iter().copied()).collect();
    jobs.sort_unstable();
    jobs.dedup();
    let input = RenderInput {
        site: &last.build.site,
        theme: &last.build.theme.theme,
        templates: &templates,
        bodies: &last.build.bodies,
        own: None,
        keys,
    };
    let sink = Collect::default();
    let mut diags = Vec::new();
    crate::render::render(&input, &last.build.plan, Some(&jobs), &caches.outputs, &sink, &mut diags);
    crate::render::render_machine_readable(&input, Some(pages), true, &caches.outputs, &sink, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        // A template fails on the new text: report it, and let the next
        // rebuild start from scratch.
        caches.last = None;
        return Quick { files: Vec::new(), diags };
    }
    let keyed = sink.into_files();
    let files = keyed.iter().map(|(_, f)| f.clone()).collect();
    caches.outputs.update(keyed);
    let mut all = last.diags();
    all.extend(diags);
    Quick { files, diags: all }
}
