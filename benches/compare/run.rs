//! One benchmark run: choose the tools, generate each corpus, time the
//! builds in alternating order, then serve mode and the cold start.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::anchors::{self, Anchor};
use crate::corpus::{self, AS_OF};
use crate::measure::{self, Cmd, Sample};
use crate::report::{self, ColdStart, Results, Row, SizeResult};
use crate::{Args, serve, work_dir};

pub enum Kind {
    /// alumni on the corpus; `bench_theme`: the copy of the site that uses
    /// the minimal bench theme (the same templates as the anchors).
    Alumni {
        bench_theme: bool,
    },
    /// `alumni check` on the corpus (default theme): everything a build does
    /// but writing the files, to tell the generator's own growth from the
    /// file system's.
    AlumniCheck,
    /// The floor program; `folders`: a folder per page (`name/index.html`).
    Floor {
        folders: bool,
    },
    Anchor(Anchor),
}

/// The labels of the two floor programs.
pub const FLOOR: &str = "floor";
pub const FLOOR_FOLDERS: &str = "floor, a folder per page";
/// The label of `alumni check` (kept out of the ratios to other tools).
pub const CHECK: &str = "alumni check, no output";

pub struct Tool {
    pub label: String,
    pub kind: Kind,
    pub version: String,
    pub note: Option<String>,
}

impl Tool {
    fn command(&self, alumni: &Path, corpus_dir: &Path, out: &Path) -> Cmd {
        match &self.kind {
            Kind::Alumni { bench_theme } => {
                let site = corpus_dir.join(if *bench_theme { "alumni-bench" } else { "alumni" });
                Cmd::new(alumni).arg("build").arg(site).arg("--output").arg(out).arg("--as-of").arg(AS_OF)
            }
            Kind::AlumniCheck => Cmd::new(alumni).arg("check").arg(corpus_dir.join("alumni")).arg("--as-of").arg(AS_OF),
            Kind::Floor { folders } => {
                let cmd = Cmd::new(std::env::current_exe().expect("own path"))
                    .arg("floor")
                    .arg(corpus_dir.join("alumni/content"))
                    .arg(out);
                if *folders { cmd.arg("--folders") } else { cmd }
            }
            Kind::Anchor(a) if a.name == "Hugo" => a
                .cmd()
                .arg("--source")
                .arg(corpus_dir.join("hugo"))
                .arg("--destination")
                .arg(out)
                .arg("--noBuildLock")
                .arg("--quiet"),
            Kind::Anchor(a) => {
                a.cmd().arg("--root").arg(corpus_dir.join("zola")).arg("build").arg("--output-dir").arg(out)
            }
        }
    }

    fn slug(&self) -> String {
        self.label.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    }
}

pub fn all(args: &Args) -> Result<(), String> {
    let work = work_dir();
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let anchors_dir = work.join("anchors");
    if args.install {
        anchors::install(&anchors_dir)?;
    }
    let alumni = args.alumni.clone().unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_alumni")));
    let (theme, theme_note) = choose_theme(args, &alumni, &work)?;
    eprintln!("alumni theme: {theme}{}", theme_note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default());
    let tools = tools(&alumni, &theme, &anchors_dir);
    let mut results = Results::new(args, theme.clone(), theme_note);
    for t in &tools {
        results.tools.push((t.label.clone(), t.version.clone(), t.note.clone()));
    }
    if !tools.iter().any(|t| matches!(t.kind, Kind::Anchor(_))) {
        results
            .notes
            .push("Neither Hugo nor Zola is installed: run with --install-anchors to compare against them.".into());
    }
    let mut corpora = Vec::new();
    let mut quiet = FsQuiet::new();
    quiet.remove(&leftovers(&work));
    for &n in &args.sizes {
        let (size, job, dir) = one_size(args, n, &theme, &alumni, &tools, &work, &mut quiet)?;
        results.sizes.push(size);
        corpora.push((n, job, dir));
    }
    results.node_baseline = node_baseline(&tools, &work);
    results.cold_start = cold_start(&alumni, &work);
    results.serve = serve_mode(args, &alumni, &theme, &corpora);
    // The report first: removing the outputs of a `--large` run can take
    // longer than the run itself once they have left the page cache (about
    // a thousand inodes read back a second here), and nothing measured
    // depends on it.
    let text = report::markdown(&results);
    println!("{text}");
    std::fs::write(work.join("results.md"), &text).map_err(|e| e.to_string())?;
    if args.docs {
        report::update_docs(&crate::repo().join("docs/performance.md"), &text).map_err(|e| e.to_string())?;
        eprintln!("wrote docs/performance.md");
    }
    quiet.remove_kept();
    Ok(())
}

