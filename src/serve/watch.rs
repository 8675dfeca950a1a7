//! Watching the site's sources (`alumni.toml`, `content/`, `i18n/`, `static/`,
//! `templates/`, `themes/`) and turning editors' bursts of file events into
//! one batch of changed paths per save. notify's debouncer pairs renames and
//! merges repeated events; `next_batch` then waits for a quiet moment, so
//! that a burst of saves (or an editor's write-temp-then-rename dance) makes
//! one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::msg;

/// The site's folders whose contents make up the site.
const WATCHED_DIRS: &[&str] = &["content", "i18n", "static", "templates", "themes"];

enum Msg {
    Events(DebounceEventResult),
    Stop,
}

/// Ends a `Watcher` blocked in `next_batch`, from another thread.
pub struct Stopper(Sender<Msg>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Msg::Stop);
    }
}

/// Source paths that changed together.
#[derive(Debug, Default)]
pub struct Batch {
    /// Absolute paths, each once, in the order first seen.
    pub paths: Vec<PathBuf>,
    /// The system lost track of events: anything may have changed.
    pub rescan: bool,
    /// Problems the watcher met (shown as warnings).
    pub problems: Vec<crate::i18n::Text>,
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }
}

pub struct Watcher {
    site_dir: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: Receiver<Msg>,
    quiet: Duration,
}

impl Watcher {
    /// Watch `site_dir` (canonical). Saves closer together than `quiet`
    /// end up in one batch.
    pub fn start(site_dir: &Path, quiet: Duration) -> Result<(Watcher, Stopper), String> {
        let (tx, rx) = channel();
        let events = tx.clone();
        // The debouncer's own window only needs to pair the events of one
        // save (a rename's two halves come together); `next_batch` does the
        // waiting for quiet. Every event reaches `next_batch` up to a window
        // and a tick late, which adds to every rebuild's wait: so a short
        // window, a quarter of the debounce between 5 and 25 ms.
        let window = (quiet / 4).clamp(Duration::from_millis(5), Duration::from_millis(25));
        let debouncer = new_debouncer(window, Some(window / 2), move |r: DebounceEventResult| {
            let _ = events.send(Msg::Events(r));
        })
        .map_err(|e| e.to_string())?;
        let mut w = Watcher { site_dir: site_dir.to_path_buf(), debouncer, rx, quiet };
        // The site folder itself only for alumni.toml and for the watched
        // folders appearing; never recursively, so that an output folder or
        // node_modules/ beside the content does not trigger rebuilds.
        w.debouncer.watch(site_dir, RecursiveMode::NonRecursive).map_err(|e| e.to_string())?;
        for dir in WATCHED_DIRS {
            w.watch_dir(&site_dir.join(dir)).map_err(|e| e.to_string())?;
        }
        // The folder holding the site, for the site folder itself being
        // deleted and made again (a branch switch, a `git clone` over it):
        // its watches then go with it and are set up anew.
        if let Some(parent) = site_dir.parent() {
            let _ = w.debouncer.watch(parent, RecursiveMode::NonRecursive);
        }
        Ok((w, Stopper(tx)))
    }

    /// The site folder appeared again: watch it and its folders anew.
    fn rewatch_site(&mut self, batch: &mut Batch) {
        let site = self.site_dir.clone();
        let _ = self.debouncer.unwatch(&site);
        if let Err(e) = self.debouncer.watch(&site, RecursiveMode::NonRecursive) {
            batch.problems.push(msg!("serve-cannot-watch", path = &site, detail = e.to_string()));
        }
        for dir in WATCHED_DIRS {
            let dir = site.join(dir);
            let _ = self.debouncer.unwatch(&dir);
            if let Err(e) = self.watch_dir(&dir) {
                batch.problems.push(msg!("serve-cannot-watch", path = &dir, detail = e.to_string()));
            }
        }
    }

    fn watch_dir(&mut self, dir: &Path) -> notify::Result<()> {
        if dir.is_dir() { self.debouncer.watch(dir, RecursiveMode::Recursive) } else { Ok(()) }
    }

