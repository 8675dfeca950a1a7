//! The corpus as a Zola site: the same pages, tags, translations and links
//! (`@/` internal links), with minimal templates equivalent to the alumni
//! "bench" theme. Zola's front matter is strict, so alumni's own fields go
//! under `[extra]`.

use std::path::Path;

use super::{AS_OF, COMPANY, Corpus, Item, Lang, TITLE_EN, TITLE_JA, file_name, put};
use super::{anchor_fields, toml_list, toml_str, write_docs};

/// Section folder, Japanese and English title.
pub const SECTION_TITLES: &[(&str, &str, &str)] = &[
    ("messages", "メッセージ", "Messages"),
    ("events", "イベント", "Events"),
    ("jobs", "求人", "Jobs"),
    ("pages", "ページ", "Pages"),
];

pub fn write(corpus: &Corpus, dir: &Path) -> std::io::Result<()> {
    put(&dir.join("config.toml"), &config())?;
    let as_of = AS_OF.replace('-', "");
    for (path, text) in TEMPLATES {
        put(&dir.join("templates").join(path), &text.replace("{AS_OF}", &as_of))?;
    }
    put(&dir.join("content/_index.md"), "+++\n+++\n")?;
    put(&dir.join("content/_index.en.md"), "+++\n+++\n")?;
    for (section, ja, en) in SECTION_TITLES {
        let extra = match *section {
            "pages" => "",
            _ => "sort_by = \"date\"\npaginate_by = 20\n",
        };
        for (file, title) in [("_index.md", ja), ("_index.en.md", en)] {
            put(&dir.join(format!("content/{section}/{file}")), &format!("+++\ntitle = \"{title}\"\n{extra}+++\n"))?;
        }
    }
    write_docs(corpus, dir, front_matter, |_, lang, to| link(corpus, lang, to))
}

fn config() -> String {
    let tr = |l: Lang| {
        let (tags, upcoming, past, messages, events, jobs, register, apply) = match l {
            Lang::Ja => {
                ("タグ", "今後のイベント", "過去のイベント", "メッセージ", "イベント", "求人", "申し込む", "応募する")
            }
            Lang::En => ("Tags", "Upcoming events", "Past events", "Messages", "Events", "Jobs", "Register", "Apply"),
        };
        format!(
            "tags = \"{tags}\"\nupcoming = \"{upcoming}\"\npast = \"{past}\"\nmessages = \"{messages}\"\nevents = \"{events}\"\njobs = \"{jobs}\"\nregister = \"{register}\"\napply = \"{apply}\"\n"
        )
    };
    format!(
        r#"base_url = "https://alumni.example.com"
title = {ja}
default_language = "ja"
compile_sass = false
build_search_index = false
minify_html = true
generate_feeds = true
feed_filenames = ["atom.xml"]
taxonomies = [{{ name = "tags", paginate_by = 20 }}]

[extra]
company = {company}

[translations]
{tr_ja}
[languages.en]
title = {en}
generate_feeds = true
feed_filenames = ["atom.xml"]
taxonomies = [{{ name = "tags", paginate_by = 20 }}]

[languages.en.translations]
{tr_en}"#,
        ja = toml_str(TITLE_JA),
        en = toml_str(TITLE_EN),
        company = toml_str(COMPANY),
        tr_ja = tr(Lang::Ja),
        tr_en = tr(Lang::En)
    )
}

/// Internal links name the file: the English version when an English page
/// links to an item that has one.
fn link(corpus: &Corpus, lang: Lang, to: usize) -> String {
    let t = &corpus.items[to];
    let file_lang = if lang == Lang::En && t.en.is_some() { Lang::En } else { Lang::Ja };
    format!("@/{}/{}", t.kind.dir(), file_name(&t.slug, file_lang))
}

fn front_matter(item: &Item, title: &str, summary: &str) -> String {
    let mut f = format!("title = {}\ndescription = {}\n", toml_str(title), toml_str(summary));
    let (date, extra) = anchor_fields(item);
    f.push_str(&date);
    if !item.tags.is_empty() {
        f.push_str(&format!("[taxonomies]\ntags = {}\n", toml_list(&item.tags)));
    }
    if !extra.is_empty() {
        f.push_str("[extra]\n");
        f.push_str(&extra);
    }
    f
}

const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<meta name="description" content="{% block description %}{{ config.title }}{% endblock description %}">
<link rel="canonical" href="{{ current_url | default(value=config.base_url) }}">
{% block alternates %}{% endblock alternates %}<link rel="alternate" type="application/atom+xml" href="{{ get_url(path="atom.xml", lang=lang) }}">
</head>
<body>
<header><a href="{{ get_url(path="@/_index.md", lang=lang) }}">{{ config.title }}</a>
<nav><a href="{{ get_url(path="@/messages/_index.md", lang=lang) }}">{{ trans(key="messages", lang=lang) }}</a> <a href="{{ get_url(path="@/events/_index.md", lang=lang) }}">{{ trans(key="events", lang=lang) }}</a> <a href="{{ get_url(path="@/jobs/_index.md", lang=lang) }}">{{ trans(key="jobs", lang=lang) }}</a> <a href="{{ get_url(path="tags", lang=lang) }}">{{ trans(key="tags", lang=lang) }}</a></nav>
</header>
<main>{% block main %}{% endblock main %}</main>
<footer>{{ config.extra.company }}</footer>
</body>
</html>
"#;