/// The default theme when it builds; else the bench theme, and say why.
fn choose_theme(args: &Args, alumni: &Path, work: &Path) -> Result<(String, Option<String>), String> {
    if let Some(t) = &args.theme {
        return Ok((t.clone(), None));
    }
    let probe = work.join("probe");
    let opts = corpus::Options { pages: 20, seed: args.seed, alumni_theme: "default".into() };
    corpus::write_alumni(&opts, &probe).map_err(|e| e.to_string())?;
    let check = Cmd::new(alumni).arg("check").arg(&probe).arg("--as-of").arg(AS_OF);
    match measure::run(&check, work) {
        Ok(_) => Ok(("default".into(), None)),
        Err(e) => {
            let why = e.lines().find(|l| l.contains("error")).unwrap_or("it fails").trim().to_string();
            Ok(("bench".into(), Some(format!("the default theme does not build yet: {why}"))))
        }
    }
}

fn tools(alumni: &Path, theme: &str, anchors_dir: &Path) -> Vec<Tool> {
    let version = measure::output(alumni, &["--version"]).unwrap_or_default();
    let mut tools = vec![Tool {
        label: format!("alumni ({theme} theme)"),
        kind: Kind::Alumni { bench_theme: false },
        version: version.clone(),
        note: None,
    }];
    if theme != "bench" {
        tools.push(Tool {
            label: "alumni (bench theme)".into(),
            kind: Kind::Alumni { bench_theme: true },
            version: version.clone(),
            note: Some("the minimal templates the anchors get".into()),
        });
    }
    tools.push(Tool {
        label: CHECK.into(),
        kind: Kind::AlumniCheck,
        version,
        note: Some(format!("`alumni check` with the {theme} theme: the whole build but writing the files")),
    });
    tools.push(Tool {
        label: FLOOR.into(),
        kind: Kind::Floor { folders: false },
        version: "pulldown-cmark + rayon".into(),
        note: Some("`name.html` side by side".into()),
    });
    tools.push(Tool {
        label: FLOOR_FOLDERS.into(),
        kind: Kind::Floor { folders: true },
        version: "pulldown-cmark + rayon".into(),
        note: Some("`name/index.html`, where a generator with clean URLs writes a page".into()),
    });
    for a in [anchors::hugo(), anchors::zola(anchors_dir)].into_iter().flatten() {
        tools.push(Tool {
            label: a.name.to_string(),
            version: a.version.clone(),
            note: a.note.clone(),
            kind: Kind::Anchor(a),
        });
    }
    tools
}

fn default_runs(n: usize) -> usize {
    match n {
        0..=2_000 => 7,
        2_001..=20_000 => 5,
        _ => 3,
    }
}

