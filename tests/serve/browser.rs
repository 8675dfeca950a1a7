//! Live reload in headless Chromium (Debian's), driven by
//! tests/serve-browser/live-reload.mjs: the page changes by itself when its
//! Markdown changes, swaps styles, shows and clears the error overlay, and
//! survives a server restart. Skipped without node, Chromium or the npm
//! packages, unless ALUMNI_REQUIRE_BROWSER=1 (tests/run.sh), which makes a
//! missing tool a failure.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Site, page, serve, serve_with};

const CHROMIUM: &str = "/usr/bin/chromium";

fn missing_tools(dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        missing.push("node".to_string());
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(CHROMIUM.to_string());
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        missing.push(format!("{}/node_modules (run `npm ci` there)", dir.display()));
    }
    missing
}

#[test]
fn a_real_browser_follows_edits_by_itself() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve-browser");
    let missing = missing_tools(&dir);
    if !missing.is_empty() {
        let required = std::env::var("ALUMNI_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "ALUMNI_REQUIRE_BROWSER=1 but missing: {}", missing.join(", "));
        eprintln!("skipping the browser test, missing: {}", missing.join(", "));
        return;
    }
    let site = Site::copy("serve-site");
    let mut server = serve(&site);
    let port = server.port;
    let mut child = Command::new("node")
        .arg(dir.join("live-reload.mjs"))
        .env("ALUMNI_URL", format!("{}/about/", server.origin))
        .env("ALUMNI_SITE", &site.root)
        .env("ALUMNI_OUT", Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-browser"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut transcript = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if line == "restart" {
            // Stop, change the page while nothing serves it, start again on
            // the same port: the open page must notice on its own.
            server.stop();
            site.write(
                "content/pages/about.md",
                &page("About the network", "About text: while the server was stopped."),
            );
            server = serve_with(&site, |o| o.port = port);
            writeln!(stdin, "go").unwrap();
        }
        transcript.push_str(&line);
        transcript.push('\n');
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{transcript}\n{stderr}\nserver log:\n{}", server.log.text());
    assert!(transcript.contains("ok - no console errors"), "{transcript}");
}
