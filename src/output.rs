//! Writing the output: everything goes into a fresh folder beside the output,
//! which then replaces the old one, so a failed build never leaves a half
//! written site. `alumni` only ever deletes folders that carry its marker.
//! A file whose bytes equal the previous output's is not written again but
//! hard-linked from it, so it keeps its inode and modification time (deploy
//! tools that compare times upload only what changed).
//! Rendered files reach a `Sink`: the disk (`Staging`) or memory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::i18n::Text;
use crate::msg;
use crate::render::OutputFile;
use crate::site::StaticFile;
use crate::sitefs::SiteFs;
use crate::theme::StaticSource;

mod swap;

/// Present in every output folder `alumni` writes; its absence protects
/// folders `alumni` did not create from being replaced. A regular file
/// whose text alumni checks, naming what the build wrote (see `swap`).
pub const MARKER: &str = ".alumni-output";

/// Refuse output folders that would destroy the user's work. `keep`: the
/// names at the output's top that the user keeps (`[output] keep`).
pub fn check_target(site_dir: &Path, output: &Path, keep: &[String]) -> Result<(), Diagnostic> {
    let site = absolute(site_dir);
    let out = absolute(output);
    let refuse = |why: Text| {
        Err(Diagnostic::error("output-refused", msg!("output-refused", dir = output, why = why))
            .note(msg!("output-refused-note")))
    };
    if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return refuse(msg!("output-refused-symlink"));
    }
    if out == site {
        return refuse(msg!("output-refused-is-site"));
    }
    if site.starts_with(&out) {
        return refuse(msg!("output-refused-contains-site"));
    }
    for inner in crate::sitefs::FOLDERS {
        if out.starts_with(site.join(inner)) {
            return refuse(msg!("output-refused-inside", folder = inner));
        }
    }
    if out.join("content").is_dir() || out.join(crate::config::CONFIG_FILE).is_file() {
        return refuse(msg!("output-refused-looks-like-site"));
    }
    if out.is_file() {
        return refuse(msg!("output-refused-file"));
    }
    if out.is_dir() {
        let marked = swap::marked(&out);
        let foreign = swap::foreign(&out, keep);
        if !marked && !foreign.is_empty() {
            return refuse(msg!("output-refused-not-ours", marker = MARKER))
                // A gh-pages worktree holds little more than `.git`.
                .map_err(|d| if foreign.len() <= 3 { d.note(keep_note(&foreign)) } else { d });
        }
        if !foreign.is_empty() {
            let names = foreign.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            return Err(Diagnostic::error(
                "output-foreign",
                msg!("output-foreign", dir = output, names = names, count = foreign.len()),
            )
            .note(keep_note(&foreign))
            .note(msg!("output-foreign-note")));
        }
    }
    Ok(())
}

/// How to keep `names` in the output across builds.
fn keep_note(names: &[String]) -> Text {
    let list = names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    msg!("output-keep-note", list = list)
}

/// An absolute, symlink-resolved path, also for paths that do not exist yet.
pub fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let mut tail = Vec::new();
    let mut cur = p.as_path();
    while let Some(parent) = cur.parent() {
        if let Some(name) = cur.file_name() {
            tail.push(name.to_os_string());
        }
        if let Ok(c) = parent.canonicalize() {
            let mut out = c;
            for n in tail.iter().rev() {
                out.push(n);
            }
            return out;
        }
        cur = parent;
    }
    p
}

/// Where rendered files go: written to disk as they are made (`build`), or
/// kept in memory (`serve`, tests).
pub trait Sink: Sync {
    /// Take one file; `key` identifies what it was made from (see `render::Keys`).
    fn put(&self, key: u64, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Collect {
    files: Mutex<Vec<(u64, OutputFile)>>,
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<(u64, OutputFile)> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, key: u64, file: OutputFile) -> Result<(), Diagnostic> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).push((key, file));
        Ok(())
    }
}

