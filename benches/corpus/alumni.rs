//! The corpus as an `alumni` site, with the minimal "bench" theme (the same
//! few templates as the Hugo and Zola sites get).

use std::path::Path;

use super::{COMPANY, Corpus, Item, Kind, Meta, TITLE_EN, TITLE_JA, form_url, put};
use super::{toml_list, toml_str, write_docs};

pub fn write(corpus: &Corpus, dir: &Path, theme: &str) -> std::io::Result<()> {
    put(&dir.join("alumni.toml"), &config(theme))?;
    for (path, text) in THEME {
        let dates = if path.starts_with("i18n/") { ISO_DATES } else { "" };
        put(&dir.join("themes/bench").join(path), &format!("{text}{dates}"))?;
    }
    for section in ["messages", "events", "jobs", "pages"] {
        std::fs::create_dir_all(dir.join("content").join(section))?;
    }
    write_docs(corpus, dir, front_matter, |from, _, to| link(corpus, from, to))
}

fn config(theme: &str) -> String {
    format!(
        r##"title = {}
base_url = "https://alumni.example.com"
language = "ja"
timezone = "Asia/Tokyo"
theme = {}
minify = true

[languages.en]
title = {}

[brand]
company = {}
primary_color = "#1A4D8F"
accent_color = "#F2A900"

[portal]
join_url = "https://example.com/alumni/register"
contact_email = "alumni@example.com"
"##,
        toml_str(TITLE_JA),
        toml_str(theme),
        toml_str(TITLE_EN),
        toml_str(COMPANY)
    )
}

/// Half the links are written from `content/` (`@/events/x.md`), half
/// relative to the linking file (`../events/x.md`), the two forms the format has.
fn link(corpus: &Corpus, from: usize, to: usize) -> String {
    let target = &corpus.items[to];
    let file = format!("{}/{}.md", target.kind.dir(), target.slug);
    if (from + to).is_multiple_of(2) { format!("@/{file}") } else { format!("../{file}") }
}

fn front_matter(item: &Item, title: &str, summary: &str) -> String {
    let mut f = format!("title = {}\nsummary = {}\n", toml_str(title), toml_str(summary));
    if item.kind != Kind::Page {
        f.push_str(&format!("tags = {}\n", toml_list(&item.tags)));
    }
    match &item.meta {
        Meta::Page => {}
        Meta::Message { date, author, welcome } => {
            f.push_str(&format!("date = {date}\nauthor = {}\n", toml_str(author)));
            if *welcome {
                f.push_str("welcome = true\n");
            }
        }
        Meta::Event { starts, ends, location, online } => {
            f.push_str(&format!("starts_at = {starts}\nends_at = {ends}\n"));
            if let Some(l) = location {
                f.push_str(&format!("location = {}\n", toml_str(l)));
            }
            if *online {
                f.push_str(&format!("online_url = \"https://meet.example.com/{}\"\n", item.slug));
            }
            f.push_str(&format!("registration_url = {}\n", toml_str(&form_url(item))));
        }
        Meta::Job { posted, valid_through, department, location, remote, employment } => {
            f.push_str(&format!(
                "date = {posted}\nvalid_through = {valid_through}\ndepartment = {}\nlocation = {}\nremote = {remote}\nemployment_type = \"{employment}\"\napply_url = {}\n",
                toml_str(department),
                toml_str(location),
                toml_str(&form_url(item))
            ));
        }
    }
    f
}

const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ site.title }}{% endblock %}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ permalink }}">
{% for l in languages %}<link rel="alternate" hreflang="{{ l.code }}" href="{{ l.permalink }}">
{% endfor %}<link rel="alternate" type="application/atom+xml" href="{{ feed_url }}">
</head>
<body>
<header><a href="{{ urls.home }}">{{ site.title }}</a>
<nav><a href="{{ urls.messages }}">{{ t.messages }}</a> <a href="{{ urls.events }}">{{ t.events }}</a> <a href="{{ urls.jobs }}">{{ t.jobs }}</a> <a href="{{ urls.tags }}">{{ t.tags }}</a>{% for p in nav_pages %} <a href="{{ p.url }}">{{ p.title }}</a>{% endfor %}</nav>
<ul>{% for l in languages %}<li><a href="{{ l.url }}" hreflang="{{ l.code }}">{{ l.name }}</a></li>{% endfor %}</ul>
</header>
<main>{% block main %}{% endblock %}</main>
<footer>{{ site.company }}</footer>
</body>
</html>
"#;

