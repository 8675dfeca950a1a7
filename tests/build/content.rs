//! Content files: front matter validated per section, and every kind of bad
//! input (broken TOML, impossible dates, odd files and links on disk)
//! reported with its file and line, all in one run, without a panic.

use std::os::unix::fs::{PermissionsExt, symlink};

use crate::support::{Run, Site};

/// Assert the JSON report holds a diagnostic with this code at this place.
#[track_caller]
fn reported(run: &Run, code: &str, file: &str, line: u64, column: u64) {
    let found = run.json().into_iter().any(|d| {
        d["code"] == code
            && d["file"] == file
            && d["line"].as_u64() == Some(line)
            && d["column"].as_u64() == Some(column)
    });
    assert!(found, "no `{code}` at {file}:{line}:{column}\n--- stderr:\n{}", run.stderr);
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let site = Site::fixture("broken");
    // Shift-JIS bytes: a file saved in the wrong encoding.
    site.write("content/pages/sjis.md", b"+++\ntitle = \"\x83e\x83X\x83g\"\n+++\n");
    let run = site.check(&["--format", "json"]);
    run.failed();
    for (code, file, line, column) in [
        ("frontmatter-syntax", "content/messages/bad-toml.md", 2, 19),
        ("frontmatter-syntax", "content/messages/bad-date.md", 3, 8),
        ("unknown-key", "content/messages/typo.md", 4, 1),
        ("content-unknown-language", "content/messages/hello.fr.md", 1, 1),
        ("timezone-unknown", "content/events/bad-zone.md", 4, 12),
        ("missing-field", "content/events/no-start.md", 1, 1),
        ("event-ends-before-start", "content/events/ends-early.md", 4, 11),
        ("missing-field", "content/events/nowhere.md", 1, 1),
        ("employment-type-unknown", "content/jobs/bad-type.md", 4, 19),
        ("missing-field", "content/jobs/no-apply.md", 1, 1),
        ("frontmatter-missing", "content/pages/empty.md", 1, 1),
        ("frontmatter-unclosed", "content/pages/unclosed.md", 1, 1),
        ("frontmatter-missing", "content/pages/no-front.md", 1, 1),
        ("content-encoding", "content/pages/sjis.md", 2, 10),
    ] {
        reported(&run, code, file, line, column);
    }
    for d in run.json() {
        assert!(d["file"].is_string(), "every problem names a file: {d}");
    }

    // The same run for people: what was found and what is expected.
    let run = site.check(&[]);
    run.failed().stderr_has(&[
        "content/messages/bad-date.md:3:8",
        "date = 2026-02-30",
        "invalid date",
        "content/messages/typo.md:4:1",
        "unknown key `autor` in the front matter of a message",
        "did you mean `author`?",
        "content/messages/hello.fr.md:1:1",
        "the file name says language `fr`, which alumni.toml does not declare",
        "declared languages: ja, en",
        "content/events/bad-zone.md:4:12",
        "unknown time zone `Asia/Tokio`",
        "did you mean `Asia/Tokyo`?",
        "the front matter of an event is missing the required key `starts_at`",
        "expected: starts_at = 2026-12-05T18:30:00",
        "`ends_at` is before `starts_at`",
        "missing the required key `location`",
        "online_url",
        "content/jobs/bad-type.md:4:19",
        "unknown employment_type `fulltime`",
        "did you mean `full_time`?",
        "expected one of: full_time, part_time, contract, temporary, intern, volunteer, per_diem, other",
        "the front matter of a job is missing the required key `apply_url`",
        "content/pages/empty.md",
        "the file is empty",
        "the front matter is never closed",
        "the file does not start with front matter",
        "file is not valid UTF-8: invalid byte at line 2, column 10",
    ]);
}

/// The minimal site plus one content file; `alumni check` of it.
fn check_with(rel: &str, text: &str) -> Run {
    let site = Site::fixture("minimal");
    site.write(rel, text);
    site.check(&["--format", "json", "--as-of", "2026-11-24"])
}

