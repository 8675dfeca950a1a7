//! Rebuilding in memory, for `serve`: a `Session` keeps the last good site
//! and, on every change, produces a new immutable `Snapshot` that the HTTP
//! server can hand out while the next rebuild runs. A failed rebuild keeps
//! the previous snapshot.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod caches;
mod quick;

pub use caches::Caches;
pub(crate) use caches::{CachedTheme, Last, LastParts};

use crate::build::{BuildOptions, generate_with};
use crate::diag::Diagnostics;
use crate::theme::StaticSource;

/// The body of one served file.
#[derive(Debug, Clone)]
pub enum Body {
    /// Generated in memory (pages, feeds, calendars).
    Generated(Arc<Vec<u8>>),
    /// A static file, read from its source when requested.
    Static(StaticSource),
}

/// A complete site as the server sees it: output path -> body. Cheap to
/// clone; never changes once made.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Relative to the output root, `/`-separated (`events/x/index.html`).
    pub files: Arc<HashMap<String, Body>>,
    /// The URL path the site lives under (`/` or `/alumni/`).
    pub base_path: String,
    /// Counts successful rebuilds, starting at 1.
    pub generation: u64,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    /// Errors, warnings and notes; with errors, the snapshot did not change.
    pub diags: Diagnostics,
    /// Output paths that were added, changed or removed (empty on failure).
    pub changed: Vec<String>,
    /// How long the rebuild took.
    pub took: Duration,
}

impl Rebuild {
    pub fn ok(&self) -> bool {
        !self.diags.has_errors()
    }

    /// Only stylesheets changed: clients can swap CSS without a reload.
    pub fn css_only(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// The state kept between rebuilds.
pub struct Session {
    opts: BuildOptions,
    /// The site folder, absolute, to make the watcher's paths relative.
    roots: Vec<PathBuf>,
    caches: Caches,
    snapshot: Snapshot,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        let abs = crate::output::absolute(&opts.site_dir);
        let mut roots = vec![abs.clone()];
        if let Ok(cwd) = std::env::current_dir() {
            let plain = cwd.join(&opts.site_dir);
            if plain != abs {
                roots.push(plain);
            }
        }
        Session { opts, roots, caches: Caches::default(), snapshot: Snapshot::default() }
    }

    /// `paths` relative to the site folder; `None` when one of them is not
    /// inside it (then everything is looked at again).
    fn relative(&self, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
        if paths.is_empty() {
            return None;
        }
        paths
            .iter()
            .map(|p| {
                if p.is_relative() {
                    return Some(p.clone());
                }
                self.roots.iter().find_map(|r| p.strip_prefix(r).ok()).map(std::path::Path::to_path_buf)
            })
            .collect()
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The options of one rebuild. Without `--as-of`, "now" is the current
    /// minute: rebuilds within a minute see the same site, so an edit of a
    /// page's text can take the quick path (see `quick`).
    fn options_now(&self) -> BuildOptions {
        let mut opts = self.opts.clone();
        if opts.as_of.is_none() {
            let now = jiff::Timestamp::now().as_second();
            let minute = jiff::Timestamp::from_second(now - now.rem_euclid(60)).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            opts.as_of = Some(minute.to_string());
        }
        opts
    }

    /// Put the outputs of a quick rebuild into a new snapshot.
    fn apply(&mut self, q: quick::Quick, start: Instant) -> Rebuild {
        let mut diags = Diagnostics::new();
        diags.extend(q.diags);
        diags.sort();
        if diags.has_errors() {
            return Rebuild { diags, changed: Vec::new(), took: start.elapsed() };
        }
        let mut changed = Vec::new();
        let mut files = self.snapshot.files.clone();
        let map = Arc::make_mut(&mut files);
        for f in q.files {
            let same = matches!(map.get(&f.path), Some(Body::Generated(old)) if **old == *f.bytes);
            if !same {
                changed.push(f.path.clone());
                map.insert(f.path, Body::Generated(f.bytes));
            }
        }
        changed.sort();
        if !changed.is_empty() {
            self.snapshot = Snapshot { files, generation: self.snapshot.generation + 1, ..self.snapshot.clone() };
        }
        Rebuild { diags, changed, took: start.elapsed() }
    }

    /// The last good site (empty before the first successful build).
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.clone()
    }

    /// Rebuild after `changed` source paths (relative to the site folder or
    /// absolute) changed. An empty list means "anything may have changed".
    pub fn rebuild(&mut self, changed_paths: &[PathBuf]) -> Rebuild {
        let start = Instant::now();
        let relative = self.relative(changed_paths);
        let opts = self.options_now();
        if let Some(q) = relative.as_deref().and_then(|rel| quick::rebuild(&opts, &mut self.caches, rel)) {
            return self.apply(q, start);
        }
        let (generated, diags) = generate_with(&opts, &mut self.caches, relative.as_deref());
        let Some(g) = generated else {
            return Rebuild { diags, changed: Vec::new(), took: start.elapsed() };
        };
        let mut files: HashMap<String, Body> = HashMap::with_capacity(g.files.len() + g.site.static_files.len());
        for s in &g.site.static_files {
            files.insert(s.out_path.clone(), Body::Static(s.source.clone()));
        }
        for f in g.files {
            files.insert(f.path, Body::Generated(f.bytes));
        }
        let mut changed = diff(&self.snapshot.files, &files);
        // Static files are read when served, so only the watcher knows that
        // one changed on disk.
        for rel in relative.iter().flatten() {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let out = rel
                .strip_prefix("static/")
                .or_else(|| rel.strip_prefix("themes/").and_then(|r| r.split_once("/static/").map(|(_, o)| o)));
            if let Some(out) = out
                && files.contains_key(out)
                && !changed.iter().any(|c| c == out)
            {
                changed.push(out.to_string());
            }
        }
        changed.sort();
        self.snapshot = Snapshot {
            files: Arc::new(files),
            base_path: g.site.config.base_url.path.clone(),
            generation: self.snapshot.generation + 1,
        };
        Rebuild { diags, changed, took: start.elapsed() }
    }
}

/// Paths whose body differs between two sites, sorted.
fn diff(old: &HashMap<String, Body>, new: &HashMap<String, Body>) -> Vec<String> {
    let same = |a: &Body, b: &Body| match (a, b) {
        (Body::Generated(x), Body::Generated(y)) => Arc::ptr_eq(x, y) || x == y,
        // A static file may have changed on disk: the watcher says so by
        // passing its path; treat statics as changed only when listed.
        (Body::Static(StaticSource::Disk(x)), Body::Static(StaticSource::Disk(y))) => x == y,
        (Body::Static(StaticSource::Embedded(x)), Body::Static(StaticSource::Embedded(y))) => x == y,
        _ => false,
    };
    let mut out: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_none_or(|o| !same(o, v)))
        .map(|(k, _)| k.clone())
        .chain(old.keys().filter(|k| !new.contains_key(*k)).cloned())
        .collect();
    out.sort();
    out
}
