//! The outside programs the browser tests drive (Node with the packages pinned
//! in tests/browser, Debian's Chromium, Java for the Nu HTML Checker, xmllint),
//! found once, and what to do when one is missing: skip with a notice on a
//! laptop, fail in CI (`ALUMNI_REQUIRE_BROWSER=1`, set by tests/run.sh).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// tests/browser: the Node scripts and their node_modules.
pub fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

pub fn chromium() -> PathBuf {
    std::env::var_os("ALUMNI_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

pub fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// A program or file a test needs, and how a person gets it.
pub struct Need {
    pub what: &'static str,
    pub present: bool,
    pub install: &'static str,
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn module(name: &str) -> bool {
    browser_dir().join("node_modules").join(name).join("package.json").is_file()
}

const NPM: &str = "cd tests/browser && npm ci --ignore-scripts";

pub fn node() -> Need {
    Need { what: "node", present: runs("node", "--version"), install: "apt-get install nodejs npm" }
}

pub fn chromium_need() -> Need {
    Need { what: "chromium", present: chromium().is_file(), install: "apt-get install chromium fonts-noto-cjk" }
}

pub fn node_module(name: &'static str) -> Need {
    Need { what: name, present: module(name), install: NPM }
}

pub fn java() -> Need {
    Need { what: "java", present: runs("java", "-version"), install: "apt-get install default-jre-headless" }
}

pub fn vnu() -> Need {
    Need { what: "vnu.jar (npm vnu-jar)", present: vnu_jar().is_file(), install: NPM }
}

pub fn xmllint() -> Need {
    Need { what: "xmllint", present: runs("xmllint", "--version"), install: "apt-get install libxml2-utils" }
}

/// True when every need is met. Otherwise, with `ALUMNI_REQUIRE_BROWSER=1`
/// the test fails naming what to install; without it, it prints a notice and
/// the caller returns (a plain `cargo test` on a machine without them).
pub fn available(test: &str, needs: &[Need]) -> bool {
    let missing: Vec<&Need> = needs.iter().filter(|n| !n.present).collect();
    if missing.is_empty() {
        return true;
    }
    let list: Vec<String> = missing.iter().map(|n| format!("  {} (install: {})", n.what, n.install)).collect();
    let message = format!(
        "{test} needs programs that are not installed:\n{}\n`bash tests/run.sh` installs all of them.",
        list.join("\n")
    );
    if std::env::var("ALUMNI_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("{message}");
    }
    eprintln!("notice: skipping {message}");
    false
}

/// Run a command to completion, failing the test with its output if it
/// could not start.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// Stdout and stderr of a finished command, for failure messages.
pub fn describe(out: &Output) -> String {
    format!(
        "exit status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Run one of tests/browser's scripts as `node SCRIPT JOB.json RESULT.json`
/// and read its result; a script that cannot run fails the test.
pub fn node_job(script: &str, job: &serde_json::Value) -> serde_json::Value {
    let work = tempfile::tempdir().expect("temp dir");
    let (job_path, result_path) = (work.path().join("job.json"), work.path().join("result.json"));
    std::fs::write(&job_path, serde_json::to_vec_pretty(job).expect("JSON")).expect("write the job");
    let out = run(Command::new("node").arg(script).arg(&job_path).arg(&result_path).current_dir(browser_dir()));
    assert!(out.status.success(), "{script} could not run:\n{}", describe(&out));
    serde_json::from_slice(&std::fs::read(&result_path).expect("the result")).expect("a JSON result")
}
