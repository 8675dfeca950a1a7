//! Machine-readable discovery files: an Atom feed per language (RFC 4287),
//! the sitemap (split into an index past 50,000 URLs) and robots.txt (which
//! shuts search engines out of a `--drafts` preview). Dates come from the
//! content (never after the build's "now"), ids from permalinks, so they are
//! stable.

use std::fmt::Write as _;
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::content::Kind;
use crate::markdown::Rendered;
use crate::render::OutputFile;
use crate::routes;
use crate::site::{Page, Site};

/// Entries per feed: the newest ones.
const FEED_ENTRIES: usize = 50;
/// The sitemap protocol's limit per file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// Escape text for XML element content and attribute values, dropping the
/// characters XML 1.0 cannot carry at all.
pub fn xml(s: &str) -> String {
    crate::scan::rewrite(
        s,
        |b| (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'') | (b < 0x20) | (b == 0xEF),
        |c, _| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&apos;"),
            '\t' | '\n' | '\r' => None,
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => Some(""),
            _ => None,
        },
    )
}

fn rfc3339(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// When a page's content is dated (for `updated` and `lastmod`).
fn content_date(page: &Page) -> Option<Timestamp> {
    page.updated
}

/// The entries of a language's feed, newest first: messages, upcoming
/// events, open jobs and stories.
pub fn feed_items(site: &Site, lang: usize) -> Vec<usize> {
    let l = &site.langs[lang];
    let mut items: Vec<usize> = l
        .messages
        .iter()
        .chain(l.welcome.iter())
        .chain(&l.upcoming)
        .chain(&l.jobs)
        .chain(&l.stories)
        .copied()
        .collect();
    items.sort_by(|a, b| {
        let (da, db) = (content_date(&site.pages[*a]), content_date(&site.pages[*b]));
        db.cmp(&da).then_with(|| site.pages[*a].url.cmp(&site.pages[*b].url))
    });
    items.truncate(FEED_ENTRIES);
    items
}

/// The longest page text (HTML bytes) a feed entry carries whole; a longer
/// one is represented by its summary and link only.
pub const FEED_BODY_LIMIT: usize = 256 * 1024;

/// `atom.xml` of one language: messages, upcoming events and open jobs.
pub fn atom(site: &Site, lang: usize, bodies: &[Arc<Rendered>]) -> OutputFile {
    let l = &site.langs[lang];
    let c = &site.config;
    let title = c.language(&l.code).map_or(c.title.as_str(), |x| x.title.as_str());
    let home = c.base_url.absolute(&[c.base_url.path.as_str(), &routes::home(&l.prefix)].concat());
    let self_url = c.base_url.absolute(&[c.base_url.path.as_str(), &routes::feed(&l.prefix)].concat());
    let items = feed_items(site, lang);
    let updated = items.iter().filter_map(|&i| content_date(&site.pages[i])).max().unwrap_or(Timestamp::UNIX_EPOCH);

    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">",
        xml(&l.code),
        xml(&home)
    );
    let _ = writeln!(x, "<title>{}</title>", xml(title));
    let _ = writeln!(x, "<id>{}</id>", xml(&home));
    let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml(&home));
    let _ = writeln!(x, "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", xml(&self_url));
    let _ = writeln!(x, "<updated>{}</updated>", rfc3339(updated));
    let _ = writeln!(x, "<author><name>{}</name></author>", xml(c.company(&l.code)));
    let _ = writeln!(x, "<generator>alumni</generator>");
    for i in items {
        let p = &site.pages[i];
        let link = c.base_url.absolute(&p.url);
        let date = content_date(p).unwrap_or(Timestamp::UNIX_EPOCH);
        let _ = writeln!(x, "<entry xml:lang=\"{}\">", xml(&p.src.lang));
        let _ = writeln!(x, "<title>{}</title>", xml(&p.src.title));
        let _ = writeln!(x, "<id>{}</id>", xml(&link));
        let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml(&link));
        let _ = writeln!(x, "<updated>{}</updated>", rfc3339(date));
        if let Kind::Message(m) = &p.src.kind
            && let Some(a) = &m.author
        {
            let _ = writeln!(x, "<author><name>{}</name></author>", xml(a));
        }
        let summary = p.src.summary.as_deref().unwrap_or(&bodies[i].first_paragraph);
        if !summary.is_empty() {
            let _ = writeln!(x, "<summary>{}</summary>", xml(summary));
        }
        // A very long text is left to its page: the feed stays small
        // enough for readers to fetch, and carries its summary and link.
        if bodies[i].html.len() <= FEED_BODY_LIMIT {
            let _ = writeln!(x, "<content type=\"html\">{}</content>", xml(&bodies[i].html));
        }
        let _ = writeln!(x, "</entry>");
    }
    x.push_str("</feed>\n");
    OutputFile::new(routes::feed(&l.prefix), x)
}

