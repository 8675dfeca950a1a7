//! The pages users see, on the portal fixture with the default theme: every
//! URL of the README's output table in both languages, language links, the
//! home page, the lists and their order, tags, pagination, 404, static files.

use crate::support::{Site, attrs, body_text, page_links, portal, texts, ui};

#[test]
fn every_url_of_the_output_table_exists_in_both_languages() {
    let site = &portal().site;
    let urls = [
        "index.html",
        "messages/index.html",
        "messages/welcome/index.html",
        "events/index.html",
        "events/winter-meetup/index.html",
        "jobs/index.html",
        "jobs/engineer/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/お知らせ/index.html",
        "404.html",
    ];
    for rel in urls {
        for (lang, prefix) in [("ja", ""), ("en", "en/")] {
            let path = format!("{prefix}{rel}");
            assert!(site.exists(&path), "{path} is missing");
            assert_eq!(attrs(&site.html(&path), "html", "lang"), [lang], "<html lang> of {path}");
        }
    }
    // Slugs: from the file name, or from `slug`.
    assert!(site.exists("privacy-policy/index.html") && !site.exists("privacy/index.html"));
    // Detail pages exist only for real translations.
    for missing in
        ["en/privacy-policy/index.html", "en/events/online-session/index.html", "en/jobs/designer/index.html"]
    {
        assert!(!site.exists(missing), "{missing} should not exist");
    }
    assert_eq!(texts(&site.html("events/winter-meetup/index.html"), "h1"), ["アルムナイ交流会 2026 冬"]);
    assert_eq!(texts(&site.html("en/events/winter-meetup/index.html"), "h1"), ["Alumni Meetup Winter 2026"]);
}

#[test]
fn unpublished_content_is_not_built() {
    let site = &portal().site;
    // A draft, messages and a job dated after --as-of.
    for rel in ["messages/draft-note", "messages/next-year", "messages/morning-news", "jobs/future-job"] {
        assert!(!site.exists(&format!("{rel}/index.html")), "{rel} is built");
        assert!(!site.read("atom.xml").contains(rel), "{rel} is in the feed");
        assert!(!site.read("sitemap.xml").contains(rel), "{rel} is in the sitemap");
    }
}

#[test]
fn language_versions_link_to_each_other() {
    let site = &portal().site;
    let ja = site.html("messages/welcome/index.html");
    assert_eq!(attrs(&ja, "a[hreflang=en]", "href")[0], "/en/messages/welcome/");
    assert_eq!(
        attrs(&ja, "link[rel=alternate][hreflang=en]", "href"),
        ["https://alumni.example.com/en/messages/welcome/"]
    );
    let en = site.html("en/messages/welcome/index.html");
    assert_eq!(attrs(&en, "a[hreflang=ja]", "href")[0], "/messages/welcome/");
    // A page without a translation offers no other language.
    let privacy = site.html("privacy-policy/index.html");
    assert!(attrs(&privacy, "a[hreflang=en]", "href").is_empty());
    assert!(attrs(&privacy, "link[rel=alternate][hreflang=en]", "href").is_empty());
    // Lists exist in every language; later pages link to the other list's start.
    assert_eq!(attrs(&site.html("events/index.html"), "a[hreflang=en]", "href")[0], "/en/events/");
    assert_eq!(attrs(&site.html("messages/page/2/index.html"), "a[hreflang=en]", "href")[0], "/en/messages/");
}

#[test]
fn home_shows_welcome_next_events_newest_open_jobs_and_join() {
    let site = &portal().site;
    let home = site.html("index.html");
    let text = body_text(&home);
    assert!(text.contains("ミライ商事株式会社"), "brand");
    assert!(text.contains("アルムナイの皆さまへ") && text.contains("ミライ商事を支えてくださった皆さま、ようこそ。"));
    assert_eq!(
        page_links(&home, "/events/").into_iter().filter(|l| l != "/events/").collect::<Vec<_>>(),
        ["/events/winter-meetup/", "/events/online-session/", "/events/new-year/"],
        "the next three events, soonest first"
    );
    assert_eq!(
        page_links(&home, "/jobs/").into_iter().filter(|l| l != "/jobs/").collect::<Vec<_>>(),
        ["/jobs/designer/", "/jobs/engineer/", "/jobs/intern/"],
        "the three newest open jobs"
    );
    let messages: Vec<String> = page_links(&home, "/messages/").into_iter().filter(|l| l != "/messages/").collect();
    assert_eq!(messages, ["/messages/newsletter/", "/messages/autumn-news/", "/messages/spring-news/"]);
    assert!(attrs(&home, "a", "href").contains(&"https://example.com/alumni/register".to_string()), "join link");
    assert!(text.contains(&ui("ja", "join_button")));

    // English: its own welcome; items without a translation are shown in
    // Japanese and marked as such.
    let en = site.html("en/index.html");
    assert!(body_text(&en).contains("Welcome back"));
    assert!(body_text(&en).contains(&ui("en", "join_button")));
    let en_events = page_links(&en, "/");
    assert!(en_events.contains(&"/en/events/winter-meetup/".to_string()), "{en_events:?}");
    assert_eq!(attrs(&en, "a[href='/events/online-session/']", "lang"), ["ja"]);
}

