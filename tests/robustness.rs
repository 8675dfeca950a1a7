//! Property-based robustness: random and mutated front matter, Markdown,
//! config and file names thrown at the whole pipeline. Whatever the input,
//! the build never panics, and it either produces a site or reports errors
//! that name a file (and a line, for files it could read as text).

use std::path::Path;

use alumni::build::{BuildOptions, generate};
use proptest::prelude::*;

const CONFIG: &str = r##"title = "テスト"
base_url = "https://alumni.example.com/"
language = "ja"
timezone = "Asia/Tokyo"
minify = false
[languages.en]
title = "Test"
[brand]
company = "テスト株式会社"
"##;

const EVENT: &str = "+++\ntitle = \"交流会\"\nstarts_at = 2026-12-05T18:30:00\nends_at = 2026-12-05T20:30:00\nlocation = \"東京\"\ntags = [\"a\", \"b\"]\n+++\n本文 [求人](../jobs/eng.md)\n";
const JOB: &str = "+++\ntitle = \"Engineer\"\ndate = 2026-10-01\nvalid_through = 2026-12-31\napply_url = \"https://example.com/a\"\n+++\nBody\n";

fn site(dir: &Path, config: &str, files: &[(&str, &[u8])]) {
    std::fs::create_dir_all(dir.join("content/events")).unwrap();
    std::fs::create_dir_all(dir.join("content/jobs")).unwrap();
    std::fs::write(dir.join("alumni.toml"), config).unwrap();
    std::fs::write(dir.join("content/jobs/eng.md"), JOB).unwrap();
    for (name, bytes) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// Build and check the outcome's shape; panics propagate and fail the test.
fn build_and_check(dir: &Path) {
    let opts = BuildOptions { site_dir: dir.to_path_buf(), as_of: Some("2026-11-24".into()), ..Default::default() };
    let (site, diags) = generate(&opts);
    if site.is_none() {
        assert!(diags.has_errors(), "no site and no error");
    }
    for d in diags.iter().filter(|d| d.is_error()) {
        assert!(d.file.is_some(), "error without a file: {d}");
        // Problems with a whole file (its name, place or encoding) have no line.
        let about_whole_file =
            ["content-encoding", "content-unreadable", "content-unknown-section", "url-collision"].contains(&d.code);
        let text_file = d.file.as_ref().is_some_and(|f| f.extension().is_some_and(|e| e == "md" || e == "toml"));
        if text_file && !about_whole_file {
            assert!(d.line().is_some(), "error without a line: {d}");
        }
    }
}

/// Text that looks like TOML front matter, with a bias for the shapes that
/// break parsers: fences, quotes, brackets, dates, unicode.
fn toml_ish() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("+++\n".to_string()),
        Just("title = ".to_string()),
        Just("starts_at = ".to_string()),
        Just("ends_at = ".to_string()),
        Just("location = ".to_string()),
        Just("online_url = ".to_string()),
        Just("timezone = ".to_string()),
        Just("date = ".to_string()),
        Just("tags = [".to_string()),
        Just("2026-02-30T25:61:00".to_string()),
        Just("2026-12-05".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("]\n".to_string()),
        Just("[x]\n".to_string()),
        Just("\n".to_string()),
        Just("= ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("東京".to_string()),
        "[ -~]{0,12}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(atom, 0..40).prop_map(|v| v.concat())
}

fn mutate(base: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(pos, op, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let i = pos % chars.len();
        match op % 3 {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(i, c),
            _ => chars[i] = c,
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_front_matter_never_panics(text in toml_ish(), body in "[ -~\n]{0,60}") {
        let dir = tempfile::tempdir().unwrap();
        let file = format!("{text}\n+++\n{body}");
        site(dir.path(), CONFIG, &[("content/events/x.md", file.as_bytes())]);
        build_and_check(dir.path());
    }

    #[test]
    fn mutated_event_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<char>()), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let file = mutate(EVENT, &edits);
        site(dir.path(), CONFIG, &[("content/events/x.md", file.as_bytes())]);
        build_and_check(dir.path());
    }

    #[test]
    fn mutated_config_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<char>()), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let config = mutate(CONFIG, &edits);
        site(dir.path(), &config, &[("content/events/x.md", EVENT.as_bytes())]);
        build_and_check(dir.path());
    }

    #[test]
    fn random_markdown_never_panics(body in prop::collection::vec(prop_oneof![
        Just("[a](../jobs/eng.md)".to_string()),
        Just("[b](/nowhere/)".to_string()),
        Just("[c](%2e%2e/%2e%2e/etc/passwd)".to_string()),
        Just("![i](/logo.svg)".to_string()),
        Just("# H\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("[^1]\n\n[^1]: note\n".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("- [ ] task\n".to_string()),
        Just("```\ncode\n".to_string()),
        "[ -~\n]{0,20}".prop_map(|s| s),
    ], 0..20)) {
        let dir = tempfile::tempdir().unwrap();
        let file = format!("+++\ntitle = \"t\"\nstarts_at = 2026-12-05T10:00:00\nlocation = \"x\"\n+++\n{}", body.concat());
        site(dir.path(), CONFIG, &[("content/events/x.md", file.as_bytes())]);
        build_and_check(dir.path());
    }

    #[test]
    fn random_file_trees_never_panic(names in prop::collection::vec(prop_oneof![
        Just("content/events/a.md".to_string()),
        Just("content/events/a.en.md".to_string()),
        Just("content/events/a.fr.md".to_string()),
        Just("content/events/sub/a.md".to_string()),
        Just("content/messages/a.md".to_string()),
        Just("content/pages/events.md".to_string()),
        Just("content/pages/a.md".to_string()),
        Just("content/blog/a.md".to_string()),
        Just("content/events/.hidden.md".to_string()),
        Just("content/events/notes.txt".to_string()),
        Just("static/events/a/index.html".to_string()),
        Just("static/a.md".to_string()),
        "content/[a-z]{1,6}/[a-z.]{1,8}\\.md".prop_map(|s| s),
    ], 0..8), bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(&str, &[u8])> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), if i % 2 == 0 { EVENT.as_bytes() } else { bytes.as_slice() }))
            .collect();
        site(dir.path(), CONFIG, &files);
        build_and_check(dir.path());
    }
}
