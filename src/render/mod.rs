//! Render: turn the site model into output files. Each template gets a small,
//! precomputed view (never the whole site), so rendering a page costs the
//! same however large the site is. Pages render in parallel.

mod keys;
mod machine;
mod plan;
mod view;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::content::Section;
use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Sink;
use crate::site::{HOME_ITEMS, Site};
use crate::theme::{Templates, Theme};

pub use keys::{Keys, hash_of};
pub use machine::render as render_machine_readable;
pub use plan::Plan;
use plan::{Fill, Job, Paging, listed};
use view::{Link, lang_context, language_links, page_view, tag_url, truncate_chars};

/// One file of the output, held in memory until the whole build succeeded.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// Shared with the cache of the previous build when unchanged. A `Vec`
    /// behind the `Arc`, not a slice: a rendered page moves in without a copy.
    pub bytes: Arc<Vec<u8>>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), bytes: Arc::new(bytes.into()) }
    }
}

pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub templates: &'a Templates,
    /// Rendered Markdown, indexed like `site.pages`.
    pub bodies: &'a [Arc<Rendered>],
    /// What each output depends on, to reuse unchanged ones.
    pub keys: &'a Keys,
    /// One page's rendered Markdown, given apart from `bodies` (which may then
    /// be empty): `PageByPage` renders a page's own outputs with it before
    /// the other pages' exist.
    pub own: Option<(usize, &'a Rendered)>,
}

impl RenderInput<'_> {
    /// The rendered Markdown of page `i`.
    fn body(&self, i: usize) -> &Rendered {
        match self.own {
            Some((own, body)) if own == i => body,
            _ => &self.bodies[i],
        }
    }
}

/// Renders each page's own outputs (its page, and its calendar file for an
/// event) as soon as its Markdown is rendered, for a one-off build: the
/// Markdown's HTML then need not be held until every page has it. `render`
/// with the jobs of `rest` and `render_machine_readable` without event
/// files make the other outputs afterwards.
pub struct PageByPage<'a> {
    site: &'a Site,
    theme: &'a Theme,
    templates: &'a Templates,
    plan: &'a Plan,
    /// The keys of the whole build but its pages' (see `Keys::shared`).
    keys: &'a Keys,
    /// Each language's shared template values.
    bases: Bases<'a>,
    /// Each page's own job.
    own_job: Vec<Option<usize>>,
}

impl<'a> PageByPage<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, templates: &'a Templates, plan: &'a Plan, keys: &'a Keys) -> Self {
        let input = RenderInput { site, theme, templates, bodies: &[], keys, own: None };
        let bases = Bases::new(&input);
        let mut own_job = vec![None; site.pages.len()];
        for (j, job) in plan.jobs.iter().enumerate() {
            if let (Fill::Detail, Some(i)) = (&job.fill, job.page) {
                own_job[i] = Some(j);
            }
        }
        PageByPage { site, theme, templates, plan, keys, bases, own_job }
    }

    /// Render page `i`'s own outputs into `sink` from its Markdown `body`;
    /// `key` is the page's key (`Keys::page`).
    pub fn render(&self, i: usize, body: &Rendered, key: u64, sink: &dyn Sink) -> Result<(), Diagnostic> {
        if machine::is_event(self.site, i) {
            let (key, file) = machine::event_file(self.site, i, self.keys.event_file(key), body);
            sink.put(key, file)?;
        }
        let Some(j) = self.own_job[i] else {
            return Ok(());
        };
        let job = &self.plan.jobs[j];
        let (site, theme, templates, keys) = (self.site, self.theme, self.templates, self.keys);
        let input = RenderInput { site, theme, templates, bodies: &[], keys, own: Some((i, body)) };
        let html = render_job(&input, job, self.bases.get(job.lang), &[])?;
        sink.put(keys::detail_key(self.keys, job, key), OutputFile::new(job.out_path.clone(), html))
    }

    /// The jobs `render` leaves: every one but the pages' own.
    pub fn rest(&self) -> Vec<usize> {
        (0..self.plan.jobs.len()).filter(|j| !matches!(self.plan.jobs[*j].fill, Fill::Detail)).collect()
    }
}

