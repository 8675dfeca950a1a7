//! The built sites in a real browser and through standard validators: the
//! example site and the fixtures (every kind of page, and hostile input in
//! every field) are built as of one day, then
//! - audited in headless Chromium at phone and desktop width (console errors,
//!   failed or off-site requests, dialogs, horizontal scrolling, JSON-LD,
//!   axe-core WCAG 2.x A/AA), with a screenshot of every page in
//!   tests/browser/out/<site>/; and again under forced colours (a Windows
//!   contrast theme), where every icon must take its text's forced colour;
//! - checked by the Nu HTML Checker, xmllint and an iCalendar parser;
//! - measured for Japanese typography (tests/browser/typography.mjs): `em`
//!   with emphasis dots, short table cells on one line at phone width,
//!   numbers and addresses never broken inside, with screenshots in
//!   tests/browser/out/typography/.
//!
//! The programs come from tests/run.sh (Debian's chromium, Java, xmllint,
//! the npm packages pinned in tests/browser). Without them a plain
//! `cargo test` skips these tests with a notice; with
//! `ALUMNI_REQUIRE_BROWSER=1` (as tests/run.sh sets) it fails instead.

#[path = "browser/harness/calendars.rs"]
mod calendars;
#[path = "browser/harness/findings.rs"]
mod findings;
#[path = "browser/harness/sites.rs"]
mod sites;
#[path = "browser/harness/tools.rs"]
mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use sites::{PageKind, build_all};

fn fail_with(what: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}: {} problem(s)\n\n{}\n", problems.len(), problems.join("\n\n"));
}

/// Files under `root` with extension `ext`, as paths relative to it.
fn files_with(root: &Path, ext: &str) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_page_passes_the_browser_audit() {
    let needs = [
        tools::node(),
        tools::chromium_need(),
        tools::node_module("playwright-core"),
        tools::node_module("@axe-core/playwright"),
    ];
    if !tools::available("the browser audit", &needs) {
        return;
    }
    let mut built = build_all();
    // Every page of the hostile fixture shows other attack strings: all are
    // audited. Elsewhere three pages of each kind per language.
    let mut plans: Vec<Vec<sites::AuditPage>> =
        built.iter().map(|b| sites::audit_pages(b, if b.name == "hostile" { None } else { Some(3) })).collect();
    // A control: brand colours that `alumni check` warns about must fail in the browser too.
    built.push(sites::build("low-contrast", "tests/fixtures/low-contrast"));
    plans.push(
        sites::audit_pages(built.last().unwrap(), Some(1))
            .into_iter()
            .filter(|p| p.kinds == [PageKind::Home])
            .collect(),
    );
    let out_dir = tools::browser_dir().join("out");
    let job = json!({
        "chromium": tools::chromium(),
        "outDir": out_dir,
        "sites": built.iter().zip(&plans).map(|(b, plan)| json!({
            "name": b.name,
            "root": b.root,
            "basePath": b.site.config.base_url.path,
            "pages": plan.iter().map(|p| json!({"name": p.name, "path": p.path, "status": p.status})).collect::<Vec<_>>(),
            "xml": files_with(&b.root, "xml"),
        })).collect::<Vec<_>>(),
    });
    let result = tools::node_job("audit.mjs", &job);
    eprintln!("browser: Chromium {}; screenshots in {}", result["browser"], out_dir.display());

    let mut problems = Vec::new();
    let mut default_theme_icons = 0;
    for (b, plan) in built.iter().zip(&plans) {
        let r = result["sites"].as_array().and_then(|a| a.iter().find(|s| s["name"] == b.name));
        let Some(r) = r else {
            problems.push(format!("[{}] missing from the browser results", b.name));
            continue;
        };
        if b.name == "low-contrast" {
            problems.extend(findings::contrast_control(b, r));
            continue;
        }
        problems.extend(findings::pages(b, plan, r));
        problems.extend(findings::xml(b, r));
        let (forced, icons) = findings::forced_colours(b, plan, r);
        problems.extend(forced);
        if b.name == "showcase" {
            default_theme_icons = icons;
        }
        eprintln!("browser: {} pages of {} audited at 390px and 1280px", plan.len(), b.name);
        eprintln!("{}", plan.iter().map(|p| format!("  {} {}", p.name, p.path)).collect::<Vec<_>>().join("\n"));
    }
    // The showcase fixture exists to cover every kind of page in every language.
    let showcase = built.iter().zip(&plans).find(|(b, _)| b.name == "showcase").expect("showcase is built");
    for (lang, kinds) in sites::coverage(showcase.1) {
        let missing: Vec<String> = PageKind::ALL.iter().filter(|k| !kinds.contains(k)).map(|k| k.to_string()).collect();
        if !missing.is_empty() {
            problems.push(format!("[showcase] language {lang} has no page of kind {}", missing.join(", ")));
        }
    }
    // The forced-colours check must have had icons to look at.
    if default_theme_icons == 0 {
        problems.push("[showcase] no icon was seen under forced colours".into());
    }
    fail_with("browser audit", &problems);
}

