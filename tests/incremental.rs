//! Incremental rebuilds (`serve`) must give exactly what a full build gives:
//! after every kind of edit, the in-memory site of a `Session` that reused
//! its caches is compared file by file with a fresh build of the same folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alumni::build::{BuildOptions, generate};
use alumni::incremental::{Body, Session};

const CONFIG: &str = r##"title = "テスト商事 アルムナイ"
base_url = "https://alumni.example.com/"
language = "ja"
timezone = "Asia/Tokyo"
page_size = 2

[languages.en]
title = "Test Alumni"

[brand]
company = "テスト商事株式会社"
logo = "logo.svg"

[portal]
join_url = "https://example.com/join"
"##;

fn page(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n{body}\n")
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    PathBuf::from(rel)
}

/// Replace `from` with `to` in a file of the site.
fn replace(dir: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    write(dir, rel, &text.replace(from, to))
}

fn fixture(dir: &Path) {
    write(dir, "alumni.toml", CONFIG);
    write(dir, "static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write(
        dir,
        "content/messages/welcome.md",
        &page(
            "title = \"ようこそ\"\ndate = 2026-04-01\nwelcome = true\nauthor = \"社長\"",
            "皆さん、[交流会](../events/meetup.md)へ。",
        ),
    );
    write(
        dir,
        "content/messages/welcome.en.md",
        &page(
            "title = \"Welcome\"\ndate = 2026-04-01\nwelcome = true",
            "Hello, see [the meetup](../events/meetup.md).",
        ),
    );
    for (i, tag) in ["news", "news", "hiring"].iter().enumerate() {
        write(
            dir,
            &format!("content/messages/news{i}.md"),
            &page(&format!("title = \"お知らせ {i}\"\ndate = 2026-0{}-10\ntags = [\"{tag}\"]", i + 5), "本文です。"),
        );
    }
    write(
        dir,
        "content/events/meetup.md",
        &page(
            "title = \"交流会\"\nstarts_at = 2026-12-05T18:30:00\nends_at = 2026-12-05T20:30:00\nlocation = \"東京\"\ntags = [\"news\"]",
            "年末の交流会です。[求人](@/jobs/engineer.md)",
        ),
    );
    write(
        dir,
        "content/events/meetup.en.md",
        &page(
            "title = \"Meetup\"\nstarts_at = 2026-12-05T18:30:00\nends_at = 2026-12-05T20:30:00\nlocation = \"Tokyo\"",
            "Year-end meetup.",
        ),
    );
    write(
        dir,
        "content/events/summer.md",
        &page(
            "title = \"夏の会\"\nstarts_at = 2026-07-01T18:00:00\nends_at = 2026-07-01T20:00:00\nlocation = \"大阪\"",
            "終わりました。",
        ),
    );
    write(
        dir,
        "content/jobs/engineer.md",
        &page(
            "title = \"エンジニア\"\ndate = 2026-10-01\nvalid_through = 2027-03-31\nlocation = \"東京\"\nemployment_type = \"full_time\"\napply_url = \"https://example.com/apply\"\ntags = [\"hiring\"]",
            "募集します。",
        ),
    );
    write(
        dir,
        "content/jobs/closed.md",
        &page(
            "title = \"終了した求人\"\ndate = 2026-01-01\nvalid_through = 2026-03-31\nlocation = \"東京\"\nemployment_type = \"contract\"\napply_url = \"https://example.com/apply\"",
            "終了しました。",
        ),
    );
    write(dir, "content/pages/about.md", &page("title = \"概要\"", "私たちについて。"));
    write(dir, "content/pages/about.en.md", &page("title = \"About\"", "About us."));
}

fn options(dir: &Path) -> BuildOptions {
    BuildOptions { site_dir: dir.to_path_buf(), as_of: Some("2026-11-25".into()), ..Default::default() }
}

/// Every generated file of a fresh build, and the paths of its static files.
fn full_build(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let (g, diags) = generate(&options(dir));
    let g =
        g.unwrap_or_else(|| panic!("full build failed: {:?}", diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()));
    let mut out: BTreeMap<String, Option<Vec<u8>>> =
        g.files.into_iter().map(|f| (f.path, Some(f.bytes.to_vec()))).collect();
    for s in &g.site.static_files {
        out.insert(s.out_path.clone(), None);
    }
    out
}

fn session_files(s: &Session) -> BTreeMap<String, Option<Vec<u8>>> {
    s.snapshot()
        .files
        .iter()
        .map(|(k, b)| {
            let bytes = match b {
                Body::Generated(g) => Some(g.to_vec()),
                Body::Static(_) => None,
            };
            (k.clone(), bytes)
        })
        .collect()
}