/// Each language's shared template values (`lang_context`), one copy per
/// worker thread. Tera counts the references to a value each time a
/// template looks it up (`{{ t.home }}` takes and drops `t`), and two threads
/// counting on the same value take turns on its cache line.
/// With them, each language's copy of the templates with those values
/// written out (`Templates::for_language`).
struct Bases<'t> {
    values: Vec<Vec<Context>>,
    templates: Vec<Option<Arc<tera::Tera>>>,
    all: &'t tera::Tera,
}

/// What a page of one language is rendered with: its language's values and
/// templates.
#[derive(Clone, Copy)]
struct Base<'b> {
    values: &'b Context,
    templates: &'b tera::Tera,
}

impl<'t> Bases<'t> {
    fn new(input: &RenderInput<'t>) -> Self {
        let threads = rayon::current_num_threads().max(1);
        let values: Vec<Vec<Context>> =
            (0..threads).map(|_| input.site.langs.iter().map(|l| lang_context(input, l)).collect()).collect();
        let templates = values[0].par_iter().map(|v| input.templates.for_language(v)).collect();
        Bases { values, templates, all: &input.templates.tera }
    }

    /// Language `lang`'s values (the calling thread's copy) and templates.
    fn get(&self, lang: usize) -> Base<'_> {
        let thread = rayon::current_thread_index().unwrap_or(0) % self.values.len();
        Base { values: &self.values[thread][lang], templates: self.templates[lang].as_deref().unwrap_or(self.all) }
    }
}

/// Files of the previous build with the key of what they were made from: a
/// file whose key is unchanged is reused instead of rendered again.
#[derive(Default)]
pub struct OutputCache {
    entries: HashMap<String, (u64, Arc<Vec<u8>>)>,
}

impl OutputCache {
    /// The cached bytes of `path` if they were made from `key`.
    pub fn get(&self, path: &str, key: u64) -> Option<Arc<Vec<u8>>> {
        self.entries.get(path).filter(|(k, _)| *k == key).map(|(_, b)| b.clone())
    }

    /// Add or replace these files (with their keys).
    pub fn update(&mut self, files: impl IntoIterator<Item = (u64, OutputFile)>) {
        self.entries.extend(files.into_iter().map(|(k, f)| (f.path, (k, f.bytes))));
    }

    /// Make `files` (with their keys) the whole cache.
    pub fn replace(&mut self, files: impl IntoIterator<Item = (u64, OutputFile)>) {
        self.entries = files.into_iter().map(|(k, f)| (f.path, (k, f.bytes))).collect();
    }
}

/// One entry of a list's page links: a page, or a gap (`gap` true, no
/// number or URL) where pages are left out.
#[derive(Serialize, Debug, PartialEq)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

/// How many pages on each side of the current one get a link of their own
/// (besides the first and the last page).
const PAGE_LINKS_AROUND: usize = 2;

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

/// Render the pages of `plan` (all of them, or the jobs listed in `only`)
/// into `sink`, reusing from `cache` each file whose key is unchanged. One
/// language after the other, so that only one language's list items are held
/// as template values at a time.
pub fn render(
    input: &RenderInput<'_>,
    plan: &Plan,
    only: Option<&[usize]>,
    cache: &OutputCache,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) {
    let site = input.site;
    let chosen: Vec<&Job> = match only {
        Some(idx) => idx.iter().map(|&j| &plan.jobs[j]).collect(),
        None => plan.jobs.iter().collect(),
    };
    let keyed: Vec<Keyed> = chosen
        .par_iter()
        .map(|job| {
            let key = keys::job_key(input, job);
            (key, cache.get(&job.out_path, key))
        })
        .collect();
    let bases = Bases::new(input);
    for lang in 0..site.langs.len() {
        let mine: Vec<(&Job, &Keyed)> =
            chosen.iter().copied().zip(&keyed).filter(|(job, _)| job.lang == lang).collect();
        if mine.is_empty() {
            continue;
        }
        let summaries = summaries(input, lang, &mine, &bases);
        let results: Vec<Result<(), Diagnostic>> = mine
            .par_iter()
            .map(|(job, (key, cached))| {
                if let Some(bytes) = cached {
                    return sink.put(*key, OutputFile { path: job.out_path.clone(), bytes: bytes.clone() });
                }
                let html = render_job(input, job, bases.get(lang), &summaries)?;
                sink.put(*key, OutputFile::new(job.out_path.clone(), html))
            })
            .collect();
        diags.extend(results.into_iter().filter_map(Result::err));
        // Freed on every core: one thread took a tenth of the lists' time
        // at 10,000 pages just to free them.
        summaries.into_par_iter().for_each(drop);
    }
}

