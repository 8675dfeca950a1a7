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

/// Raw HTML as people paste it, nested a little or thousands deep, closed or not.
fn raw_html() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("div"),
        Just("span"),
        Just("i"),
        Just("table"),
        Just("p"),
        Just("a href=\"x\""),
        Just("details")
    ];
    // Up to 40 tags, repeated up to 80 times: nesting from none to 3,200
    // deep (the minifier overflowed the stack at about 2,500).
    (prop::collection::vec(tag, 0..40), 1usize..80, any::<bool>(), "[ -~あ日\n]{0,20}").prop_map(
        |(tags, times, close, text)| {
            let tags = tags.repeat(times);
            let mut s: String = tags.iter().map(|t| format!("<{t}>")).collect();
            s.push_str(&text);
            if close {
                for t in tags.iter().rev() {
                    s.push_str(&format!("</{}>", t.split(' ').next().unwrap_or(t)));
                }
            }
            s
        },
    )
}

/// A file name as people (and tools) make them: scripts, spaces, dots,
/// language suffixes, dashes.
fn file_name() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9 ._あ-ん日本-]{1,16}", prop_oneof![Just(".md"), Just(".en.md"), Just(".xx.md"), Just(""), Just(".MD")])
        .prop_map(|(stem, ext)| format!("{stem}{ext}"))
}

/// Run the alumni binary itself: an abort or a crash shows as a signal or
/// an exit code other than 0 and 1; every line it prints under `--format
/// json` must be a JSON object.
fn run_binary(dir: &Path, verb: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alumni"))
        .args([verb, dir.to_str().unwrap(), "--format", "json", "--as-of", "2026-11-24"])
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "exit {:?}\n{err}", out.status);
    for line in err.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v.is_object() && v["code"].is_string() && v["severity"].is_string(), "{line}");
    }
}

proptest! {
    // Each case starts the binary: few cases, so the whole stays well under
    // a minute.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_binary_exits_0_or_1_with_json_whatever_the_site_holds(
        front in toml_ish(),
        html in raw_html(),
        body in "[ -~\n*_#>`\\[\\]()!]{0,80}",
        name in file_name(),
        section in prop_oneof![Just("events"), Just("messages"), Just("jobs"), Just("pages"), Just("other")],
        build in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file = format!("+++\n{front}\n+++\n{body}\n\n{html}\n");
        let path = format!("content/{section}/{name}");
        site(dir.path(), CONFIG, &[(path.as_str(), file.as_bytes()), ("content/events/x.md", EVENT.as_bytes())]);
        run_binary(dir.path(), if build { "build" } else { "check" });
    }
}
