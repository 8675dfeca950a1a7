//! The report: a Markdown section with the machine, the tools, the exact
//! commands, medians and ranges, ratios to each anchor and the project's
//! targets, printed and written between markers in docs/performance.md.

use std::fmt::Write;
use std::path::Path;

use crate::Args;
use crate::measure::{self, Sample, Stat, stat};
use crate::serve;

pub struct Row {
    pub label: String,
    pub samples: Vec<Sample>,
    pub out_files: usize,
    pub out_bytes: u64,
    pub command: String,
}

pub struct SizeResult {
    pub n: usize,
    pub files: usize,
    pub words: usize,
    pub bytes: u64,
    pub gen_secs: f64,
    /// The corpus of a previous run was reused (same generator and seed).
    pub reused: bool,
    pub rows: Vec<Row>,
    /// Busy share of the machine just before each timed run.
    pub load: Vec<f64>,
    /// Hugo and Zola were left out at this size (see `run::ANCHORS_UP_TO`).
    pub anchors_skipped: bool,
    /// Memory just before the first timed run (see `measure::memory`).
    pub memory: Option<measure::Memory>,
}

pub struct ColdStart {
    pub command: String,
    pub samples: Vec<Sample>,
    pub error: Option<String>,
}

pub enum ServeOutcome {
    Skipped(String),
    Failed(String),
    Measured(usize, Box<serve::Report>),
}

pub struct Results {
    pub seed: u64,
    pub theme: String,
    pub theme_note: Option<String>,
    /// Label, version, how it is run.
    pub tools: Vec<(String, String, Option<String>)>,
    pub sizes: Vec<SizeResult>,
    pub node_baseline: Option<(String, Vec<Sample>)>,
    pub cold_start: Option<ColdStart>,
    pub serve: ServeOutcome,
    pub notes: Vec<String>,
}

impl Results {
    pub fn new(args: &Args, theme: String, theme_note: Option<String>) -> Self {
        Results {
            seed: args.seed,
            theme,
            theme_note,
            tools: Vec::new(),
            sizes: Vec::new(),
            node_baseline: None,
            cold_start: None,
            serve: ServeOutcome::Skipped(String::new()),
            notes: Vec::new(),
        }
    }
}

pub const START: &str = "<!-- benchmark results: written by `cargo bench --bench compare`, do not edit by hand -->";
pub const END: &str = "<!-- end of benchmark results -->";

/// Replace the results section of the doc (or create the doc around it).
pub fn update_docs(path: &Path, section: &str) -> std::io::Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let block = format!("{START}\n{section}\n{END}");
    let new = match (old.find(START), old.find(END)) {
        (Some(a), Some(b)) if b > a => format!("{}{block}{}", &old[..a], &old[b + END.len()..]),
        _ => format!("# Performance\n\n{block}\n{old}"),
    };
    std::fs::write(path, new)
}

fn secs(v: &[f64]) -> String {
    let s = stat(v);
    let f = |x: f64| if x < 1.0 { format!("{:.3}", x) } else { format!("{:.2}", x) };
    format!("{} ({}–{})", f(s.median), f(s.min), f(s.max))
}

fn mb(v: &[f64]) -> String {
    let s = stat(v);
    format!("{:.0} ({:.0}–{:.0})", s.median / 1e6, s.min / 1e6, s.max / 1e6)
}

fn medians(row: &Row) -> (f64, f64, f64) {
    let m = |f: fn(&Sample) -> f64| stat(&row.samples.iter().map(f).collect::<Vec<_>>()).median;
    (m(|s| s.wall), m(|s| s.cpu), m(|s| s.rss as f64))
}

fn ms(v: &[f64]) -> String {
    let s: Stat = stat(v);
    format!("{:.1} ms ({:.1}–{:.1})", s.median, s.min, s.max)
}

pub fn markdown(r: &Results) -> String {
    let mut o = String::new();
    let now = jiff::Timestamp::now().to_string();
    let today = &now[..10];
    let _ = writeln!(o, "## Results\n\nOne run of `cargo bench --bench compare` on {today}.\n");
    machine(&mut o, r);
    sizes_table(&mut o, r);
    ratios(&mut o, r);
    targets(&mut o, r);
    serve_section(&mut o, r);
    commands(&mut o, r);
    o
}

