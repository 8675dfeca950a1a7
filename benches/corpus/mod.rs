//! A deterministic corpus of an alumni portal for the benchmark: messages,
//! events and job posts in Japanese and English, with tags, translations and
//! links between pages, written as an `alumni`, a Hugo and a Zola site so the
//! three tools do comparable work. The same options give the same bytes.

#![allow(dead_code)]

mod alumni;
mod hugo;
mod rng;
mod text;
mod words;
mod zola;

use std::path::{Path, PathBuf};

use jiff::civil::{Date, DateTime, date};
use jiff::{Span, ToSpan};

pub use text::Piece;

use rng::Rng;
use text::BodySpec;

/// The "now" of every benchmark build (`--as-of`): messages and job posts are
/// dated before it, events and job deadlines spread over both sides of it.
pub const AS_OF: &str = "2026-06-01";
pub const TITLE_JA: &str = "ミライ商事 アルムナイネットワーク";
pub const TITLE_EN: &str = "Mirai Shoji Alumni Network";
pub const COMPANY: &str = "ミライ商事株式会社";
pub const BASE_URL: &str = "https://alumni.example.com/";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Message,
    Event,
    Job,
    Page,
}

impl Kind {
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Message => "messages",
            Kind::Event => "events",
            Kind::Job => "jobs",
            Kind::Page => "pages",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

/// One language version of an item: `slug.md` (Japanese, the default
/// language) or `slug.en.md`.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The file's language; the text of a few Japanese files is in English,
    /// as on real portals of global companies.
    pub lang: Lang,
    /// The language the text is written in.
    pub text: Lang,
    pub title: String,
    pub summary: String,
    pub body: Vec<Piece>,
}

#[derive(Debug, Clone)]
pub enum Meta {
    Message {
        date: DateTime,
        author: &'static str,
        welcome: bool,
    },
    Event {
        starts: DateTime,
        ends: DateTime,
        location: Option<String>,
        online: bool,
    },
    Job {
        posted: Date,
        valid_through: Date,
        department: String,
        location: String,
        remote: bool,
        employment: &'static str,
    },
    Page,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    pub slug: String,
    pub tags: Vec<&'static str>,
    pub meta: Meta,
    pub ja: Doc,
    pub en: Option<Doc>,
}

impl Item {
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        std::iter::once(&self.ja).chain(self.en.as_ref())
    }
}

pub struct Corpus {
    pub items: Vec<Item>,
}

impl Corpus {
    /// Markdown files per site (translations included).
    pub fn files(&self) -> usize {
        self.items.iter().map(|i| 1 + usize::from(i.en.is_some())).sum()
    }

    pub fn words(&self) -> usize {
        let w = |d: &Doc| {
            d.body
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => text::word_count(d.text, t),
                    Piece::Link { label, .. } => text::word_count(d.text, label),
                })
                .sum::<usize>()
        };
        self.items.iter().flat_map(Item::docs).map(w).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Markdown files per site, translations included.
    pub pages: usize,
    pub seed: u64,
    /// The `theme` of the alumni site; the minimal "bench" theme is always written.
    pub alumni_theme: String,
}

/// Where `write` put the three sites.
pub struct Sites {
    pub alumni: PathBuf,
    pub hugo: PathBuf,
    pub zola: PathBuf,
}

/// Generate the corpus and write it as three sites under `root`
/// (`root/alumni`, `root/hugo`, `root/zola`), replacing what was there.
pub fn write(opts: &Options, root: &Path) -> std::io::Result<(Corpus, Sites)> {
    let corpus = plan(opts);
    let sites = Sites { alumni: root.join("alumni"), hugo: root.join("hugo"), zola: root.join("zola") };
    for dir in [&sites.alumni, &sites.hugo, &sites.zola] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
    }
    alumni::write(&corpus, &sites.alumni, &opts.alumni_theme)?;
    hugo::write(&corpus, &sites.hugo)?;
    zola::write(&corpus, &sites.zola)?;
    Ok((corpus, sites))
}

/// Only the alumni site (the test and the serve measurement need no other).
pub fn write_alumni(opts: &Options, dir: &Path) -> std::io::Result<Corpus> {
    let corpus = plan(opts);
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    alumni::write(&corpus, dir, &opts.alumni_theme)?;
    Ok(corpus)
}

