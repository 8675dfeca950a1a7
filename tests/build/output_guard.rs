//! The output folder under stress: replaced in one step while something
//! reads it, one build at a time, files the user keeps there kept (or the
//! build refused), the marker checked, and a mount point replaced too.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::support::Site;

fn alumni_bin(args: &[&str]) -> std::process::Output {
    // English messages whatever the developer's locale.
    Command::new(env!("CARGO_BIN_EXE_alumni")).args(args).env("NO_COLOR", "1").env("LC_ALL", "C").output().unwrap()
}

#[test]
fn files_the_user_keeps_in_the_output_are_kept_or_the_build_is_refused() {
    let site = Site::fixture("minimal");
    // A gh-pages worktree: the folder holds git's link and a CNAME.
    site.write("public/.git", "gitdir: ../.git/worktrees/public\n");
    site.write("public/CNAME", "alumni.example.com\n");
    site.build(&[]).failed().stderr_has(&["was not written by alumni", "[output]", "keep = [\".git\", \"CNAME\"]"]);
    site.edit("alumni.toml", "title =", "[output]\nkeep = [\".git\", \"CNAME\"]\n\ntitle =");
    // The table must come last in TOML: move it.
    let toml = std::fs::read_to_string(site.path().join("alumni.toml")).unwrap();
    let toml =
        toml.replace("[output]\nkeep = [\".git\", \"CNAME\"]\n\n", "") + "\n[output]\nkeep = [\".git\", \"CNAME\"]\n";
    site.write("alumni.toml", toml);
    for _ in 0..2 {
        site.build(&[]).ok();
        assert!(site.exists("index.html"));
        assert_eq!(site.read(".git"), "gitdir: ../.git/worktrees/public\n");
        assert_eq!(site.read("CNAME"), "alumni.example.com\n");
    }
    // A file added by hand that is not listed: the build says so and
    // deletes nothing.
    site.write("public/google1234.html", "verification");
    let run = site.build(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("output-foreign");
    assert!(d["message"].as_str().unwrap().contains("`google1234.html`"), "{d}");
    assert!(d["notes"].to_string().contains("keep"), "{d}");
    assert_eq!(site.read("google1234.html"), "verification");
}

#[test]
fn a_planted_marker_does_not_make_a_folder_ours() {
    let site = Site::fixture("minimal");
    let mine = site.parent().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("thesis.txt"), "years of work").unwrap();
    std::fs::write(mine.join(".alumni-output"), "").unwrap();
    site.build(&["--output", mine.to_str().unwrap()]).failed().stderr_has(&["was not written by alumni"]);
    std::fs::remove_file(mine.join(".alumni-output")).unwrap();
    site.build(&[]).ok();
    std::os::unix::fs::symlink(site.public().join(".alumni-output"), mine.join(".alumni-output")).unwrap();
    site.build(&["--output", mine.to_str().unwrap()]).failed().stderr_has(&["was not written by alumni"]);
    // The hidden deleter deletes no folder it did not make, marked or not.
    std::fs::remove_file(mine.join(".alumni-output")).unwrap();
    std::fs::copy(site.public().join(".alumni-output"), mine.join(".alumni-output")).unwrap();
    for dir in [&mine, &site.public()] {
        let out = alumni_bin(&["__remove-output", dir.to_str().unwrap()]);
        assert!(out.status.success());
        assert!(dir.is_dir(), "{} is still there", dir.display());
    }
    assert_eq!(std::fs::read_to_string(mine.join("thesis.txt")).unwrap(), "years of work");
}

