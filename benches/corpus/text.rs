//! Page bodies and titles: Markdown with headings, paragraphs, lists,
//! emphasis, links to other pages of the corpus and sometimes a table. Links
//! stay symbolic (`Piece::Link`) so each site format writes them its own way.

use super::rng::Rng;
use super::words::{EN, JA, Vocab};
use super::{Kind, Lang};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A link to item `target` of the corpus, shown as `label`.
    Link {
        label: String,
        target: usize,
    },
}

pub fn vocab(lang: Lang) -> &'static Vocab {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Fill the `{slot}`s of a template; a few values get emphasis.
pub fn fill(rng: &mut Rng, lang: Lang, template: &str, emphasis: bool) -> String {
    let v = vocab(lang);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("templates close their slots");
        let value = slot(rng, v, &rest[open + 1..close]);
        let mark = match rng.unit() {
            x if emphasis && x < 0.08 => "**",
            x if emphasis && x < 0.12 => "*",
            _ => "",
        };
        out.push_str(mark);
        out.push_str(&value);
        out.push_str(mark);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn slot(rng: &mut Rng, v: &Vocab, name: &str) -> String {
    let list = match name {
        "company" => v.company,
        "place" => v.place,
        "topic" => v.topic,
        "skill" => v.skill,
        "dept" => v.dept,
        "role" => v.role,
        "season" => v.season,
        "year" => return rng.range(2015, 2026).to_string(),
        "num" => return (rng.range(2, 60) * 10).to_string(),
        "small" => return rng.range(2, 9).to_string(),
        other => panic!("unknown slot {other}"),
    };
    rng.pick(list).to_string()
}

pub fn title(rng: &mut Rng, lang: Lang, kind: Kind) -> String {
    let v = vocab(lang);
    let list = match kind {
        Kind::Message => v.titles_message,
        Kind::Event => v.titles_event,
        Kind::Job => v.titles_job,
        Kind::Page => v.headings_page,
    };
    let template = rng_pick(rng, list);
    fill(rng, lang, template, false)
}

fn rng_pick(rng: &mut Rng, list: &'static [&'static str]) -> &'static str {
    let picked: &&'static str = rng.pick(list);
    picked
}

/// A one-sentence summary for the front matter.
pub fn summary(rng: &mut Rng, lang: Lang, kind: Kind) -> String {
    let template = rng_pick(rng, kind_sentences(vocab(lang), kind));
    fill(rng, lang, template, false)
}

fn kind_sentences(v: &Vocab, kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Message => v.message,
        Kind::Event => v.event,
        Kind::Job => v.job,
        Kind::Page => v.general,
    }
}

/// Words in a text: whitespace-separated for English; for Japanese, which has
/// no spaces, one word per two characters (a common rule of thumb).
pub fn word_count(lang: Lang, text: &str) -> usize {
    match lang {
        Lang::En => text.split_whitespace().count(),
        Lang::Ja => text.chars().filter(|c| !c.is_whitespace()).count() / 2,
    }
}

/// What a body should contain.
pub struct BodySpec<'a> {
    pub lang: Lang,
    pub kind: Kind,
    pub words: usize,
    pub table: bool,
    /// Link targets and their labels, all of which the body will contain.
    pub links: &'a [(usize, String)],
}

struct Writer {
    pieces: Vec<Piece>,
    text: String,
    words: usize,
    lang: Lang,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.words += word_count(self.lang, s);
        self.text.push_str(s);
    }

    fn link(&mut self, target: usize, label: &str) {
        self.words += word_count(self.lang, label);
        let text = std::mem::take(&mut self.text);
        self.pieces.push(Piece::Text(text));
        self.pieces.push(Piece::Link { label: label.to_string(), target });
    }

    fn finish(mut self) -> Vec<Piece> {
        if !self.text.is_empty() {
            self.pieces.push(Piece::Text(self.text));
        }
        self.pieces
    }
}