/// Drops every file: `check` renders everything to find template errors but
/// keeps nothing.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: u64, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// A new output folder being filled beside the real one. Files are written
/// as they are rendered, so the site is never held in memory whole;
/// `commit` swaps the folder in, and dropping it uncommitted removes it, so
/// a failed build leaves the previous output as it was.
pub struct Staging {
    output: PathBuf,
    /// The folder being filled, `.NAME.alumni-new-PID` beside the output
    /// (inside it when the output is a mount point).
    dir: PathBuf,
    /// The previous output, when it is one of ours: unchanged files are
    /// linked from it.
    previous: Option<PathBuf>,
    /// Names at the output's top the user keeps (`[output] keep`).
    keep: Vec<String>,
    /// The output is a mount point: its contents are replaced, not it.
    in_place: bool,
    files: AtomicUsize,
    pages: AtomicUsize,
    /// Files linked from `previous` instead of written.
    kept: AtomicUsize,
    /// Folders made so far, relative to `dir`.
    folders: Mutex<HashSet<String>>,
    /// The first failure to write (see `broken`).
    broken: Mutex<Option<Diagnostic>>,
    committed: bool,
    /// One build at a time writes this output.
    _lock: swap::Lock,
}

impl Staging {
    /// Lock the output, check that it may be replaced (`check_target`), and
    /// make the folder the build writes into.
    pub fn begin(site_dir: &Path, output: &Path, keep: &[String]) -> Result<Staging, Diagnostic> {
        let out = absolute(output);
        let (parent, name) = swap::split(&out);
        // Checked before anything is made, and again once no other build
        // can change the output.
        check_target(site_dir, output, keep)?;
        std::fs::create_dir_all(&parent).map_err(|e| fail(output, msg!("output-cannot-create", dir = &parent), e))?;
        let lock = swap::Lock::take(&out).map_err(|e| fail(output, msg!("output-cannot-lock"), e))?;
        check_target(site_dir, output, keep)?;
        let in_place = swap::is_mount_point(&out);
        let home = if in_place { out.clone() } else { parent.clone() };
        let prefix = if in_place { String::new() } else { format!(".{name}") };
        for stale in leftovers(&home, &prefix) {
            swap::remove_temp(&stale);
        }
        let token = swap::token();
        let dir = home.join(format!("{prefix}.alumni-new-{}-{token}", std::process::id()));
        std::fs::create_dir(&dir)
            .and_then(|()| swap::mark_temp(&dir, &token))
            .map_err(|e| fail(output, msg!("output-cannot-create", dir = &dir), e))?;
        let previous = swap::marked(&out).then(|| out.clone());
        Ok(Staging {
            output: out,
            dir,
            previous,
            keep: keep.to_vec(),
            in_place,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            folders: Mutex::default(),
            broken: Mutex::default(),
            committed: false,
            _lock: lock,
        })
    }

