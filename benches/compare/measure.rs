//! Running a command and measuring it: wall time from the parent, CPU time
//! (user + system) and peak memory (max RSS) from the child's rusage, as
//! `/usr/bin/time -v` reports them, with microsecond resolution.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct Cmd {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl Cmd {
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Cmd { program: program.into(), args: Vec::new() }
    }

    pub fn arg(mut self, a: impl Into<OsString>) -> Self {
        self.args.push(a.into());
        self
    }

    /// The command as a person would type it (paths relative to `root`,
    /// and to the repository).
    pub fn shown(&self, root: &Path) -> String {
        let repo = format!("{}/", env!("CARGO_MANIFEST_DIR"));
        std::iter::once(self.program.as_os_str())
            .chain(self.args.iter().map(OsString::as_os_str))
            .map(|a| {
                let s = a.to_string_lossy();
                let s = s.replace(&format!("{}/", root.display()), "").replace(&repo, "");
                if s.contains(' ') { format!("'{s}'") } else { s }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Seconds.
    pub wall: f64,
    /// Seconds of user + system time.
    pub cpu: f64,
    /// Bytes.
    pub rss: u64,
}

/// Run to completion with output discarded (stderr kept for the error).
pub fn run(cmd: &Cmd, cwd: &Path) -> Result<Sample, String> {
    let err_path = std::env::temp_dir().join(format!("alumni-bench-{}.stderr", std::process::id()));
    let err = std::fs::File::create(&err_path).map_err(|e| e.to_string())?;
    reset_peak_rss();
    let start = Instant::now();
    let child = Command::new(&cmd.program)
        .args(&cmd.args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", cmd.program.display()))?;
    let (status, usage) = wait(child.id() as libc::pid_t)?;
    let wall = start.elapsed().as_secs_f64();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_file(&err_path);
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("`{}` failed (status {status}):\n{}", cmd.shown(Path::new("/")), tail.join("\n")));
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Sample { wall, cpu: secs(usage.ru_utime) + secs(usage.ru_stime), rss: usage.ru_maxrss as u64 * 1024 })
}

/// A child's peak RSS (`ru_maxrss`) starts at this process's peak: the
/// kernel carries the spawning process's high-water mark over when the
/// child replaces its image. Once this process had held a large file (the
/// Zola addon, patched at install), every tool seemed to need at least that
/// much. Resetting the mark to the current RSS first (`clear_refs`, Linux
/// 4.0 and later) leaves the benchmark's few megabytes as the only overlap.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn wait(pid: libc::pid_t) -> Result<(i32, libc::rusage), String> {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    Ok((status, usage))
}

/// Median, minimum and maximum of a series.
#[derive(Debug, Clone, Copy)]
pub struct Stat {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

pub fn stat(values: &[f64]) -> Stat {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
    Stat { median, min: v[0], max: v[n - 1] }
}

/// The machine's memory, in bytes, from /proc/meminfo (Linux).
pub struct Memory {
    pub free: u64,
    /// File pages in the page cache.
    pub cached: u64,
    /// The kernel's reclaimable slab caches: inodes, folder entries.
    pub reclaimable: u64,
}

pub fn memory() -> Option<Memory> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    Some(Memory { free: field("MemFree")?, cached: field("Cached")?, reclaimable: field("SReclaimable")? })
}

/// Flush dirty pages so one tool's writes are not paid by the next run.
pub fn settle() {
    // SAFETY: sync has no preconditions.
    unsafe { libc::sync() };
}

/// Capture a command's standard output (versions, `--help`).
pub fn output(program: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).current_dir("/").stdin(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Share of all cores' time that was busy over `window` (0.0 to 1.0): the
/// machine may be shared, and a busy machine slows every tool.
pub fn busy(window: std::time::Duration) -> f64 {
    let read = || -> Option<(u64, u64)> {
        let s = std::fs::read_to_string("/proc/stat").ok()?;
        let v: Vec<u64> = s.lines().next()?.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
        Some((v.iter().sum(), v.get(3)? + v.get(4).copied().unwrap_or(0)))
    };
    let Some((t0, i0)) = read() else { return 0.0 };
    std::thread::sleep(window);
    let Some((t1, i1)) = read() else { return 0.0 };
    let total = (t1 - t0).max(1) as f64;
    1.0 - (i1 - i0) as f64 / total
}

/// Wait (up to `max`) for the machine to go quiet; the load seen last.
pub fn wait_quiet(max: std::time::Duration) -> f64 {
    let start = Instant::now();
    loop {
        let b = busy(std::time::Duration::from_millis(300));
        if b < 0.15 || start.elapsed() > max {
            return b;
        }
    }
}