#[test]
fn each_section_knows_its_keys() {
    let cases = [
        (
            "content/events/e.md",
            "+++\ntitle = \"E\"\nstarts_at = 2026-12-05T10:00:00\nlocaton = \"Tokyo\"\n+++\n",
            4,
            "location",
        ),
        (
            "content/jobs/j.md",
            "+++\ntitle = \"J\"\ndate = 2026-10-01\napply_url = \"https://a.example/\"\nemployment = \"intern\"\n+++\n",
            5,
            "employment_type",
        ),
        ("content/pages/p.md", "+++\ntitle = \"P\"\nsumary = \"S\"\n+++\n", 3, "summary"),
        ("content/messages/m.md", "+++\ntitle = \"M\"\ndate = 2026-10-01\ntag = [\"x\"]\n+++\n", 4, "tags"),
    ];
    for (rel, text, line, wanted) in cases {
        let run = check_with(rel, text);
        let d = run.diagnostic("unknown-key");
        assert_eq!((d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()), (Some(rel), Some(line), Some(1)));
        assert_eq!(d["notes"][0], format!("did you mean `{wanted}`?"), "{rel}");
    }
    // Keys of one section are unknown in another: `location` is not a page key.
    let d = check_with("content/pages/p.md", "+++\ntitle = \"P\"\nlocation = \"x\"\n+++\n").diagnostic("unknown-key");
    assert!(d["message"].as_str().unwrap().contains("`location`"), "{d}");
}

#[test]
fn required_keys_per_section() {
    for (rel, text, key) in [
        ("content/messages/m.md", "+++\ntitle = \"M\"\n+++\n", "date"),
        ("content/messages/m.md", "+++\ndate = 2026-10-01\n+++\n", "title"),
        ("content/events/e.md", "+++\ntitle = \"E\"\nlocation = \"x\"\n+++\n", "starts_at"),
        ("content/events/e.md", "+++\ntitle = \"E\"\nstarts_at = 2026-12-05\n+++\n", "location"),
        ("content/jobs/j.md", "+++\ntitle = \"J\"\napply_url = \"https://a.example/\"\n+++\n", "date"),
        ("content/jobs/j.md", "+++\ntitle = \"J\"\ndate = 2026-10-01\n+++\n", "apply_url"),
        ("content/pages/p.md", "+++\nslug = \"p\"\n+++\n", "title"),
    ] {
        let d = check_with(rel, text).diagnostic("missing-field");
        assert_eq!(d["file"], rel);
        assert_eq!(d["line"], 1);
        assert!(d["message"].as_str().unwrap().ends_with(&format!("the required key `{key}`")), "{d}");
    }
    // An online event needs no location.
    let run = check_with(
        "content/events/e.md",
        "+++\ntitle = \"E\"\nstarts_at = 2026-12-05\nonline_url = \"https://meet.example.com/x\"\n+++\n",
    );
    assert!(!run.json().iter().any(|d| d["code"] == "missing-field"), "{}", run.stderr);
}

#[test]
fn values_of_the_wrong_type_or_form() {
    let text = "+++\ntitle = \"J\"\ndate = \"2026-10-01\"\nremote = \"yes\"\ntags = \"a\"\n\
                apply_url = \"careers.example.com\"\nvalid_through = 2026-09-01\nslug = \"a b\"\n+++\n";
    let run = check_with("content/jobs/j.md", text);
    run.failed();
    let messages: Vec<String> = run.json().iter().map(|d| d["message"].as_str().unwrap().to_string()).collect();
    for wanted in [
        "`date` in the front matter of a job must be a date or date-time (e.g. date = 2026-04-01), found a string",
        "`remote` in the front matter of a job must be true or false, found a string",
        "`tags` in the front matter of a job must be an array of strings, found a string",
        "`apply_url`: `careers.example.com` is not a valid URL (relative URL without a base)",
        "slug `a b` has characters that do not belong in a URL (spaces, `/`, `?`, `#`, `%`...)",
    ] {
        assert!(messages.iter().any(|m| m == wanted), "missing {wanted:?} in {messages:#?}");
    }
    let run = check_with(
        "content/jobs/j.md",
        "+++\ntitle = \"J\"\ndate = 2026-10-01\nvalid_through = 2026-09-30\napply_url = \"https://a.example/\"\n+++\n",
    );
    let d = run.diagnostic("job-closes-before-posted");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(4), Some(17)));
}