/// The whole corpus in memory: first the skeleton (kinds, slugs, which items
/// are translated), then titles and dates, then bodies (which link to titles).
pub fn plan(opts: &Options) -> Corpus {
    let mut rng = Rng::new(opts.seed);
    let mut skeleton: Vec<(Kind, String, bool)> = ["about", "contact", "privacy"]
        .iter()
        .map(|s| (Kind::Page, s.to_string(), true))
        .chain(std::iter::once((Kind::Message, "welcome".to_string(), true)))
        .collect();
    let mut files = 8;
    while files < opts.pages {
        let i = skeleton.len();
        let (kind, prefix) = match rng.unit() {
            x if x < 0.10 => (Kind::Message, "message"),
            x if x < 0.40 => (Kind::Event, "event"),
            _ => (Kind::Job, "job"),
        };
        let translated = rng.chance(0.3) && files + 2 <= opts.pages;
        files += 1 + usize::from(translated);
        skeleton.push((kind, format!("{prefix}-{i:06}"), translated));
    }
    let mut items: Vec<Item> =
        skeleton.into_iter().enumerate().map(|(i, (kind, slug, tr))| head(opts.seed, i, kind, slug, tr)).collect();
    let titles: Vec<(String, Option<String>)> =
        items.iter().map(|it| (it.ja.title.clone(), it.en.as_ref().map(|d| d.title.clone()))).collect();
    for (i, item) in items.iter_mut().enumerate() {
        let mut rng = Rng::fork(opts.seed, (i as u64) << 1 | 1);
        let kind = item.kind;
        for doc in std::iter::once(&mut item.ja).chain(item.en.as_mut()) {
            let links: Vec<(usize, String)> = (0..rng.range(3, 8))
                .map(|_| {
                    let t = (i + rng.range(1, titles.len() - 1)) % titles.len();
                    let label = match (doc.lang, &titles[t].1) {
                        (Lang::En, Some(en)) => en.clone(),
                        _ => titles[t].0.clone(),
                    };
                    (t, label)
                })
                .collect();
            let spec = BodySpec {
                lang: doc.text,
                kind,
                words: rng.range(600, 1500),
                table: kind != Kind::Message && rng.chance(0.25),
                links: &links,
            };
            doc.body = text::body(&mut rng, &spec);
        }
    }
    Corpus { items }
}

/// Everything of an item but its bodies.
fn head(seed: u64, i: usize, kind: Kind, slug: String, translated: bool) -> Item {
    let mut rng = Rng::fork(seed, (i as u64) << 1);
    let english_only = !translated && kind != Kind::Page && rng.chance(0.2);
    let text_lang = if english_only { Lang::En } else { Lang::Ja };
    let meta = meta(&mut rng, kind, &slug);
    let tags = tags(&mut rng, kind);
    let mut doc = |lang: Lang, file_lang: Lang| Doc {
        lang: file_lang,
        text: lang,
        title: match kind {
            Kind::Page => page_title(&slug, lang).to_string(),
            Kind::Message if slug == "welcome" => {
                (if lang == Lang::Ja { "アルムナイの皆さまへ" } else { "Welcome, alumni" }).to_string()
            }
            _ => text::title(&mut rng, lang, kind),
        },
        summary: text::summary(&mut rng, lang, kind),
        body: Vec::new(),
    };
    let ja = doc(text_lang, Lang::Ja);
    let en = translated.then(|| doc(Lang::En, Lang::En));
    Item { kind, slug, tags, meta, ja, en }
}

fn page_title(slug: &str, lang: Lang) -> &'static str {
    match (slug, lang) {
        ("about", Lang::Ja) => "このネットワークについて",
        ("about", Lang::En) => "About the network",
        ("contact", Lang::Ja) => "お問い合わせ",
        ("contact", Lang::En) => "Contact",
        (_, Lang::Ja) => "プライバシーポリシー",
        (_, Lang::En) => "Privacy policy",
    }
}

fn as_of() -> Date {
    AS_OF.parse().expect("AS_OF is a date")
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(Span::new().days(n)).expect("dates stay in range")
}