#[test]
fn events_list_upcoming_soonest_first_then_past_most_recent_first() {
    let site = &portal().site;
    // The fixture's page size is 2: one list, upcoming then past, over three pages.
    let section = |doc: &scraper::Html, css: &str| -> Option<Vec<String>> {
        let sel = scraper::Selector::parse(css).unwrap();
        let a = scraper::Selector::parse(".card-grid a[href^='/events/']").unwrap();
        doc.select(&sel).next().map(|s| s.select(&a).filter_map(|e| e.value().attr("href")).map(String::from).collect())
    };
    // The event links of each page's upcoming and past sections (None: no such section).
    type Sections = (Option<Vec<String>>, Option<Vec<String>>);
    let pages: Vec<Sections> = ["events/index.html", "events/page/2/index.html", "events/page/3/index.html"]
        .iter()
        .map(|f| {
            let doc = site.html(f);
            (section(&doc, "section[aria-labelledby='upcoming-title']"), section(&doc, "section.past-events"))
        })
        .collect();
    let v = |xs: &[&str]| Some(xs.iter().map(|x| x.to_string()).collect::<Vec<_>>());
    assert_eq!(
        pages,
        [
            (v(&["/events/winter-meetup/", "/events/online-session/"]), None),
            (v(&["/events/new-year/", "/events/london-drinks/"]), None),
            (None, v(&["/events/summer-picnic/", "/events/past-seminar/"])),
        ]
    );
    assert!(!site.exists("events/page/4/index.html"));
    // Each page links its neighbours, in the page and in the head.
    let second = site.html("events/page/2/index.html");
    assert_eq!(attrs(&second, "link[rel=prev]", "href"), ["/events/"]);
    assert_eq!(attrs(&second, "link[rel=next]", "href"), ["/events/page/3/"]);
    assert!(texts(&second, "h1").concat().contains('2'), "the page number is in the heading");
    // A page without past events points to the page where they begin.
    let first = site.html("events/index.html");
    assert_eq!(attrs(&first, "section[aria-labelledby='upcoming-title'] a.more-link", "href"), ["/events/page/3/"]);
    assert_eq!(attrs(&second, "section[aria-labelledby='upcoming-title'] a.more-link", "href"), ["/events/page/3/"]);
    assert!(attrs(&site.html("events/page/3/index.html"), "a.more-link", "href").is_empty());
    // A page where the list turns from upcoming to past has both sections.
    let three = Site::fixture("portal");
    three.edit("alumni.toml", "page_size = 2", "page_size = 3");
    three.build(&["--as-of", crate::support::AS_OF]).ok();
    let pages: Vec<_> = ["events/index.html", "events/page/2/index.html"]
        .iter()
        .map(|f| {
            let doc = three.html(f);
            (section(&doc, "section[aria-labelledby='upcoming-title']"), section(&doc, "section.past-events"))
        })
        .collect();
    assert_eq!(
        pages,
        [
            (v(&["/events/winter-meetup/", "/events/online-session/", "/events/new-year/"]), None),
            (v(&["/events/london-drinks/"]), v(&["/events/summer-picnic/", "/events/past-seminar/"])),
        ]
    );
    assert!(!three.exists("events/page/3/index.html"));
    assert_eq!(attrs(&three.html("events/index.html"), "a.more-link", "href"), ["/events/page/2/"]);
    assert!(attrs(&three.html("events/page/2/index.html"), "a.more-link", "href").is_empty(), "past events are here");
    // A site with no past events says so, once, on the last page.
    three.remove("content/events/summer-picnic.md").remove("content/events/past-seminar.md");
    three.build(&["--as-of", crate::support::AS_OF]).ok();
    let none = ui("ja", "no_past_events");
    assert!(!body_text(&three.html("events/index.html")).contains(&none));
    assert!(body_text(&three.html("events/page/2/index.html")).contains(&none));
    // A past event's page stays, and says it has ended.
    let past = body_text(&site.html("events/summer-picnic/index.html"));
    assert!(past.contains(&ui("ja", "event_ended")), "{past}");
    assert!(!body_text(&site.html("events/winter-meetup/index.html")).contains(&ui("ja", "event_ended")));
}