fn assert_same(step: &str, incremental: &BTreeMap<String, Option<Vec<u8>>>, full: &BTreeMap<String, Option<Vec<u8>>>) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = full.keys().collect();
    assert_eq!(a, b, "after {step}: the incremental site has other files than a full build");
    for (path, bytes) in full {
        if incremental[path] != *bytes {
            panic!(
                "after {step}: {path} differs from a full build\n--- incremental ---\n{}\n--- full ---\n{}",
                String::from_utf8_lossy(incremental[path].as_deref().unwrap_or_default()),
                String::from_utf8_lossy(bytes.as_deref().unwrap_or_default())
            );
        }
    }
}

fn warnings(d: &alumni::diag::Diagnostics) -> Vec<String> {
    let mut w: Vec<String> = d.iter().map(|d| format!("{d}")).collect();
    w.sort();
    w
}

type Edit = (&'static str, fn(&Path) -> Vec<PathBuf>);

fn edits() -> Vec<Edit> {
    vec![
        ("editing a message body", |d| {
            vec![write(
                d,
                "content/messages/news0.md",
                &page("title = \"お知らせ 0\"\ndate = 2026-05-10\ntags = [\"news\"]", "新しい本文。"),
            )]
        }),
        ("editing the text of an event shown on home, lists, feeds and calendars", |d| {
            vec![replace(d, "content/events/meetup.md", "年末の交流会です。", "年末の交流会を開きます。どなたでも。")]
        }),
        ("editing the text of the welcome message and its translation at once", |d| {
            vec![
                replace(d, "content/messages/welcome.md", "皆さん、", "アルムナイの皆さん、"),
                replace(d, "content/messages/welcome.en.md", "Hello,", "Hello again,"),
            ]
        }),
        ("editing the text of a free page (in every page's navigation)", |d| {
            vec![write(d, "content/pages/about.md", &page("title = \"概要\"", "私たちについて、詳しく。"))]
        }),
        ("editing the text of a job shown in lists and tags", |d| {
            vec![replace(d, "content/jobs/engineer.md", "募集します。", "新しく募集します。\n\n## 条件\n\n- 経験")]
        }),
        ("retitling an event shown on home, lists and tags", |d| {
            vec![replace(d, "content/events/meetup.md", "title = \"交流会\"", "title = \"忘年会\"")]
        }),
        ("adding a tag to a job", |d| {
            vec![replace(d, "content/jobs/engineer.md", "[\"hiring\"]", "[\"hiring\", \"tokyo\"]")]
        }),
        ("adding a message that pushes the list onto a new page", |d| {
            vec![write(
                d,
                "content/messages/news9.md",
                &page("title = \"最新\"\ndate = 2026-11-01\ntags = [\"news\"]", "最新の知らせ。"),
            )]
        }),
        ("adding the first story (a list, a home section, a link in every page's navigation)", |d| {
            vec![write(
                d,
                "content/stories/hanako.md",
                &page(
                    "title = \"札幌で起業\"\ndate = 2026-06-01\nperson = \"山田 花子\"\nrole_now = \"代表\"\ntags = [\"news\"]",
                    "独立しました。",
                ),
            )]
        }),
        ("editing a story's quote (its list, home and tag pages)", |d| {
            vec![replace(
                d,
                "content/stories/hanako.md",
                "role_now = \"代表\"",
                "role_now = \"代表\"\nquote = \"迷ったら現場へ\"",
            )]
        }),
        ("translating a story", |d| {
            vec![write(
                d,
                "content/stories/hanako.en.md",
                &page(
                    "title = \"A start-up in Sapporo\"\ndate = 2026-06-01\nperson = \"Hanako Yamada\"",
                    "I went my own way.",
                ),
            )]
        }),
        ("deleting a translation", |d| {
            std::fs::remove_file(d.join("content/events/meetup.en.md")).unwrap();
            vec![PathBuf::from("content/events/meetup.en.md")]
        }),
        ("renaming a job (links to it must follow)", |d| {
            std::fs::rename(d.join("content/jobs/engineer.md"), d.join("content/jobs/developer.md")).unwrap();
            let event = replace(d, "content/events/meetup.md", "@/jobs/engineer.md", "@/jobs/developer.md");
            vec![PathBuf::from("content/jobs/engineer.md"), PathBuf::from("content/jobs/developer.md"), event]
        }),
        ("adding a free page (navigation of every page)", |d| {
            vec![write(d, "content/pages/faq.md", &page("title = \"よくある質問\"", "質問と答え。"))]
        }),
        ("giving a free page a weight (navigation order of every page)", |d| {
            vec![write(d, "content/pages/faq.md", &page("title = \"よくある質問\"\nweight = -1", "質問と答え。"))]
        }),
        ("giving an event the date it was announced (feeds, sitemap)", |d| {
            let t = std::fs::read_to_string(d.join("content/events/meetup.md")).unwrap();
            assert!(t.contains("title = \"忘年会\"\n"));
            vec![write(
                d,
                "content/events/meetup.md",
                &t.replace("title = \"忘年会\"\n", "title = \"忘年会\"\ndate = 2026-10-01\n"),
            )]
        }),
        ("changing a slug that another page links to", |d| {
            vec![write(
                d,
                "content/events/meetup.md",
                &page(
                    "title = \"忘年会\"\nslug = \"year-end\"\nstarts_at = 2026-12-05T18:30:00\nends_at = 2026-12-05T20:30:00\nlocation = \"東京\"\ntags = [\"news\"]",
                    "年末の交流会です。[求人](@/jobs/developer.md)",
                ),
            )]
        }),
        ("moving an event into the past", |d| {
            vec![write(
                d,
                "content/events/summer.md",
                &page(
                    "title = \"夏の会\"\nstarts_at = 2027-07-01T18:00:00\nends_at = 2027-07-01T20:00:00\nlocation = \"大阪\"",
                    "来年です。",
                ),
            )]
        }),
        ("overriding a template", |d| {
            vec![write(
                d,
                "templates/page.html",
                "{% extends \"base.html\" %}{% block content %}<article><h1>{{ page.title }}</h1>{{ page.content | safe }}</article>{% endblock content %}",
            )]
        }),
        ("changing the config", |d| {
            vec![replace(d, "alumni.toml", "テスト商事 アルムナイ", "テスト商事 アルムナイネットワーク")]
        }),
        ("changing the slug of a translated page (its translation links to it)", |d| {
            vec![write(d, "content/pages/about.md", &page("title = \"概要\"\nslug = \"company\"", "私たちについて。"))]
        }),
        ("adding a static file", |d| {
            vec![write(d, "static/images/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
        }),
        ("removing the last story (its list and link disappear)", |d| {
            std::fs::remove_dir_all(d.join("content/stories")).unwrap();
            vec![PathBuf::from("content/stories")]
        }),
        ("removing a folder of content", |d| {
            std::fs::remove_dir_all(d.join("content/pages")).unwrap();
            vec![PathBuf::from("content/pages")]
        }),
        ("a change the watcher could not name", |d| {
            write(
                d,
                "content/messages/news1.md",
                &page("title = \"お知らせ 1\"\ndate = 2026-06-10\ntags = [\"news\"]", "黙って変更。"),
            );
            Vec::new()
        }),
    ]
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fixture(dir);
    let mut session = Session::new(options(dir));
    let first = session.rebuild(&[]);
    assert!(first.ok(), "{:?}", first.diags.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    assert_same("the first build", &session_files(&session), &full_build(dir));
    for (step, edit) in edits() {
        let before = session_files(&session);
        let changed = edit(dir);
        let r = session.rebuild(&changed);
        assert!(r.ok(), "after {step}: {:?}", r.diags.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        let after = session_files(&session);
        assert_same(step, &after, &full_build(dir));
        assert_eq!(
            warnings(&r.diags),
            warnings(&generate(&options(dir)).1),
            "after {step}: other warnings than a full build"
        );
        // `changed` names exactly the generated files that differ.
        let differ: Vec<&String> = after
            .iter()
            .filter(|(k, v)| v.is_some() && before.get(*k) != Some(*v))
            .map(|(k, _)| k)
            .chain(before.keys().filter(|k| !after.contains_key(*k)))
            .collect();
        for p in differ {
            assert!(r.changed.contains(p), "after {step}: {p} changed but the rebuild did not say so");
        }
    }
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site_and_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fixture(dir);
    let mut session = Session::new(options(dir));
    assert!(session.rebuild(&[]).ok());
    let good = session_files(&session);
    let generation = session.snapshot().generation;

    let broken = write(dir, "content/events/summer.md", "+++\ntitle = \"夏の会\"\nstarts_at = 2026-13-01\n+++\n");
    let r = session.rebuild(std::slice::from_ref(&broken));
    assert!(!r.ok());
    let d = r.diags.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.file.as_deref(), Some(Path::new("content/events/summer.md")));
    assert_eq!(d.line(), Some(3));
    assert!(r.changed.is_empty());
    assert_eq!(session.snapshot().generation, generation);
    assert_same("a failed rebuild", &session_files(&session), &good);

    write(
        dir,
        "content/events/summer.md",
        &page(
            "title = \"夏の会\"\nstarts_at = 2026-07-01T18:00:00\nends_at = 2026-07-01T20:00:00\nlocation = \"大阪\"",
            "直しました。",
        ),
    );
    let r = session.rebuild(&[broken]);
    assert!(r.ok());
    assert!(r.changed.iter().any(|p| p == "events/summer/index.html"));
    assert_same("fixing the error", &session_files(&session), &full_build(dir));
}

#[test]
fn a_broken_link_added_to_text_is_an_error_and_fixing_it_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fixture(dir);
    let mut session = Session::new(options(dir));
    assert!(session.rebuild(&[]).ok());
    let good = session_files(&session);
    let broken = replace(dir, "content/jobs/engineer.md", "募集します。", "募集します。[詳細](../jobs/nope.md)");
    let r = session.rebuild(std::slice::from_ref(&broken));
    assert!(!r.ok());
    assert!(
        r.diags
            .iter()
            .any(|d| d.code == "link-broken" && d.file.as_deref() == Some(Path::new("content/jobs/engineer.md")))
    );
    assert_same("a broken link", &session_files(&session), &good);
    replace(dir, "content/jobs/engineer.md", "[詳細](../jobs/nope.md)", "[イベント](../events/meetup.md)");
    let r = session.rebuild(&[broken]);
    assert!(r.ok());
    assert_same("fixing the link", &session_files(&session), &full_build(dir));
}

/// Every file under `dir`, by path relative to it (`/`-separated), with its
/// bytes; the output marker left out.
fn files_on_disk(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".alumni-output")
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `alumni build` renders each page as soon as its Markdown is rendered and
/// drops the text (nothing is kept for a next build); `serve` renders from
/// kept stages. Both must write the same files, byte for byte.
#[test]
fn a_one_off_build_writes_what_a_kept_build_holds() {
    let tmp = tempfile::tempdir().unwrap();
    fixture(tmp.path());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sites = [
        (tmp.path().to_path_buf(), false),
        (tmp.path().to_path_buf(), true),
        (root.join("example-site"), false),
        (root.join("tests/fixtures/hostile"), false),
        (root.join("tests/fixtures/showcase"), true),
    ];
    for (n, (site, drafts)) in sites.into_iter().enumerate() {
        let out = tmp.path().join(format!("out-{n}"));
        let opts = BuildOptions { output: Some(out.clone()), drafts, ..options(&site) };
        let (summary, diags) = alumni::build::build(&opts);
        assert!(summary.is_some(), "{}: {:?}", site.display(), diags.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        let (kept, kept_diags) = generate(&opts);
        let kept = kept.unwrap();
        let disk = files_on_disk(&out);
        let mut expected: BTreeMap<String, Vec<u8>> =
            kept.files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
        for s in &kept.site.static_files {
            expected.insert(s.out_path.clone(), disk.get(&s.out_path).cloned().unwrap_or_default());
        }
        assert_eq!(disk.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "{}", site.display());
        for (path, bytes) in &expected {
            assert!(disk[path] == *bytes, "{}: {path} differs between `build` and a kept build", site.display());
        }
        let shown = |d: &alumni::diag::Diagnostics| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(shown(&diags), shown(&kept_diags), "{}", site.display());
    }
}

/// Content errors stop a build before its templates are reported, on both
/// paths; with sound content, a template error is reported for every page
/// it breaks, on both paths.
#[test]
fn a_one_off_build_reports_what_a_kept_build_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fixture(dir);
    let shown = |d: &alumni::diag::Diagnostics| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    // A page template that fails on every job page.
    write(
        dir,
        "templates/job.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nothing.here }}{% endblock content %}",
    );
    let template_only = shown(&alumni::build::check(&options(dir)));
    assert!(template_only.iter().any(|d| d.contains("job.html")), "{template_only:?}");
    assert_eq!(template_only, shown(&generate(&options(dir)).1));
    // And a broken link: only the content error is reported.
    replace(dir, "content/jobs/closed.md", "終了しました。", "[壊れた](../nowhere.md)");
    let both = shown(&alumni::build::check(&options(dir)));
    assert!(both.iter().any(|d| d.contains("nowhere.md")), "{both:?}");
    assert!(!both.iter().any(|d| d.contains("job.html")), "{both:?}");
    assert_eq!(both, shown(&generate(&options(dir)).1));
}
