//! What `serve` tells the person at the terminal: each rebuild, its
//! problems (in the same format as `alumni build`) and warnings. A value,
//! not the process's stderr, so that tests can read it.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diag::{Diagnostics, Format, report, stderr_wants_color};
use crate::incremental::Rebuild;

#[derive(Clone)]
pub struct Console {
    out: Arc<Mutex<Box<dyn Write + Send>>>,
    color: bool,
}

impl Console {
    /// The process's stderr, in colour when it is a terminal.
    pub fn stderr() -> Console {
        Console { out: Arc::new(Mutex::new(Box::new(std::io::stderr()))), color: stderr_wants_color() }
    }

    /// Any writer, without colour (tests, logs).
    pub fn to(writer: impl Write + Send + 'static) -> Console {
        Console { out: Arc::new(Mutex::new(Box::new(writer))), color: false }
    }

    pub fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }

    pub fn warn(&self, text: &str) {
        self.line(&format!("warning: {text}"));
    }

    fn diagnostics(&self, diags: &Diagnostics) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = report(diags, Format::Human, &mut *out, self.color);
        let _ = out.flush();
    }

    pub(super) fn first_build(&self, r: &Rebuild) {
        self.diagnostics(&r.diags);
        if r.ok() {
            self.line(&format!("Built the site ({}) in {} ms", files(r.changed.len()), r.took.as_millis()));
            self.minifying(None, r.unminifiable.as_deref());
        } else {
            self.line(&format!(
                "The site has {}: every page shows them until they are fixed (watching for changes)",
                count(r.diags.error_count(), "error")
            ));
        }
    }

    /// The note of `theme::unminifiable_note` when a build starts to need
    /// it (or names another template), and a line when it no longer does.
    pub(super) fn minifying(&self, before: Option<&Path>, now: Option<&Path>) {
        match now {
            Some(t) if before != now => self.line(&crate::theme::unminifiable_note(t)),
            None if before.is_some() => self.line("Every template can be minified before rendering again"),
            _ => {}
        }
    }

    /// One line per rebuild (after its problems): what triggered it and
    /// what it did. `was_failing`: the rebuild before had errors.
    pub(super) fn rebuilt(&self, site_dir: &Path, changed: &[std::path::PathBuf], r: &Rebuild, was_failing: bool) {
        self.diagnostics(&r.diags);
        let why = triggers(site_dir, changed);
        let took = r.took.as_millis();
        let fixed = if was_failing && r.ok() { "errors fixed, " } else { "" };
        if !r.ok() {
            self.line(&format!(
                "Rebuild after {why} failed with {}; still serving the last good site, with the errors shown on every page",
                count(r.diags.error_count(), "error")
            ));
        } else if r.changed.is_empty() {
            self.line(&format!("Rebuilt after {why} in {took} ms: {fixed}no page changed"));
        } else {
            self.line(&format!("Rebuilt after {why} in {took} ms: {fixed}{} updated", files(r.changed.len())));
        }
    }
}

/// "content/a.md, static/b.css and 3 more changed", relative to the site.
fn triggers(site_dir: &Path, changed: &[std::path::PathBuf]) -> String {
    if changed.is_empty() {
        return "a change".to_string();
    }
    let shown: Vec<String> =
        changed.iter().take(3).map(|p| p.strip_prefix(site_dir).unwrap_or(p).display().to_string()).collect();
    match changed.len() {
        n if n > 3 => format!("changes to {} and {} more", shown.join(", "), n - 3),
        _ => format!("changes to {}", shown.join(", ")),
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn files(n: usize) -> String {
    count(n, "file")
}