const PAGE: &str = r#"{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block description %}{{ page.description | default(value=config.title) }}{% endblock description %}
{% block alternates %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endblock alternates %}
{% block main %}<ul>{% for t in page.translations %}<li><a href="{{ t.permalink }}" hreflang="{{ t.lang }}">{{ t.lang }}</a></li>{% endfor %}</ul><article>
<h1>{{ page.title }}</h1>
<p>{% if page.date %}{{ page.date | date(format="%Y-%m-%d") }}{% endif %} {{ page.extra.author | default(value="") }} {{ page.extra.starts_at | default(value="") }} {{ page.extra.location | default(value="") }} {{ page.extra.department | default(value="") }} {{ page.extra.employment_type | default(value="") }}</p>
{% if page.extra.registration_url %}<a href="{{ page.extra.registration_url }}">{{ trans(key="register", lang=lang) }}</a>{% endif %}{% if page.extra.apply_url %}<a href="{{ page.extra.apply_url }}">{{ trans(key="apply", lang=lang) }}</a>{% endif %}
{{ page.content | safe }}
<ul>{% if page.taxonomies.tags %}{% for tag in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=tag, lang=lang) }}">{{ tag }}</a></li>{% endfor %}{% endif %}</ul>
</article>{% endblock main %}
"#;

const ITEM: &str = r#"<li><a href="{{ p.permalink }}">{{ p.title }}</a> {% if p.date %}{{ p.date | date(format="%Y-%m-%d") }}{% endif %}<p>{{ p.description | default(value="") }}</p></li>"#;

const PAGED: &str = r#"<ul>{% for p in paginator.pages %}{% include "item.html" %}{% endfor %}</ul>
{% if paginator.number_pagers > 1 %}<nav>{% if paginator.previous %}<a href="{{ paginator.previous }}">&lt;</a>{% endif %} {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next }}">&gt;</a>{% endif %}</nav>{% endif %}"#;

const SECTION: &str = r#"{% extends "base.html" %}{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block alternates %}{% for t in section.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endblock alternates %}
{% block main %}<h1>{{ section.title }}</h1>
{% if section.components is containing("events") %}
<h2>{{ trans(key="upcoming", lang=lang) }}</h2><ul>{% for p in paginator.pages %}{% if p.date and p.date | date(format="%Y%m%d") | int >= {AS_OF} %}{% include "item.html" %}{% endif %}{% endfor %}</ul>
<h2>{{ trans(key="past", lang=lang) }}</h2><ul>{% for p in paginator.pages %}{% if not p.date or p.date | date(format="%Y%m%d") | int < {AS_OF} %}{% include "item.html" %}{% endif %}{% endfor %}</ul>
{% if paginator.number_pagers > 1 %}<nav>{% if paginator.previous %}<a href="{{ paginator.previous }}">&lt;</a>{% endif %} {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next }}">&gt;</a>{% endif %}</nav>{% endif %}
{% elif paginator %}{% include "paged.html" %}{% endif %}{% endblock main %}
"#;

const INDEX: &str = r#"{% extends "base.html" %}{% block main %}{% if lang == "ja" %}{% set suffix = "" %}{% else %}{% set suffix = "." ~ lang %}{% endif %}
{% set w = get_page(path="messages/welcome" ~ suffix ~ ".md") %}<article><h1>{{ w.title }}</h1>{{ w.content | safe }}</article>
{% set events = get_section(path="events/_index" ~ suffix ~ ".md") %}{% set_global n = 0 %}
<h2>{{ trans(key="upcoming", lang=lang) }}</h2><ul>{% for p in events.pages | reverse %}{% if n < 3 and p.date | date(format="%Y%m%d") | int >= {AS_OF} %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> {{ p.extra.starts_at }}</li>{% set_global n = n + 1 %}{% endif %}{% endfor %}</ul>
{% set jobs = get_section(path="jobs/_index" ~ suffix ~ ".md") %}<h2>{{ trans(key="jobs", lang=lang) }}</h2><ul>{% for p in jobs.pages | slice(end=3) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% set messages = get_section(path="messages/_index" ~ suffix ~ ".md") %}<h2>{{ trans(key="messages", lang=lang) }}</h2><ul>{% for p in messages.pages | slice(end=3) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock main %}
"#;

const TAXONOMY_LIST: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ trans(key="tags", lang=lang) }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.pages | length }})</li>{% endfor %}</ul>{% endblock main %}
"#;

const TAXONOMY_SINGLE: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ term.name }}</h1>
{% include "paged.html" %}{% endblock main %}
"#;

const NOT_FOUND: &str = r#"{% extends "base.html" %}{% block main %}<h1>404</h1>{% endblock main %}
"#;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", BASE),
    ("index.html", INDEX),
    ("page.html", PAGE),
    ("section.html", SECTION),
    ("item.html", ITEM),
    ("paged.html", PAGED),
    ("taxonomy_list.html", TAXONOMY_LIST),
    ("taxonomy_single.html", TAXONOMY_SINGLE),
    ("404.html", NOT_FOUND),
];