/// One page of the site: `job`'s template with its values, minified when
/// the templates were not. `summaries` holds the list items of every page
/// the job lists.
fn render_job(
    input: &RenderInput<'_>,
    job: &Job,
    base: Base<'_>,
    summaries: &[Option<Value>],
) -> Result<Vec<u8>, Diagnostic> {
    let site = input.site;
    let mut ctx = base.values.clone();
    fill(input, job, summaries, &mut ctx);
    // A page's own values never replace its language's: stored list items
    // and the language's templates were made with the language's.
    debug_assert!(crate::theme::PER_LANGUAGE.iter().all(|k| ctx.get(k) == base.values.get(k)));
    let html = input.templates.render_in(base.templates, job.template, &ctx).map_err(|e| {
        let what = match job.page {
            Some(i) => format!("{} ({})", job.url, site.pages[i].src.path().display()),
            None => job.url.clone(),
        };
        crate::theme::tera_error(&e, input.theme, Some(&what))
    })?;
    let minify = site.config.minify && !input.templates.preminified();
    Ok(finish_html(html, minify))
}

/// A job's key and, when unchanged since the cache was made, its file.
type Keyed = (u64, Option<Arc<Vec<u8>>>);

/// List items as template values in one language, for the pages that the
/// jobs to be rendered show (all of them in a full build). An item that a
/// storable list call (`theme::Card`) shows more than once gets that call's
/// output with it, rendered here once.
fn summaries(input: &RenderInput<'_>, lang: usize, jobs: &[(&Job, &Keyed)], bases: &Bases) -> Vec<Option<Value>> {
    let site = input.site;
    let cards = &input.templates.cards;
    let mut wanted = vec![false; site.pages.len()];
    // How often each card shows each item, for the cards' lists.
    let mut shown = vec![Vec::new(); cards.len()];
    for (job, (_, cached)) in jobs {
        if cached.is_some() {
            continue;
        }
        // The cards of this job's template, when its `pages` are what it lists.
        let lists_pages = matches!(job.fill, Fill::Tag(..) | Fill::List(..));
        let mine: Vec<usize> = (0..cards.len()).filter(|&k| lists_pages && cards[k].template == job.template).collect();
        for &k in &mine {
            shown[k].resize(site.pages.len(), 0u32);
        }
        for i in listed(site, job) {
            wanted[i] = true;
            for &k in &mine {
                shown[k][i] += 1;
            }
        }
    }
    let code = &site.langs[lang].code;
    wanted
        .into_par_iter()
        .enumerate()
        .map_init(
            || None,
            |ctx: &mut Option<Context>, (i, w)| {
                if !w {
                    return None;
                }
                let item = Value::from_serializable(&page_view(input, i, code, false));
                let stored: Vec<usize> =
                    (0..cards.len()).filter(|&k| shown[k].get(i).is_some_and(|&n| n > 1)).collect();
                if stored.is_empty() || !item.is_map() {
                    return Some(item);
                }
                let base = bases.get(lang);
                let ctx = ctx.get_or_insert_with(|| base.values.clone());
                let mut outputs = Vec::with_capacity(stored.len());
                for k in stored {
                    let card = &cards[k];
                    ctx.insert_value(card.var.clone(), item.clone());
                    let mut out = Vec::with_capacity(2048);
                    // A call that fails is left to the list page, which reports it.
                    if base.templates.render_to(&card.hidden, ctx, &mut out).is_ok()
                        && let Ok(text) = String::from_utf8(out)
                    {
                        outputs.push((card.field.clone(), text));
                    }
                    ctx.insert_value(card.var.clone(), Value::none());
                }
                let mut map = item.into_map().expect("an item is a map");
                for (field, text) in outputs {
                    map.insert(field.into(), Value::safe_string(&text));
                }
                Some(Value::from(map))
            },
        )
        .collect()
}

