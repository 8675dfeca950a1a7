//! Machine-readable outputs: Atom feeds, the sitemap and robots.txt, and the
//! calendars, each reused from the cache while the pages it shows are
//! unchanged.

use std::sync::Arc;

use super::keys::hash_of;
use super::{OutputCache, OutputFile, RenderInput};
use crate::diag::Diagnostic;
use crate::output::Sink;

/// Feeds, sitemap, robots.txt and calendars, each reused from `cache` while
/// the pages it shows are unchanged.
pub(super) fn render(input: &RenderInput<'_>, cache: &OutputCache, sink: &dyn Sink, diags: &mut Vec<Diagnostic>) {
    let (site, keys, bodies) = (input.site, input.keys, input.bodies);
    let descriptions: Vec<&str> = bodies.iter().map(|b| b.plain_text.as_str()).collect();
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
    let mut out: Vec<(u64, OutputFile)> = maps.into_iter().map(|f| (sitemap_key, f)).collect();
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
    diags.extend(out.into_iter().filter_map(|(key, f)| sink.put(key, f).err()));
}
