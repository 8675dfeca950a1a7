//! Helpers for the serve tests: a temporary copy of a fixture site, a
//! server started in-process on a free port, an HTTP client (ureq, and raw
//! TCP for requests a client would clean up), a live-reload client, and
//! `eventually` for waiting on the watcher without timed assertions.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alumni::serve::{Console, Handle, ServeOptions, start};
use serde_json::Value;
use tungstenite::stream::MaybeTlsStream;

/// How long "eventually" may take: generous, for a loaded machine.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A copy of `tests/fixtures/<name>/` in a temporary folder.
pub struct Site {
    _tmp: tempfile::TempDir,
    /// The folder the temporary copy lives in (things "outside the site").
    pub outside: PathBuf,
    pub root: PathBuf,
}

impl Site {
    pub fn copy(name: &str) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().canonicalize().unwrap();
        let root = outside.join("site");
        copy_dir(&fixture(name), &root);
        Site { _tmp: tmp, outside, root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Write a file of the site, in place (truncate and write).
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }
}

/// A file or folder under tests/fixtures/.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A Markdown page with a title and a body.
pub fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

/// What the server printed for the person at the terminal.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// The lines reporting a rebuild (not the first build).
    pub fn rebuilds(&self) -> Vec<String> {
        self.text().lines().filter(|l| l.starts_with("Rebuil")).map(str::to_string).collect()
    }
}

pub struct Server {
    pub handle: Option<Handle>,
    pub log: Log,
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    pub port: u16,
}

/// Serve a site on a free port, with the default options.
pub fn serve(site: &Site) -> Server {
    serve_with(site, |_| {})
}

pub fn serve_with(site: &Site, tweak: impl FnOnce(&mut ServeOptions)) -> Server {
    let log = Log::default();
    let mut opts = ServeOptions::new(&site.root);
    opts.port = 0;
    opts.build.as_of = Some("2026-06-01".into());
    opts.console = Console::to(log.clone());
    tweak(&mut opts);
    let handle = start(opts).expect("the server starts");
    let port = handle.addr.port();
    Server { origin: format!("http://127.0.0.1:{port}"), port, log, handle: Some(handle) }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// GET a path (no redirects followed).
    pub fn get(&self, path: &str) -> Response {
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        let mut r = agent.get(&format!("{}{path}", self.origin)).call().expect("the server answers");
        let headers = r.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string())).collect();
        let body = r.body_mut().read_to_string().unwrap_or_default();
        Response { status: r.status().as_u16(), headers, body }
    }

    /// The body of a page that must be there.
    pub fn page(&self, path: &str) -> String {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        r.body
    }

    /// Send a request exactly as given (path and Host not cleaned up).
    pub fn raw(&self, method: &str, target: &str, host: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(s, "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|c| c.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        Response { status, headers, body: body.to_string() }
    }

    /// Wait until `path` serves a body for which `check` holds.
    pub fn eventually(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if check(&r) {
                return r;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "GET {path} never showed {what}; last answer {}:\n{}\nserver log:\n{}",
                    r.status,
                    r.body,
                    self.log.text()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn eventually_contains(&self, path: &str, text: &str) -> String {
        self.eventually(path, text, |r| r.status == 200 && r.body.contains(text)).body
    }

    pub fn live(&self) -> Live {
        Live::connect(&format!("ws://127.0.0.1:{}/__alumni/live", self.port))
    }

    pub fn stop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.shutdown();
        }
    }
}

/// A live-reload client, as the page's script is.
pub struct Live {
    ws: tungstenite::WebSocket<MaybeTlsStream<TcpStream>>,
    pub hello: Value,
}

impl Live {
    pub fn connect(url: &str) -> Live {
        let (mut ws, _) = tungstenite::connect(url).expect("live reload connects");
        if let MaybeTlsStream::Plain(s) = ws.get_mut() {
            s.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        }
        let mut live = Live { ws, hello: Value::Null };
        live.hello = live.next().expect("a hello message");
        assert_eq!(live.hello["type"], "hello", "{}", live.hello);
        live
    }

    /// The next message, or None if none came within PATIENCE (or the
    /// server closed the connection).
    pub fn next(&mut self) -> Option<Value> {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            match self.ws.read() {
                Ok(tungstenite::Message::Text(t)) => return Some(serde_json::from_str(&t).unwrap()),
                Ok(tungstenite::Message::Close(_)) => return None,
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(_) => return None,
            }
        }
        None
    }

    /// The next message, which must be of this type.
    pub fn expect(&mut self, kind: &str, log: &Log) -> Value {
        let m = self.next().unwrap_or_else(|| panic!("no `{kind}` message came; server log:\n{}", log.text()));
        assert_eq!(m["type"], kind, "{m}\nserver log:\n{}", log.text());
        m
    }

    /// Whether the server closed the connection (reads until it does).
    pub fn closed(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            match self.ws.read() {
                Ok(tungstenite::Message::Close(_)) => return true,
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(_) => return true,
            }
        }
        false
    }
}

/// The `data-version` a served page carries (for its live-reload script).
pub fn page_version(html: &str) -> u64 {
    let at = html.find("data-version=\"").expect("the live-reload script is on the page") + 14;
    html[at..].split('"').next().unwrap().parse().unwrap()
}
