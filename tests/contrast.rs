//! Brand colours that fail WCAG AA contrast: `alumni check` names each one
//! with the file, line and column of its value, and `--deny-warnings` turns
//! them into a failing exit code for CI.

use std::path::Path;
use std::process::Command;

fn check(args: &[&str]) -> (i32, String, String) {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/low-contrast");
    let out = Command::new(env!("CARGO_BIN_EXE_alumni"))
        .arg("check")
        .arg(&site)
        .args(args)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .output()
        .expect("run alumni");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_warns_about_each_low_contrast_brand_colour_at_its_value() {
    let (code, _, stderr) = check(&[]);
    assert_eq!(code, 0, "warnings alone do not fail check:\n{stderr}");
    assert!(
        stderr.contains(
            "warning[brand-contrast]: primary_color #9bb8e0 has a contrast of 2.03:1 as text on a white background"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("alumni.toml:9:17"), "primary_color is on line 9, column 17:\n{stderr}");
    assert!(stderr.contains("accent_color #7a7a7a has a contrast of 4.40:1 under its text colour"), "{stderr}");
    assert!(stderr.contains("alumni.toml:10:16"), "accent_color is on line 10, column 16:\n{stderr}");
    assert!(stderr.contains("check succeeded: 0 errors, 2 warnings"), "{stderr}");
}

#[test]
fn check_reports_contrast_as_json_with_file_line_and_column() {
    let (_, _, stderr) = check(&["--format", "json"]);
    let found: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .filter(|v: &serde_json::Value| v["code"] == "brand-contrast")
        .collect();
    let places: Vec<(String, u64, u64)> = found
        .iter()
        .map(|v| (v["file"].as_str().unwrap().to_string(), v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [("alumni.toml".to_string(), 9, 17), ("alumni.toml".to_string(), 10, 16)], "{stderr}");
    assert!(found.iter().all(|v| v["severity"] == "warning"));
}

#[test]
fn deny_warnings_makes_low_contrast_fail_check() {
    let (code, stdout, stderr) = check(&["--deny-warnings"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stderr.contains("warning[brand-contrast]"), "{stderr}");
    assert!(stderr.contains("check failed: 0 errors, 2 warnings"), "{stderr}");
    assert!(stderr.contains("warnings are errors because of --deny-warnings"), "{stderr}");
    assert!(!stdout.contains("No errors found"), "{stdout}");
}
