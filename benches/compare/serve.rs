//! Serve mode: how long from saving a file to the new page being served and
//! the reload message being sent. Starts `alumni serve`, waits for the first
//! build, then edits one Markdown file (and then one template) again and
//! again, each time appending a unique marker, polling the page until the
//! marker is served and listening on the live-reload channel (SSE or
//! WebSocket, found in the served page's reload script).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::measure::output;

pub struct Options<'a> {
    pub alumni: &'a Path,
    pub site: &'a Path,
    /// A content file of the site and the URL path of its page.
    pub page_file: PathBuf,
    pub page_url: String,
    /// The template to edit (copied into the site's templates/ first when
    /// it comes from a theme).
    pub template: Template,
    pub as_of: &'a str,
    pub edits: usize,
    pub template_edits: usize,
}

pub struct Template {
    /// The file the site will read (site `templates/` or the site's theme).
    pub file: PathBuf,
    /// Its original text, to restore afterwards.
    pub original: String,
}

/// Milliseconds from the save, per edit.
pub struct Edits {
    pub served: Vec<f64>,
    /// None for an edit whose reload message never came.
    pub reload: Vec<Option<f64>>,
    /// The rebuild's own duration, as the server printed it.
    pub rebuild: Vec<f64>,
}

pub struct Report {
    pub first_build: f64,
    pub channel: String,
    pub debounce: Option<String>,
    /// The debounce the server ran with, when it has the option.
    pub debounce_ms: Option<f64>,
    pub markdown: Edits,
    pub template: Edits,
    pub command: String,
}

/// `alumni serve --help` works: serve exists in this build.
pub fn available(alumni: &Path) -> Option<String> {
    output(alumni, &["serve", "--help"])
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn measure(o: &Options<'_>) -> Result<Report, String> {
    let help = available(o.alumni).ok_or("`alumni serve --help` fails: serve is not in this build")?;
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let mut args = vec![
        "serve".to_string(),
        o.site.display().to_string(),
        "--port".into(),
        port.to_string(),
        "--as-of".into(),
        o.as_of.into(),
    ];
    // The shortest quiet window that still pairs an editor's events: the
    // target is the time after the debounce.
    let debounce_ms = help.contains("--debounce").then_some(DEBOUNCE_MS);
    if let Some(d) = debounce_ms {
        args.extend(["--debounce".to_string(), d.to_string()]);
    }
    let start = Instant::now();
    let mut child = Command::new(o.alumni)
        .args(&args)
        // Its English lines are parsed below, whatever the locale.
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start alumni serve: {e}"))?;
    let rebuilds = rebuild_times(child.stderr.take().ok_or("no stderr")?);
    let _server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(10))).build().into();
    let page = format!("{base}{}", o.page_url);
    let html = poll(&agent, &page, |_| true, Duration::from_secs(600))?;
    let first_build = start.elapsed().as_secs_f64();
    let channel = reload_channel(&agent, &base, &html)?;
    let events = listen(&base, &channel)?;
    std::thread::sleep(Duration::from_millis(500));
    let md_original = std::fs::read_to_string(&o.page_file).map_err(|e| e.to_string())?;
    let markdown = edit_series(&agent, &page, &events, &rebuilds, o.edits, |marker| {
        let text = format!("{md_original}\n\n{marker}\n");
        std::fs::write(&o.page_file, text)
    });
    let _ = std::fs::write(&o.page_file, &md_original);
    std::thread::sleep(Duration::from_millis(500));
    let template = edit_series(&agent, &page, &events, &rebuilds, o.template_edits, |marker| {
        std::fs::write(&o.template.file, insert_marker(&o.template.original, marker))
    });
    let _ = std::fs::write(&o.template.file, &o.template.original);
    Ok(Report {
        first_build,
        channel: format!("{} {}", channel.kind, channel.path),
        debounce: debounce_option(&help),
        debounce_ms: debounce_ms.map(|d| d as f64),
        markdown: markdown?,
        template: template?,
        command: format!("alumni {}", args.join(" ")),
    })
}

/// Put the marker where every page shows it: just before `</body>` (the base
/// layout), else at the end of the first block.
fn insert_marker(template: &str, marker: &str) -> String {
    let tag = format!("<p hidden>{marker}</p>");
    if let Some(i) = template.rfind("</body>") {
        return format!("{}{tag}{}", &template[..i], &template[i..]);
    }
    match template.find("{% endblock") {
        Some(i) => format!("{}{tag}{}", &template[..i], &template[i..]),
        None => format!("{template}{tag}"),
    }
}

/// The debounce given to `alumni serve` when it has the option.
const DEBOUNCE_MS: u64 = 20;

/// A thread that reads what the server prints (on stderr) and sends the
/// duration of every rebuild it reports ("Rebuilt after ... in N ms").
fn rebuild_times(out: std::process::ChildStderr) -> mpsc::Receiver<f64> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let ms = line
                .strip_prefix("Rebuilt after ")
                .and_then(|rest| rest.rsplit_once(" ms"))
                .and_then(|(head, _)| head.rsplit(' ').next())
                .and_then(|n| n.parse::<f64>().ok());
            if let Some(ms) = ms
                && tx.send(ms).is_err()
            {
                return;
            }
        }
    });
    rx
}

