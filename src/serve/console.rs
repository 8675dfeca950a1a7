//! What `serve` tells the person at the terminal: each rebuild, its
//! problems (in the same format as `alumni build`) and warnings. A value,
//! not the process's stderr, so that tests can read it.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diag::{Diagnostics, Format, report, stderr_wants_color};
use crate::i18n::{Lang, Text};
use crate::incremental::Rebuild;
use crate::msg;

#[derive(Clone)]
pub struct Console {
    out: Arc<Mutex<Box<dyn Write + Send>>>,
    color: bool,
    lang: Lang,
}

impl Console {
    /// The process's stderr, in colour when it is a terminal.
    pub fn stderr() -> Console {
        Console { out: Arc::new(Mutex::new(Box::new(std::io::stderr()))), color: stderr_wants_color(), lang: Lang::En }
    }

    /// Any writer, without colour (tests, logs).
    pub fn to(writer: impl Write + Send + 'static) -> Console {
        Console { out: Arc::new(Mutex::new(Box::new(writer))), color: false, lang: Lang::En }
    }

    /// The same console, speaking `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Console {
        self.lang = lang;
        self
    }

    /// One message on a line of its own.
    fn say(&self, text: Text) {
        self.line(&text.render(self.lang));
    }

    pub fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }

    pub fn warn(&self, text: impl Into<Text>) {
        self.say(msg!("serve-warning", text = text.into()));
    }

    fn diagnostics(&self, diags: &Diagnostics) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = report(diags, Format::Human, self.lang, &mut *out, self.color);
        let _ = out.flush();
    }

    pub(super) fn first_build(&self, r: &Rebuild) {
        self.diagnostics(&r.diags);
        if r.ok() {
            self.say(msg!("serve-built", files = r.changed.len(), ms = r.took.as_millis()));
        } else {
            self.say(msg!("serve-first-build-failed", errors = r.diags.error_count()));
        }
    }

    /// One line per rebuild (after its problems): what triggered it and
    /// what it did. `was_failing`: the rebuild before had errors.
    pub(super) fn rebuilt(&self, site_dir: &Path, changed: &[std::path::PathBuf], r: &Rebuild, was_failing: bool) {
        self.diagnostics(&r.diags);
        let why = triggers(site_dir, changed);
        let took = r.took.as_millis();
        let fixed = if was_failing && r.ok() { "yes" } else { "no" };
        if !r.ok() {
            self.say(msg!("serve-rebuild-failed", why = why, errors = r.diags.error_count()));
        } else {
            self.say(msg!("serve-rebuilt", why = why, ms = took, fixed = fixed, files = r.changed.len()));
        }
    }
}

/// "content/a.md, static/b.css and 3 more changed", relative to the site.
fn triggers(site_dir: &Path, changed: &[std::path::PathBuf]) -> Text {
    if changed.is_empty() {
        return msg!("serve-trigger-unknown");
    }
    let shown: Vec<String> =
        changed.iter().take(3).map(|p| p.strip_prefix(site_dir).unwrap_or(p).display().to_string()).collect();
    msg!("serve-trigger", files = shown.join(", "), more = changed.len().saturating_sub(3))
}
