//! The state the HTTP server and the rebuild loop share: the site being
//! served, the errors of the last rebuild, and the channel that tells open
//! pages to reload. Passed around in an `Arc`; nothing here is global.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use serde_json::json;
use tokio::sync::{broadcast, mpsc, watch};

use super::http::Access;
use crate::i18n::Lang;
use crate::incremental::{Rebuild, Snapshot};

/// What is served right now. Replaced whole on every rebuild, so a request
/// sees one consistent site.
#[derive(Default)]
pub struct Current {
    /// The last good site; None until a build succeeded.
    pub snapshot: Option<Snapshot>,
    /// The overlay listing the last rebuild's errors, if it failed.
    pub overlay: Option<Arc<str>>,
    /// Changes whenever what a page shows changes; pages carry the version
    /// they were served at, so a page that missed a reload notices.
    pub version: u64,
}

pub struct ServeState {
    current: RwLock<Arc<Current>>,
    /// Live-reload messages (JSON text) for every open page.
    messages: broadcast::Sender<Arc<str>>,
    /// Tells the live-reload connections that the server is stopping.
    stopping: watch::Sender<bool>,
    /// Each live-reload connection holds a clone; the server waits for all
    /// of them to be dropped before it stops.
    connections: Mutex<Option<mpsc::Sender<()>>>,
    /// Tells pages that the server restarted (they then reload).
    pub server_id: String,
    /// The canonical site folder: static files are only read from inside it.
    pub site_dir: PathBuf,
    pub access: Access,
    /// The language of the error overlay and error page.
    pub lang: Lang,
}

/// Resolves once every live-reload connection has closed.
pub struct Closed(mpsc::Receiver<()>);

impl Closed {
    pub async fn wait(mut self) {
        while self.0.recv().await.is_some() {}
    }
}

impl ServeState {
    pub fn new(site_dir: PathBuf, access: Access, lang: Lang) -> (ServeState, Closed) {
        let (messages, _) = broadcast::channel(16);
        let (stopping, _) = watch::channel(false);
        let (tx, rx) = mpsc::channel(1);
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let state = ServeState {
            current: RwLock::new(Arc::new(Current::default())),
            messages,
            stopping,
            connections: Mutex::new(Some(tx)),
            server_id: format!("{:x}-{:x}", std::process::id(), now.as_nanos()),
            site_dir,
            access,
            lang,
        };
        (state, Closed(rx))
    }

    pub fn current(&self) -> Arc<Current> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Serve the outcome of a rebuild and tell open pages what to do.
    pub fn publish(&self, rebuild: &Rebuild, snapshot: Snapshot) {
        let mut slot = self.current.write().unwrap_or_else(|e| e.into_inner());
        let old = slot.clone();
        let over_site = old.snapshot.is_some();
        let overlay: Option<Arc<str>> =
            (!rebuild.ok()).then(|| super::overlay::render(&rebuild.diags, over_site, self.lang).into());
        let overlay_changed = overlay.as_deref() != old.overlay.as_deref();
        if rebuild.ok() && rebuild.changed.is_empty() && !overlay_changed {
            return; // nothing a page shows changed: no reload
        }
        let version = old.version + 1;
        let snapshot = if rebuild.ok() { Some(snapshot) } else { old.snapshot.clone() };
        let message = if rebuild.css_only() && !overlay_changed {
            let base = snapshot.as_ref().map_or("/", |s| s.base_path.as_str());
            let paths: Vec<String> = rebuild.changed.iter().map(|p| format!("{base}{p}")).collect();
            json!({"type": "css", "paths": paths, "version": version})
        } else {
            json!({"type": "reload", "version": version})
        };
        *slot = Arc::new(Current { snapshot, overlay, version });
        drop(slot);
        // No receivers (no page open) is fine.
        let _ = self.messages.send(message.to_string().into());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.messages.subscribe()
    }

    /// The first message of a live-reload connection.
    pub fn hello(&self) -> String {
        json!({"type": "hello", "server": self.server_id, "version": self.current().version}).to_string()
    }

    /// For a live-reload connection: resolves when the server stops, and a
    /// token to hold while open.
    pub fn connection(&self) -> Option<(watch::Receiver<bool>, mpsc::Sender<()>)> {
        let token = self.connections.lock().unwrap_or_else(|e| e.into_inner()).clone()?;
        Some((self.stopping.subscribe(), token))
    }

    /// Close every live-reload connection (the pages then try to reconnect).
    pub fn stop_connections(&self) {
        self.connections.lock().unwrap_or_else(|e| e.into_inner()).take();
        let _ = self.stopping.send(true);
    }
}