#[test]
fn files_outside_the_sections() {
    let site = Site::fixture("minimal");
    site.write("content/event/e.md", "+++\ntitle = \"E\"\n+++\n");
    site.write("content/messages/photo.png", b"\x89PNG");
    site.write("content/messages/.DS_Store", b"\0\0");
    let run = site.check(&["--format", "json"]);
    let d = run.diagnostic("content-unknown-section");
    assert_eq!(d["file"], "content/event/e.md");
    assert!(d["notes"].as_array().unwrap().iter().any(|n| n == "did you mean content/events/?"), "{d}");
    let d = run.diagnostic("content-not-markdown");
    assert_eq!((d["severity"].as_str(), d["file"].as_str()), (Some("warning"), Some("content/messages/photo.png")));
    run.stderr_lacks(".DS_Store");
}

#[test]
fn url_collisions_name_both_files() {
    let site = Site::fixture("minimal");
    site.write("content/pages/team.md", "+++\ntitle = \"A\"\n+++\n");
    site.write("content/pages/crew.md", "+++\ntitle = \"B\"\nslug = \"team\"\n+++\n");
    site.write("content/pages/events.md", "+++\ntitle = \"Events?\"\n+++\n");
    let run = site.check(&[]);
    run.failed().stderr_has(&[
        "content/pages/crew.md and content/pages/team.md both map to /team/",
        "the event list (en) and content/pages/events.md both map to /events/",
        "set `slug` in its front matter",
    ]);
    // `hello.en.md` is the default language's `hello.md` written twice.
    let site = Site::fixture("minimal");
    site.write("content/messages/hello.en.md", "+++\ntitle = \"Hello again\"\ndate = 2020-04-01\n+++\n");
    site.check(&[]).failed().stderr_has(&[
        "content/messages/hello.en.md",
        "content/messages/hello.md",
        "/messages/hello/",
    ]);
}

#[test]
fn at_most_one_welcome_message_per_language() {
    let site = Site::fixture("portal");
    site.write(
        "content/messages/welcome-again.md",
        "+++\ntitle = \"二通目\"\ndate = 2026-05-01\nwelcome = true\n+++\n",
    );
    site.check(&["--as-of", "2026-11-24"]).failed().stderr_has(&[
        "content/messages/welcome-again.md:4:11",
        "a second welcome message for language `ja`",
        "content/messages/welcome.md is already the welcome message",
    ]);
    // One per language is fine: the portal has `welcome.md` and `welcome.en.md`.
    let site = Site::fixture("portal");
    site.check(&["--as-of", "2026-11-24"]).stderr_lacks("welcome-duplicate");
}

#[test]
fn symbolic_links_loops_and_links_outside_the_site() {
    let site = Site::fixture("minimal");
    std::fs::create_dir_all(site.path().join("content/pages")).unwrap();
    symlink("/etc", site.path().join("content/pages/etc")).unwrap();
    symlink("/etc/passwd", site.path().join("content/pages/passwd.md")).unwrap();
    symlink("..", site.path().join("content/messages/loop")).unwrap();
    // A link that stays inside the site's folders is followed; one to
    // another folder of the site is refused like one out of it.
    site.write("static/note.md", "+++\ntitle = \"Shared\"\n+++\nShared page.\n");
    symlink("../../static/note.md", site.path().join("content/pages/note.md")).unwrap();
    site.write("shared/other.md", "+++\ntitle = \"Other\"\n+++\nOther page.\n");
    symlink("../../shared/other.md", site.path().join("content/pages/other.md")).unwrap();

    let run = site.check(&["--format", "json"]);
    let outside: Vec<_> = run.json().into_iter().filter(|d| d["code"] == "content-symlink-outside").collect();
    let files: Vec<&str> = outside.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["content/pages/etc", "content/pages/other.md", "content/pages/passwd.md"], "{}", run.stderr);
    assert!(outside.iter().all(|d| d["severity"] == "error"));
    // Never read: no other problem about them (passwd has no front matter).
    let about_etc = run.json().into_iter().filter(|d| d["file"].as_str().is_some_and(|f| f.contains("etc/")));
    assert_eq!(about_etc.count(), 0, "{}", run.stderr);
    assert!(
        !run.json().iter().any(|d| d["file"] == "content/pages/passwd.md" && d["code"] != "content-symlink-outside")
    );

    let d = run.diagnostic("content-unreadable");
    assert_eq!(d["file"], "content/messages/loop");
    assert!(d["message"].as_str().unwrap().contains("symbolic link loop"), "{d}");
    assert!(!run.json().iter().any(|d| d["file"] == "content/pages/note.md"), "{}", run.stderr);

    // In static/ too: a link out of the site is not copied.
    std::fs::remove_file(site.path().join("content/messages/loop")).unwrap();
    for refused in ["content/pages/etc", "content/pages/passwd.md", "content/pages/other.md"] {
        std::fs::remove_file(site.path().join(refused)).unwrap();
    }
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    symlink("/etc/passwd", site.path().join("static/passwd")).unwrap();
    let run = site.build(&["--format", "json"]);
    run.failed();
    assert_eq!(run.diagnostic("static-symlink-outside")["file"], "static/passwd");
    assert!(!site.exists("passwd"));
    std::fs::remove_file(site.path().join("static/passwd")).unwrap();
    site.build(&[]).ok();
    assert!(site.exists("note/index.html"), "the link inside the site is followed");
}