fn finish_html(html: Vec<u8>, minify: bool) -> Vec<u8> {
    // A page whose tags do not nest as written (raw HTML in its Markdown)
    // or nest too deep is written as rendered: the minifier would change
    // its document tree or overflow the stack (see `markdown::structure`).
    if !minify || !std::str::from_utf8(&html).is_ok_and(crate::markdown::structure::minifiable) {
        return html;
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(&html, &cfg)
}

fn fill(input: &RenderInput<'_>, job: &Job, summaries: &[Option<Value>], ctx: &mut Context) {
    let site = input.site;
    let l = &site.langs[job.lang];
    let list = |idx: &[usize]| {
        Value::from(idx.iter().map(|&i| summaries[i].clone().unwrap_or_else(Value::none)).collect::<Vec<_>>())
    };
    ctx.insert("current_url", &job.url);
    ctx.insert("permalink", &site.config.base_url.absolute(&job.url));
    ctx.insert("section", job.section);
    // A page describes itself; home by its welcome message; lists by the
    // site's title.
    let described = match (&job.fill, job.page) {
        (_, Some(i)) => Some(i),
        (Fill::Home, None) => l.welcome,
        _ => None,
    };
    let description = match described {
        Some(i) => {
            let p = &site.pages[i];
            p.src.summary.clone().unwrap_or_else(|| input.body(i).first_paragraph.clone())
        }
        None => site.config.language(&l.code).map_or_else(String::new, |x| x.title.clone()),
    };
    ctx.insert("description", &truncate_chars(&description, 160));
    match &job.fill {
        Fill::Home => {
            let welcome = l.welcome.map(|i| Value::from_serializable(&page_view(input, i, &l.code, true)));
            ctx.insert_value("welcome", welcome.unwrap_or_else(Value::none));
            ctx.insert_value("upcoming_events", list(&l.upcoming[..l.upcoming.len().min(HOME_ITEMS)]));
            ctx.insert_value("open_jobs", list(&l.jobs[..l.jobs.len().min(HOME_ITEMS)]));
            ctx.insert_value("messages", list(&l.messages[..l.messages.len().min(HOME_ITEMS)]));
            ctx.insert_value("stories", list(&l.stories[..l.stories.len().min(HOME_ITEMS)]));
            ctx.insert("jsonld", &crate::jsonld::embed(&crate::jsonld::home(site, &l.code)));
        }
        Fill::List(section, pg) => {
            ctx.insert_value("pages", list(&listed(site, job).collect::<Vec<_>>()));
            ctx.insert("paginator", &paginator(&list_url(site, l, *section), *pg));
        }
        Fill::Events(pg) => {
            let (upcoming, past) = events_chunk(l, site.config.page_size, *pg);
            ctx.insert_value("upcoming", list(upcoming));
            ctx.insert_value("past", list(past));
            // The first page always has the upcoming section (saying when
            // there is nothing ahead); the past section appears where past
            // events are, or on the last page when there are none at all.
            ctx.insert("first_page", &(pg.number == 1));
            ctx.insert("last_page", &(pg.number == pg.count));
            ctx.insert("no_past_events", &l.past.is_empty());
            let first = list_url(site, l, Section::Events);
            // Where the past events begin, for a page that has none of them.
            let past_page = l.upcoming.len() / site.config.page_size.max(1) + 1;
            let past_url = (past.is_empty() && !l.past.is_empty()).then(|| paged(&first, past_page));
            ctx.insert("past_url", &past_url);
            ctx.insert("paginator", &paginator(&first, *pg));
        }
        Fill::Detail => {
            let i = job.page.expect("detail jobs have a page");
            ctx.insert("page", &page_view(input, i, &site.pages[i].src.lang, true));
        }
        Fill::Tags => {
            #[derive(Serialize)]
            struct TagItem<'a> {
                name: &'a str,
                url: String,
                count: usize,
            }
            let tags: Vec<TagItem<'_>> = l
                .tags
                .values()
                .map(|t| TagItem { name: &t.name, url: tag_url(site, l, &t.slug), count: t.pages.len() })
                .collect();
            ctx.insert("tags", &tags);
        }
        Fill::Tag(_, pg) => {
            let Some(t) = plan::tag(site, job) else {
                return;
            };
            ctx.insert("tag", &Link { name: &t.name, url: tag_url(site, l, &t.slug) });
            ctx.insert_value("pages", list(&listed(site, job).collect::<Vec<_>>()));
            ctx.insert("paginator", &paginator(&tag_url(site, l, &t.slug), *pg));
        }
        Fill::NotFound => {}
    }
    ctx.insert("languages", &language_links(input, job));
}

