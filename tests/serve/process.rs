//! Starting and stopping: the `alumni serve` command stops cleanly on
//! Ctrl-C and SIGTERM, says clearly when its port is taken, and a stopped
//! server frees its port and closes live-reload connections.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use alumni::serve::{ServeError, ServeOptions, start};

use crate::support::{Log, Site, serve, serve_with};

fn alumni() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_alumni"));
    // English messages whatever the developer's locale.
    c.env("NO_COLOR", "1").env("LC_ALL", "C");
    c
}

/// Run `alumni serve` on a free port, fetch its home page, send `signal`,
/// and return the exit code and what it printed.
#[cfg(unix)]
fn serve_then_signal(signal: &str) -> (Option<i32>, String, String) {
    let site = Site::copy("serve-site");
    let mut child = alumni()
        .args(["serve", "--port", "0", "--as-of", "2026-06-01"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.split_whitespace().last().unwrap_or("").to_string();
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with('/'), "{first}");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let body = agent.get(&url).call().unwrap().body_mut().read_to_string().unwrap();
    assert!(body.contains("Welcome text: original."), "{body}");
    let killed = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (status.code(), first + &rest, err)
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_command_cleanly() {
    let (code, out, err) = serve_then_signal("-INT");
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("Stopped"), "{out}");
    assert!(err.contains("Built the site"), "{err}");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_command_cleanly() {
    let (code, out, err) = serve_then_signal("-TERM");
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("Stopped"), "{out}");
}

#[test]
fn a_port_in_use_is_said_clearly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::copy("serve-site");
    let out = alumni().args(["serve", "--port", &port.to_string()]).arg(&site.root).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("error: port {port} on 127.0.0.1 is already in use")), "{err}");
    assert!(err.contains("--port"), "{err}");

    // The default port moves on to the next free one, and says so.
    let log = Log::default();
    let mut opts = ServeOptions::new(&site.root);
    opts.port = port;
    opts.next_free_port = true;
    opts.console = alumni::serve::Console::to(log.clone());
    match start(opts) {
        Ok(h) => {
            assert_ne!(h.addr.port(), port);
            assert!(log.text().contains(&format!("port {port} is in use; serving on port {}", h.addr.port())));
            h.shutdown();
        }
        // The next ports may all be taken by other programs; still a clear error.
        Err(e @ ServeError::PortInUse { .. }) => assert!(e.to_string().contains("in use")),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_missing_site_folder_is_an_error() {
    let out = alumni().args(["serve", "--port", "0", "/no/such/site"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/site is not a folder"));
}

#[test]
fn stopping_closes_live_reload_and_frees_the_port() {
    let site = Site::copy("serve-site");
    let mut server = serve(&site);
    let mut live = server.live();
    let port = server.port;
    let first_id = live.hello["server"].clone();
    server.stop();
    assert!(live.closed(), "live-reload connections are closed");
    // The same port again: a page that reconnects sees a new server.
    let again = serve_with(&site, |o| o.port = port);
    assert_eq!(again.port, port);
    let live = again.live();
    assert_ne!(live.hello["server"], first_id);
    assert!(again.page("/about/").contains("About text: original."));
}

#[test]
fn binding_beyond_loopback_warns() {
    let site = Site::copy("serve-site");
    let server = serve_with(&site, |o| o.bind = "0.0.0.0".parse().unwrap());
    assert!(server.log.text().contains("warning: serving on 0.0.0.0"), "{}", server.log.text());
    assert_eq!(server.raw("GET", "/", "127.0.0.1").status, 200);
    assert_eq!(server.raw("GET", "/", "evil.example").status, 403);
}

#[test]
fn a_japanese_locale_gives_japanese_terminal_messages() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::copy("serve-site");
    let out =
        alumni().env("LC_ALL", "ja_JP.UTF-8").args(["serve", "--port", &port.to_string()]).arg(&site.root).output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("エラー: 127.0.0.1 のポート {port} はすでに使われています")), "{err}");
}
