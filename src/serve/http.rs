//! The HTTP side of `serve`: axum on a single-threaded tokio runtime in its
//! own thread. It serves the current snapshot from memory (static files are
//! read from their source when asked for), refuses requests for other host
//! names (DNS rebinding), and never lets a browser cache anything.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, oneshot, watch};

use super::conns::{Gate, IDLE_TIMEOUT};
use super::live;
use super::resolve::{Resolved, content_type, resolve};
use super::state::{Closed, ServeState};
use crate::config::BaseUrl;
use crate::incremental::Body;
use crate::sitefs::SiteFs;
use crate::theme::StaticSource;

/// Host names a request may be addressed to. A web page on another site can
/// make its own host name resolve to 127.0.0.1 (DNS rebinding); its requests
/// then carry that name, which is not on this list.
#[derive(Debug, Clone)]
pub struct Access {
    hosts: Vec<String>,
    /// Listening on all interfaces: any IP address is fine (rebinding needs
    /// a name).
    any_ip: bool,
}

impl Access {
    pub fn new(addr: SocketAddr, base_url: Option<&BaseUrl>) -> Access {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(String::from).to_vec();
        hosts.push(match addr.ip() {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        });
        // `--base-url http://my-machine.local:1111/` previews under that name.
        if let Some(host) = base_url.and_then(|b| url::Url::parse(&b.full).ok()?.host_str().map(str::to_string)) {
            hosts.push(host.to_ascii_lowercase());
        }
        Access { hosts, any_ip: addr.ip().is_unspecified() }
    }

    /// Whether a `Host` header (name and optional port) is acceptable.
    pub fn allows(&self, host_header: &str) -> bool {
        let host = host_header.trim().to_ascii_lowercase();
        let name = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or("")
        } else {
            host.split(':').next().unwrap_or("")
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        if name.is_empty() {
            return false;
        }
        if self.any_ip && name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok() {
            return true;
        }
        self.hosts.iter().any(|h| h == name)
    }
}

/// The running HTTP server thread.
pub struct Server {
    stop: Option<oneshot::Sender<()>>,
    thread: JoinHandle<()>,
}

impl Server {
    pub fn spawn(
        listener: std::net::TcpListener,
        state: Arc<ServeState>,
        closed: Closed,
        signals: bool,
    ) -> std::io::Result<Server> {
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new().name("alumni-http".into()).spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                let app = router(state.clone());
                let (halt, halted) = watch::channel(false);
                let shutdown = {
                    let state = state.clone();
                    async move {
                        stop_requested(stopped, signals).await;
                        state.stop_connections();
                        let _ = halt.send(true);
                    }
                };
                tokio::spawn(shutdown);
                accept_loop(listener, app, Gate::for_this_process(), halted).await;
                closed.wait().await;
            });
        })?;
        Ok(Server { stop: Some(stop), thread })
    }

    /// Stop accepting, finish requests in flight, close live-reload
    /// connections, and wait for all that.
    pub fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = self.thread.join();
    }

    /// Wait until the server stops by itself (on a signal); false when its
    /// thread ended by a panic.
    pub fn join(self) -> bool {
        self.thread.join().is_ok()
    }
}

/// Resolves once the server is told to stop.
async fn stopping(halted: &mut watch::Receiver<bool>) {
    let _ = halted.wait_for(|h| *h).await;
}

/// How long requests in flight may take to finish when the server stops.
const GRACE: Duration = Duration::from_secs(5);

/// Accept connections until `halted`, each in a task of its own, never more
/// at once than the gate allows.
async fn accept_loop(listener: TcpListener, app: Router, gate: Arc<Gate>, mut halted: watch::Receiver<bool>) {
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let permit = tokio::select! {
            p = gate.slot() => p,
            _ = stopping(&mut halted) => None,
        };
        let Some(permit) = permit else { break };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stopping(&mut halted) => break,
        };
        match accepted {
            Ok((stream, _)) => {
                tasks.spawn(connection(stream, permit, gate.clone(), app.clone(), halted.clone()));
            }
            // Out of descriptors (other parts of the process hold some) or
            // an aborted handshake: make room and try again shortly.
            Err(_) => {
                drop(permit);
                gate.close_idlest();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        while tasks.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = tokio::time::timeout(GRACE + Duration::from_secs(1), async { while tasks.join_next().await.is_some() {} })
        .await;
}

/// Serve one connection until the client closes it, it stays idle too long,
/// the gate needs its slot, or the server stops.
async fn connection(
    stream: TcpStream,
    permit: OwnedSemaphorePermit,
    gate: Arc<Gate>,
    app: Router,
    mut halted: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let (entry, lease) = gate.enter(permit);
    let activity = entry.activity.clone();
    let app = TowerToHyperService::new(app);
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let busy = activity.busy();
        let mut request = request.map(HttpBody::new);
        request.extensions_mut().insert(lease.clone());
        let answer = hyper::service::Service::call(&app, request);
        async move {
            let response = answer.await;
            drop(busy);
            response
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(IDLE_TIMEOUT);
    let conn = http.serve_connection(TokioIo::new(stream), service).with_upgrades();
    tokio::pin!(conn);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            _ = entry.activity.close.notified() => break,
            _ = stopping(&mut halted) => {
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(GRACE, conn.as_mut()).await;
                break;
            }
            _ = tick.tick() => if entry.activity.timed_out() { break },
        }
    }
}

