//! The rebuild loop: wait for a batch of changed sources, rebuild through
//! the `Session`, publish the result to the server and the terminal. Runs on
//! its own thread, so a long rebuild never blocks a request (requests are
//! answered from the previous snapshot meanwhile).

use std::sync::Arc;

use super::state::ServeState;
use super::watch::{Batch, Watcher};
use super::{Console, Preview};
use crate::incremental::Session;

pub struct Loop {
    pub session: Session,
    pub watcher: Watcher,
    pub state: Arc<ServeState>,
    pub console: Console,
    pub preview: Preview,
}

impl Loop {
    pub fn run(mut self) {
        while let Some(batch) = self.watcher.next_batch() {
            for p in &batch.problems {
                self.console.warn(p.clone());
            }
            self.follow_base_path(&batch);
            // An empty list means "anything may have changed".
            let paths = if batch.rescan { Vec::new() } else { batch.paths.clone() };
            let result = self.session.rebuild(&paths);
            // The terminal first: whoever sees the page reload can rely on
            // the report being there.
            let was_failing = self.state.current().overlay.is_some();
            self.console.rebuilt(&self.state.site_dir, &batch.paths, &result, was_failing);
            self.state.publish(&result, self.session.snapshot());
        }
    }

    /// The preview's base URL carries the configured base path; when
    /// alumni.toml changes it, the session starts over with the new one.
    fn follow_base_path(&mut self, batch: &Batch) {
        let config = self.state.site_dir.join(crate::config::CONFIG_FILE);
        if !batch.rescan && !batch.paths.contains(&config) {
            return;
        }
        let Some(base) = self.preview.base_url(&self.state.site_dir) else { return };
        if self.session.options().base_url.as_ref() != Some(&base) {
            let mut opts = self.session.options().clone();
            opts.base_url = Some(base);
            self.session = Session::new(opts);
        }
    }
}