#[test]
fn jobs_list_shows_open_jobs_and_a_closed_job_page_says_it_is_closed() {
    let site = &portal().site;
    let jobs = |rel: &str| -> Vec<String> {
        page_links(&site.html(rel), "/jobs/").into_iter().filter(|l| l != "/jobs/" && !l.contains("/page/")).collect()
    };
    assert_eq!(jobs("jobs/index.html"), ["/jobs/designer/", "/jobs/engineer/"]);
    assert_eq!(jobs("jobs/page/2/index.html"), ["/jobs/intern/", "/jobs/last-day/"]);
    assert!(!site.exists("jobs/page/3/index.html"));

    let closed = site.html("jobs/closed-analyst/index.html");
    assert!(body_text(&closed).contains(&ui("ja", "job_closed_notice")));
    assert!(
        !attrs(&closed, "a", "href").contains(&"https://careers.example.com/jobs/105".to_string()),
        "no apply link"
    );
    let open = site.html("jobs/engineer/index.html");
    assert!(!body_text(&open).contains(&ui("ja", "job_closed_notice")));
    assert!(attrs(&open, "a", "href").contains(&"https://careers.example.com/jobs/101".to_string()), "apply link");
    assert!(body_text(&open).contains(&ui("ja", "job_apply")));
}

#[test]
fn tag_pages_list_everything_tagged() {
    let site = &portal().site;
    let tags = site.html("tags/index.html");
    for t in ["/tags/career-change/", "/tags/交流会/", "/tags/お知らせ/", "/tags/説明会/"] {
        assert!(attrs(&tags, "a", "href").contains(&t.to_string()), "{t} not on /tags/");
    }
    // Three pages tagged, two per page (page_size = 2), newest first.
    let doc = site.html("tags/career-change/index.html");
    let mut tagged = page_links(&doc, "/");
    tagged.extend(page_links(&site.html("tags/career-change/page/2/index.html"), "/"));
    for p in ["/messages/autumn-news/", "/jobs/engineer/", "/events/past-seminar/"] {
        assert!(tagged.contains(&p.to_string()), "{p} not on the Career Change page: {tagged:?}");
    }
    assert!(body_text(&doc).contains("Career Change"));
    // English tag pages: tags of English pages, plus those shown in Japanese.
    assert!(site.exists("en/tags/meetup/index.html") && site.exists("en/tags/お知らせ/index.html"));
    // The tag links of a page lead to existing tag pages.
    let tag_links = attrs(&site.html("events/winter-meetup/index.html"), "a[href^='/tags/']", "href");
    assert!(tag_links.contains(&"/tags/交流会/".to_string()), "{tag_links:?}");
    for href in tag_links {
        assert!(site.exists(&format!("{}index.html", &href[1..])), "{href}");
    }
}

#[test]
fn long_lists_are_paginated_with_prev_and_next() {
    let site = &portal().site;
    let messages = |rel: &str| -> Vec<String> {
        let doc = site.html(rel);
        page_links(&doc, "/messages/").into_iter().filter(|l| l != "/messages/" && !l.contains("/page/")).collect()
    };
    // page_size = 2; the welcome message is not in the list.
    assert_eq!(messages("messages/index.html"), ["/messages/newsletter/", "/messages/autumn-news/"]);
    assert_eq!(messages("messages/page/2/index.html"), ["/messages/spring-news/"]);
    assert!(!site.exists("messages/page/3/index.html"));
    let first = site.html("messages/index.html");
    assert_eq!(attrs(&first, "link[rel=next]", "href"), ["/messages/page/2/"]);
    assert!(attrs(&first, "link[rel=prev]", "href").is_empty());
    let second = site.html("messages/page/2/index.html");
    assert_eq!(attrs(&second, "link[rel=prev]", "href"), ["/messages/"]);
    assert!(attrs(&second, "link[rel=next]", "href").is_empty());
    assert!(site.exists("en/messages/page/2/index.html"));
}