#[test]
fn built_sites_pass_the_nu_html_checker() {
    if !tools::available("the Nu HTML Checker", &[tools::java(), tools::vnu()]) {
        return;
    }
    let built = build_all();
    // One Java start for all sites; each message names its file.
    let mut cmd = Command::new("java");
    cmd.arg("-jar").arg(tools::vnu_jar()).args(["--skip-non-html", "--errors-only", "--format", "json"]);
    for b in &built {
        cmd.arg(&b.root);
    }
    let out = tools::run(&mut cmd);
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu printed no JSON report ({e}):\n{}", tools::describe(&out)));
    let mut problems = Vec::new();
    for m in report["messages"].as_array().into_iter().flatten() {
        let url = m["url"].as_str().unwrap_or("");
        let site = built.iter().find(|b| url.contains(&*b.root.to_string_lossy())).map_or("?", |b| b.name);
        let file = built.iter().find_map(|b| url.split_once(&*b.root.to_string_lossy()).map(|(_, f)| f.to_string()));
        problems.push(format!(
            "[{site}] {}:{}:{}: {} {}\n    {}",
            file.unwrap_or_else(|| url.to_string()),
            m["lastLine"],
            m["firstColumn"],
            m["type"].as_str().unwrap_or(""),
            m["message"].as_str().unwrap_or(""),
            m["extract"].as_str().unwrap_or("").replace('\n', " ")
        ));
    }
    let checked: usize = built.iter().map(|b| files_with(&b.root, "html").len()).sum();
    assert!(checked > 0, "no HTML to check");
    fail_with(&format!("Nu HTML Checker over {checked} pages"), &problems);
    assert!(out.status.success(), "vnu failed without reporting errors:\n{}", tools::describe(&out));
}

#[test]
fn feeds_and_sitemaps_are_well_formed_xml() {
    if !tools::available("xmllint", &[tools::xmllint()]) {
        return;
    }
    let mut problems = Vec::new();
    for b in build_all() {
        let files = files_with(&b.root, "xml");
        assert!(
            files.iter().any(|f| f == "sitemap.xml") && files.iter().any(|f| f.ends_with("atom.xml")),
            "[{}] no feed or sitemap: {files:?}",
            b.name
        );
        let out = tools::run(Command::new("xmllint").arg("--noout").args(&files).current_dir(&b.root));
        if !out.status.success() {
            problems.push(format!("[{}] {}", b.name, String::from_utf8_lossy(&out.stderr)));
        }
    }
    fail_with("xmllint", &problems);
}

#[test]
fn calendars_hold_exactly_the_expected_properties() {
    if !tools::available("the calendar check", &[tools::node(), tools::node_module("ical.js")]) {
        return;
    }
    let mut problems = Vec::new();
    for b in build_all() {
        let files = calendars::files(&b);
        let on_disk = files_with(&b.root, "ics");
        let listed: Vec<&String> = files.iter().map(|(f, _)| f).collect();
        assert_eq!(
            on_disk.iter().collect::<Vec<_>>(),
            {
                let mut l = listed.clone();
                l.sort();
                l
            },
            "[{}] calendar files",
            b.name
        );
        let paths: Vec<PathBuf> = files.iter().map(|(f, _)| b.root.join(f)).collect();
        let out = tools::run(Command::new("node").arg("calendars.mjs").args(&paths).current_dir(tools::browser_dir()));
        assert!(out.status.success(), "calendars.mjs could not run:\n{}", tools::describe(&out));
        let parsed: BTreeMap<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
        for ((rel, expect), path) in files.iter().zip(&paths) {
            match parsed.get(&*path.to_string_lossy()) {
                Some(p) => problems.extend(calendars::check(&b, rel, expect, p)),
                None => problems.push(format!("[{}] {rel} was not parsed", b.name)),
            }
        }
    }
    fail_with("calendars", &problems);
}