    /// Copy the static files, then put the new folder in place of the output.
    pub fn commit(mut self, statics: &[StaticFile], files: &SiteFs) -> Result<Written, Diagnostic> {
        let shown = self.output.clone();
        statics.par_iter().try_for_each(|s| {
            let to = self.dir.join(&s.out_path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| fail(&shown, msg!("output-cannot-create", dir = parent), e))?;
            }
            let r = match &s.source {
                StaticSource::Disk(from) => match files.open(from) {
                    Ok(file) => self.copy(file, &s.out_path, &to),
                    Err(e) => {
                        let d = Diagnostic::error(
                            "static-unreadable",
                            msg!("static-not-copied", file = &s.shown, why = e.text()),
                        );
                        return Err(match e.help() {
                            Some(h) => d.note(h),
                            None => d,
                        }
                        .in_file(&s.shown));
                    }
                },
                StaticSource::Embedded(bytes) => self.store(&s.out_path, bytes, &to),
            };
            r.map_err(|e| fail(&shown, msg!("output-cannot-copy", file = &s.shown), e))
        })?;
        // A kept entry the build also wrote (a CNAME in static/ and in
        // `keep`): refused before anything of the previous output moves.
        if let Some(name) = swap::kept_and_written(&self.output, &self.dir, &self.keep) {
            return Err(Diagnostic::error("output-keep-written", msg!("output-keep-written", name = name))
                .in_file(&shown)
                .note(msg!("output-keep-written-note")));
        }
        swap::unmark_temp(&self.dir)
            .and_then(|()| swap::write_marker(&self.dir))
            .map_err(|e| fail(&shown, msg!("output-cannot-write-marker"), e))?;
        let old = if self.in_place {
            swap::replace_contents(&self.output, &self.dir, &self.keep)
        } else {
            swap::put_in_place(&self.output, &self.dir, &self.keep)
        };
        let old = old.map_err(|(what, e)| fail(&shown, what, e))?;
        self.committed = true;
        let pages = self.pages.load(Ordering::Relaxed);
        let kept = self.kept.load(Ordering::Relaxed);
        Ok(Written { files: self.files.load(Ordering::Relaxed) + statics.len(), pages, kept, old })
    }

    /// Hard-link the previous output's file `rel` to `to` when `same` says
    /// it holds what `to` is to hold; false when there is none or it differs.
    fn link_unchanged(&self, rel: &str, to: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        let kept = same(&old) && std::fs::hard_link(&old, to).is_ok();
        if kept {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }

    /// Put `bytes` at `to` (the file `rel` of the output): linked when the
    /// previous output's file holds the same bytes, else written.
    fn store(&self, rel: &str, bytes: &[u8], to: &Path) -> std::io::Result<()> {
        if self.link_unchanged(rel, to, |old| same_bytes(old, bytes)) {
            return Ok(());
        }
        std::fs::write(to, bytes)
    }

    /// Copy the opened file `from` to `to` (the file `rel` of the output),
    /// or link the previous output's file when it has the same bytes and
    /// permissions. The file was opened and checked by `SiteFs`: what is
    /// copied is the file that was checked, whatever its path leads to now.
    fn copy(&self, from: std::fs::File, rel: &str, to: &Path) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let meta = from.metadata()?;
        let same = |old: &Path| {
            let alike = std::fs::symlink_metadata(old)
                .is_ok_and(|b| b.is_file() && meta.len() == b.len() && meta.permissions() == b.permissions());
            alike && std::fs::File::open(old).is_ok_and(|old| same_contents(&from, &old))
        };
        if self.link_unchanged(rel, to, same) {
            return Ok(());
        }
        let mut from = from;
        from.seek(SeekFrom::Start(0))?;
        let mut out = std::fs::File::create(to)?;
        std::io::copy(&mut from, &mut out)?;
        out.set_permissions(meta.permissions())
    }

    /// Make sure the folder `rel` (relative, `/`-separated) exists. Folders
    /// made before are remembered: a page's calendar file and the further
    /// pages of a list share a folder, and asking the kernel again costs a
    /// failed `mkdir` and a `stat` each.
    fn folder(&self, rel: &str) -> Result<(), Diagnostic> {
        if self.folders.lock().unwrap_or_else(|e| e.into_inner()).contains(rel) {
            return Ok(());
        }
        let dir = self.dir.join(rel);
        std::fs::create_dir_all(&dir).map_err(|e| fail(&self.output, msg!("output-cannot-create", dir = &dir), e))?;
        self.folders.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string());
        Ok(())
    }
}

impl Staging {
    /// The first failure to write is the build's one error about writing:
    /// a full disk or a folder without permission makes every later write
    /// fail the same way, and one cause gives one error (the copies are
    /// identical, so the report keeps one). Nothing more is written after it.
    fn broken(&self, d: Option<Diagnostic>) -> Option<Diagnostic> {
        let mut first = self.broken.lock().unwrap_or_else(|e| e.into_inner());
        if first.is_none() {
            *first = d.map(|d| d.note(msg!("output-nothing-more")));
        }
        first.clone()
    }

