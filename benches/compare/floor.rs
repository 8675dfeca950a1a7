//! The floor: the least any Markdown site generator must do. Read every
//! Markdown file, render it with pulldown-cmark (alumni's options), write one
//! HTML file each, in parallel on every core. No templates, no links, no lists.
//! With `folders`, each page goes where a generator with clean URLs puts it,
//! `<name>/index.html` (as alumni, Hugo and Zola all do), instead of
//! `<name>.html` side by side.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

pub fn run(content: &Path, output: &Path, folders: bool) -> std::io::Result<usize> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    files.par_iter().try_for_each(|f| {
        let text = std::fs::read_to_string(f)?;
        let body = without_front_matter(&text);
        let mut out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut out, Parser::new_ext(body, options));
        let rel = f.strip_prefix(content).unwrap_or(f);
        let dest = if folders {
            output.join(rel).with_extension("").join("index.html")
        } else {
            output.join(rel).with_extension("html")
        };
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(dest, out)
    })?;
    Ok(files.len())
}

fn without_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("+++\n") else { return text };
    match rest.find("\n+++\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
