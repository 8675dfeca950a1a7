//! A site folder is untrusted input (a pull request can hold anything, and
//! CI builds it with secrets at hand): whatever links it holds, no byte of
//! a file outside the site's own folders reaches the output or the report.

use std::os::unix::fs::symlink;

use crate::support::Site;

const SECRET: &str = "title = \"TOP-SECRET-TOKEN-4711\"\nbroken\n";

#[test]
fn alumni_toml_linked_outside_the_site_is_not_read() {
    let site = Site::fixture("minimal");
    std::fs::write(site.parent().join("secret.toml"), SECRET).unwrap();
    std::fs::remove_file(site.path().join("alumni.toml")).unwrap();
    symlink(site.parent().join("secret.toml"), site.path().join("alumni.toml")).unwrap();
    for format in ["human", "json", "github"] {
        let run = site.build(&["--format", format]);
        run.failed().stderr_lacks("TOP-SECRET").stderr_lacks("broken");
        run.stderr_has(&["alumni.toml", "symbolic link"]);
    }
    assert!(!site.exists("index.html"));

    // /proc/self/environ: the environment of the build, in CI its secrets.
    std::fs::remove_file(site.path().join("alumni.toml")).unwrap();
    symlink("/proc/self/environ", site.path().join("alumni.toml")).unwrap();
    let run = site.check(&["--format", "json"]);
    run.failed();
    assert!(!run.stderr.contains("PATH="), "{}", run.stderr);
    assert_eq!(run.diagnostic("config-unreadable")["file"], "alumni.toml");
}

#[test]
fn links_out_of_the_sites_folders_are_errors_naming_the_link() {
    let site = Site::fixture("minimal");
    site.write(".env", "API_KEY=TOP-SECRET-ENV\n");
    site.write(".git/config", "[remote] TOP-SECRET-GIT\n");
    site.write("shared/note.md", "+++\ntitle = \"TOP-SECRET-NOTE\"\n+++\n");
    site.write("static/logo.svg", "<svg/>");
    symlink("../.env", site.path().join("static/x")).unwrap();
    symlink("../.git/config", site.path().join("static/config.txt")).unwrap();
    symlink("../../shared/note.md", site.path().join("content/messages/note.md")).unwrap();
    // Inside the site's folders: followed.
    symlink("logo.svg", site.path().join("static/logo-link.svg")).unwrap();
    let run = site.build(&["--format", "json"]);
    run.failed().stderr_lacks("TOP-SECRET");
    let refused: Vec<String> = run
        .json()
        .into_iter()
        .filter(|d| d["severity"] == "error" && d["code"].as_str().unwrap().ends_with("symlink-outside"))
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(refused, ["content/messages/note.md", "static/config.txt", "static/x"], "{}", run.stderr);
    assert!(!site.public().exists());

    std::fs::remove_file(site.path().join("static/x")).unwrap();
    std::fs::remove_file(site.path().join("static/config.txt")).unwrap();
    std::fs::remove_file(site.path().join("content/messages/note.md")).unwrap();
    site.build(&[]).ok();
    assert_eq!(site.read("logo-link.svg"), "<svg/>");
}

#[test]
fn themes_and_templates_linked_outside_are_errors() {
    let site = Site::fixture("minimal");
    let outside = site.parent().join("elsewhere");
    std::fs::create_dir_all(outside.join("mine/templates")).unwrap();
    std::fs::write(outside.join("mine/templates/base.html"), "TOP-SECRET-THEME {{ x }").unwrap();
    std::fs::write(outside.join("page.html"), "TOP-SECRET-TEMPLATE {{ y }").unwrap();
    std::fs::create_dir_all(site.path().join("themes")).unwrap();
    symlink(outside.join("mine"), site.path().join("themes/mine")).unwrap();
    site.edit("alumni.toml", "title =", "theme = \"mine\"\ntitle =");
    let run = site.check(&["--format", "json"]);
    run.failed().stderr_lacks("TOP-SECRET");
    assert_eq!(run.diagnostic("theme-symlink-outside")["file"], "themes/mine");

    site.edit("alumni.toml", "theme = \"mine\"\n", "");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    symlink(outside.join("page.html"), site.path().join("templates/page.html")).unwrap();
    let run = site.check(&["--format", "json"]);
    run.failed().stderr_lacks("TOP-SECRET");
    assert_eq!(run.diagnostic("theme-symlink-outside")["file"], "templates/page.html");
}