    fn first_failure(&self, d: Diagnostic) -> Diagnostic {
        self.broken(Some(d.clone())).unwrap_or(d)
    }
}

impl Sink for Staging {
    fn put(&self, _: u64, file: OutputFile) -> Result<(), Diagnostic> {
        if let Some(d) = self.broken(None) {
            return Err(d);
        }
        let to = self.dir.join(&file.path);
        if let Some((folder, _)) = file.path.rsplit_once('/') {
            self.folder(folder).map_err(|d| self.first_failure(d))?;
        }
        self.store(&file.path, file.bytes.as_slice(), &to)
            .map_err(|e| self.first_failure(fail(&self.output, msg!("output-cannot-write", file = &file.path), e)))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if file.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Whether `path` is a regular file (not a link to one) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    // Compared a block at a time: a changed page usually differs early.
    let mut block = [0u8; 16 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Whether two open files hold the same bytes (compared a block at a time).
fn same_contents(a: &std::fs::File, b: &std::fs::File) -> bool {
    use std::io::Read;
    let (mut a, mut b) = (a, b);
    let mut x = [0u8; 16 * 1024];
    let mut y = [0u8; 16 * 1024];
    loop {
        let n = match a.read(&mut x) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return matches!(b.read(&mut y[..1]), Ok(0));
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return false;
        }
    }
}

fn fail(output: &Path, what: impl Into<Text>, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("output-write", msg!("output-write", what = what.into(), detail = e.to_string())).in_file(output)
}

/// What `Staging::commit` did.
#[derive(Debug, Default)]
pub struct Written {
    pub files: usize,
    /// HTML pages among `files`.
    pub pages: usize,
    /// Files among `files` that were unchanged and linked from the previous output.
    pub kept: usize,
    /// The previous output, moved aside; delete it with `remove_old`.
    pub old: Option<PathBuf>,
}

/// Above this many files, deleting the previous output takes long enough on
/// common file systems (seconds for tens of thousands of files) that it
/// happens in a process of its own, after `alumni` has returned.
const REMOVE_IN_BACKGROUND: usize = 2_000;

/// Delete the previous output moved aside by `commit`: right away when it is
/// small, else in a detached `alumni` process, off the build's critical path.
pub fn remove_old(w: &Written) {
    let Some(old) = &w.old else {
        return;
    };
    if w.files > REMOVE_IN_BACKGROUND && remove_in_background(old) {
        return;
    }
    swap::remove_temp(old);
}

fn remove_in_background(dir: &Path) -> bool {
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    std::process::Command::new(exe)
        .arg(REMOVE_COMMAND)
        .arg(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// The hidden command line that runs `remove_temp` (see `cli`): it deletes
/// only a folder alumni made and marked with its token, never another.
pub const REMOVE_COMMAND: &str = "__remove-output";

/// Delete a folder a build made beside an output (`swap::remove_temp`).
pub fn remove_temp(dir: &Path) {
    swap::remove_temp(dir);
}

/// Whether the process with this id still runs (Linux: it has a /proc
/// entry). Where that cannot be told, it is assumed to run.
fn process_alive(pid: &str) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid).exists()
}

/// Folders left in `home` by builds that were stopped before they could
/// clean up (`PREFIX.alumni-new-PID-TOKEN`, `PREFIX.alumni-old-TOKEN`).
fn leftovers(home: &Path, prefix: &str) -> Vec<PathBuf> {
    let prefix = format!("{prefix}.alumni-");
    let Ok(entries) = std::fs::read_dir(home) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            match n.strip_prefix(&prefix) {
                Some(rest) if rest.starts_with("old-") => true,
                // A folder still being filled by another build must stay.
                Some(rest) => {
                    rest.strip_prefix("new-").and_then(|r| r.split('-').next()).is_some_and(|pid| !process_alive(pid))
                }
                None => false,
            }
        })
        .map(|e| e.path())
        .collect()
}