#[test]
fn an_unreadable_file_is_reported() {
    let site = Site::fixture("minimal");
    site.write("content/pages/secret.md", "+++\ntitle = \"S\"\n+++\n");
    let path = site.path().join("content/pages/secret.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, nothing to test.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let run = site.check(&["--format", "json"]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let d = run.diagnostic("content-unreadable");
    assert_eq!(d["file"], "content/pages/secret.md");
    assert!(d["message"].as_str().unwrap().contains("cannot read file"), "{d}");
}

#[test]
fn urls_of_other_sites_may_have_a_query_and_fragment() {
    // Meeting, form and application links usually carry one (`?pwd=`, `?id=`).
    let site = Site::fixture("minimal");
    site.edit(
        "alumni.toml",
        "[brand]",
        "[portal]\njoin_url = \"https://forms.example.com/viewform?usp=alumni#top\"\n[brand]",
    );
    site.write(
        "content/events/call.md",
        "+++\ntitle = \"Call\"\nstarts_at = 2030-12-05T10:00:00\nends_at = 2030-12-05T11:00:00\n\
         online_url = \"https://zoom.example.com/j/123?pwd=abc\"\n\
         registration_url = \"https://forms.example.com/r?event=call&src=alumni\"\n+++\n",
    );
    site.write(
        "content/jobs/dev.md",
        "+++\ntitle = \"Dev\"\ndate = 2020-10-01\nvalid_through = 2030-03-31\nlocation = \"Tokyo\"\n\
         employment_type = \"full_time\"\napply_url = \"https://careers.example.com/apply?id=7\"\n+++\n",
    );
    site.build(&["--as-of", "2026-11-24"]).ok();
    let hrefs = crate::support::links(&site.html("events/call/index.html"));
    for url in ["https://zoom.example.com/j/123?pwd=abc", "https://forms.example.com/r?event=call&src=alumni"] {
        assert!(hrefs.iter().any(|h| h == url), "{url} not linked: {hrefs:?}");
    }
    let hrefs = crate::support::links(&site.html("jobs/dev/index.html"));
    assert!(hrefs.iter().any(|h| h == "https://careers.example.com/apply?id=7"), "{hrefs:?}");
    // The site's own address still may not have one.
    site.edit(
        "alumni.toml",
        "base_url = \"https://alumni.example.com/\"",
        "base_url = \"https://alumni.example.com/?x\"",
    );
    site.check(&[]).failed().stderr_has(&["must not have a query (?) or fragment (#)"]);
}

#[test]
fn a_page_folder_where_a_file_is_written_is_a_collision() {
    // `check` must find what would make the write fail: a page at
    // /robots.txt/ needs a folder where robots.txt is a file.
    let site = Site::fixture("minimal");
    site.write("content/pages/r.md", "+++\ntitle = \"R\"\nslug = \"robots.txt\"\n+++\n");
    site.write("content/pages/team.md", "+++\ntitle = \"Team\"\n+++\n");
    site.write("static/team", "a file named like the page");
    site.check(&[]).failed().stderr_has(&[
        "robots.txt and content/pages/r.md both map to /robots.txt",
        "static/team and content/pages/team.md both map to /team",
    ]);
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_read_as_usual() {
    let site = Site::fixture("minimal");
    site.write(
        "content/messages/win.md",
        "\u{feff}+++\r\ntitle = \"Windows\"\r\ndate = 2020-04-01\r\n+++\r\nFirst line.\r\n",
    );
    site.build(&[]).ok();
    assert_eq!(crate::support::texts(&site.html("messages/win/index.html"), "h1"), ["Windows"]);
    // Positions are still right.
    site.write(
        "content/messages/win.md",
        "\u{feff}+++\r\ntitle = \"Windows\"\r\ndate = 2020-04-01\r\n+++\r\nBody [bad](nope.md).\r\n",
    );
    site.write(
        "content/messages/win2.md",
        "\u{feff}+++\r\ntitle = \"W\"\r\ndate = 2020-04-01\r\nautor = \"x\"\r\n+++\r\n",
    );
    let run = site.check(&["--format", "json"]);
    reported(&run, "link-broken", "content/messages/win.md", 5, 6);
    reported(&run, "unknown-key", "content/messages/win2.md", 4, 1);
    // The mark is invisible in editors: line 1 starts at column 1 after it.
    site.write("content/messages/win3.md", "\u{feff}+++\r\ntitle = \"W\"\r\n+++\r\n");
    let run = site.check(&["--format", "json"]);
    reported(&run, "missing-field", "content/messages/win3.md", 1, 1);
    site.check(&[]).stderr_has(&["content/messages/win3.md:1:1\n"]);
}

#[test]
fn named_pipes_are_skipped_not_read() {
    // Opening a named pipe to read it waits for a writer: forever.
    let site = Site::fixture("minimal");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    for p in ["content/messages/pipe.md", "static/pipe.txt"] {
        let ok = std::process::Command::new("mkfifo").arg(site.path().join(p)).status().unwrap().success();
        assert!(ok, "mkfifo {p}");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_alumni"))
        .args(["build", site.path().to_str().unwrap(), "--format", "json"])
        .env("LC_ALL", "C")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Not a speed limit: a deadline that turns a hang into a failure.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the build hangs on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(r#""code":"content-not-a-file","message":"content/messages/pipe.md is not a regular file"#),
        "{stderr}"
    );
    assert!(stderr.contains(r#""code":"static-not-a-file""#), "{stderr}");
    assert!(!site.exists("pipe.txt"));
}

#[test]
fn control_characters_are_removed_whether_written_or_referenced() {
    let site = Site::fixture("minimal");
    // A raw BEL, and numeric references to a C0 control, a C1 control and a
    // noncharacter: each is removed from the page and reported.
    site.write("content/messages/raw.md", "+++\ntitle = \"Raw\"\ndate = 2020-04-02\n+++\nbell\u{7}rings\n");
    site.write(
        "content/messages/refs.md",
        "+++\ntitle = \"Refs\"\ndate = 2020-04-03\n+++\nR&amp;D &#7;one &#x80;two &#xFFFE;three &copy;\n",
    );
    let run = site.build(&["--format", "json"]);
    run.ok();
    reported(&run, "control-character", "content/messages/raw.md", 5, 1);
    let warned: Vec<String> = run
        .json()
        .into_iter()
        .filter(|d| d["code"] == "control-character")
        .map(|d| d["file"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(warned.iter().any(|f| f == "content/messages/refs.md"), "{}", run.stderr);
    // The page without any is not reported.
    assert!(warned.iter().all(|f| f != "content/messages/hello.md"), "{}", run.stderr);
    let raw = site.read("messages/raw/index.html");
    assert!(raw.contains("bellrings"), "{raw}");
    let refs = site.read("messages/refs/index.html");
    assert!(refs.contains("R&amp;D one two three ©"), "{refs}");
    for bad in ['\u{7}', '\u{80}', '\u{FFFE}'] {
        assert!(!raw.contains(bad) && !refs.contains(bad), "{bad:?} reached a page");
    }
}
