//! Keys: a number per output file that changes whenever anything the file is
//! made from changes (its page, the pages it lists, the config, the theme).
//! `serve` re-renders only files whose key changed; the keys never affect the
//! bytes of a file, only whether it is made again.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::{Fill, Job, RenderInput, events_chunk};
use crate::markdown::Rendered;
use crate::site::{HOME_ITEMS, Site};

/// Keys of everything that outputs depend on, computed once per build.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Config, theme and build options: a change re-renders everything.
    pub global: u64,
    /// Per language: `global` and what every page of the language shows
    /// (its navigation).
    pub langs: Vec<u64>,
    /// Per page: its source, its rendered Markdown, its URL, its state and
    /// date as of the build and its translations.
    pub pages: Vec<u64>,
    /// Per page, what a list shows of it: all of the above but the text
    /// after its first paragraph.
    pub items: Vec<u64>,
}

/// A key for any hashable value.
pub fn hash_of(v: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

impl Keys {
    /// `theme` identifies the templates, UI strings and anything else the
    /// caller knows outputs depend on (e.g. the build's "now" when a template
    /// shows it).
    pub fn new(site: &Site, bodies: &[Arc<Rendered>], theme: u64) -> Keys {
        let mut keys = Keys::shared(site, theme);
        keys.pages = (0..site.pages.len()).map(|i| Keys::page(site, i, &bodies[i])).collect();
        keys.items =
            (0..site.pages.len()).map(|i| Keys::item(site, i, site.pages[i].src.front(), &bodies[i])).collect();
        keys
    }

    /// The keys that do not depend on any page's Markdown (`global` and
    /// `langs`); `pages` and `items` are left empty for the caller to fill.
    pub fn shared(site: &Site, theme: u64) -> Keys {
        let c = &site.config;
        let global = hash_of((&*c.source.text, &c.base_url, theme, site.drafts));
        let langs = site
            .langs
            .iter()
            .map(|l| {
                // Every page of a language shows its navigation: titles, URLs
                // and languages.
                let nav: Vec<(&str, &str, &str)> = l
                    .nav_pages
                    .iter()
                    .map(|&i| {
                        let p = &site.pages[i];
                        (p.src.title.as_str(), p.url.as_str(), p.src.lang.as_str())
                    })
                    .collect();
                // And the lists it links to (a kind's list exists only with
                // items, see `routes::List::always`).
                let lists: Vec<&str> = crate::routes::lists_of(l).map(|(k, _)| k.name).collect();
                hash_of((global, &l.code, nav, lists))
            })
            .collect();
        Keys { global, langs, pages: Vec::new(), items: Vec::new() }
    }

    /// The key of what a list shows of one page: its front matter (`front`,
    /// as written), its first paragraph, its URL, its state and its
    /// translations.
    pub fn item(site: &Site, i: usize, front: &str, body: &Rendered) -> u64 {
        let p = &site.pages[i];
        let mut h = DefaultHasher::new();
        (front, &body.first_paragraph, &p.url, p.is_past, p.is_open, p.updated).hash(&mut h);
        hash_translations(site, i, &mut h);
        h.finish()
    }

    /// The key of one page: its source, its rendered Markdown, its URL, its
    /// state as of the build and its translations.
    pub fn page(site: &Site, i: usize, body: &Rendered) -> u64 {
        let p = &site.pages[i];
        let mut h = DefaultHasher::new();
        (p.src.revision, body.revision, &p.url, p.is_past, p.is_open, p.updated).hash(&mut h);
        hash_translations(site, i, &mut h);
        h.finish()
    }

    /// The key of a set of pages, in order.
    pub fn of_pages(&self, base: u64, pages: impl IntoIterator<Item = usize>) -> u64 {
        combine(base, pages.into_iter().map(|i| self.pages[i]))
    }

    /// The key of an event's own calendar file, from its page's key.
    pub fn event_file(&self, page: u64) -> u64 {
        combine(hash_of((self.global, "ics")), std::iter::once(page))
    }

    /// The key of a list of pages, in order (see `item`).
    pub fn of_items(&self, base: u64, pages: impl IntoIterator<Item = usize>) -> u64 {
        combine(base, pages.into_iter().map(|i| self.items[i]))
    }
}

/// The language and URL of every version of page `i` (language links).
fn hash_translations(site: &Site, i: usize, h: &mut DefaultHasher) {
    for &t in &site.pages[i].translations {
        (&site.pages[t].src.lang, &site.pages[t].url).hash(h);
    }
}

/// One key from a base and the keys of some pages, in order.
fn combine(base: u64, keys: impl Iterator<Item = u64>) -> u64 {
    let mut h = DefaultHasher::new();
    base.hash(&mut h);
    for k in keys {
        k.hash(&mut h);
    }
    h.finish()
}

/// What every job's key starts from: its language, template and place.
fn job_base(keys: &Keys, job: &Job) -> u64 {
    hash_of((keys.langs[job.lang], job.template, &job.out_path, &job.url, job.section))
}

/// The key of a page's own output (a detail job), from the page's key:
/// `keys` needs only its shared part (see `Keys::shared`).
pub(super) fn detail_key(keys: &Keys, job: &Job, page: u64) -> u64 {
    combine(job_base(keys, job), std::iter::once(page))
}

/// The key of one page-rendering job.
pub(super) fn job_key(input: &RenderInput<'_>, job: &Job) -> u64 {
    let site = input.site;
    let keys = input.keys;
    let l = &site.langs[job.lang];
    let size = site.config.page_size;
    let base = job_base(keys, job);
    let paging = |pg: &super::Paging| hash_of((base, pg.number, pg.count));
    // The items come from `listed`, as the plan's and the page's do: what a
    // page shows and what its key covers cannot differ.
    let items = || super::listed(site, job);
    match &job.fill {
        Fill::Home => {
            // Separate the lists so that an item moving between them counts.
            let shape =
                (l.upcoming.len().min(HOME_ITEMS), l.jobs.len().min(HOME_ITEMS), l.messages.len().min(HOME_ITEMS));
            // The welcome message is shown whole.
            let welcome = keys.of_pages(base, l.welcome);
            keys.of_items(hash_of((welcome, shape)), items())
        }
        Fill::List(_, pg) => keys.of_items(paging(pg), items()),
        Fill::Events(pg) => {
            let (upcoming, _) = events_chunk(l, size, *pg);
            // Where the list turns from upcoming to past (on this page and in
            // all: a page without past events links to where they begin), and
            // whether there is a past at all.
            let shape = (upcoming.len(), l.upcoming.len(), l.past.is_empty());
            keys.of_items(hash_of((paging(pg), shape)), items())
        }
        Fill::Detail => {
            let i = job.page.expect("detail jobs have a page");
            detail_key(keys, job, keys.pages[i])
        }
        Fill::Tags => {
            let tags: Vec<(&str, &str, usize)> =
                l.tags.values().map(|t| (t.name.as_str(), t.slug.as_str(), t.pages.len())).collect();
            hash_of((base, tags))
        }
        Fill::Tag(slug, pg) => {
            let Some(t) = l.tags.get(slug) else {
                return base;
            };
            // The language links show the languages that have this tag too.
            let with_tag: Vec<bool> = site.langs.iter().map(|o| o.tags.contains_key(&t.slug)).collect();
            keys.of_items(hash_of((paging(pg), &t.name, with_tag)), items())
        }
        Fill::NotFound => base,
    }
}