#[test]
fn a_long_list_links_a_window_of_its_pages() {
    // 30 more messages at two a page: 17 pages of the message list.
    let site = Site::fixture("portal");
    for n in 1..=30 {
        site.write(
            &format!("content/messages/extra-{n:02}.md"),
            format!("+++\ntitle = \"Extra {n}\"\ndate = 2026-01-{n:02}\n+++\nText.\n"),
        );
    }
    site.build(&["--as-of", crate::support::AS_OF]).ok();
    assert!(site.exists("messages/page/17/index.html") && !site.exists("messages/page/18/index.html"));
    let pager = |rel: &str| texts(&site.html(rel), "nav.pagination li:not(.pagination-step)");
    let current = |rel: &str| texts(&site.html(rel), "nav.pagination a[aria-current=page]");
    assert_eq!(pager("messages/page/9/index.html"), ["1", "…", "7", "8", "9", "10", "11", "…", "17"]);
    assert_eq!(current("messages/page/9/index.html"), ["9"]);
    assert_eq!(pager("messages/index.html"), ["1", "2", "3", "…", "17"]);
    assert_eq!(pager("messages/page/17/index.html"), ["1", "…", "15", "16", "17"]);
    let hrefs = attrs(&site.html("messages/page/9/index.html"), "nav.pagination li:not(.pagination-step) a", "href");
    assert_eq!(hrefs.first().map(String::as_str), Some("/messages/"));
    assert_eq!(hrefs.last().map(String::as_str), Some("/messages/page/17/"));
}

#[test]
fn not_found_page_in_each_language() {
    let site = &portal().site;
    let ja = site.html("404.html");
    assert!(body_text(&ja).contains(&ui("ja", "not_found_title")));
    assert!(attrs(&ja, "a", "href").contains(&"/".to_string()));
    let en = site.html("en/404.html");
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    assert!(body_text(&en).contains(&ui("en", "not_found_title")));
    assert!(attrs(&en, "a", "href").contains(&"/en/".to_string()));
}

#[test]
fn static_files_are_copied_and_theme_assets_resolve() {
    let shared = portal();
    let src = shared.site.path().join("static");
    for rel in ["logo.svg", "images/team.txt"] {
        assert_eq!(
            std::fs::read(shared.site.public().join(rel)).unwrap(),
            std::fs::read(src.join(rel)).unwrap(),
            "{rel} copied as is"
        );
    }
    let home = shared.site.html("index.html");
    let assets: Vec<String> =
        attrs(&home, "link[rel=stylesheet]", "href").into_iter().chain(attrs(&home, "img", "src")).collect();
    assert!(!assets.is_empty());
    for href in assets {
        assert!(shared.site.exists(href.trim_start_matches('/')), "{href} is not in the output");
    }
}

#[test]
fn markdown_features_render() {
    let doc = portal().site.html("guide/index.html");
    assert_eq!(texts(&doc, "table th"), ["項目", "内容"]);
    assert_eq!(texts(&doc, "table td"), ["日時", "12月5日"]);
    // A table that scrolls inside itself on a phone can take the keyboard focus.
    assert_eq!(attrs(&doc, ".prose table", "tabindex"), ["0"]);
    assert_eq!(texts(&doc, "del"), ["取り消し線"]);
    assert_eq!(attrs(&doc, "input[type=checkbox][disabled]", "type").len(), 2);
    assert_eq!(attrs(&doc, "input[type=checkbox][checked]", "type").len(), 1);
    assert!(texts(&doc, ".footnote-definition").iter().any(|t| t.contains("脚注の内容です。")));
    let note_ref = attrs(&doc, "sup a", "href");
    assert_eq!(note_ref.len(), 1);
    assert_eq!(attrs(&doc, &format!("[id='{}']", &note_ref[0][1..]), "id").len(), 1, "footnote target exists");
    // The page title is the only h1; Markdown headings move one level down
    // and get unique anchors, in any script.
    assert_eq!(texts(&doc, "h1"), ["Markdown ガイド"]);
    for (css, count) in [("h2[id='見出しの例']", 1), ("h3[id='同じ見出し']", 1), ("h3[id='同じ見出し-1']", 1)]
    {
        assert_eq!(attrs(&doc, css, "id").len(), count, "{css}");
    }
    assert_eq!(texts(&doc, "aside.raw-html"), ["生のHTMLはそのまま通ります"]);
}

