//! The route table: every kind of content and every list the site writes,
//! with its URL pattern and template, declared once. The site model claims
//! these paths (and reports two things wanting one), the render plan renders
//! them, and links, navigation, feeds and the sitemap point at them; none of
//! them spells a URL of its own.
//!
//! Paths here are relative to the site's root and to a language's prefix
//! (`""` for the default language, `en/` for another): `events/x/`. A page's
//! file is its folder's `index.html`, so its URL ends in `/`.

use crate::content::Section;
use crate::i18n::Text;
use crate::msg;
use crate::site::LangSite;

/// A kind of content: where its files live, where its pages go and what
/// renders them.
#[derive(Debug)]
pub struct Kind {
    pub section: Section,
    /// The folder under `content/` and its key in templates (`urls.events`,
    /// the navigation's current section).
    pub name: &'static str,
    /// The URL folder of its pages and its list: `events/` (`""` for free
    /// pages, which live at the root: `/about/`).
    pub folder: &'static str,
    /// The template of one item.
    pub item_template: &'static str,
    /// Its paged list, for kinds that have one.
    pub list: Option<List>,
}

/// A kind's list of items.
#[derive(Debug)]
pub struct List {
    pub template: &'static str,
    /// What the list is called in errors (two things wanting one URL).
    pub what: fn() -> Text,
    /// The list page exists even with nothing in it (it says so); a list
    /// without this exists only in a language that has items for it, so
    /// that a site without any gets no empty page, link or sitemap entry.
    pub always: bool,
}

/// Every kind, in the order lists, navigation and the sitemap show them.
pub const KINDS: [Kind; 5] = [
    Kind {
        section: Section::Messages,
        name: "messages",
        folder: "messages/",
        item_template: "message.html",
        list: Some(List { template: "messages.html", what: || msg!("origin-message-list"), always: true }),
    },
    Kind {
        section: Section::Events,
        name: "events",
        folder: "events/",
        item_template: "event.html",
        list: Some(List { template: "events.html", what: || msg!("origin-event-list"), always: true }),
    },
    Kind {
        section: Section::Jobs,
        name: "jobs",
        folder: "jobs/",
        item_template: "job.html",
        list: Some(List { template: "jobs.html", what: || msg!("origin-job-list"), always: true }),
    },
    Kind {
        section: Section::Stories,
        name: "stories",
        folder: "stories/",
        item_template: "story.html",
        list: Some(List { template: "stories.html", what: || msg!("origin-story-list"), always: false }),
    },
    Kind { section: Section::Pages, name: "pages", folder: "", item_template: "page.html", list: None },
];

/// The route of a section's content.
pub fn kind(section: Section) -> &'static Kind {
    // KINDS covers every section (checked by a test).
    KINDS.iter().find(|k| k.section == section).unwrap_or(&KINDS[KINDS.len() - 1])
}

/// The kinds that have a paged list, in order, with their list.
pub fn lists() -> impl Iterator<Item = (&'static Kind, &'static List)> {
    KINDS.iter().filter_map(|k| k.list.as_ref().map(|l| (k, l)))
}

/// The lists a language has a page for (see `List::always`).
pub fn lists_of(l: &LangSite) -> impl Iterator<Item = (&'static Kind, &'static List)> + '_ {
    lists().filter(|(k, list)| list.always || l.list_len(k.section) > 0)
}

pub const HOME_TEMPLATE: &str = "home.html";
pub const TAGS_TEMPLATE: &str = "tags.html";
pub const TAG_TEMPLATE: &str = "tag.html";
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The sitemap (or its index, when split) and robots.txt: one per site.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// Part `n` (from 1) of a sitemap split into an index and parts.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// A language's home page folder.
pub fn home(prefix: &str) -> String {
    prefix.to_string()
}

/// A kind's list folder: `en/events/`.
pub fn list(prefix: &str, kind: &Kind) -> String {
    [prefix, kind.folder].concat()
}

/// One item's folder: `en/events/summer-party/`.
pub fn item(prefix: &str, section: Section, slug: &str) -> String {
    [prefix, kind(section).folder, slug, "/"].concat()
}

/// The folder of every tag.
pub fn tags(prefix: &str) -> String {
    [prefix, "tags/"].concat()
}

/// One tag's folder: `en/tags/career/`.
pub fn tag(prefix: &str, slug: &str) -> String {
    [prefix, "tags/", slug, "/"].concat()
}

/// Page `number` (from 1) of a list whose first page is the folder `first`.
pub fn paged(first: &str, number: usize) -> String {
    if number == 1 { first.to_string() } else { format!("{first}page/{number}/") }
}

/// A language's page for addresses that do not exist.
pub fn not_found(prefix: &str) -> String {
    [prefix, "404.html"].concat()
}

/// A language's Atom feed.
pub fn feed(prefix: &str) -> String {
    [prefix, "atom.xml"].concat()
}

/// A language's calendar of upcoming events.
pub fn calendar(prefix: &str) -> String {
    [prefix, "events/calendar.ics"].concat()
}

/// The file of the page in `folder`.
pub fn page_file(folder: &str) -> String {
    [folder, "index.html"].concat()
}

/// An event's own calendar file, beside its page in `folder`.
pub fn event_file(folder: &str) -> String {
    [folder, "event.ics"].concat()
}

/// The folders a language has a page in, besides its items and tags: the
/// home page, each kind's list, the tag index (for the sitemap), each with
/// a name that is the same in every language.
pub fn fixed_pages(l: &LangSite) -> Vec<(&'static str, String)> {
    let p = &l.prefix;
    std::iter::once(("home", home(p)))
        .chain(lists_of(l).map(|(k, _)| (k.name, list(p, k))))
        .chain([("tags", tags(p))])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_one_route() {
        for s in Section::ALL {
            assert_eq!(KINDS.iter().filter(|k| k.section == s).count(), 1, "{s:?}");
            assert_eq!(kind(s).section, s);
            assert_eq!(kind(s).name, s.dir());
        }
    }

    #[test]
    fn paths_follow_the_patterns() {
        assert_eq!(item("en/", Section::Events, "party"), "en/events/party/");
        assert_eq!(item("", Section::Pages, "about"), "about/");
        assert_eq!(page_file(&paged(&list("", kind(Section::Jobs)), 3)), "jobs/page/3/index.html");
        assert_eq!(event_file("events/party/"), "events/party/event.ics");
        let mut l = LangSite { prefix: "en/".into(), ..Default::default() };
        let names = |l: &LangSite| fixed_pages(l).into_iter().map(|(_, rel)| rel).collect::<Vec<_>>();
        assert_eq!(names(&l), ["en/", "en/messages/", "en/events/", "en/jobs/", "en/tags/"]);
        l.stories.push(0);
        assert_eq!(names(&l), ["en/", "en/messages/", "en/events/", "en/jobs/", "en/stories/", "en/tags/"]);
    }
}
