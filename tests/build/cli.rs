//! The command line: the binary end to end (help, version, usage errors),
//! then each option of `build` and `check` and the three problem formats.

use std::process::Command;

use crate::support::{Site, alumni, tree};

fn binary(args: &[&str]) -> (i32, String, String) {
    // English messages whatever the developer's locale.
    let out = Command::new(env!("CARGO_BIN_EXE_alumni"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .output()
        .expect("run alumni");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (out.status.code().expect("exit code"), text(out.stdout), text(out.stderr))
}

#[test]
fn binary_prints_help_and_version() {
    let (code, out, _) = binary(&["--help"]);
    assert_eq!(code, 0);
    for cmd in ["build", "check", "new"] {
        assert!(out.contains(cmd), "--help lacks {cmd}:\n{out}");
    }
    let (code, out, _) = binary(&["build", "--help"]);
    assert_eq!(code, 0);
    for opt in ["--output", "--drafts", "--as-of", "--base-url", "--format", "--deny-warnings"] {
        assert!(out.contains(opt), "build --help lacks {opt}:\n{out}");
    }
    let (code, out, _) = binary(&["--version"]);
    assert_eq!((code, out.as_str()), (0, concat!("alumni ", env!("CARGO_PKG_VERSION"), "\n")));
}

#[test]
fn binary_exits_2_on_wrong_usage() {
    for (args, says) in [
        (&[][..], "Usage"),
        (&["frobnicate"][..], "unrecognized subcommand"),
        (&["build", "--as-of", "tomorrow"][..], "YYYY-MM-DD"),
        (&["build", "--as-of", "2026-02-30"][..], "--as-of"),
        (&["build", "--base-url", "ftp://example.com/"][..], "must start with http:// or https://"),
        (&["check", "--format", "xml"][..], "possible values: human, json, github"),
        (&["new"][..], "DIR"),
        (&["build", "--no-such-flag"][..], "--no-such-flag"),
    ] {
        let (code, out, err) = binary(args);
        assert_eq!(code, 2, "alumni {args:?}\n{out}{err}");
        assert!(err.contains(says), "alumni {args:?}: stderr lacks {says:?}:\n{err}");
    }
}

#[test]
fn binary_exits_1_on_site_errors_and_0_on_success() {
    let broken = Site::fixture("broken");
    let (code, _, err) = binary(&["build", broken.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/events/bad-zone.md:4:12"), "{err}");
    assert!(err.contains("build failed: "), "{err}");
    assert!(!broken.public().exists());

    let site = Site::fixture("minimal");
    let (code, out, err) = binary(&["build", site.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Built "), "{out}");
    assert!(site.exists("index.html"));
}

#[test]
fn in_process_runs_give_the_same_exit_codes() {
    alumni(["build", "--format", "yaml"]).assert_code(2);
    Site::fixture("broken").build(&[]).failed();
    Site::fixture("minimal").build(&[]).ok();
}

#[test]
fn check_validates_everything_and_writes_nothing() {
    let site = Site::fixture("portal");
    let run = site.check(&["--as-of", "2026-11-24"]);
    run.ok();
    assert!(run.stdout.starts_with("No errors found in "), "{}", run.stdout);
    assert!(!site.public().exists());
    // Links are checked too.
    site.edit("content/pages/about.md", "(privacy.md)", "(missing.md)");
    site.check(&["--as-of", "2026-11-24"]).failed().stderr_has(&["content/pages/missing.md, which does not exist"]);
    assert!(!site.public().exists());
}

#[test]
fn json_format_is_one_object_per_line() {
    let run = Site::fixture("broken").check(&["--format", "json"]);
    run.failed();
    let all = run.json();
    assert!(all.len() >= 13, "{}", run.stderr);
    for d in &all {
        let keys: Vec<&str> = d.as_object().expect("an object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["code", "column", "file", "line", "message", "notes", "severity"], "{d}");
        assert!(d["severity"] == "error" || d["severity"] == "warning", "{d}");
        assert!(d["notes"].is_array() && d["message"].is_string() && d["code"].is_string());
    }
    let d = all.iter().find(|d| d["code"] == "timezone-unknown").expect("the time zone problem");
    assert_eq!(d["file"], "content/events/bad-zone.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(4), Some(12)));
    assert_eq!(d["notes"][0], "did you mean `Asia/Tokyo`?");
    assert!(!run.stderr.contains("check failed"), "no human summary among JSON lines");
}

#[test]
fn github_format_prints_workflow_annotations() {
    let run = Site::fixture("broken").check(&["--format", "github"]);
    run.failed();
    for line in run.stderr.lines() {
        assert!(line.starts_with("::error ") || line.starts_with("::warning "), "not an annotation: {line}");
    }
    run.stderr_has(&[
        "::error file=content/events/bad-zone.md,line=4,col=12,title=timezone-unknown::unknown time zone `Asia/Tokio`%0Adid you mean `Asia/Tokyo`?\n",
        "::error file=content/messages/typo.md,line=4,col=1,",
    ]);
}

#[test]
fn output_option_writes_elsewhere() {
    let site = Site::fixture("minimal");
    let out = site.parent().join("elsewhere");
    let run = site.build(&["--output", out.to_str().unwrap()]);
    run.ok();
    assert!(run.stdout.contains(&format!("into {}", out.display())), "{}", run.stdout);
    assert!(out.join("index.html").is_file() && out.join("messages/hello/index.html").is_file());
    assert!(!site.public().exists());
    // `-o` is the short form.
    let out2 = site.parent().join("short");
    site.build(&["-o", out2.to_str().unwrap()]).ok();
    assert_eq!(tree(&out), tree(&out2));
}

#[test]
fn deny_warnings_fails_the_build_and_keeps_the_previous_output() {
    let site = Site::fixture("minimal");
    site.build(&[]).ok();
    let before = tree(&site.public());
    // A job without valid_through or employment_type: search engines want them.
    site.write(
        "content/jobs/j.md",
        "+++\ntitle = \"J\"\ndate = 2020-01-01\nlocation = \"Tokyo\"\napply_url = \"https://a.example/\"\n+++\n",
    );
    let run = site.check(&[]);
    run.ok().stderr_has(&[
        "warning[jobposting-valid-through]",
        "content/jobs/j.md",
        "check succeeded: 0 errors, 2 warnings",
    ]);
    let run = site.build(&["--deny-warnings"]);
    run.failed()
        .stderr_has(&["build failed: 0 errors, 2 warnings", "(warnings are errors because of --deny-warnings)"]);
    assert_eq!(tree(&site.public()), before, "the previous output is untouched");
    site.build(&[]).ok();
    assert!(site.exists("jobs/j/index.html"));
}

#[test]
fn build_reports_how_many_pages_and_files_it_wrote() {
    let shared = crate::support::portal();
    let files = tree(&shared.site.public());
    let pages = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
    let others = files.len() - pages - 1; // the marker is not counted
    let expected = format!("Built {pages} pages and {others} other files into ");
    assert!(shared.run.stdout.starts_with(&expected), "{} (expected {expected})", shared.run.stdout);
}

#[test]
fn the_readme_examples_work_on_the_example_site() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let example = example.to_str().unwrap();
    let run = alumni(["check", example, "--format", "github", "--deny-warnings", "--as-of", "2027-04-01"]);
    run.ok();
    assert_eq!(run.stderr, "", "no annotations");
    let tmp = Site::empty();
    let out = tmp.parent().join("preview");
    let base = "https://preview.example.com/acme/";
    alumni(["build", example, "--drafts", "--base-url", base, "--as-of", "2027-04-01", "-o", out.to_str().unwrap()])
        .ok();
    let home = crate::support::read(&out.join("index.html"));
    assert!(home.contains("https://preview.example.com/acme/"), "the preview's base URL");
}