#[test]
fn hard_links_are_not_read() {
    let site = Site::fixture("minimal");
    std::fs::write(site.parent().join("secret.txt"), "TOP-SECRET-HARD").unwrap();
    site.write("static/keep.txt", "kept");
    std::fs::hard_link(site.parent().join("secret.txt"), site.path().join("static/leak.txt")).unwrap();
    let run = site.build(&["--format", "json"]);
    run.failed().stderr_lacks("TOP-SECRET");
    let d = run.diagnostic("static-unreadable");
    assert_eq!(d["file"], "static/leak.txt");
    assert!(d["message"].as_str().unwrap().contains("hard links"), "{d}");
    assert!(!site.public().exists());

    std::fs::remove_file(site.path().join("static/leak.txt")).unwrap();
    std::fs::hard_link(site.parent().join("secret.txt"), site.path().join("content/messages/leak.md")).unwrap();
    let run = site.check(&["--format", "json"]);
    run.failed().stderr_lacks("TOP-SECRET");
    assert_eq!(run.diagnostic("content-hard-link")["file"], "content/messages/leak.md");
}

/// A static file swapped between a regular file and a link to a secret
/// while sites are built: the secret is never published.
#[test]
fn a_raced_static_link_never_publishes_the_secret() {
    let site = Site::fixture("minimal");
    std::fs::write(site.parent().join("secret.txt"), "TOP-SECRET-RACE").unwrap();
    site.write("static/file.txt", "public");
    let file = site.path().join("static/file.txt");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let stop = stop.clone();
        let (file, secret) = (file.clone(), site.parent().join("secret.txt"));
        let tmp_link = file.with_extension("link");
        let tmp_file = file.with_extension("plain");
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(&tmp_link);
                let _ = symlink(&secret, &tmp_link);
                let _ = std::fs::rename(&tmp_link, &file);
                let _ = std::fs::write(&tmp_file, "public");
                let _ = std::fs::rename(&tmp_file, &file);
            }
        })
    };
    for _ in 0..150 {
        let run = site.build(&["--format", "json"]);
        run.stderr_lacks("TOP-SECRET");
        if let Ok(text) = std::fs::read_to_string(site.public().join("file.txt")) {
            assert_eq!(text, "public");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
}

#[test]
fn dotfiles_in_static_are_published_but_not_litter() {
    let site = Site::fixture("minimal");
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.com\n");
    site.write("static/.nojekyll", "");
    site.write("static/.DS_Store", "x");
    site.write("static/Thumbs.db", "x");
    site.write("static/logo.svg.swp", "x");
    site.write("static/logo.svg~", "x");
    site.write("static/.git/config", "x");
    site.write("static/.gitignore", "x");
    site.build(&[]).ok();
    assert!(site.exists(".well-known/security.txt"));
    assert!(site.exists(".nojekyll"));
    for litter in [".DS_Store", "Thumbs.db", "logo.svg.swp", "logo.svg~", ".git", ".gitignore"] {
        assert!(!site.exists(litter), "{litter} is not published");
    }
}

#[test]
fn tags_that_would_share_a_page_are_an_error_naming_both() {
    let site = Site::fixture("minimal");
    site.write("content/messages/cpp.md", "+++\ntitle = \"A\"\ndate = 2026-01-01\ntags = [\"C++\", \"Tokyo\"]\n+++\n");
    site.write("content/messages/cs.md", "+++\ntitle = \"B\"\ndate = 2026-01-02\ntags = [\"C#\", \"tokyo\"]\n+++\n");
    let run = site.check(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("tag-clash");
    assert_eq!(d["file"], "content/messages/cs.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(4), Some(9)), "{d}");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("`C#`") && message.contains("`C++`") && message.contains("/tags/c/"), "{d}");
    assert!(d["notes"].to_string().contains("content/messages/cpp.md"), "{d}");

    // Spellings that differ in case only are one tag.
    site.edit("content/messages/cs.md", "\"C#\", ", "");
    site.check(&[]).ok();
}

#[test]
fn dates_before_1900_are_an_error() {
    let site = Site::fixture("minimal");
    site.write("content/messages/old.md", "+++\ntitle = \"Old\"\ndate = 0000-01-01\n+++\n");
    let run = site.check(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("date-invalid");
    assert_eq!(d["file"], "content/messages/old.md");
    assert_eq!(d["line"], 3);
    assert!(d["message"].as_str().unwrap().contains("starts on 1900-01-01"), "{d}");
    site.build(&["--as-of", "0000-01-01"]).assert_code(2);
    site.edit("content/messages/old.md", "0000-01-01", "1900-01-01");
    site.build(&[]).ok();
    assert!(site.read("atom.xml").contains("1900-01-01T"));
}

#[test]
fn template_errors_name_their_file_and_line_in_every_format() {
    let site = Site::fixture("minimal");
    site.write("content/pages/p.md", "+++\ntitle = \"P\"\n+++\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ page.title | nope }}{% endblock content %}",
    );
    let run = site.check(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("template-error");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("templates/page.html"), Some(2), Some(17))
    );
    assert_eq!(d["message"], "Unknown filter `nope`");
    site.check(&["--format", "github"]).failed().stderr_has(&["::error file=templates/page.html,line=2,col=17"]);

    site.write("templates/a.html", "<p>\n{% include \"b.html\" %}");
    site.write("templates/b.html", "{% include \"a.html\" %}");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"a.html\" %}{% endblock content %}",
    );
    let run = site.check(&["--format", "json"]);
    run.failed();
    let d = run.diagnostic("template-cycle");
    assert!(d["file"] == "templates/a.html" || d["file"] == "templates/b.html", "{d}");
    assert!(d["line"].as_u64().is_some(), "{d}");
    site.check(&["--format", "github"]).failed().stderr_has(&["::error file=templates/"]);
}

#[test]
fn base_urls_with_credentials_or_no_host_are_errors() {
    let site = Site::fixture("minimal");
    let toml = std::fs::read_to_string(site.path().join("alumni.toml")).unwrap();
    let line = toml.lines().position(|l| l.starts_with("base_url")).unwrap() as u64 + 1;
    for bad in ["https://deploy:hunter2@alumni.example.com/", "http:///alumni"] {
        let edited: String = toml
            .lines()
            .map(|l| if l.starts_with("base_url") { format!("base_url = \"{bad}\"\n") } else { format!("{l}\n") })
            .collect();
        site.write("alumni.toml", edited);
        let run = site.check(&["--format", "json"]);
        run.failed();
        let d = run.diagnostic("config-base-url");
        assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("alumni.toml"), Some(line)), "{d}");
        site.write("alumni.toml", &toml);
        site.check(&["--base-url", bad]).assert_code(2);
    }
    site.check(&[]).ok();
}

