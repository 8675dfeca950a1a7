//! Content kept between rebuilds (`serve`): after an edit only the files the
//! watcher names are read again; after anything less precise (a folder
//! created or removed) the folder is walked again and a file is re-read only
//! when its size or modification time changed.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::Diagnostic;

use super::{SourcePage, load_files, walk};

#[derive(Default)]
pub struct ContentCache {
    /// By path relative to the site folder (`content/events/x.md`).
    files: BTreeMap<PathBuf, Cached>,
    /// What the last walk of `content/` reported (symlinks, stray files).
    walk_diags: Vec<Diagnostic>,
    walked: bool,
    /// Pages are validated against the config (languages, time zone): a
    /// different config text invalidates every entry.
    config_key: u64,
    next_revision: u64,
    /// Nothing is reused after this build (`build`, `check`): no file's
    /// size and date are taken to compare with later.
    one_shot: bool,
    /// Keep only each file's front matter: the build reads the file again
    /// when it renders the page (`super::reread`).
    front_only: bool,
}

struct Cached {
    stamp: Option<Stamp>,
    page: Option<Arc<SourcePage>>,
    diags: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn config_key(config: &Config) -> u64 {
    let mut h = DefaultHasher::new();
    config.source.text.hash(&mut h);
    h.finish()
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp { len: m.len(), modified: m.modified().ok() })
}

impl ContentCache {
    /// For a build after which nothing is kept.
    pub fn one_shot() -> ContentCache {
        ContentCache { one_shot: true, ..ContentCache::default() }
    }

    /// Keep only the front matter of the files read from now on (a one-off
    /// build that renders page by page, see `super::reread`): the whole
    /// site's Markdown is then never held at once, and the memory each
    /// file was read into is used again for the next one.
    pub fn front_only(&mut self, on: bool) {
        self.front_only = on;
    }

    /// The site's pages. `changed` lists paths relative to the site folder
    /// that changed since the last call; `None` means "anything may have".
    pub fn load(
        &mut self,
        site_dir: &Path,
        config: &Config,
        changed: Option<&[PathBuf]>,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Arc<SourcePage>> {
        let key = config_key(config);
        if key != self.config_key {
            self.files.clear();
            self.walked = false;
            self.config_key = key;
        }
        let targeted = match changed {
            Some(paths) if self.walked => self.files_to_reread(site_dir, paths),
            _ => None,
        };
        match targeted {
            Some(paths) => self.reread(site_dir, &paths, config),
            None => self.rewalk(site_dir, config),
        }
        diags.extend(self.walk_diags.iter().cloned());
        let mut pages = Vec::with_capacity(self.files.len());
        for c in self.files.values() {
            diags.extend(c.diags.iter().cloned());
            pages.extend(c.page.clone());
        }
        pages
    }

    /// Read just the files named in `changed` again, when they alone explain
    /// the change (Markdown files of `content/`, parsed with the same
    /// config). False, and nothing done, otherwise.
    pub fn refresh(&mut self, site_dir: &Path, config: &Config, changed: &[PathBuf]) -> bool {
        if !self.walked || self.config_key != config_key(config) {
            return false;
        }
        match self.files_to_reread(site_dir, changed) {
            Some(paths) => {
                self.reread(site_dir, &paths, config);
                true
            }
            None => false,
        }
    }

    /// The page (if it has no errors) and the problems of one content file.
    pub fn file(&self, rel: &Path) -> Option<(Option<&Arc<SourcePage>>, &[Diagnostic])> {
        self.files.get(rel).map(|c| (c.page.as_ref(), c.diags.as_slice()))
    }

    /// The Markdown files among `paths`, when they alone explain the change;
    /// `None` when the folder must be walked again (a folder or a symbolic
    /// link changed, or a path this cache cannot place).
    fn files_to_reread(&self, site_dir: &Path, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
        let mut out = Vec::new();
        for p in paths {
            let Ok(rest) = p.strip_prefix("content") else {
                continue; // not content: nothing to do here
            };
            let name = p.file_name()?.to_string_lossy();
            if rest.as_os_str().is_empty() || !name.ends_with(".md") {
                return None;
            }
            if name.starts_with('.') {
                continue;
            }
            match std::fs::symlink_metadata(site_dir.join(p)) {
                Ok(m) if m.file_type().is_file() => out.push(p.clone()),
                Ok(_) => return None,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(p.clone()),
                Err(_) => return None,
            }
        }
        Some(out)
    }

    fn reread(&mut self, site_dir: &Path, paths: &[PathBuf], config: &Config) {
        let mut present = Vec::new();
        for rel in paths {
            let abs = site_dir.join(rel);
            if abs.is_file() {
                present.push((abs, rel.clone()));
            } else {
                self.files.remove(rel);
            }
        }
        self.parse_into(present, config);
    }

    fn rewalk(&mut self, site_dir: &Path, config: &Config) {
        let mut walk_diags = Vec::new();
        let found = walk(site_dir, &mut walk_diags);
        self.walk_diags = walk_diags;
        self.walked = true;
        let mut keep = BTreeMap::new();
        let mut stale = Vec::new();
        // A first build has nothing to compare with: every file is read.
        let stamps: Vec<Option<Stamp>> = if self.files.is_empty() {
            vec![None; found.len()]
        } else {
            found.par_iter().map(|(abs, _)| stamp(abs)).collect()
        };
        for ((abs, rel), now) in found.into_iter().zip(stamps) {
            match self.files.remove(&rel) {
                Some(c) if now.is_some() && c.stamp == now => {
                    keep.insert(rel, c);
                }
                _ => stale.push((abs, rel)),
            }
        }
        self.files = keep;
        self.parse_into(stale, config);
    }

    fn parse_into(&mut self, files: Vec<(PathBuf, PathBuf)>, config: &Config) {
        // Taken before the files are read: a file changed while it is read
        // gets a stamp that differs from its next one.
        let stamps: Vec<Option<Stamp>> =
            if self.one_shot { vec![None; files.len()] } else { files.par_iter().map(|(abs, _)| stamp(abs)).collect() };
        let loaded = load_files(&files, config, self.front_only);
        let revision = &mut self.next_revision;
        let entries = files.into_iter().zip(stamps).zip(loaded).map(|(((_, rel), stamp), (page, diags))| {
            *revision += 1;
            let page = page.map(|mut p| {
                p.revision = *revision;
                Arc::new(p)
            });
            (rel, Cached { stamp, page, diags })
        });
        if self.files.is_empty() {
            // A first build: the walk's list is already in the map's order
            // (file names sorted within each folder, folder by folder), so
            // collecting sorts it with one comparison per file and builds
            // the map in one pass, where inserting searched it for every
            // file (at 10,000 pages, comparing paths component by component
            // was a fortieth of the CPU time, on one thread).
            self.files = entries.collect();
        } else {
            self.files.extend(entries);
        }
    }
}
