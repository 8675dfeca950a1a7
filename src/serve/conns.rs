//! What a client can hold of the preview server: connections are counted
//! against a limit kept below the process's file descriptor limit, a
//! connection that sends no request for a while is closed, and when the
//! limit is reached the connection idle the longest makes room for the new
//! one, so a pile of held connections never stops the preview (or crashes
//! it: a server out of descriptors cannot even accept to refuse).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// A connection that has sent no complete request for this long is closed
/// (it covers a request head that never ends and an idle keep-alive).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Descriptors left for everything else: the watcher, reading the site
/// during rebuilds, static files being served.
const RESERVED_FDS: u64 = 64;
/// More connections than a preview needs, whatever the limit allows.
const MAX_CONNECTIONS: u64 = 512;

/// The connections of one server.
pub struct Gate {
    slots: Arc<Semaphore>,
    open: Mutex<BTreeMap<u64, Arc<Activity>>>,
    next: AtomicU64,
    /// Live-reload sockets open now; they may take half the slots.
    live: AtomicUsize,
    max: usize,
}

/// One connection's state, seen by the gate (to pick one to close) and by
/// the connection's task (to close itself when idle).
pub struct Activity {
    /// Requests being answered right now.
    busy: AtomicUsize,
    /// When the last request ended (or the connection was accepted).
    last: Mutex<Instant>,
    /// Asks the connection's task to close it.
    pub close: Notify,
}

impl Activity {
    /// Whether the connection has been without a request for `IDLE_TIMEOUT`.
    pub fn timed_out(&self) -> bool {
        self.busy.load(Ordering::Acquire) == 0
            && self.last.lock().unwrap_or_else(|e| e.into_inner()).elapsed() >= IDLE_TIMEOUT
    }

    /// Held while a request is answered.
    pub fn busy(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::AcqRel);
        Busy(self.clone())
    }
}

pub struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.last.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A connection's slot, passed to its requests: a live-reload socket takes
/// it along when the connection becomes a WebSocket, so the slot stays
/// counted while the socket is open.
#[derive(Clone)]
pub struct Lease(Arc<Mutex<Option<OwnedSemaphorePermit>>>, Arc<Gate>);

impl Lease {
    /// The slot for a live-reload socket, unless such sockets already hold
    /// half of them (then the page simply does not reload by itself).
    pub fn take_for_live(&self) -> Option<LiveSlot> {
        let gate = &self.1;
        if gate.live.fetch_add(1, Ordering::AcqRel) >= gate.max / 2 {
            gate.live.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let permit = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        Some(LiveSlot(permit, gate.clone()))
    }
}

pub struct LiveSlot(#[allow(dead_code)] Option<OwnedSemaphorePermit>, Arc<Gate>);

impl Drop for LiveSlot {
    fn drop(&mut self) {
        self.1.live.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    pub fn new(max: usize) -> Arc<Gate> {
        let max = max.max(2);
        Arc::new(Gate {
            slots: Arc::new(Semaphore::new(max)),
            open: Mutex::default(),
            next: AtomicU64::new(0),
            live: AtomicUsize::new(0),
            max,
        })
    }

    /// A gate sized by this process's descriptor limit.
    pub fn for_this_process() -> Arc<Gate> {
        Gate::new(connection_limit(fd_limit()))
    }

    /// A free slot; at the limit, the longest idle connection is closed to
    /// make one.
    pub async fn slot(&self) -> Option<OwnedSemaphorePermit> {
        if let Ok(p) = self.slots.clone().try_acquire_owned() {
            return Some(p);
        }
        self.close_idlest();
        self.slots.clone().acquire_owned().await.ok()
    }

    /// Register an accepted connection holding `permit`.
    pub fn enter(self: &Arc<Self>, permit: OwnedSemaphorePermit) -> (Entry, Lease) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let activity =
            Arc::new(Activity { busy: AtomicUsize::new(0), last: Mutex::new(Instant::now()), close: Notify::new() });
        self.open.lock().unwrap_or_else(|e| e.into_inner()).insert(id, activity.clone());
        let lease = Lease(Arc::new(Mutex::new(Some(permit))), self.clone());
        (Entry { id, activity, gate: self.clone() }, lease)
    }

    /// Close the connection that has waited longest without a request in
    /// flight; false when every connection is busy.
    pub fn close_idlest(&self) -> bool {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idlest = open
            .values()
            .filter(|a| a.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|a| *a.last.lock().unwrap_or_else(|e| e.into_inner()));
        match idlest {
            Some(a) => {
                a.close.notify_one();
                true
            }
            None => false,
        }
    }
}

/// A connection's place in the gate; leaving it (drop) unregisters it.
pub struct Entry {
    id: u64,
    pub activity: Arc<Activity>,
    gate: Arc<Gate>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.gate.open.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.id);
    }
}

/// How many connections to allow with `fds` descriptors: enough stay free
/// for the rest of the server.
fn connection_limit(fds: u64) -> usize {
    fds.saturating_sub(RESERVED_FDS).clamp(2, MAX_CONNECTIONS) as usize
}

/// The soft limit on open descriptors (RLIMIT_NOFILE).
#[cfg(target_os = "linux")]
fn fd_limit() -> u64 {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes one plain struct we own.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } == 0;
    if ok { lim.rlim_cur } else { 256 }
}

/// Elsewhere, the smallest common default (macOS: 256).
#[cfg(not(target_os = "linux"))]
fn fd_limit() -> u64 {
    256
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_stays_below_the_descriptors() {
        assert_eq!(connection_limit(128), 64);
        assert_eq!(connection_limit(1024), 512);
        assert_eq!(connection_limit(10), 2);
    }
}