/// How many pages a list of `n` items takes (an empty list still has one).
pub fn page_count(n: usize, size: usize) -> usize {
    n.div_ceil(size.max(1)).max(1)
}

pub use crate::routes::paged;

/// The URL of a kind's list in a language.
fn list_url(site: &Site, l: &crate::site::LangSite, section: Section) -> String {
    [site.config.base_url.path.as_str(), &crate::routes::list(&l.prefix, crate::routes::kind(section))].concat()
}

fn chunk(items: &[usize], size: usize, pg: Paging) -> &[usize] {
    let size = size.max(1);
    let start = ((pg.number - 1) * size).min(items.len());
    &items[start..(start + size).min(items.len())]
}

/// One page of the event list: upcoming events, then past ones, `size` in all.
fn events_chunk(l: &crate::site::LangSite, size: usize, pg: Paging) -> (&[usize], &[usize]) {
    let size = size.max(1);
    let start = (pg.number - 1) * size;
    let end = start + size;
    let within = |items: &[usize], from: usize, to: usize| (from.min(items.len()), to.min(items.len()));
    let (a, b) = within(&l.upcoming, start, end);
    let (c, d) = within(&l.past, start.saturating_sub(l.upcoming.len()), end.saturating_sub(l.upcoming.len()));
    (&l.upcoming[a..b], &l.past[c..d])
}

fn paginator(first: &str, pg: Paging) -> Option<Paginator> {
    if pg.count <= 1 {
        return None;
    }
    Some(Paginator {
        current: pg.number,
        total: pg.count,
        prev_url: (pg.number > 1).then(|| paged(first, pg.number - 1)),
        next_url: (pg.number < pg.count).then(|| paged(first, pg.number + 1)),
        pages: page_links(first, pg),
    })
}

/// The page links of one page of a list: the first and the last page, the
/// current one and `PAGE_LINKS_AROUND` on each side of it, with a gap where
/// pages are left out. Their number does not grow with the list, so neither
/// does a list page (a list of 100,000 jobs has 5,000 pages).
fn page_links(first: &str, pg: Paging) -> Vec<PageLink> {
    let near = pg.number.saturating_sub(PAGE_LINKS_AROUND).max(1)..=(pg.number + PAGE_LINKS_AROUND).min(pg.count);
    // Ascending, so equal neighbours are the only repeats.
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(pg.count)).collect();
    shown.dedup();
    let page = |n: usize| PageLink { number: n, url: paged(first, n), current: n == pg.number, gap: false };
    let mut links = Vec::with_capacity(shown.len() + 2);
    let mut last = 0;
    for n in shown {
        // A gap of one page shows that page instead: a gap mark saves nothing.
        if n == last + 2 {
            links.push(page(last + 1));
        } else if n > last + 2 {
            links.push(PageLink { number: 0, url: String::new(), current: false, gap: true });
        }
        links.push(page(n));
        last = n;
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(number: usize, count: usize) -> String {
        page_links("/jobs/", Paging { number, count })
            .iter()
            .map(|l| {
                if l.gap {
                    "…".to_string()
                } else if l.current {
                    format!("[{}]", l.number)
                } else {
                    l.number.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn page_links_are_a_window_with_gaps() {
        assert_eq!(shown(1, 2), "[1] 2");
        assert_eq!(shown(3, 7), "1 2 [3] 4 5 6 7");
        assert_eq!(shown(1, 100), "[1] 2 3 … 100");
        assert_eq!(shown(50, 100), "1 … 48 49 [50] 51 52 … 100");
        assert_eq!(shown(100, 100), "1 … 98 99 [100]");
        // One left-out page is shown rather than replaced by a gap.
        assert_eq!(shown(5, 100), "1 2 3 4 [5] 6 7 … 100");
        assert_eq!(shown(5000, 5000).split(' ').count(), 5);
        let l = page_links("/jobs/", Paging { number: 2, count: 9 });
        assert_eq!(l[0].url, "/jobs/");
        assert_eq!(l[2].url, "/jobs/page/3/");
    }
}
