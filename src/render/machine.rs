//! Machine-readable outputs: Atom feeds, the sitemap and robots.txt, and the
//! calendars, each reused from the cache while the pages it shows are
//! unchanged.

use std::sync::Arc;

use rayon::prelude::*;

use super::keys::hash_of;
use super::{OutputCache, OutputFile, RenderInput};
use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Sink;
use crate::routes;
use crate::site::Site;

/// Feeds, sitemap, robots.txt and calendars, each reused from `cache` while
/// the pages it shows are unchanged. With `only`, just the files that show
/// those pages' text (their feeds and calendars; not the sitemap, which
/// shows no text). Without `event_files`, each event's own calendar file is
/// left out (a one-off build writes it with the event's page, see
/// `event_file`).
pub fn render(
    input: &RenderInput<'_>,
    only: Option<&[usize]>,
    event_files: bool,
    cache: &OutputCache,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) {
    let (site, keys, bodies) = (input.site, input.keys, input.bodies);
    // The sitemap, and each language's feed and calendar, side by side: at
    // 100,000 pages each takes a tenth of a second or more.
    let (mut out, per_lang) = rayon::join(
        || if only.is_none() { sitemap(input, cache) } else { Vec::new() },
        || {
            (0..site.langs.len())
                .into_par_iter()
                .flat_map_iter(|lang| lang_files(input, lang, only, cache))
                .collect::<Vec<_>>()
        },
    );
    out.extend(per_lang);
    if event_files {
        // Each event's own calendar file, in parallel: there is one per event.
        let candidates: Vec<usize> = match only {
            Some(o) => o.to_vec(),
            None => (0..site.pages.len()).collect(),
        };
        let files: Vec<(u64, OutputFile)> = candidates
            .into_par_iter()
            .filter(|&i| is_event(site, i))
            .map(|i| {
                let (path, key) = (site.pages[i].ics_path(), keys.event_file(keys.pages[i]));
                match cache.get(&path, key) {
                    Some(bytes) => (key, OutputFile { path, bytes }),
                    None => event_file(site, i, key, &bodies[i]),
                }
            })
            .collect();
        out.extend(files);
    }
    diags.extend(out.into_iter().filter_map(|(key, f)| sink.put(key, f).err()));
}

/// A language's Atom feed and its calendar of upcoming events, each reused
/// from `cache` while the pages it shows are unchanged; with `only`, just
/// those that show one of these pages.
fn lang_files(
    input: &RenderInput<'_>,
    lang: usize,
    only: Option<&[usize]>,
    cache: &OutputCache,
) -> Vec<(u64, OutputFile)> {
    let (site, keys, bodies) = (input.site, input.keys, input.bodies);
    let l = &site.langs[lang];
    let prefix = &l.prefix;
    let wanted = |pages: &[usize]| only.is_none_or(|o| pages.iter().any(|p| o.contains(p)));
    let mut out = Vec::new();
    let mut one = |path: String, key: u64, make: &dyn Fn() -> Vec<u8>| {
        let bytes = cache.get(&path, key).unwrap_or_else(|| Arc::from(make()));
        out.push((key, OutputFile { path, bytes }));
    };
    let items = crate::feeds::feed_items(site, lang);
    if wanted(&items) {
        let key = keys.of_pages(hash_of((keys.langs[lang], "atom")), items);
        one(routes::feed(prefix), key, &|| crate::feeds::atom(site, lang, bodies).bytes.to_vec());
    }
    if wanted(&l.upcoming) {
        // The calendar of all upcoming events describes each in a few lines
        // (each event's own file has its whole text).
        let short = |i: usize| site.pages[i].src.summary.as_deref().unwrap_or(bodies[i].first_paragraph.as_str());
        let key = keys.of_items(hash_of((keys.langs[lang], "calendar")), l.upcoming.iter().copied());
        one(routes::calendar(prefix), key, &|| crate::ics::calendar(site, lang, &short).into_bytes());
    }
    out
}

pub(super) fn is_event(site: &Site, i: usize) -> bool {
    matches!(site.pages[i].src.kind, crate::content::Kind::Event(_))
}

/// Event page `i`'s own calendar file with its `key` (see
/// `Keys::event_file`); `body` is the page's rendered Markdown.
pub(super) fn event_file(site: &Site, i: usize, key: u64, body: &Rendered) -> (u64, OutputFile) {
    let p = &site.pages[i];
    (key, OutputFile::new(p.ics_path(), crate::ics::event_file(site, p, &body.plain_text)))
}

/// The sitemap (split into an index when long) and robots.txt, keyed by what
/// they show: every URL, its date and its language versions.
fn sitemap(input: &RenderInput<'_>, cache: &OutputCache) -> Vec<(u64, OutputFile)> {
    let (site, keys) = (input.site, input.keys);
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(keys.global, "sitemap"), &mut h);
    for l in &site.langs {
        std::hash::Hash::hash(&l.tags.keys().collect::<Vec<_>>(), &mut h);
    }
    for p in &site.pages {
        std::hash::Hash::hash(&(&p.url, p.updated, &p.translations), &mut h);
    }
    let sitemap_key = std::hash::Hasher::finish(&h);
    let mut cached_maps = Vec::new();
    for n in 0.. {
        let path = if n == 0 { routes::SITEMAP.to_string() } else { routes::sitemap_part(n) };
        let Some(bytes) = cache.get(&path, sitemap_key) else { break };
        cached_maps.push(OutputFile { path, bytes });
    }
    let robots = cache.get(routes::ROBOTS, sitemap_key);
    let maps = match (cached_maps.is_empty(), robots) {
        (false, Some(bytes)) => {
            cached_maps.push(OutputFile { path: routes::ROBOTS.into(), bytes });
            cached_maps
        }
        _ => crate::feeds::sitemap(site),
    };
    maps.into_iter().map(|f| (sitemap_key, f)).collect()
}