/// The example site's Japanese welcome message, written as Japanese authors
/// write Markdown (line breaks inside paragraphs, bold next to 「」), in
/// Chromium at phone and desktop width: every line break of the source
/// between two Japanese characters shows as nothing (no space, no gap) in
/// the text a reader sees, no text node of the message holds a space between
/// Japanese characters that its source did not, and the bold is bold.
/// Screenshots: tests/browser/out/japanese/.
#[test]
fn japanese_line_breaks_and_bold_read_right_in_chromium() {
    let needs = [tools::node(), tools::chromium_need(), tools::node_module("playwright-core")];
    if !tools::available("the Japanese text check", &needs) {
        return;
    }
    let built = sites::build("example-site", "example-site");
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site/content/messages/welcome.md"))
            .unwrap();
    let body = source.splitn(3, "+++").nth(2).unwrap();
    let wide = |c: char| matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    // Each soft break between two Japanese characters, as the text around it
    // (the Markdown's `**` aside).
    let lines: Vec<String> = body.lines().map(|l| l.replace("**", "")).collect();
    let mut joins = Vec::new();
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.trim().is_empty() || b.trim().is_empty() || b.starts_with('#') || b.starts_with('-') {
            continue;
        }
        if a.chars().last().is_some_and(wide) && b.chars().next().is_some_and(wide) {
            let before: String = a.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            let after: String = b.chars().take(4).collect();
            joins.push(json!([before, after]));
        }
    }
    assert!(joins.len() >= 5, "the welcome message should break lines inside its paragraphs: {joins:?}");
    let source_spaced: Vec<&str> = body
        .lines()
        .filter(|l| {
            let c: Vec<char> = l.chars().collect();
            c.windows(3).any(|w| wide(w[0]) && w[1].is_whitespace() && wide(w[2]))
        })
        .collect();
    let out_dir = tools::browser_dir().join("out").join("japanese");
    let job = json!({
        "chromium": tools::chromium(),
        "outDir": out_dir,
        "root": built.root,
        "basePath": built.site.config.base_url.path,
        "path": format!("{}messages/welcome/", built.site.config.base_url.path),
        "joins": joins,
    });
    let result = tools::node_job("japanese.mjs", &job);
    let mut problems = Vec::new();
    for w in result["widths"].as_array().unwrap() {
        let width = &w["width"];
        for j in w["joins"].as_array().unwrap() {
            if j["joined"] != true {
                problems.push(format!("{width}px: the line break at {} shows as a gap", j["pair"]));
            }
        }
        for t in w["spaced"].as_array().unwrap() {
            let t = t.as_str().unwrap();
            // A space the author wrote ("ミライ商事 アルムナイネットワーク") is theirs.
            if !source_spaced.iter().any(|l| t.split_whitespace().all(|part| l.replace("**", "").contains(part))) {
                problems.push(format!("{width}px: a space between Japanese characters: {t:?}"));
            }
        }
        let strong: Vec<&str> = w["strong"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        if !strong.contains(&"「ミライ商事 アルムナイネットワーク」") || !strong.contains(&"「商いは人がつくる」")
        {
            problems.push(format!("{width}px: the bold next to 「」 is not bold: {strong:?}"));
        }
    }
    eprintln!("browser: Japanese welcome message screenshots in {}", out_dir.display());
    fail_with("Japanese text in Chromium", &problems);
}

/// tests/browser/typography.mjs run on the example site's Japanese pages:
/// the measurements for each page at each width.
fn typography(out: Option<&str>, whole: &[&str], whole_in: &str) -> Vec<Value> {
    let b = sites::build("example-site", "example-site");
    let pages = [
        ("ja-gatherings", "gatherings/"),
        ("ja-alumni-day-2027", "events/alumni-day-2027/"),
        ("en-alumni-day-2027", "en/events/alumni-day-2027/"),
    ];
    let base = &b.site.config.base_url.path;
    for (_, rel) in pages {
        assert!(b.root.join(rel).join("index.html").is_file(), "the example site has no {rel}");
    }
    let job = json!({
        "chromium": tools::chromium(),
        "outDir": out.map(|o| tools::browser_dir().join("out").join(o)),
        "root": b.root,
        "basePath": base,
        "pages": pages.iter().map(|(name, rel)| json!({"name": name, "path": format!("{base}{rel}")})).collect::<Vec<_>>(),
        "whole": whole,
        "wholeIn": whole_in,
    });
    let result = tools::node_job("typography.mjs", &job);
    result["pages"].as_array().cloned().unwrap_or_default()
}