pub fn body(rng: &mut Rng, spec: &BodySpec<'_>) -> Vec<Piece> {
    let v = vocab(spec.lang);
    let mut w = Writer { pieces: Vec::new(), text: String::new(), words: 0, lang: spec.lang };
    let mut links = spec.links.iter();
    paragraph(rng, spec, &mut w, 2, 4);
    let headings = match spec.kind {
        Kind::Message => v.headings_message,
        Kind::Event => v.headings_event,
        Kind::Job => v.headings_job,
        Kind::Page => v.headings_page,
    };
    let mut table = spec.table;
    let mut section = 0;
    while w.words < spec.words {
        let level = if section > 0 && rng.chance(0.25) { "###" } else { "##" };
        w.push(&format!("{level} {}\n\n", headings[(section + rng.range(0, 1)) % headings.len()]));
        section += 1;
        for _ in 0..rng.range(1, 3) {
            paragraph(rng, spec, &mut w, 3, 6);
            if rng.chance(0.45)
                && let Some((target, label)) = links.next()
            {
                link_sentence(rng, v, &mut w, *target, label);
            }
        }
        if rng.chance(0.35) {
            list(rng, spec.lang, v, &mut w);
        }
        if table && rng.chance(0.5) {
            write_table(rng, spec, &mut w);
            table = false;
        }
    }
    let rest: Vec<_> = links.collect();
    if !rest.is_empty() {
        w.push(&format!("## {}\n\n", v.related));
        for (target, label) in rest {
            w.push("- ");
            w.link(*target, label);
            w.push("\n");
        }
        w.push("\n");
    }
    w.finish()
}

fn paragraph(rng: &mut Rng, spec: &BodySpec<'_>, w: &mut Writer, min: usize, max: usize) {
    let v = vocab(spec.lang);
    let sep = if spec.lang == Lang::En { " " } else { "" };
    let n = rng.range(min, max);
    let mut sentences = Vec::with_capacity(n);
    for _ in 0..n {
        let list = if rng.chance(0.35) { kind_sentences(v, spec.kind) } else { v.general };
        let template = rng_pick(rng, list);
        sentences.push(fill(rng, spec.lang, template, true));
    }
    w.push(&sentences.join(sep));
    w.push("\n\n");
}

fn link_sentence(rng: &mut Rng, v: &Vocab, w: &mut Writer, target: usize, label: &str) {
    let template = rng_pick(rng, v.link_sentence);
    let (before, after) = template.split_once("{link}").expect("link sentences have a {link}");
    w.push(before);
    w.link(target, label);
    w.push(after);
    w.push("\n\n");
}

fn list(rng: &mut Rng, lang: Lang, v: &Vocab, w: &mut Writer) {
    let numbered = rng.chance(0.3);
    for i in 1..=rng.range(3, 6) {
        let template = rng_pick(rng, v.items);
        let item = fill(rng, lang, template, true);
        let marker = if numbered { format!("{i}.") } else { "-".to_string() };
        w.push(&format!("{marker} {item}\n"));
    }
    w.push("\n");
}

fn write_table(rng: &mut Rng, spec: &BodySpec<'_>, w: &mut Writer) {
    let v = vocab(spec.lang);
    let event = spec.kind == Kind::Event;
    let (head, rows) = if event { (v.table_event, v.table_event_rows) } else { (v.table_job, v.table_job_rows) };
    w.push(&format!("| {} | {} |\n|---|---|\n", head[0], head[1]));
    let mut minutes = 18 * 60 + rng.range(0, 2) * 30;
    for row in rows {
        let row = fill(rng, spec.lang, row, false);
        if event {
            w.push(&format!("| {:02}:{:02} | {row} |\n", minutes / 60, minutes % 60));
            minutes += 15 * rng.range(1, 3);
        } else {
            let (k, val) = row.split_once(['：', ':']).unwrap_or((&row, ""));
            w.push(&format!("| {k} | {} |\n", val.trim()));
        }
    }
    w.push("\n");
}
