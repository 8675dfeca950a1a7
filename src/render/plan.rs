//! The plan of a build: every page to render (which template, which file,
//! what it lists), and for every content page the pages that show it, so a
//! rebuild after an edit of one page's text renders only those.

use super::{HOME_ITEMS, chunk, events_chunk, page_count, paged};
use crate::content::Section;
use crate::routes;
use crate::site::{Site, Tag};
use crate::theme::Theme;

/// A page to render: which template, with what extra context, to which file.
pub struct Job {
    pub(super) lang: usize,
    pub(super) template: &'static str,
    pub(super) out_path: String,
    pub(super) url: String,
    pub(super) section: &'static str,
    /// The page this output shows, for language links and errors.
    pub(super) page: Option<usize>,
    pub(super) fill: Fill,
}

pub(super) enum Fill {
    Home,
    /// Lists carry their page number (1-based) and page count.
    /// A kind's list that is one list, newest first (messages, jobs,
    /// stories: `LangSite::plain_list`).
    List(Section, Paging),
    /// Upcoming events, then past ones, paged as one list.
    Events(Paging),
    Detail,
    Tags,
    /// The tag's slug, in the job's language.
    Tag(String, Paging),
    NotFound,
}

#[derive(Clone, Copy)]
pub(super) struct Paging {
    pub(super) number: usize,
    pub(super) count: usize,
}

/// Every page of the site to render.
pub struct Plan {
    pub(super) jobs: Vec<Job>,
    /// For each content page, the jobs that show it (its own page, the lists
    /// and the home page it appears in).
    pub(super) shown_by: Vec<Vec<usize>>,
}

impl Plan {
    /// `theme` picks the template of a kind it has no template for (see
    /// `Theme::page_template`).
    pub fn new(site: &Site, theme: &Theme) -> Plan {
        let jobs = jobs(site, theme);
        let mut shown_by = vec![Vec::new(); site.pages.len()];
        for (j, job) in jobs.iter().enumerate() {
            for i in listed(site, job).chain(job.page).chain(home_welcome(site, job)) {
                if shown_by[i].last() != Some(&j) {
                    shown_by[i].push(j);
                }
            }
        }
        Plan { jobs, shown_by }
    }

    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The jobs that show content page `page`.
    pub fn showing(&self, page: usize) -> &[usize] {
        &self.shown_by[page]
    }
}

fn home_welcome(site: &Site, job: &Job) -> Option<usize> {
    matches!(job.fill, Fill::Home).then(|| site.langs[job.lang].welcome).flatten()
}

/// The tag a tag page shows.
pub(super) fn tag<'s>(site: &'s Site, job: &Job) -> Option<&'s Tag> {
    match &job.fill {
        Fill::Tag(slug, _) => site.langs[job.lang].tags.get(slug),
        _ => None,
    }
}

/// The pages a job shows as list items.
pub(super) fn listed<'s>(site: &'s Site, job: &'s Job) -> Box<dyn Iterator<Item = usize> + 's> {
    let l = &site.langs[job.lang];
    let size = site.config.page_size;
    match &job.fill {
        Fill::Home => Box::new(
            l.upcoming
                .iter()
                .take(HOME_ITEMS)
                .chain(l.jobs.iter().take(HOME_ITEMS))
                .chain(l.messages.iter().take(HOME_ITEMS))
                .chain(l.stories.iter().take(HOME_ITEMS))
                .copied(),
        ),
        Fill::List(section, pg) => Box::new(chunk(l.plain_list(*section).unwrap_or(&[]), size, *pg).iter().copied()),
        Fill::Events(pg) => {
            let (upcoming, past) = events_chunk(l, size, *pg);
            Box::new(upcoming.iter().chain(past).copied())
        }
        Fill::Tag(_, pg) => match tag(site, job) {
            Some(t) => Box::new(chunk(&t.pages, size, *pg).iter().copied()),
            None => Box::new(std::iter::empty()),
        },
        Fill::Detail | Fill::Tags | Fill::NotFound => Box::new(std::iter::empty()),
    }
}

fn jobs(site: &Site, theme: &Theme) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(site.pages.len() + 64);
    for (li, l) in site.langs.iter().enumerate() {
        let base = &site.config.base_url.path;
        let p = &l.prefix;
        let mut add = |template, rel: String, section, fill| {
            jobs.push(Job {
                lang: li,
                template,
                out_path: routes::page_file(&rel),
                url: format!("{base}{rel}"),
                section,
                page: None,
                fill,
            });
        };
        add(routes::HOME_TEMPLATE, routes::home(p), "home", Fill::Home);
        let size = site.config.page_size;
        let pages = |n: usize| {
            let count = page_count(n, size);
            (1..=count).map(move |number| Paging { number, count })
        };
        add(routes::TAGS_TEMPLATE, routes::tags(p), "tags", Fill::Tags);
        for (kind, list) in routes::lists_of(l) {
            for pg in pages(l.list_len(kind.section)) {
                let fill =
                    if kind.section == Section::Events { Fill::Events(pg) } else { Fill::List(kind.section, pg) };
                add(theme.page_template(list.template), paged(&routes::list(p, kind), pg.number), kind.name, fill);
            }
        }
        for t in l.tags.values() {
            for pg in pages(t.pages.len()) {
                let rel = paged(&routes::tag(p, &t.slug), pg.number);
                add(routes::TAG_TEMPLATE, rel, "tags", Fill::Tag(t.slug.clone(), pg));
            }
        }
        let not_found = routes::not_found(p);
        jobs.push(Job {
            lang: li,
            template: routes::NOT_FOUND_TEMPLATE,
            url: format!("{base}{not_found}"),
            out_path: not_found,
            section: "404",
            page: None,
            fill: Fill::NotFound,
        });
    }
    for (i, page) in site.pages.iter().enumerate() {
        let lang = site.langs.iter().position(|l| l.code == page.src.lang).unwrap_or(0);
        let kind = routes::kind(page.src.section);
        jobs.push(Job {
            lang,
            template: theme.page_template(kind.item_template),
            out_path: page.out_path.clone(),
            url: page.url.clone(),
            section: kind.name,
            page: Some(i),
            fill: Fill::Detail,
        });
    }
    jobs
}