/// Numbers and addresses that took more than one line, and how many were seen.
fn broken_numbers(pages: &[Value]) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut seen = 0;
    for p in pages {
        for w in p["whole"].as_array().into_iter().flatten() {
            seen += 1;
            if w["lines"] != 1 {
                problems.push(format!(
                    "{} at {}px: `{}` takes {} lines (block {}px wide) in “{}”",
                    p["path"],
                    p["width"],
                    w["text"].as_str().unwrap_or(""),
                    w["lines"],
                    w["brokeAt"],
                    w["context"].as_str().unwrap_or("")
                ));
            }
        }
    }
    (problems, seen)
}

#[test]
fn japanese_emphasis_table_cells_and_locations_read_right_in_chromium() {
    if !typography_tools() {
        return;
    }
    let pages = typography(Some("typography"), &["9-9-9", "2-5-1", "20階"], ".detail-list dd");
    assert_eq!(pages.len(), 6, "three pages at two widths: {pages:?}");
    let mut problems = Vec::new();
    // `*強調*` in Japanese: emphasis dots, not slanted glyphs; English keeps its italics.
    let ems: Vec<&Value> = pages.iter().flat_map(|p| p["ems"].as_array().into_iter().flatten()).collect();
    assert!(ems.iter().any(|e| e["text"] == "不要"), "the example's Japanese em was not measured: {ems:?}");
    assert!(ems.iter().any(|e| e["lang"] == "en"), "the example's English em was not measured: {ems:?}");
    for e in &ems {
        let dots = !matches!(e["emphasis"].as_str(), None | Some("" | "none"));
        let (style, want_dots) = if e["lang"] == "ja" { ("normal", true) } else { ("italic", false) };
        if e["fontStyle"] != style || dots != want_dots {
            problems.push(format!(
                "{} em “{}”: font-style {}, text-emphasis {}",
                e["lang"], e["text"], e["fontStyle"], e["emphasis"]
            ));
        }
    }
    // Short table cells are one line, on a phone too.
    let cells: Vec<(&Value, &Value)> =
        pages.iter().flat_map(|p| p["cells"].as_array().into_iter().flatten().map(move |c| (p, c))).collect();
    for want in ["頻度", "月1回"] {
        assert!(
            cells.iter().any(|(p, c)| p["width"] == 390 && c["text"] == want),
            "no table cell {want} measured at 390px"
        );
    }
    for (p, c) in &cells {
        if c["lines"] != 1 {
            problems.push(format!(
                "{} at {}px: table cell “{}” takes {} lines",
                p["path"],
                p["width"],
                c["text"].as_str().unwrap_or(""),
                c["lines"]
            ));
        }
    }
    // An event's place (from front matter) never breaks inside a number.
    let (broken, seen) = broken_numbers(&pages);
    assert!(seen >= 4, "the event's location was not measured: {pages:?}");
    problems.extend(broken);
    fail_with("Japanese typography", &problems);
}

/// Numbers and addresses in Markdown text never break inside (the Markdown
/// writer marks them, see src/typeset.rs).
#[test]
fn numbers_and_addresses_in_japanese_text_stay_whole_in_chromium() {
    if !typography_tools() {
        return;
    }
    let pages = typography(None, &["9-9-9", "20階", "100-0005", "9:00〜20:00"], ".prose p, .prose li");
    let (problems, seen) = broken_numbers(&pages);
    assert!(seen >= 8, "the example's address was not measured: {pages:?}");
    fail_with("numbers in Japanese text", &problems);
}

/// Whether the typography checks can run (node, Chromium, playwright-core).
fn typography_tools() -> bool {
    tools::available(
        "the typography check",
        &[tools::node(), tools::chromium_need(), tools::node_module("playwright-core")],
    )
}
