//! The benchmark's corpus generator keeps working: the same seed gives the
//! same bytes, and the generated site is one `alumni check` accepts, with the
//! default theme and with the benchmark's minimal theme.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn options(seed: u64, theme: &str) -> corpus::Options {
    corpus::Options { pages: 20, seed, alumni_theme: theme.into() }
}

#[test]
fn same_seed_same_bytes_for_all_three_sites() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (first, _) = corpus::write(&options(7, "default"), a.path()).unwrap();
    corpus::write(&options(7, "default"), b.path()).unwrap();
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert!(fa.len() > 60, "three sites with 20 pages each, got {} files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between two runs with the same seed");
    }
    assert_eq!(first.files(), 20);
    let c = tempfile::tempdir().unwrap();
    corpus::write(&options(8, "default"), c.path()).unwrap();
    assert_ne!(files(c.path()), fa, "another seed gives another corpus");
}

#[test]
fn corpus_has_the_promised_mix() {
    let c = corpus::plan(&corpus::Options { pages: 2000, seed: 1, alumni_theme: "default".into() });
    assert_eq!(c.files(), 2000);
    let share = |k: corpus::Kind| c.items.iter().filter(|i| i.kind == k).count() as f64 / c.items.len() as f64;
    assert!((0.07..0.13).contains(&share(corpus::Kind::Message)), "messages {}", share(corpus::Kind::Message));
    assert!((0.26..0.34).contains(&share(corpus::Kind::Event)), "events {}", share(corpus::Kind::Event));
    assert!((0.55..0.65).contains(&share(corpus::Kind::Job)), "jobs {}", share(corpus::Kind::Job));
    let translated = c.items.iter().filter(|i| i.en.is_some()).count();
    assert!(translated > c.items.len() / 5, "a share of the pages has a translation");
    let words = c.words() as f64 / c.files() as f64;
    assert!((600.0..=1600.0).contains(&words), "about 600 to 1,500 words a page, got {words:.0}");
}

fn check(site: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_alumni"))
        .arg("check")
        .arg(site)
        .args(["--as-of", corpus::AS_OF, "--format", "json"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "alumni check rejected the generated site {}:\n{}",
        site.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn alumni_check_accepts_the_corpus_with_either_theme() {
    for theme in ["default", "bench"] {
        let dir = tempfile::tempdir().unwrap();
        corpus::write_alumni(&options(1, theme), dir.path()).unwrap();
        check(dir.path());
    }
}