#[test]
fn script_links_in_content_are_warnings() {
    let site = Site::fixture("minimal");
    site.write(
        "content/messages/links.md",
        "+++\ntitle = \"L\"\ndate = 2026-01-01\n+++\n[a](javascript:alert(1)) [b](JavaScript:void(0))\n\n![c](data:image/svg+xml,x) <javascript:alert(2)> [ok](https://example.com/)\n",
    );
    let run = site.check(&["--format", "json"]);
    run.ok();
    let found: Vec<(u64, u64)> = run
        .json()
        .into_iter()
        .filter(|d| d["code"] == "link-script")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [(5, 1), (5, 26), (7, 1), (7, 28)], "{}", run.stderr);
    site.check(&["--deny-warnings"]).failed();
}

#[test]
fn errors_in_a_long_line_quote_a_window_around_the_column() {
    let site = Site::fixture("minimal");
    let filler = "x".repeat(20_000);
    site.write("content/messages/long.md", format!("+++\ntitle = \"{filler}\" oops = 1\ndate = 2026-01-01\n+++\n"));
    let run = site.check(&[]);
    run.failed().stderr_has(&["content/messages/long.md:2:", "…"]);
    assert!(run.stderr.len() < 2_000, "{} bytes of report", run.stderr.len());
    // The quoted window and the caret under the unexpected key.
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines.iter().position(|l| l.starts_with(" = …")).expect("a quoted window");
    let quoted: Vec<char> = lines[at][" = ".len()..].chars().collect();
    let caret = lines[at + 1].find('^').expect("a caret line") - " = ".len();
    assert_eq!(quoted[caret..caret + 4].iter().collect::<String>(), "oops", "{}", run.stderr);
}