/// A web server reading the output while it is replaced finds it every time.
#[cfg(target_os = "linux")]
#[test]
fn the_output_is_never_missing_while_it_is_replaced() {
    let site = Site::fixture("minimal");
    site.build(&[]).ok();
    let index = site.public().join("index.html");
    let stop = Arc::new(AtomicBool::new(false));
    let missing = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (stop, missing, index) = (stop.clone(), missing.clone(), index.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };
    let root = site.path().to_str().unwrap().to_string();
    for i in 0..60 {
        site.write(
            "content/messages/hello.md",
            format!("+++\ntitle = \"Hello {i}\"\ndate = 2026-01-01\n+++\nText {i}.\n"),
        );
        let out = alumni_bin(&["build", &root]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    stop.store(true, Ordering::Relaxed);
    reader.join().unwrap();
    assert_eq!(missing.load(Ordering::Relaxed), 0, "times the output was missing");
}

/// Builds of two sites into one output at the same time: each build's
/// output is whole, never a mix.
#[test]
fn concurrent_builds_to_one_output_never_mix() {
    let a = Site::fixture("minimal");
    let b = Site::fixture("minimal");
    for (site, name) in [(&a, "AAAA"), (&b, "BBBB")] {
        for i in 0..80 {
            site.write(&format!("content/pages/p{i}.md"), format!("+++\ntitle = \"{name} {i}\"\n+++\n{name}\n"));
        }
    }
    let out = a.parent().join("shared-out");
    let out_s = out.to_str().unwrap().to_string();
    for _ in 0..25 {
        let runs: Vec<_> = [&a, &b]
            .into_iter()
            .map(|s| {
                Command::new(env!("CARGO_BIN_EXE_alumni"))
                    .args(["build", s.path().to_str().unwrap(), "--output", &out_s])
                    .env("LC_ALL", "C")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for r in runs {
            let o = r.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let pages: Vec<String> =
            (0..80).map(|i| std::fs::read_to_string(out.join(format!("p{i}/index.html"))).unwrap()).collect();
        let from_a = pages.iter().filter(|p| p.contains("AAAA")).count();
        assert!(from_a == 0 || from_a == 80, "{from_a} of 80 pages from one build, the rest from the other");
    }
}

/// A container volume mounted as the output: it cannot be renamed, so its
/// contents are replaced. Needs the right to mount (root); skipped without.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_is_a_mount_point_is_replaced() {
    let site = Site::fixture("minimal");
    let out = site.parent().join("volume");
    std::fs::create_dir_all(&out).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "tmpfs"]).arg(&out).output();
    if !mounted.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&out);
    let out_s = out.to_str().unwrap();
    site.build(&["--output", out_s]).ok();
    site.write("content/pages/new.md", "+++\ntitle = \"New\"\n+++\n");
    site.build(&["--output", out_s]).ok();
    assert!(out.join("new/index.html").is_file() && out.join("index.html").is_file());
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert!(!names.iter().any(|n| n.contains(".alumni-new") || n.contains(".alumni-old")), "{names:?}");
    site.remove("content/pages/new.md");
    site.build(&["--output", out_s]).ok();
    assert!(!out.join("new").exists(), "pages removed from the site leave the output");
}

/// A build waits while another holds the output (the lock is the folder
/// holding the output, as `alumni` takes it).
#[cfg(target_os = "linux")]
#[test]
fn a_build_waits_for_the_one_writing_its_output() {
    let site = Site::fixture("minimal");
    let held = std::fs::File::open(site.path()).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_alumni"))
        .args(["build", site.path().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the build waits for the lock");
    assert!(!site.public().exists());
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
    assert!(site.exists("index.html"));
}

/// A full disk is one error, not one per file. Needs the right to mount a
/// small tmpfs (root); skipped without.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_error() {
    let site = Site::fixture("minimal");
    for i in 0..40 {
        site.write(&format!("content/pages/p{i}.md"), format!("+++\ntitle = \"P{i}\"\n+++\n{}\n", "text ".repeat(400)));
    }
    let volume = site.parent().join("small");
    std::fs::create_dir_all(&volume).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=96k", "tmpfs"]).arg(&volume).output();
    if !mounted.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&volume);
    let out = volume.join("public");
    let run = site.build(&["--format", "json", "--output", out.to_str().unwrap()]);
    run.failed();
    let writes: Vec<_> = run.json().into_iter().filter(|d| d["code"] == "output-write").collect();
    assert_eq!(writes.len(), 1, "{}", run.stderr);
    assert!(writes[0]["message"].as_str().unwrap().contains("No space left"), "{}", run.stderr);
    assert!(!out.exists());
}
