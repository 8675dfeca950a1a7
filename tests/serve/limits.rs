//! What a client can hold of the preview: held connections never use up
//! the server's file descriptors, idle ones are closed, and the server
//! keeps answering others (and never crashes with exit code 0).

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

/// `alumni serve` under a limit of 128 open files, as a busy machine or a
/// small container would have it.
#[cfg(target_os = "linux")]
#[test]
fn held_connections_never_stop_the_preview() {
    let site = Site::copy("serve-site");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 128 && exec \"$0\" serve --port 0 --as-of 2026-06-01 \"$1\"")
        .arg(env!("CARGO_BIN_EXE_alumni"))
        .arg(&site.root)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.split_whitespace().last().unwrap_or("").to_string();
    let addr: SocketAddr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();

    // Far more idle connections than the server has descriptors.
    let mut held = Vec::new();
    for _ in 0..400 {
        if let Ok(s) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
            held.push(s);
        }
    }
    assert!(held.len() > 200, "only {} connections were accepted", held.len());

    // Another client is still served, promptly.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    for _ in 0..3 {
        let mut r = agent.get(&url).call().expect("the preview answers while connections are held");
        assert_eq!(r.status(), 200);
        assert!(r.body_mut().read_to_string().unwrap().contains("Welcome text: original."));
    }
    assert!(child.try_wait().unwrap().is_none(), "the server is still running");

    // A connection that sends nothing is closed after a while.
    let mut last = held.pop().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 16];
    let n = last.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "an idle connection gets no data, only closed");
    assert!(start.elapsed() < Duration::from_secs(25));

    drop(held);
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