async fn stop_requested(stopped: oneshot::Receiver<()>, signals: bool) {
    if !signals {
        let _ = stopped.await;
        return;
    }
    tokio::select! {
        _ = stopped => {}
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate() => {}
    }
}

#[cfg(unix)]
async fn terminate() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending().await
}

fn router(state: Arc<ServeState>) -> Router {
    Router::new()
        .route(live::SOCKET_PATH, get(live::socket))
        .route(live::SCRIPT_PATH, get(live::script))
        .route(live::STYLE_PATH, get(live::style))
        .fallback(site)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Every request: the host must be ours; every response: no caching, no
/// content sniffing.
async fn guard(State(state): State<Arc<ServeState>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let mut response = if state.access.allows(host) {
        next.run(request).await
    } else {
        let text = format!(
            "alumni serve: requests for host `{host}` are refused (only local names are served, against DNS rebinding)\n"
        );
        (StatusCode::FORBIDDEN, text).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Any other path: a file of the site.
async fn site(State(state): State<Arc<ServeState>>, method: Method, uri: axum::http::Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let current = state.current();
    let Some(snapshot) = &current.snapshot else {
        // No build has succeeded yet: every URL shows the errors.
        let body = live::inject(super::overlay::error_page(state.lang).as_bytes(), &current, &state.server_id);
        return respond(&method, StatusCode::INTERNAL_SERVER_ERROR, "x.html", body);
    };
    let (status, key) = match resolve(uri.path(), snapshot) {
        Resolved::File(key) => (StatusCode::OK, key),
        Resolved::Redirect(to) => return redirect(&to, uri.query()),
        Resolved::NotFound(Some(page)) => (StatusCode::NOT_FOUND, page),
        Resolved::NotFound(None) => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        Resolved::BadRequest(why) => return (StatusCode::BAD_REQUEST, format!("bad request: {why}\n")).into_response(),
    };
    let Some(bytes) = read(&state, snapshot.files.get(&key)).await else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let bytes = if content_type(&key).starts_with("text/html") {
        live::inject(&bytes, &current, &state.server_id)
    } else {
        bytes
    };
    respond(&method, status, &key, bytes)
}

/// The bytes of a file of the snapshot. A static file is read now, under
/// the symlink policy (`sitefs`: a link swapped in since the last rebuild
/// cannot lead elsewhere).
async fn read(state: &ServeState, body: Option<&Body>) -> Option<Vec<u8>> {
    match body? {
        Body::Generated(b) => Some(b.to_vec()),
        Body::Static(StaticSource::Embedded(b)) => Some(b.to_vec()),
        Body::Static(StaticSource::Disk(path)) => {
            let (site, path) = (state.site_dir.clone(), path.clone());
            tokio::task::spawn_blocking(move || SiteFs::new(&site).read(&path).ok()).await.ok()?
        }
    }
}

fn respond(method: &Method, status: StatusCode, key: &str, bytes: Vec<u8>) -> Response {
    let len = bytes.len();
    let body = if method == Method::HEAD { HttpBody::empty() } else { HttpBody::from(bytes) };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(key))
        .header(header::CONTENT_LENGTH, len)
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A temporary redirect: the folder may become a file in the next rebuild.
fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad request\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_allow_list() {
        let local = Access::new("127.0.0.1:1111".parse().unwrap(), None);
        for ok in ["localhost:1111", "127.0.0.1:1111", "[::1]:1111", "LOCALHOST", "localhost."] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in ["evil.example:1111", "", "127.0.0.2:1111", "localhost.evil.example", "10.0.0.5:1111"] {
            assert!(!local.allows(bad), "{bad}");
        }
        let all = Access::new("0.0.0.0:1111".parse().unwrap(), None);
        assert!(all.allows("192.168.1.20:1111") && all.allows("[fe80::1]:1111") && !all.allows("evil.example"));
        let named =
            Access::new("0.0.0.0:1111".parse().unwrap(), Some(&BaseUrl::parse("http://box.local:1111/").unwrap()));
        assert!(named.allows("box.local:1111"));
    }
}