    /// Block until something relevant changed and then stayed quiet for
    /// the debounce time. None once stopped. Every relevant event pushes
    /// the rebuild back, a file saved again as well as a new one, but never
    /// past `longest_wait` after the first: a file written without pause
    /// (a log, a tool's output in static/) still gets rebuilds.
    pub fn next_batch(&mut self) -> Option<Batch> {
        let mut batch = Batch::default();
        while batch.is_empty() {
            match self.rx.recv() {
                Ok(Msg::Events(r)) => {
                    self.absorb(r, &mut batch);
                }
                Ok(Msg::Stop) | Err(_) => return None,
            }
        }
        let mut deadline = Instant::now() + self.quiet;
        let latest = Instant::now() + longest_wait(self.quiet);
        loop {
            match self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(Msg::Events(r)) => {
                    if self.absorb(r, &mut batch) {
                        deadline = (Instant::now() + self.quiet).min(latest);
                    }
                }
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => return Some(batch),
            }
        }
    }

    /// Add the relevant paths of `result` to `batch`; whether any event
    /// counted (a relevant path, an error or a lost-events notice).
    fn absorb(&mut self, result: DebounceEventResult, batch: &mut Batch) -> bool {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                batch.problems.extend(errors.iter().map(|e| msg!("serve-watcher-error", detail = e.to_string())));
                batch.rescan = true;
                return true;
            }
        };
        let mut counted = false;
        for e in events {
            if e.need_rescan() {
                batch.rescan = true;
                counted = true;
            }
            if matches!(e.kind, EventKind::Access(_)) {
                continue;
            }
            for p in &e.paths {
                if p == &self.site_dir {
                    // Deleted (the rebuild says what is missing) or made
                    // again (watched anew): either way, anything changed.
                    if p.is_dir() {
                        self.rewatch_site(batch);
                    }
                    batch.rescan = true;
                    counted = true;
                    continue;
                }
                self.follow_new_dir(p, batch);
                if relevant(&self.site_dir, p) {
                    counted = true;
                    if !batch.paths.contains(p) {
                        batch.paths.push(p.clone());
                    }
                }
            }
        }
        counted
    }

    /// A watched folder (re)created after start (`mkdir static`, or
    /// `content/` deleted and restored) gets its recursive watch.
    fn follow_new_dir(&mut self, p: &Path, batch: &mut Batch) {
        let top = p.parent() == Some(self.site_dir.as_path())
            && p.file_name().is_some_and(|n| WATCHED_DIRS.iter().any(|d| n == *d));
        if top
            && p.is_dir()
            && let Err(e) = self.watch_dir(p)
        {
            batch.problems.push(msg!("serve-cannot-watch", path = p, detail = e.to_string()));
        }
    }
}

/// How long changes that keep coming can hold a rebuild back: twenty
/// debounce times, and at least two seconds.
pub fn longest_wait(quiet: Duration) -> Duration {
    (quiet * 20).max(Duration::from_secs(2))
}

/// A path whose change can change the site: alumni.toml or anything in
/// the watched folders, except editors' temporary files.
pub fn relevant(site_dir: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(site_dir) else { return false };
    let mut parts = rel.components();
    let top = parts.next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    let is_config = top == crate::config::CONFIG_FILE && parts.next().is_none();
    if !is_config && !WATCHED_DIRS.contains(&top.as_str()) {
        return false;
    }
    !path.file_name().map(|n| is_editor_dropping(&n.to_string_lossy())).unwrap_or(false)
}

/// Files editors write beside the real one while saving: swap files,
/// backups, lock files, probes. Saving still changes the real file, which
/// triggers the rebuild.
pub fn is_editor_dropping(name: &str) -> bool {
    // .file.swp (vim), .#file (emacs locks), .DS_Store; then backup~ files.
    let hidden_or_backup = name.starts_with('.') || name.ends_with('~');
    // #file# (emacs autosave), ~$file (office lock files).
    let autosave_or_lock = (name.len() > 1 && name.starts_with('#') && name.ends_with('#')) || name.starts_with("~$");
    // file.swp, .swo, ... when vim's `directory` puts swap files beside.
    let swap = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.len() == 3 && ext.starts_with("sw") && ext.as_bytes()[2].is_ascii_lowercase());
    // JetBrains' safe write; browsers' File System Access writes.
    let temp = ["___jb_tmp___", "___jb_old___", ".crswap"].iter().any(|s| name.ends_with(s));
    hidden_or_backup || autosave_or_lock || swap || temp || is_vim_probe(name)
}

/// vim checks that it may create files in a folder with a file named 4913
/// (then 5036, 5159, ...: 4913 + n * 123) before writing.
fn is_vim_probe(name: &str) -> bool {
    name.parse::<u64>().is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0) && !name.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn droppings_are_ignored_real_files_are_not() {
        for d in ["4913", "5036", ".about.md.swp", "about.md.swp", "about.md~", ".#about.md", "#about.md#"] {
            assert!(is_editor_dropping(d), "{d}");
        }
        for d in ["about.md___jb_tmp___", "about.md___jb_old___", "~$report.docx", ".DS_Store"] {
            assert!(is_editor_dropping(d), "{d}");
        }
        for f in ["about.md", "4914", "2024.md", "style.css", "logo.svg", "switch.md", "a.swift", "b.sw"] {
            assert!(!is_editor_dropping(f), "{f}");
        }
    }

    #[test]
    fn only_sources_are_relevant() {
        let site = Path::new("/s");
        assert!(relevant(site, Path::new("/s/alumni.toml")));
        assert!(relevant(site, Path::new("/s/content/events/a.md")));
        assert!(relevant(site, Path::new("/s/static/css/site.css")));
        assert!(relevant(site, Path::new("/s/themes/mine/templates/base.html")));
        assert!(relevant(site, Path::new("/s/content")));
        assert!(!relevant(site, Path::new("/s/public/index.html")));
        assert!(!relevant(site, Path::new("/s/README.md")));
        assert!(!relevant(site, Path::new("/s/content/events/.a.md.swp")));
        assert!(!relevant(site, Path::new("/s/content/4913")));
        assert!(!relevant(site, Path::new("/elsewhere/content/a.md")));
    }
}