const DETAIL: &str = r#"{% extends "base.html" %}{% block title %}{{ page.title }} | {{ site.title }}{% endblock %}{% block main %}<article>
<h1>{{ page.title }}</h1>
<p>{% if page.date %}{{ page.date }} {{ page.author }}{% endif %}{% if page.when %}{{ page.when }} {{ page.location }}{% endif %}{% if page.posted %}{{ page.posted }} {{ page.department }} {{ page.location }} {{ page.employment_type }}{% endif %}</p>
{% if page.registration_url %}<a href="{{ page.registration_url }}">{{ t.register }}</a>{% endif %}{% if page.apply_url %}<a href="{{ page.apply_url }}">{{ t.apply }}</a>{% endif %}
{{ page.content | safe }}
<ul>{% for tag in page.tags %}<li><a href="{{ tag.url }}">{{ tag.name }}</a></li>{% endfor %}</ul>
</article>{% if page.jsonld %}<script type="application/ld+json">{{ page.jsonld | safe }}</script>{% endif %}{% endblock %}
"#;

const LIST: &str = r#"{% extends "base.html" %}{% block main %}<h1>{% if tag %}{{ tag.name }}{% else %}{{ t.list }}{% endif %}</h1>
<ul>{% for p in pages %}<li lang="{{ p.lang }}"><a href="{{ p.url }}">{{ p.title }}</a> {{ p.date }}{{ p.posted }}{{ p.when }}<p>{{ p.summary }}</p></li>{% endfor %}</ul>
{% if paginator %}<nav>{% if paginator.prev_url %}<a href="{{ paginator.prev_url }}">&lt;</a>{% endif %} {{ paginator.current }}/{{ paginator.total }} {% if paginator.next_url %}<a href="{{ paginator.next_url }}">&gt;</a>{% endif %}</nav>{% endif %}{% endblock %}
"#;

const EVENTS: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ t.events }}</h1>
<h2>{{ t.upcoming }}</h2><ul>{% for p in upcoming %}<li lang="{{ p.lang }}"><a href="{{ p.url }}">{{ p.title }}</a> {{ p.when }}<p>{{ p.summary }}</p></li>{% endfor %}</ul>
<h2>{{ t.past }}</h2><ul>{% for p in past %}<li lang="{{ p.lang }}"><a href="{{ p.url }}">{{ p.title }}</a> {{ p.when }}<p>{{ p.summary }}</p></li>{% endfor %}</ul>
{% if paginator %}<nav>{% if paginator.prev_url %}<a href="{{ paginator.prev_url }}">&lt;</a>{% endif %} {{ paginator.current }}/{{ paginator.total }} {% if paginator.next_url %}<a href="{{ paginator.next_url }}">&gt;</a>{% endif %}</nav>{% endif %}{% endblock %}
"#;

const HOME: &str = r#"{% extends "base.html" %}{% block main %}{% if welcome %}<article><h1>{{ welcome.title }}</h1>{{ welcome.content | safe }}</article>{% endif %}
<h2>{{ t.upcoming }}</h2><ul>{% for p in upcoming_events %}<li><a href="{{ p.url }}">{{ p.title }}</a> {{ p.when }}</li>{% endfor %}</ul>
<h2>{{ t.jobs }}</h2><ul>{% for p in open_jobs %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>
<h2>{{ t.messages }}</h2><ul>{% for p in messages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}
"#;

const TAGS: &str = r#"{% extends "base.html" %}{% block main %}<h1>{{ t.tags }}</h1>
<ul>{% for tag in tags %}<li><a href="{{ tag.url }}">{{ tag.name }}</a> ({{ tag.count }})</li>{% endfor %}</ul>{% endblock %}
"#;

const NOT_FOUND: &str = r#"{% extends "base.html" %}{% block main %}<h1>404</h1>{% endblock %}
"#;

const I18N_JA: &str = r#"language_name = "日本語"
messages = "メッセージ"
events = "イベント"
jobs = "求人"
tags = "タグ"
list = "一覧"
upcoming = "今後のイベント"
past = "過去のイベント"
register = "申し込む"
apply = "応募する"

"#;

const I18N_EN: &str = r#"language_name = "English"
messages = "Messages"
events = "Events"
jobs = "Jobs"
tags = "Tags"
list = "List"
upcoming = "Upcoming events"
past = "Past events"
register = "Register"
apply = "Apply"

"#;

/// Both languages' dates, ISO as the Hugo and Zola templates write them (the
/// bundled theme's formats would apply otherwise).
const ISO_DATES: &str = r#"
[dates]
date = "{year}-{month2}-{day2}"
datetime = "{year}-{month2}-{day2} {hour}:{minute}"
time = "{hour}:{minute}"
"#;

const THEME: &[(&str, &str)] = &[
    ("templates/base.html", BASE),
    ("templates/home.html", HOME),
    ("templates/messages.html", LIST),
    ("templates/message.html", DETAIL),
    ("templates/events.html", EVENTS),
    ("templates/event.html", DETAIL),
    ("templates/jobs.html", LIST),
    ("templates/job.html", DETAIL),
    ("templates/page.html", DETAIL),
    ("templates/tags.html", TAGS),
    ("templates/tag.html", LIST),
    ("templates/404.html", NOT_FOUND),
    ("i18n/ja.toml", I18N_JA),
    ("i18n/en.toml", I18N_EN),
];
