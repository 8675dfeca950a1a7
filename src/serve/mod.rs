//! `alumni serve`: build the site in memory, serve it over HTTP, rebuild on
//! every change and tell open pages to reload. Three threads share one
//! `ServeState`: the HTTP server (`http`, `live`), the rebuild loop
//! (`rebuild`, fed by `watch`) and the caller, who holds the `Handle`.

mod conns;
mod console;
mod http;
mod live;
mod overlay;
mod rebuild;
mod resolve;
mod state;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

pub use console::Console;

use crate::build::BuildOptions;
use crate::config::BaseUrl;
use crate::i18n::{Lang, Text};
use crate::incremental::Session;
use crate::msg;
use state::ServeState;

pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the default one are tried when it is taken.
const PORT_TRIES: u16 = 10;

/// Everything `serve` needs to know; the CLI fills it from the command line.
#[derive(Clone)]
pub struct ServeOptions {
    /// The site, drafts, as-of and an explicit `--base-url` (else the
    /// preview's own address is used, with the configured base path).
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
    /// When `port` is taken, try the next ones (the default port only:
    /// a port the user asked for is an error when taken).
    pub next_free_port: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Saves closer together than this make one rebuild.
    pub debounce: Duration,
    /// Stop on Ctrl-C (SIGINT) and SIGTERM. The CLI wants this; tests do not.
    pub stop_on_signals: bool,
    pub console: Console,
    /// The language of the terminal messages, the error overlay and page.
    pub lang: Lang,
}

impl ServeOptions {
    pub fn new(site_dir: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            build: BuildOptions { site_dir: site_dir.into(), ..BuildOptions::default() },
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            next_free_port: true,
            open: false,
            debounce: Duration::from_millis(100),
            stop_on_signals: false,
            console: Console::stderr(),
            lang: Lang::default(),
        }
    }
}

/// Why `serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    SiteMissing(PathBuf),
    PortInUse { addr: SocketAddr, tried: u16 },
    Bind { addr: SocketAddr, error: std::io::Error },
    Watch(String),
    Server(std::io::Error),
}

impl ServeError {
    /// What went wrong, in words chosen when printed.
    pub fn text(&self) -> Text {
        match self {
            ServeError::SiteMissing(p) => msg!("serve-site-missing", dir = p),
            ServeError::PortInUse { addr, tried: 1 } => {
                msg!("serve-port-in-use", port = addr.port(), ip = addr.ip().to_string())
            }
            ServeError::PortInUse { addr, tried } => msg!(
                "serve-ports-in-use",
                first = addr.port(),
                last = addr.port() + (tried - 1),
                ip = addr.ip().to_string()
            ),
            ServeError::Bind { addr, error } => {
                msg!("serve-cannot-listen", addr = addr.to_string(), detail = error.to_string())
            }
            ServeError::Watch(e) => msg!("serve-cannot-watch-site", detail = e),
            ServeError::Server(e) => msg!("serve-cannot-start", detail = e.to_string()),
        }
    }
}

/// In English (logs, tests); the CLI prints `text()` in the user's language.
impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for ServeError {}

/// A running server. `shutdown` stops it; dropping the handle does too.
pub struct Handle {
    /// The address the server listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The preview's URL, with the site's base path.
    pub url: String,
    server: Option<http::Server>,
    rebuild: Option<(watch::Stopper, JoinHandle<()>)>,
}

impl Handle {
    /// Stop serving: close live-reload connections, stop watching, wait for
    /// a rebuild in progress.
    pub fn shutdown(mut self) {
        self.stop();
    }

    /// Block until the server stops (on a signal, with `stop_on_signals`),
    /// then stop everything else. False when a part of the server crashed
    /// instead: the command must then not report success.
    pub fn wait(mut self) -> bool {
        let mut ok = true;
        if let Some(server) = self.server.take() {
            ok = server.join();
        }
        if let Some((stopper, thread)) = self.rebuild.take() {
            stopper.stop();
            ok &= thread.join().is_ok();
        }
        ok
    }

    fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
        if let Some((stopper, thread)) = self.rebuild.take() {
            stopper.stop();
            let _ = thread.join();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Start serving: listen, build once, then serve and rebuild until stopped.
/// Returns once the first build is done (failed or not) and the site is
/// being served.
pub fn start(opts: ServeOptions) -> Result<Handle, ServeError> {
    let console = opts.console.clone().in_lang(opts.lang);
    let site_dir = opts.build.site_dir.canonicalize().ok().filter(|p| p.is_dir());
    let site_dir = site_dir.ok_or_else(|| ServeError::SiteMissing(opts.build.site_dir.clone()))?;
    let listener = listen(&opts)?;
    let addr = listener.local_addr().map_err(ServeError::Server)?;
    if !addr.ip().is_loopback() {
        console.warn(msg!("serve-exposed", ip = addr.ip().to_string()));
    }
    let preview = Preview { origin: origin(addr), explicit: opts.build.base_url.clone() };
    let mut build = opts.build.clone();
    build.site_dir = site_dir.clone();
    let base_url = preview.base_url(&site_dir).unwrap_or_else(|| preview.root());
    // Where the site is (or will be, if the first build fails).
    let url = format!("{}{}", preview.origin, base_url.path);
    build.base_url = Some(base_url);
    // Watch before the first build, so that saves made while it runs are
    // not lost.
    let (watcher, stopper) = watch::Watcher::start(&site_dir, opts.debounce).map_err(ServeError::Watch)?;
    let mut session = Session::new(build);
    let first = session.rebuild(&[]);
    let access = http::Access::new(addr, opts.build.base_url.as_ref());
    let (state, closed) = ServeState::new(site_dir, access, opts.lang);
    let state = Arc::new(state);
    state.publish(&first, session.snapshot());
    console.first_build(&first);
    let server =
        http::Server::spawn(listener, state.clone(), closed, opts.stop_on_signals).map_err(ServeError::Server)?;
    let looper = rebuild::Loop { session, watcher, state, console: console.clone(), preview };
    let thread = std::thread::Builder::new()
        .name("alumni-rebuild".into())
        .spawn(move || looper.run())
        .map_err(ServeError::Server)?;
    let handle = Handle { addr, url, server: Some(server), rebuild: Some((stopper, thread)) };
    if opts.open
        && let Err(e) = opener::open_browser(&handle.url)
    {
        console.warn(msg!("serve-no-browser", detail = e.to_string(), url = &handle.url));
    }
    Ok(handle)
}

/// Bind the port asked for, or with `next_free_port` the first free one
/// after it (saying so).
fn listen(opts: &ServeOptions) -> Result<TcpListener, ServeError> {
    let tries = if opts.next_free_port && opts.port != 0 { PORT_TRIES } else { 1 };
    let first = SocketAddr::new(opts.bind, opts.port);
    for i in 0..tries {
        let Some(port) = opts.port.checked_add(i) else { break };
        let addr = SocketAddr::new(opts.bind, port);
        match TcpListener::bind(addr) {
            Ok(l) => {
                if i > 0 {
                    let text = msg!("serve-port-moved", asked = opts.port, port = port);
                    opts.console.clone().in_lang(opts.lang).warn(text);
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(error) => return Err(ServeError::Bind { addr, error }),
        }
    }
    Err(ServeError::PortInUse { addr: first, tried: tries })
}

/// `http://127.0.0.1:1111`: the origin links point at while previewing.
/// A server on all interfaces is previewed through loopback.
fn origin(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{}", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("http://[::1]:{}", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", addr.port()),
    }
}

/// The base URL pages are built with while previewing: `--base-url` when
/// given, else the preview's origin with the configured base path, so that
/// absolute links (feeds, canonical URLs) point at the preview.
struct Preview {
    origin: String,
    explicit: Option<BaseUrl>,
}

impl Preview {
    /// None when alumni.toml cannot be read (the build reports why).
    fn base_url(&self, site_dir: &Path) -> Option<BaseUrl> {
        if let Some(b) = &self.explicit {
            return Some(b.clone());
        }
        let config = crate::build::load_config(site_dir).ok()?;
        BaseUrl::parse(&format!("{}{}", self.origin, config.base_url.path)).ok()
    }

    fn root(&self) -> BaseUrl {
        BaseUrl::parse(&format!("{}/", self.origin)).expect("an IP origin is a valid URL")
    }
}