fn meta(rng: &mut Rng, kind: Kind, slug: &str) -> Meta {
    let now = as_of();
    let v = text::vocab(Lang::Ja);
    match kind {
        Kind::Page => Meta::Page,
        Kind::Message => {
            let day = if slug == "welcome" { date(2024, 4, 1) } else { days(now, -(rng.range(1, 2500) as i64)) };
            let author = *rng.pick(&["代表取締役社長 山田 太郎", "人事部 アルムナイ担当", "広報部", "Alumni Office"]);
            Meta::Message { date: day.at(10, 0, 0, 0), author, welcome: slug == "welcome" }
        }
        Kind::Event => {
            let day = days(now, rng.range(0, 1440) as i64 - 900);
            let starts = day.at(rng.range(10, 19) as i8, if rng.chance(0.5) { 0 } else { 30 }, 0, 0);
            let ends = starts.checked_add((rng.range(1, 3) as i64).hours()).expect("in range");
            let (location, online) = match rng.unit() {
                x if x < 0.3 => (None, true),
                x if x < 0.5 => (Some(format!("{} {}", rng.pick(v.place), "本社ホール")), true),
                _ => (Some(format!("{} {}", rng.pick(v.place), "オフィス 20階")), false),
            };
            Meta::Event { starts, ends, location, online }
        }
        Kind::Job => {
            let posted = days(now, -(rng.range(1, 700) as i64));
            let valid_through = days(posted, rng.range(30, 540) as i64);
            let employment = match rng.unit() {
                x if x < 0.7 => "full_time",
                x if x < 0.85 => "contract",
                x if x < 0.95 => "part_time",
                _ => "intern",
            };
            Meta::Job {
                posted,
                valid_through,
                department: rng.pick(v.dept).to_string(),
                location: rng.pick(v.place).to_string(),
                remote: rng.chance(0.4),
                employment,
            }
        }
    }
}

fn tags(rng: &mut Rng, kind: Kind) -> Vec<&'static str> {
    let list = match kind {
        Kind::Message => words::TAGS_MESSAGE,
        Kind::Event => words::TAGS_EVENT,
        Kind::Job => words::TAGS_JOB,
        Kind::Page => return Vec::new(),
    };
    let mut out = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let t = list[rng.zipf(list.len())];
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A body as Markdown, with links written by `link(target item)`.
pub fn markdown(body: &[Piece], mut link: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(body.iter().map(|p| if let Piece::Text(t) = p { t.len() } else { 80 }).sum());
    for p in body {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Link { label, target } => {
                out.push('[');
                out.push_str(label);
                out.push_str("](");
                out.push_str(&link(*target));
                out.push(')');
            }
        }
    }
    out
}

/// A TOML basic string.
/// Write every document of the corpus under `dir/content/`: its front matter
/// by `front` (item, title, summary), its links by `link` (from item, in
/// language, to item).
pub fn write_docs(
    corpus: &Corpus,
    dir: &Path,
    front: impl Fn(&Item, &str, &str) -> String,
    link: impl Fn(usize, Lang, usize) -> String,
) -> std::io::Result<()> {
    for (i, item) in corpus.items.iter().enumerate() {
        for doc in item.docs() {
            let front = front(item, &doc.title, &doc.summary);
            let body = markdown(&doc.body, |t| link(i, doc.lang, t));
            let path = dir.join("content").join(item.kind.dir()).join(file_name(&item.slug, doc.lang));
            std::fs::write(path, format!("+++\n{front}+++\n{body}"))?;
        }
    }
    Ok(())
}

/// For the Hugo and Zola front matter: the `date` line both use for sorting,
/// and alumni's own fields, which they keep under a table of their own.
pub fn anchor_fields(item: &Item) -> (String, String) {
    match &item.meta {
        Meta::Page => (String::new(), String::new()),
        Meta::Message { date, author, .. } => {
            (format!("date = {date}+09:00\n"), format!("author = {}\n", toml_str(author)))
        }
        Meta::Event { starts, ends, location, online } => {
            let mut p = format!(
                "starts_at = \"{starts}\"\nends_at = \"{ends}\"\nregistration_url = {}\n",
                toml_str(&form_url(item))
            );
            if let Some(l) = location {
                p.push_str(&format!("location = {}\n", toml_str(l)));
            }
            if *online {
                p.push_str(&format!("online_url = \"https://meet.example.com/{}\"\n", item.slug));
            }
            (format!("date = {starts}+09:00\n"), p)
        }
        Meta::Job { posted, valid_through, department, location, remote, employment } => (
            format!("date = {posted}T09:00:00+09:00\n"),
            format!(
                "valid_through = \"{valid_through}\"\ndepartment = {}\nlocation = {}\nremote = {remote}\nemployment_type = \"{employment}\"\napply_url = {}\n",
                toml_str(department),
                toml_str(location),
                toml_str(&form_url(item))
            ),
        ),
    }
}

pub fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn toml_list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| toml_str(s)).collect::<Vec<_>>().join(", "))
}

/// Write a file, creating its folder.
pub fn put(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// `slug.md` or `slug.en.md`.
pub fn file_name(slug: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{slug}.md"),
        Lang::En => format!("{slug}.en.md"),
    }
}

/// Registration and apply URLs: external, stable per item.
pub fn form_url(item: &Item) -> String {
    format!("https://forms.example.com/{}", item.slug)
}