fn machine(o: &mut String, r: &Results) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let ram = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<f64>().ok()))
        .map_or("unknown".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=").map(|v| v.trim_matches('"').to_string())))
        .unwrap_or_else(|| "unknown".into());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let rustc = crate::measure::output(Path::new("rustc"), &["--version"]).unwrap_or_default();
    let rev =
        crate::measure::output(Path::new("git"), &["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "--short", "HEAD"])
            .unwrap_or_default();
    let _ = writeln!(o, "**Machine:** {cpu}, {cores} cores, {ram} RAM, {os} (Linux {}).\n", kernel.trim());
    let _ = writeln!(o, "**Tools:**\n");
    for (label, version, note) in &r.tools {
        let version = if label.starts_with("alumni") {
            format!("{version} (commit {rev}, {rustc}, release profile)")
        } else {
            version.clone()
        };
        let _ = writeln!(o, "- {label}: {version}{}", note.as_deref().map(|n| format!("; {n}")).unwrap_or_default());
    }
    let _ = writeln!(o);
    if let Some(n) = &r.theme_note {
        let _ = writeln!(o, "**Theme:** {n}.\n");
    }
    for n in &r.notes {
        let _ = writeln!(o, "**Note:** {n}\n");
    }
}

fn sizes_table(o: &mut String, r: &Results) {
    let _ = writeln!(o, "### Full builds\n");
    let _ = writeln!(
        o,
        "Corpus seed {}. The corpus is written (or, unchanged since an earlier run, read) just before, so it is in the page cache; the timed runs alternate between tools (the order rotating every run); each run writes into a new folder, the disk synced before it, no run starts within 5 minutes of a deletion (the outputs are removed when the benchmark ends), and one untimed round of every tool comes first (see \"Method\"). Median (min–max).\n",
        r.seed
    );
    for s in &r.sizes {
        let _ = writeln!(
            o,
            "**N = {}**: {} Markdown files per site ({:.1} MB, {} words), {}; {} runs.\n",
            s.n,
            s.files,
            s.bytes as f64 / 1e6,
            s.words,
            if s.reused {
                format!(
                    "the corpus of an earlier run (same generator and seed), read into the page cache in {:.1} s",
                    s.gen_secs
                )
            } else {
                format!("generated in {:.1} s", s.gen_secs)
            },
            s.rows.first().map_or(0, |r| r.samples.len())
        );
        if !s.load.is_empty() {
            let l = stat(&s.load);
            let _ = writeln!(
                o,
                "Other processes kept the machine {:.0}% busy (median; max {:.0}%) just before the timed runs (each run waited up to 5 s for it to drop below 15%).\n",
                l.median * 100.0,
                l.max * 100.0
            );
        }
        if let Some(m) = &s.memory {
            let _ = writeln!(
                o,
                "Memory just before the timed runs: {:.1} GB free, {:.1} GB of file pages cached, {:.1} GB of the kernel's reclaimable caches (inodes, folder entries). Little free memory, or caches swollen by a large deletion, made every tool slower here (see \"Reading these figures\").\n",
                m.free as f64 / 1e9,
                m.cached as f64 / 1e9,
                m.reclaimable as f64 / 1e9
            );
        }
        if s.anchors_skipped {
            let _ = writeln!(
                o,
                "Hugo and Zola were not run at this size: here they take tens of minutes per run (`--anchors-everywhere` runs them). This size is for alumni's own scaling.\n"
            );
        }
        let _ = writeln!(o, "| tool | wall (s) | CPU user+sys (s) | peak RSS (MB) | files written | output (MB) |");
        let _ = writeln!(o, "|---|---|---|---|---|---|");
        for row in &s.rows {
            let col = |f: fn(&Sample) -> f64| row.samples.iter().map(f).collect::<Vec<_>>();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {:.1} |",
                row.label,
                secs(&col(|x| x.wall)),
                secs(&col(|x| x.cpu)),
                mb(&col(|x| x.rss as f64)),
                row.out_files,
                row.out_bytes as f64 / 1e6
            );
        }
        let _ = writeln!(o);
    }
    if let Some((cmd, samples)) = &r.node_baseline {
        let w: Vec<f64> = samples.iter().map(|s| s.wall).collect();
        let m: Vec<f64> = samples.iter().map(|s| s.rss as f64).collect();
        let _ = writeln!(
            o,
            "Node start-up with the Zola addon loaded (`{cmd}`): {} s wall, {} MB peak RSS, included in Zola's figures.\n",
            secs(&w),
            mb(&m)
        );
    }
}

fn ratio(a: f64, b: f64) -> String {
    format!("{:.2}×", a / b)
}

/// The wall-time ratio of each round, `a`'s run over `b`'s: the two ran
/// in the same round, minutes apart at most, so the machine's slow and
/// fast spells (see "Reading these figures") weigh on both alike.
fn per_round(a: &Row, b: &Row) -> Option<Stat> {
    let v: Vec<f64> = a.samples.iter().zip(&b.samples).map(|(x, y)| x.wall / y.wall).collect();
    (!v.is_empty()).then(|| stat(&v))
}

fn per_round_text(s: &Stat) -> String {
    format!("{:.2}× ({:.2}–{:.2}×)", s.median, s.min, s.max)
}

fn ratios(o: &mut String, r: &Results) {
    let _ = writeln!(o, "### alumni relative to the others\n");
    let _ = writeln!(
        o,
        "Ratio of medians, alumni / other (below 1 means alumni is faster or smaller): wall, CPU, peak RSS; \
         then the wall-time ratio of each round (the two runs of one round, median and range), which shows \
         how far the ratio itself moves within the run.\n"
    );
    let _ = writeln!(o, "| N | alumni | vs | wall | CPU | peak RSS | wall, round by round |");
    let _ = writeln!(o, "|---|---|---|---|---|---|---|");
    for s in &r.sizes {
        for a in s.rows.iter().filter(|x| x.label.starts_with("alumni") && x.label != crate::run::CHECK) {
            let (aw, ac, am) = medians(a);
            for other in s.rows.iter().filter(|x| !x.label.starts_with("alumni")) {
                let (ow, oc, om) = medians(other);
                let rounds = per_round(a, other).map_or_else(|| "–".to_string(), |p| per_round_text(&p));
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    s.n,
                    a.label,
                    other.label,
                    ratio(aw, ow),
                    ratio(ac, oc),
                    ratio(am, om),
                    rounds
                );
            }
        }
    }
    let _ = writeln!(o);
}