fn edit_series(
    agent: &ureq::Agent,
    page: &str,
    events: &mpsc::Receiver<Instant>,
    rebuilds: &mpsc::Receiver<f64>,
    count: usize,
    mut save: impl FnMut(&str) -> std::io::Result<()>,
) -> Result<Edits, String> {
    let mut out = Edits { served: Vec::new(), reload: Vec::new(), rebuild: Vec::new() };
    for i in 0..count {
        while events.try_recv().is_ok() {}
        while rebuilds.try_recv().is_ok() {}
        let marker = format!("benchmarker{i}x{}", std::process::id());
        save(&marker).map_err(|e| e.to_string())?;
        let saved = Instant::now();
        poll(agent, page, |body| body.contains(&marker), Duration::from_secs(120))?;
        out.served.push(saved.elapsed().as_secs_f64() * 1e3);
        let reload = loop {
            match events.recv_timeout(Duration::from_secs(5)) {
                Ok(t) if t >= saved => break Some(t.duration_since(saved).as_secs_f64() * 1e3),
                Ok(_) => continue,
                Err(_) => break None,
            }
        };
        out.reload.push(reload);
        if let Ok(ms) = rebuilds.recv_timeout(Duration::from_secs(5)) {
            out.rebuild.push(ms);
        }
        // Let the watcher and debouncer go quiet before the next save.
        std::thread::sleep(Duration::from_millis(400));
    }
    Ok(out)
}

/// GET `url` every millisecond until the body passes `done`.
fn poll(agent: &ureq::Agent, url: &str, done: impl Fn(&str) -> bool, limit: Duration) -> Result<String, String> {
    let start = Instant::now();
    loop {
        if let Ok(mut r) = agent.get(url).call()
            && let Ok(body) = r.body_mut().with_config().limit(64 << 20).read_to_string()
            && done(&body)
        {
            return Ok(body);
        }
        if start.elapsed() > limit {
            return Err(format!("{url} did not show the change within {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

struct Channel {
    kind: &'static str,
    path: String,
}

/// Find the live-reload endpoint in the served page or the scripts it loads:
/// the path given to `new EventSource(...)` or `new WebSocket(...)`.
/// `ALUMNI_BENCH_RELOAD=sse:/path` or `ws:/path` overrides the search.
fn reload_channel(agent: &ureq::Agent, base: &str, html: &str) -> Result<Channel, String> {
    if let Ok(v) = std::env::var("ALUMNI_BENCH_RELOAD") {
        let (kind, path) = v.split_once(':').ok_or("ALUMNI_BENCH_RELOAD is sse:/path or ws:/path")?;
        return Ok(Channel { kind: if kind == "ws" { "WebSocket" } else { "SSE" }, path: path.to_string() });
    }
    // A script that names its socket in a data attribute (alumni's own).
    if let Some(at) = html.find("data-socket=")
        && let Some(path) = quoted_paths(&html[at..(at + 200).min(html.len())]).into_iter().next()
    {
        return Ok(Channel { kind: "WebSocket", path });
    }
    let mut texts = vec![html.to_string()];
    for src in script_sources(html) {
        let url = if src.starts_with('/') { format!("{base}{src}") } else { continue };
        if let Ok(mut r) = agent.get(&url).call() {
            texts.push(r.body_mut().read_to_string().unwrap_or_default());
        }
    }
    for text in &texts {
        for (needle, kind) in [("EventSource(", "SSE"), ("WebSocket(", "WebSocket")] {
            if let Some(at) = text.find(needle) {
                let window: String = text[at..].chars().take(300).collect();
                if let Some(path) = quoted_paths(&window).into_iter().next() {
                    return Ok(Channel { kind, path });
                }
            }
        }
    }
    Err("no EventSource or WebSocket with a /path in the served page or its scripts (set ALUMNI_BENCH_RELOAD=sse:/path or ws:/path)".into())
}

fn script_sources(html: &str) -> Vec<String> {
    html.match_indices("<script")
        .filter_map(|(i, _)| {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            let s = tag.find("src=")? + 4;
            let q = tag[s..].chars().next()?;
            let rest = &tag[s + 1..];
            Some(rest[..rest.find(q)?].to_string())
        })
        .collect()
}

fn quoted_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for q in ['"', '\'', '`'] {
        let parts: Vec<&str> = text.split(q).collect();
        for p in parts.iter().skip(1).step_by(2) {
            if p.starts_with('/') && !p.starts_with("//") && p.len() > 1 {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// A thread that sends the arrival time of every reload message.
fn listen(base: &str, channel: &Channel) -> Result<mpsc::Receiver<Instant>, String> {
    let (tx, rx) = mpsc::channel();
    let url = format!("{base}{}", channel.path);
    if channel.kind == "SSE" {
        let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
        let resp = agent.get(&url).header("Accept", "text/event-stream").call().map_err(|e| format!("{url}: {e}"))?;
        std::thread::spawn(move || {
            let reader = BufReader::new(resp.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                if line.starts_with("data:") && tx.send(Instant::now()).is_err() {
                    return;
                }
            }
        });
    } else {
        let ws_url = url.replacen("http://", "ws://", 1);
        let (mut socket, _) = tungstenite::connect(ws_url.as_str()).map_err(|e| format!("{ws_url}: {e}"))?;
        std::thread::spawn(move || {
            while let Ok(m) = socket.read() {
                if (m.is_text() || m.is_binary()) && tx.send(Instant::now()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(rx)
}

/// The debounce, if `serve --help` documents one (its line, as printed).
fn debounce_option(help: &str) -> Option<String> {
    help.lines().find(|l| l.to_lowercase().contains("debounce")).map(|l| l.trim().to_string())
}