#[test]
fn every_config_key_shows_in_the_output() {
    let site = &portal().site;
    let home = site.html("index.html");
    assert_eq!(texts(&home, "title"), ["ミライ商事 アルムナイネットワーク"], "title");
    assert_eq!(texts(&site.html("en/index.html"), "title"), ["Mirai Shoji Alumni Network"], "[languages.en] title");
    assert_eq!(attrs(&home, "link[rel=canonical]", "href"), ["https://alumni.example.com/"], "base_url");
    assert_eq!(attrs(&home, "html", "lang"), ["ja"], "language: the default language lives at the root");
    assert!(attrs(&home, "img", "src").contains(&"/logo.svg".to_string()), "brand.logo");
    assert!(attrs(&home, "img[src='/logo.svg']", "alt").contains(&"ミライ商事株式会社".to_string()), "brand.company");
    let style = texts(&home, "style").join("");
    assert!(style.contains("#1a4d8f") && style.contains("#f2a900"), "brand colours: {style}");
    assert!(attrs(&home, "a", "href").contains(&"mailto:alumni@example.com".to_string()), "portal.contact_email");
    assert!(attrs(&home, "a", "href").contains(&"https://example.com/alumni/register".to_string()), "portal.join_url");
    // timezone, theme, minify and page_size: see the ics, theme and pagination tests.
}

#[test]
fn free_pages_are_ordered_by_weight_then_title_in_every_language() {
    let site = Site::fixture("portal");
    let page = |title: &str, weight: &str| format!("+++\ntitle = \"{title}\"\n{weight}+++\nText.\n");
    // Without weights the order is by title, so it differs between languages.
    site.write("content/pages/about.md", page("アルムナイについて", "weight = 1\n"));
    site.write("content/pages/faq.md", page("よくあるご質問", "weight = 2\n"));
    site.write("content/pages/privacy.md", page("個人情報の取り扱い", "weight = 3\nslug = \"privacy-policy\"\n"));
    site.write("content/pages/guide.md", page("Markdown ガイド", ""));
    site.write("content/pages/zz.md", page("最後", "weight = -1\n"));
    site.write("content/pages/about.en.md", page("About", ""));
    // A translation's own weight wins over its group's.
    site.write("content/pages/faq.en.md", page("FAQ", "weight = 9\n"));
    site.write("content/pages/privacy.en.md", page("Privacy", ""));
    site.build(&["--as-of", "2026-11-24"]).ok();
    let footer = |rel: &str| texts(&site.html(rel), "footer nav li a");
    let ja = footer("index.html");
    assert_eq!(
        ja[..5],
        ["最後", "アルムナイについて", "よくあるご質問", "個人情報の取り扱い", "Markdown ガイド"],
        "{ja:?}"
    );
    let en = footer("en/index.html");
    // Pages without an English translation take their place in Japanese.
    assert_eq!(en[..5], ["最後", "About", "Privacy", "FAQ", "Markdown ガイド"], "{en:?}");

    site.write("content/pages/faq.md", page("よくあるご質問", "weight = \"2\"\n"));
    let run = site.check(&["--as-of", "2026-11-24", "--format", "json"]);
    run.failed();
    let d = run.json().into_iter().find(|d| d["file"] == "content/pages/faq.md").expect("an error for faq.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(10)), "{d}");
    assert!(d["message"].as_str().unwrap().contains("weight"), "{d}");
}

#[test]
fn html_comments_in_markdown_reach_no_output() {
    let site = Site::fixture("portal");
    let note = "\n<!-- note to editors: check the date -->\n\nSee you there. <!-- inline note to editors -->\n\n\
                <!--\nnote to editors\nover lines\n-->\n";
    for rel in ["content/jobs/engineer.md", "content/events/winter-meetup.md", "content/messages/newsletter.md"] {
        let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
        site.write(rel, format!("{text}{note}"));
    }
    site.build(&["--as-of", "2026-11-24"]).ok();
    let leaked: Vec<String> = crate::support::tree(&site.public())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("note to editors"))
        .map(|(p, _)| p)
        .collect();
    assert!(leaked.is_empty(), "comments reach {leaked:?}");
    // The text around them stays.
    assert!(body_text(&site.html("jobs/engineer/index.html")).contains("See you there."));
    let job = crate::formats::jsonld_of(&site.html("jobs/engineer/index.html"), "JobPosting");
    assert!(job["description"].as_str().unwrap().contains("See you there."));
}

