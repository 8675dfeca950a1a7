//! The corpus as a Hugo site: the same pages, tags, translations and links
//! (through `relref`), with minimal templates equivalent to the alumni
//! "bench" theme: a base layout, a page template, section lists (paginated
//! like alumni's, events as one list, upcoming then past, split on each page), tags, an RSS feed per
//! language and the sitemap.

use std::path::Path;

use super::{AS_OF, COMPANY, Corpus, Item, Lang, TITLE_EN, TITLE_JA, put};
use super::{anchor_fields, toml_list, toml_str, write_docs};

pub fn write(corpus: &Corpus, dir: &Path) -> std::io::Result<()> {
    put(&dir.join("hugo.toml"), &config())?;
    for (path, text) in LAYOUTS {
        put(&dir.join(path), &text.replace("{AS_OF}", AS_OF))?;
    }
    for (section, ja, en) in super::zola::SECTION_TITLES {
        put(&dir.join(format!("content/{section}/_index.md")), &format!("+++\ntitle = \"{ja}\"\n+++\n"))?;
        put(&dir.join(format!("content/{section}/_index.en.md")), &format!("+++\ntitle = \"{en}\"\n+++\n"))?;
    }
    write_docs(corpus, dir, front_matter, |_, lang, to| link(corpus, lang, to))
}

fn config() -> String {
    format!(
        r#"baseURL = "https://alumni.example.com/"
defaultContentLanguage = "ja"
buildFuture = true
enableRobotsTXT = true

[pagination]
pagerSize = 20

[taxonomies]
tag = "tags"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[minify]
minifyOutput = true

[markup.goldmark.renderer]
unsafe = true

[params]
company = {company}

[languages.ja]
weight = 1
languageName = "日本語"
title = {ja}

[languages.en]
weight = 2
languageName = "English"
title = {en}
"#,
        company = toml_str(COMPANY),
        ja = toml_str(TITLE_JA),
        en = toml_str(TITLE_EN)
    )
}

/// `relref` resolves in the linking page's language; a page linking to an
/// item with no version in that language names the default language.
fn link(corpus: &Corpus, lang: Lang, to: usize) -> String {
    let t = &corpus.items[to];
    let path = format!("/{}/{}.md", t.kind.dir(), t.slug);
    if lang == Lang::En && t.en.is_none() {
        format!("{{{{< relref path=\"{path}\" lang=\"ja\" >}}}}")
    } else {
        format!("{{{{< relref \"{path}\" >}}}}")
    }
}

fn front_matter(item: &Item, title: &str, summary: &str) -> String {
    let mut f = format!("title = {}\nsummary = {}\n", toml_str(title), toml_str(summary));
    if !item.tags.is_empty() {
        f.push_str(&format!("tags = {}\n", toml_list(&item.tags)));
    }
    let (date, params) = anchor_fields(item);
    f.push_str(&date);
    if !params.is_empty() {
        f.push_str("[params]\n");
        f.push_str(&params);
    }
    f
}

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify | truncate 160 }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="{{ "tags/" | relLangURL }}">{{ i18n "tags" }}</a></nav>
<ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Params.company }}</footer>
</body>
</html>
"#;

const PAGE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ if not .Date.IsZero }}{{ .Date.Format "2006-01-02" }}{{ end }} {{ .Params.author }} {{ .Params.starts_at }} {{ .Params.location }} {{ .Params.department }} {{ .Params.employment_type }}</p>
{{ with .Params.registration_url }}<a href="{{ . }}">{{ i18n "register" }}</a>{{ end }}{{ with .Params.apply_url }}<a href="{{ . }}">{{ i18n "apply" }}</a>{{ end }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;

const ITEM: &str =
    r#"<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary }}</p></li>"#;

const SECTION: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Section "events" }}{{ $now := time "{AS_OF}" }}
{{ $all := (where .Pages "Date" "ge" $now).ByDate | append (where .Pages "Date" "lt" $now).ByDate.Reverse }}{{ $p := .Paginate $all }}
<h2>{{ i18n "upcoming" }}</h2><ul>{{ range where $p.Pages "Date" "ge" $now }}{{ partial "item.html" . }}{{ end }}</ul>
<h2>{{ i18n "past" }}</h2><ul>{{ range where $p.Pages "Date" "lt" $now }}{{ partial "item.html" . }}{{ end }}</ul>
{{ if gt $p.TotalPages 1 }}<nav>{{ with $p.Prev }}<a href="{{ .URL }}">&lt;</a>{{ end }} {{ $p.PageNumber }}/{{ $p.TotalPages }} {{ with $p.Next }}<a href="{{ .URL }}">&gt;</a>{{ end }}</nav>{{ end }}
{{ else }}{{ partial "paged.html" . }}{{ end }}{{ end }}
"#;

const PAGED: &str = r#"{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ if gt $p.TotalPages 1 }}<nav>{{ with $p.Prev }}<a href="{{ .URL }}">&lt;</a>{{ end }} {{ $p.PageNumber }}/{{ $p.TotalPages }} {{ with $p.Next }}<a href="{{ .URL }}">&gt;</a>{{ end }}</nav>{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}{{ $now := time "{AS_OF}" }}{{ with site.GetPage "/messages/welcome" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
<h2>{{ i18n "upcoming" }}</h2><ul>{{ range first 3 (where (where site.RegularPages "Section" "events") "Date" "ge" $now).ByDate }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.starts_at }}</li>{{ end }}</ul>
<h2>{{ i18n "jobs" }}</h2><ul>{{ range first 3 (where site.RegularPages "Section" "jobs") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>{{ i18n "messages" }}</h2><ul>{{ range first 3 (where site.RegularPages "Section" "messages") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "main" }}<h1>{{ i18n "tags" }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"#;

const TERM: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ partial "paged.html" . }}{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>404</h1>{{ end }}
"#;

const I18N_JA: &str = "tags = \"タグ\"\nupcoming = \"今後のイベント\"\npast = \"過去のイベント\"\njobs = \"求人\"\nmessages = \"メッセージ\"\nregister = \"申し込む\"\napply = \"応募する\"\n";
const I18N_EN: &str = "tags = \"Tags\"\nupcoming = \"Upcoming events\"\npast = \"Past events\"\njobs = \"Jobs\"\nmessages = \"Messages\"\nregister = \"Register\"\napply = \"Apply\"\n";

const LAYOUTS: &[(&str, &str)] = &[
    ("layouts/baseof.html", BASEOF),
    ("layouts/home.html", HOME),
    ("layouts/page.html", PAGE),
    ("layouts/section.html", SECTION),
    ("layouts/taxonomy.html", TAXONOMY),
    ("layouts/term.html", TERM),
    ("layouts/404.html", NOT_FOUND),
    ("layouts/_partials/item.html", ITEM),
    ("layouts/_partials/paged.html", PAGED),
    ("i18n/ja.toml", I18N_JA),
    ("i18n/en.toml", I18N_EN),
];