fn one_size(
    args: &Args,
    n: usize,
    theme: &str,
    alumni: &Path,
    tools: &[Tool],
    work: &Path,
    quiet: &mut FsQuiet,
) -> Result<(SizeResult, Option<String>, PathBuf), String> {
    let dir = work.join(format!("corpus-{n}"));
    let started = std::time::Instant::now();
    // In a process of its own: a child's peak memory counts the parent's at
    // the fork, so this process must never hold the corpus.
    let generated = std::process::Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .args(["corpus", &n.to_string(), &dir.display().to_string(), &args.seed.to_string(), theme])
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot generate the corpus: {e}"))?;
    if !generated.status.success() {
        return Err(format!("generating the {n}-page corpus failed"));
    }
    let line = String::from_utf8_lossy(&generated.stdout).to_string();
    let reused = line.split_whitespace().nth(3) == Some("reused");
    if !reused {
        // The writer replaced the previous corpus of this size, if any.
        quiet.deleted();
    }
    let mut fields = line.split_whitespace();
    let mut number = || fields.next().and_then(|f| f.parse::<usize>().ok()).ok_or("bad corpus summary");
    let (files, words) = (number()?, number()?);
    let job = line.split_whitespace().nth(2).filter(|j| *j != "-").map(str::to_string);
    let gen_secs = started.elapsed().as_secs_f64();
    let mut size = SizeResult {
        n,
        files,
        words,
        bytes: tree_size(&dir.join("alumni/content")).1,
        gen_secs,
        reused,
        rows: Vec::new(),
        load: Vec::new(),
        anchors_skipped: false,
        memory: None,
    };
    let tools: Vec<&Tool> = tools
        .iter()
        .filter(|t| args.anchors_everywhere || n <= ANCHORS_UP_TO || !matches!(t.kind, Kind::Anchor(_)))
        .collect();
    if tools.iter().all(|t| !matches!(t.kind, Kind::Anchor(_))) && n > ANCHORS_UP_TO {
        size.anchors_skipped = true;
    }
    let how = if reused { "reused and read" } else { "written" };
    eprintln!("N={n}: corpus of {} files, {} words, {how} in {gen_secs:.1} s", size.files, size.words);
    for t in &tools {
        let cmd = t.command(alumni, &dir, &work.join(format!("out-{}", t.slug())));
        size.rows.push(Row {
            label: t.label.clone(),
            samples: Vec::new(),
            out_files: 0,
            out_bytes: 0,
            command: cmd.shown(work),
        });
    }
    let pos = args.sizes.iter().position(|&x| x == n).unwrap_or(0);
    let runs = match args.runs.as_slice() {
        [] => default_runs(n),
        [one] => *one,
        many => many.get(pos).copied().unwrap_or(many[many.len() - 1]),
    };
    // Every run writes into a folder of its own, and nothing is deleted
    // until the benchmark ends: see `FsQuiet`.
    quiet.wait();
    // One untimed round first: after a wait the machine is cold (a virtual
    // machine's memory handed back to its host, caches), which slowed
    // whichever tool ran first by up to four times.
    for t in &tools {
        let out = quiet.fresh(work.join(format!("out-{n}-{}-warmup", t.slug())));
        measure::run(&t.command(alumni, &dir, &out), work).map_err(|e| format!("{} on N={n}: {e}", t.label))?;
    }
    size.memory = measure::memory();
    for r in 0..runs {
        for k in 0..tools.len() {
            let i = (r + k) % tools.len();
            let t = &tools[i];
            let out = quiet.fresh(work.join(format!("out-{n}-{}-run{}", t.slug(), r + 1)));
            measure::settle();
            let load = measure::wait_quiet(Duration::from_secs(5));
            // The first timed run also counts the output.
            let s: Sample =
                measure::run(&t.command(alumni, &dir, &out), work).map_err(|e| format!("{} on N={n}: {e}", t.label))?;
            if r == 0 {
                (size.rows[i].out_files, size.rows[i].out_bytes) = tree_size(&out);
            }
            eprintln!(
                "N={n} run {}/{runs} {:<22} {:7.3} s wall {:7.3} s CPU {:6.0} MB (machine {:.0}% busy before)",
                r + 1,
                t.label,
                s.wall,
                s.cpu,
                s.rss as f64 / 1e6,
                load * 100.0
            );
            size.rows[i].samples.push(s);
            size.load.push(load);
        }
    }
    Ok((size, job, dir))
}

/// When files were last deleted. On ext4 without a journal (the machine the
/// figures in docs/performance.md come from), creating a file skips every
/// inode freed in the last minute, or the last five while the inode table
/// is not written back, reading inode tables to find them: a build right
/// after a large deletion spends seconds of system time on that, more the
/// more files it creates. Measured here, runs were slowed up to about four
/// minutes after a deletion of 40,000 files, `sync` or not. So no timed run
/// follows a deletion by less than `FsQuiet::AFTER`, the kernel's longest
/// window; runs write into fresh folders, removed together afterwards.
pub struct FsQuiet {
    last: Option<std::time::Instant>,
    /// Folders written by timed runs, removed when the benchmark ends.
    kept: Vec<PathBuf>,
}

impl FsQuiet {
    const AFTER: Duration = Duration::from_secs(300);

    pub fn new() -> Self {
        // The previous benchmark may have deleted files just before.
        FsQuiet { last: Some(std::time::Instant::now()), kept: Vec::new() }
    }

    /// Remove these folders (those that exist), written back to disk.
    pub fn remove(&mut self, dirs: &[PathBuf]) {
        let mut any = false;
        for d in dirs.iter().filter(|d| d.exists()) {
            let _ = std::fs::remove_dir_all(d);
            any = true;
        }
        if any {
            measure::settle();
            self.last = Some(std::time::Instant::now());
        }
    }

    /// `out` made ready for a run: a leftover of an interrupted benchmark
    /// removed, the wait after any deletion done, and `out` kept to be
    /// removed when the benchmark ends.
    pub fn fresh(&mut self, out: PathBuf) -> PathBuf {
        self.remove(std::slice::from_ref(&out));
        self.wait();
        self.kept.push(out.clone());
        out
    }

    /// Remove every folder kept so far.
    pub fn remove_kept(&mut self) {
        let kept = std::mem::take(&mut self.kept);
        eprintln!(
            "removing the {} output folders of the timed runs (interrupting is safe: a later run removes what is left)",
            kept.len()
        );
        self.remove(&kept);
    }