/// One entry of the footer's page list: link text, `href`, `lang`,
/// `hreflang`, and the text of its language badge.
#[derive(Debug, PartialEq)]
struct FooterPage {
    title: String,
    href: String,
    lang: Option<String>,
    hreflang: Option<String>,
    badge: Option<String>,
}

fn footer_pages(doc: &scraper::Html) -> Vec<FooterPage> {
    let sel = |css: &str| scraper::Selector::parse(css).expect("selector");
    let (li, a, badge) = (sel("footer nav li"), sel("a"), sel(".badge-lang"));
    doc.select(&li)
        .filter_map(|item| {
            let link = item.select(&a).next()?;
            let attr = |name: &str| link.value().attr(name).map(str::to_string);
            Some(FooterPage {
                title: link.text().collect::<String>().trim().to_string(),
                href: attr("href")?,
                lang: attr("lang"),
                hreflang: attr("hreflang"),
                badge: item.select(&badge).next().map(|b| b.text().collect::<String>().trim().to_string()),
            })
        })
        .collect()
}

#[test]
fn free_pages_without_a_translation_fall_back_to_the_default_language_in_the_footer() {
    let site = &portal().site;
    let japanese = ui_table("en", "language_names", "ja");
    for rel in ["en/index.html", "en/messages/welcome/index.html", "en/events/index.html"] {
        let pages = footer_pages(&site.html(rel));
        let find = |href: &str| pages.iter().find(|p| p.href == href);
        // The privacy policy exists in Japanese only: linked there, in Japanese, with a badge.
        assert_eq!(
            find("/privacy-policy/"),
            Some(&FooterPage {
                title: "プライバシーポリシー".into(),
                href: "/privacy-policy/".into(),
                lang: Some("ja".into()),
                hreflang: Some("ja".into()),
                badge: Some(japanese.clone()),
            }),
            "{rel}: {pages:#?}"
        );
        assert!(site.exists("privacy-policy/index.html") && !site.exists("en/privacy-policy/index.html"));
        // A page with an English translation still links to it, unmarked.
        assert_eq!(
            find("/en/about/"),
            Some(&FooterPage {
                title: "About this site".into(),
                href: "/en/about/".into(),
                lang: None,
                hreflang: None,
                badge: None,
            }),
            "{rel}: {pages:#?}"
        );
        assert!(find("/about/").is_none(), "{rel}: the Japanese version of a translated page is not listed");
    }
    // In the default language nothing falls back, so nothing is marked.
    let ja = footer_pages(&site.html("index.html"));
    assert!(ja.iter().any(|p| p.href == "/privacy-policy/"), "{ja:#?}");
    assert!(ja.iter().all(|p| p.badge.is_none() && p.lang.is_none()), "{ja:#?}");
}

/// A UI string in a table of the default theme's strings (`[table] key`).
fn ui_table(lang: &str, table: &str, key: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.toml"));
    let all: toml::Table = toml::from_str(&std::fs::read_to_string(path).expect("i18n file")).expect("parses");
    all[table][key].as_str().expect("a string").to_string()
}

#[test]
fn numbers_in_a_location_are_kept_whole_and_the_rest_escaped() {
    let site = Site::fixture("portal");
    site.edit(
        "content/events/winter-meetup.md",
        "location = \"東京本社 20階ホール\"",
        "location = \"東京本社 20階ホール（千代田区丸の内9-9-9）<b>&\"",
    );
    site.build(&["--as-of", "2026-11-24"]).ok();
    let page = site.read("events/winter-meetup/index.html");
    let want = "東京本社 <span class=\"nobr\">20階</span>ホール（千代田区丸の内<span class=\"nobr\">9-9-9</span>）&lt;b&gt;&amp;";
    // The detail panel, and the card in the event list.
    assert!(page.contains(&format!("<dd>{want}</dd>")), "{page}");
    assert!(site.read("events/index.html").contains(want));
    // The ICS file and the JSON-LD carry the text as it is written.
    assert!(site.read("events/winter-meetup/event.ics").contains("丸の内9-9-9"));
    assert!(!site.read("events/winter-meetup/event.ics").contains("nobr"));
}