fn find<'a>(r: &'a Results, n: usize, label: &str) -> Option<&'a Row> {
    let rows = &r.sizes.iter().find(|s| s.n == n)?.rows;
    rows.iter().find(|x| x.label == label).or_else(|| rows.iter().find(|x| x.label.starts_with(label)))
}

fn targets(o: &mut String, r: &Results) {
    let _ = writeln!(o, "### Targets\n");
    let _ = writeln!(o, "| target | measured | met |");
    let _ = writeln!(o, "|---|---|---|");
    let main = format!("alumni ({} theme)", r.theme);
    let row = |o: &mut String, what: &str, value: Option<(f64, String)>, limit: f64| {
        let (m, met) = match value {
            Some((v, text)) => (text, if v <= limit { "yes" } else { "**no**" }),
            None => ("not measured".to_string(), "?"),
        };
        let _ = writeln!(o, "| {what} | {m} | {met} |");
    };
    let vs = |n, other: &str, pick: fn((f64, f64, f64)) -> f64| {
        let a = find(r, n, &main)?;
        let b = find(r, n, other)?;
        let v = pick(medians(a)) / pick(medians(b));
        Some((v, format!("{v:.2}×")))
    };
    // The floor targets also show the round-by-round ratios; "met" is
    // judged on the ratio of medians all the same.
    let vs_floor = |other: &str| {
        let (v, text) = vs(10_000, other, |m| m.0)?;
        let rounds = per_round(find(r, 10_000, &main)?, find(r, 10_000, other)?)
            .map_or_else(String::new, |p| format!("; round by round {}", per_round_text(&p)));
        Some((v, format!("{text}{rounds}")))
    };
    row(o, "10,000 pages: wall ≤ 0.2× Hugo", vs(10_000, "Hugo", |m| m.0), 0.2);
    row(o, "10,000 pages: peak RSS ≤ 0.25× Hugo", vs(10_000, "Hugo", |m| m.2), 0.25);
    row(o, "10,000 pages: wall ≤ 3× the floor (`name.html`)", vs_floor(crate::run::FLOOR), 3.0);
    row(
        o,
        "10,000 pages: wall ≤ 3× the floor with a folder per page (`name/index.html`)",
        vs_floor(crate::run::FLOOR_FOLDERS),
        3.0,
    );
    let growth = |label: &str| {
        let (a, b) = (find(r, 100_000, label)?, find(r, 10_000, label)?);
        Some(medians(a).0 / medians(b).0)
    };
    let floors = match (growth(crate::run::FLOOR), growth(crate::run::FLOOR_FOLDERS)) {
        (Some(f), Some(g)) => format!(" (the floors on this machine: {f:.1}× and {g:.1}×)"),
        _ => String::new(),
    };
    let scale = growth(&main).map(|v| (v, format!("{v:.1}× the 10,000-page time{floors}")));
    row(o, "100,000 pages: ≤ ~10× the 10,000-page wall time", scale, 10.0);
    let check = growth(crate::run::CHECK).map(|v| (v, format!("{v:.1}× the 10,000-page time")));
    row(o, "the same without writing files (`alumni check`)", check, 10.0);
    let served = match &r.serve {
        ServeOutcome::Measured(_, s) => {
            let debounce = s.debounce_ms.unwrap_or(0.0);
            let after: Vec<f64> = s.markdown.served.iter().map(|v| v - debounce).collect();
            let v = stat(&after).median;
            Some((v, format!("{v:.1} ms median after the {debounce:.0} ms debounce (save to served: see below)")))
        }
        _ => None,
    };
    row(o, "serve: Markdown edit served ≤ 20 ms after the save (debounce excluded)", served, 20.0);
    let cold = r.cold_start.as_ref().filter(|c| c.error.is_none()).map(|c| {
        let v = stat(&c.samples.iter().map(|s| s.wall).collect::<Vec<_>>()).median * 1e3;
        (v, format!("{v:.1} ms median"))
    });
    row(o, "cold `alumni build example-site` well under 100 ms", cold, 50.0);
    let _ = writeln!(o);
    match &r.cold_start {
        None => {
            let _ =
                writeln!(o, "Cold start: example-site/ does not exist in this checkout yet, so it was not measured.\n");
        }
        Some(c) if c.error.is_some() => {
            let _ =
                writeln!(o, "Cold start: `{}` failed:\n\n```\n{}\n```\n", c.command, c.error.as_deref().unwrap_or(""));
        }
        Some(c) => {
            let w: Vec<f64> = c.samples.iter().map(|s| s.wall * 1e3).collect();
            let m: Vec<f64> = c.samples.iter().map(|s| s.rss as f64).collect();
            let _ = writeln!(
                o,
                "Cold start (`{}`, {} runs after one warm-up): {}, {} MB peak RSS. \"Well under\" is read as at most 50 ms.\n",
                c.command,
                c.samples.len(),
                ms(&w),
                mb(&m)
            );
        }
    }
}