/// One sitemap URL with its language alternates.
struct Entry {
    loc: String,
    lastmod: Option<Timestamp>,
    alternates: Vec<(String, String)>,
}

/// `sitemap.xml` (and `sitemap-N.xml` with an index past the limit), and `robots.txt`.
pub fn sitemap(site: &Site) -> Vec<OutputFile> {
    sitemap_with_limit(site, SITEMAP_LIMIT)
}

pub fn sitemap_with_limit(site: &Site, limit: usize) -> Vec<OutputFile> {
    let c = &site.config;
    let abs = |path: &str| c.base_url.absolute(path);
    let mut entries = Vec::new();
    // Lists and tag pages exist in every language.
    let url = |rel: &str| abs(&[c.base_url.path.as_str(), rel].concat());
    let fixed: Vec<Vec<(&str, String)>> = site.langs.iter().map(routes::fixed_pages).collect();
    for (li, l) in site.langs.iter().enumerate() {
        for (name, rel) in &fixed[li] {
            // The same page in every language that has it.
            let alternates = site
                .langs
                .iter()
                .zip(&fixed)
                .filter_map(|(o, theirs)| theirs.iter().find(|(n, _)| n == name).map(|(_, r)| (o.code.clone(), url(r))))
                .collect();
            entries.push(Entry { loc: url(rel), lastmod: None, alternates });
        }
        for t in l.tags.values() {
            entries.push(Entry { loc: url(&routes::tag(&l.prefix, &t.slug)), lastmod: None, alternates: vec![] });
        }
    }
    // On every core: a sitemap entry per page, a sitemap file per `limit` entries.
    let pages: Vec<Entry> = site
        .pages
        .par_iter()
        .map(|p| {
            let alternates = if p.translations.len() > 1 {
                p.translations.iter().map(|&t| (site.pages[t].src.lang.clone(), abs(&site.pages[t].url))).collect()
            } else {
                Vec::new()
            };
            Entry { loc: abs(&p.url), lastmod: content_date(p), alternates }
        })
        .collect();
    entries.extend(pages);
    let mut files = Vec::new();
    if entries.len() <= limit {
        files.push(OutputFile::new(routes::SITEMAP, urlset(&entries)));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let sets: Vec<String> = entries.par_chunks(limit).map(urlset).collect();
        for (n, set) in sets.into_iter().enumerate() {
            let name = routes::sitemap_part(n + 1);
            let _ =
                writeln!(index, "<sitemap><loc>{}</loc></sitemap>", xml(&abs(&format!("{}{name}", c.base_url.path))));
            files.push(OutputFile::new(name, set));
        }
        index.push_str("</sitemapindex>\n");
        files.push(OutputFile::new(routes::SITEMAP, index));
    }
    // A preview with drafts is for the people who review it, not for search engines.
    let robots = if site.drafts {
        "User-agent: *\nDisallow: /\n".to_string()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", url(routes::SITEMAP))
    };
    files.push(OutputFile::new(routes::ROBOTS, robots));
    files
}

fn urlset(entries: &[Entry]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        let _ = write!(x, "<url><loc>{}</loc>", xml(&e.loc));
        if let Some(t) = e.lastmod {
            let _ = write!(x, "<lastmod>{}</lastmod>", rfc3339(t));
        }
        for (lang, href) in &e.alternates {
            let _ = write!(x, "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", xml(lang), xml(href));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(xml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(xml("]]>"), "]]&gt;");
        assert_eq!(xml("x\u{1}y"), "xy");
        assert_eq!(xml("\t日本\u{fffe}\u{ffff}\u{fffd}語\r\n"), "\t日本\u{fffd}語\r\n");
    }
}