    /// Note a deletion done by someone else (the corpus writer).
    pub fn deleted(&mut self) {
        self.last = Some(std::time::Instant::now());
    }

    /// Wait until the last deletion is `AFTER` old.
    pub fn wait(&mut self) {
        if let Some(t) = self.last.take() {
            let left = Self::AFTER.saturating_sub(t.elapsed());
            if !left.is_zero() {
                eprintln!(
                    "waiting {:.0} s after deleting files (see FsQuiet in benches/compare/run.rs)",
                    left.as_secs_f64()
                );
                std::thread::sleep(left);
            }
        }
    }
}

/// Output folders of an earlier run that was interrupted before it removed them.
fn leftovers(work: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(work) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("out-") && e.path().is_dir())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    if !dirs.is_empty() {
        eprintln!("removing {} output folders an earlier run left", dirs.len());
    }
    dirs
}

/// Files and bytes under a folder.
fn tree_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| (n + 1, b + e.metadata().map_or(0, |m| m.len())))
}

/// What Node and the Zola addon cost before Zola does any work.
fn node_baseline(tools: &[Tool], work: &Path) -> Option<(String, Vec<Sample>)> {
    let a = tools.iter().find_map(|t| match &t.kind {
        Kind::Anchor(a) if a.note.as_deref().is_some_and(|n| n.contains("Node")) => Some(a),
        _ => None,
    })?;
    let cmd = a.cmd().arg("--version");
    let samples: Vec<Sample> = (0..7).filter_map(|_| measure::run(&cmd, work).ok()).collect();
    (!samples.is_empty()).then(|| (cmd.shown(work), samples))
}

fn cold_start(alumni: &Path, work: &Path) -> Option<ColdStart> {
    let site = crate::repo().join("example-site");
    if !site.join("alumni.toml").is_file() {
        return None;
    }
    let out = work.join("out-example-site");
    let cmd = Cmd::new(alumni).arg("build").arg(&site).arg("--output").arg(&out);
    let mut samples = Vec::new();
    for _ in 0..21 {
        match measure::run(&cmd, work) {
            Ok(s) => samples.push(s),
            Err(e) => return Some(ColdStart { command: cmd.shown(&crate::repo()), samples, error: Some(e) }),
        }
    }
    samples.remove(0);
    let _ = std::fs::remove_dir_all(&out);
    Some(ColdStart { command: cmd.shown(&crate::repo()), samples, error: None })
}

/// Hugo and Zola take tens of minutes per run past this size here; they run
/// there only with `--anchors-everywhere`.
const ANCHORS_UP_TO: usize = 20_000;

fn serve_mode(
    args: &Args,
    alumni: &Path,
    theme: &str,
    corpora: &[(usize, Option<String>, PathBuf)],
) -> report::ServeOutcome {
    use report::ServeOutcome as S;
    if !args.serve {
        return S::Skipped("not run (--no-serve)".into());
    }
    if serve::available(alumni).is_none() {
        return S::Skipped("switched off: `alumni serve --help` fails, so this build has no serve command yet".into());
    }
    let Some((n, job, dir)) = corpora.iter().rev().find(|(n, ..)| *n <= 10_000).or(corpora.first()) else {
        return S::Skipped("no corpus".into());
    };
    let site = dir.join("alumni");
    let Some(job) = job else {
        return S::Skipped("the corpus has no job post".into());
    };
    let template = match serve_template(&site, theme) {
        Ok(t) => t,
        Err(e) => return S::Failed(e),
    };
    let opts = serve::Options {
        alumni,
        site: &site,
        page_file: site.join(format!("content/jobs/{job}.md")),
        page_url: format!("/jobs/{job}/"),
        template,
        as_of: AS_OF,
        edits: 20,
        template_edits: 5,
    };
    eprintln!("serve: measuring on the {n}-page site");
    match serve::measure(&opts) {
        Ok(r) => S::Measured(*n, Box::new(r)),
        Err(e) => S::Failed(e),
    }
}

/// The base layout the site uses: the bench theme's file, or the default
/// theme's copied into the site's templates/ (an override the site reads).
fn serve_template(site: &Path, theme: &str) -> Result<serve::Template, String> {
    let (file, source) = if theme == "bench" {
        let f = site.join("themes/bench/templates/base.html");
        (f.clone(), f)
    } else {
        (site.join("templates/base.html"), crate::repo().join("themes/default/templates/base.html"))
    };
    let original = std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    corpus::put(&file, &original).map_err(|e| e.to_string())?;
    Ok(serve::Template { file, original })
}