#[test]
fn a_very_long_text_stays_out_of_the_feed() {
    let site = Site::fixture("minimal");
    let para = "A long paragraph of the annual report. ".repeat(40);
    let body: String = (0..300).map(|i| format!("Part {i}. {para}\n\n")).collect();
    site.write(
        "content/messages/report.md",
        format!("+++\ntitle = \"Report\"\ndate = 2026-01-02\nsummary = \"The report.\"\n+++\n{body}"),
    );
    site.build(&[]).ok();
    let atom = site.read("atom.xml");
    assert!(atom.len() < 64 * 1024, "{} bytes", atom.len());
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entry = |title: &str| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("entry") && n.children().any(|c| c.has_tag_name("title") && c.text() == Some(title))
            })
            .unwrap()
    };
    let report = entry("Report");
    assert!(!report.children().any(|c| c.has_tag_name("content")));
    assert!(report.children().any(|c| c.has_tag_name("summary") && c.text() == Some("The report.")));
    assert!(entry("Hello").children().any(|c| c.has_tag_name("content")), "short texts are carried whole");
    assert!(site.read("messages/report/index.html").contains("Part 299."));
}

/// Peak resident memory of `alumni ARGS` run as its own process, in bytes.
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its peak
fn peak_memory(args: &[&std::ffi::OsStr]) -> u64 {
    use std::os::unix::process::ExitStatusExt;
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_alumni"))
        .args(args)
        .env("LC_ALL", "C")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    assert_eq!(std::process::ExitStatus::from_raw(status).code(), Some(0));
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn memory_stays_a_small_multiple_of_a_large_files_size() {
    // Prose with a little markup, and about the densest Markdown there is:
    // an event every four bytes (emphasis, links, code and short words).
    // pulldown-cmark's own tree of the latter is some 16 times its size
    // (48 bytes a node), the floor for any reader of it. Before events were
    // streamed, the two took 25 and 66 times their size (release build).
    let prose = "代表取締役の桜井です。アルムナイの皆さまと**新しい関係**を築きたいと考えています。\n\
                 We hope to [meet you](https://example.com/) again at our next gathering in Tokyo.\n\n";
    let dense = "会社 **重要** a [link](https://example.com/) 2027年4月 the `x` *em* 交流会 ~~old~~\n";
    for (name, unit, limit) in [("prose", prose, 14), ("dense", dense, 45)] {
        let site = Site::fixture("minimal");
        let size = 16 << 20;
        let body = unit.repeat(size / unit.len());
        site.write(
            "content/messages/large.md",
            format!("+++\ntitle = \"Large\"\ndate = 2026-01-02\nsummary = \"Large.\"\n+++\n{body}"),
        );
        let out = site.parent().join("out");
        let peak = peak_memory(&[
            "build".as_ref(),
            site.path().as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
            "--as-of".as_ref(),
            "2026-12-01".as_ref(),
        ]);
        let times = peak as f64 / body.len() as f64;
        eprintln!("{name}: {} MB of Markdown, peak {} MB ({times:.1}x)", body.len() >> 20, peak >> 20);
        assert!(times < limit as f64, "{name}: peak {} MB for {} MB ({times:.1}x)", peak >> 20, body.len() >> 20);
    }
}