fn serve_section(o: &mut String, r: &Results) {
    let _ = writeln!(o, "### Serve mode\n");
    match &r.serve {
        ServeOutcome::Skipped(why) => {
            let _ = writeln!(o, "Not measured: {why}.\n");
        }
        ServeOutcome::Failed(why) => {
            let _ = writeln!(o, "The measurement failed:\n\n```\n{why}\n```\n");
        }
        ServeOutcome::Measured(n, s) => {
            let _ = writeln!(
                o,
                "On the {n}-page site (`{}`); first build served after {:.2} s; reload channel: {}.\n",
                s.command, s.first_build, s.channel
            );
            let _ = writeln!(
                o,
                "| edit | saves | save → page served | save → reload message | reload messages missed | rebuild (as the server reports it) |"
            );
            let _ = writeln!(o, "|---|---|---|---|---|---|");
            for (what, e) in
                [("Markdown file (append a line)", &s.markdown), ("base template (insert an element)", &s.template)]
            {
                let got: Vec<f64> = e.reload.iter().flatten().copied().collect();
                let reload = if got.is_empty() { "none received".into() } else { ms(&got) };
                let rebuild = if e.rebuild.is_empty() { "not reported".into() } else { ms(&e.rebuild) };
                let _ = writeln!(
                    o,
                    "| {what} | {} | {} | {} | {} | {rebuild} |",
                    e.served.len(),
                    ms(&e.served),
                    reload,
                    e.reload.len() - got.len()
                );
            }
            let d = match (s.debounce.as_deref(), s.debounce_ms) {
                (Some(l), Some(ms)) => format!(
                    "the server ran with `--debounce {ms:.0}` (`alumni serve --help`: `{l}`); the save → served figures include it, the target row subtracts it"
                ),
                (Some(l), None) => format!("`alumni serve --help` says: `{l}`; the figures above include it"),
                _ => "`alumni serve --help` documents no debounce, so it is included in the figures above".to_string(),
            };
            let _ = writeln!(o, "\nDebounce: {d}.\n");
        }
    }
}

fn commands(o: &mut String, r: &Results) {
    let _ = writeln!(
        o,
        "### Exact commands\n\nRun from target/bench/ (`N` is the corpus size; programs built here are named from the repository root):\n\n```sh"
    );
    // Every command of every size, once: the largest size may have run fewer tools.
    let mut seen = std::collections::HashSet::new();
    for s in &r.sizes {
        for row in &s.rows {
            let line = row.command.replace(&format!("corpus-{}", s.n), "corpus-N");
            if seen.insert(line.clone()) {
                let _ = writeln!(o, "{line}");
            }
        }
    }
    let _ = writeln!(o, "```");
}
