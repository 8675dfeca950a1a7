//! Live reload: a small script added to every served HTML page (at response
//! time: `alumni build` output never contains it) holds a WebSocket open and
//! reloads the page, or swaps its stylesheets, when a rebuild finishes.
//! WebSocket rather than Server-Sent Events: an open EventSource takes one
//! of the browser's six HTTP/1.1 connections per host, so a few preview
//! tabs would starve page loads.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;

use super::conns::Lease;
use super::overlay::escape;
use super::state::{Current, ServeState};

/// Endpoints of the preview server itself, outside any site path.
pub const SOCKET_PATH: &str = "/__alumni/live";
pub const SCRIPT_PATH: &str = "/__alumni/live-reload.js";
pub const STYLE_PATH: &str = "/__alumni/overlay.css";

const SCRIPT: &str = include_str!("live-reload.js");
const STYLE: &str = include_str!("overlay.css");

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// The live-reload socket. Only pages of this server may open it: a page of
/// another site the user has open gets 403 (its `Origin` differs).
/// The socket keeps its connection's slot (see `conns`) while open.
pub async fn socket(
    State(state): State<Arc<ServeState>>,
    lease: Option<Extension<Lease>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "alumni serve: live reload is only for pages of this server\n").into_response();
    }
    let slot = match lease {
        Some(Extension(lease)) => match lease.take_for_live() {
            Some(slot) => Some(slot),
            None => {
                return (StatusCode::SERVICE_UNAVAILABLE, "alumni serve: too many live-reload connections\n")
                    .into_response();
            }
        },
        None => None,
    };
    let Some((stopping, token)) = state.connection() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "alumni serve is stopping\n").into_response();
    };
    upgrade.on_upgrade(move |socket| async move {
        talk(socket, &state, stopping).await;
        drop(token);
        drop(slot);
    })
}

/// `Origin` absent (not a browser), or the origin the request was sent to
/// (`Host` is checked against the allow-list before this runs).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else { return true };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin = origin.to_str().unwrap_or("").to_ascii_lowercase();
    !host.is_empty() && origin == format!("http://{}", host.to_ascii_lowercase())
}

async fn talk(mut socket: WebSocket, state: &ServeState, mut stopping: tokio::sync::watch::Receiver<bool>) {
    // Subscribe before saying hello, so no rebuild falls in between.
    let mut messages = state.subscribe();
    if socket.send(Message::text(state.hello())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            m = messages.recv() => {
                let text: Arc<str> = match m {
                    Ok(t) => t,
                    // Missed some: the page is out of date either way.
                    Err(RecvError::Lagged(_)) => r#"{"type":"reload"}"#.into(),
                    Err(RecvError::Closed) => break,
                };
                if socket.send(Message::text(text.as_ref())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {} // pings are answered by the library; nothing else is expected
            },
            _ = stopping.changed() => break,
        }
    }
    let bye = CloseFrame { code: close_code::AWAY, reason: "alumni serve stopped".into() };
    let _ = socket.send(Message::Close(Some(bye))).await;
}

/// Add the live-reload script (and the error overlay, if the last rebuild
/// failed) at the end of an HTML page's body.
pub fn inject(html: &[u8], current: &Current, server_id: &str) -> Vec<u8> {
    let mut tail = String::new();
    if let Some(overlay) = &current.overlay {
        tail.push_str(&format!("<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">"));
        tail.push_str(overlay);
    }
    tail.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-socket=\"{SOCKET_PATH}\" data-server=\"{}\" data-version=\"{}\"></script>",
        escape(server_id),
        current.version
    ));
    let at = last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Where the last `</body>` starts; minified pages may have none, and
/// whatever follows the end of a document is parsed into its body anyway.
fn last_body_close(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..html.len().saturating_sub(TAG.len() - 1)).rev().find(|&i| html[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_end_or_at_the_end() {
        let cur = Current { version: 7, ..Current::default() };
        let out = String::from_utf8(inject(b"<p>a</p></BODY></html>", &cur, "s1")).unwrap();
        assert!(out.starts_with("<p>a</p><script src=\"/__alumni/live-reload.js\""), "{out}");
        assert!(out.contains("data-version=\"7\""), "{out}");
        assert!(out.ends_with("</script></BODY></html>"), "{out}");
        let out = String::from_utf8(inject(b"<p>a", &cur, "s1")).unwrap();
        assert!(out.starts_with("<p>a<script") && out.ends_with("</script>"), "{out}");
        assert!(!out.contains("alumni-overlay"), "{out}");
    }

    #[test]
    fn overlay_comes_with_its_style() {
        let cur = Current { overlay: Some("<div id=\"alumni-overlay\"></div>".into()), ..Current::default() };
        let out = String::from_utf8(inject(b"<body></body>", &cur, "s")).unwrap();
        assert!(out.contains("href=\"/__alumni/overlay.css\"><div id=\"alumni-overlay\"></div><script"), "{out}");
    }

    #[test]
    fn origin_must_be_the_server_itself() {
        let h = |origin: Option<&str>| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, "127.0.0.1:1111".parse().unwrap());
            if let Some(o) = origin {
                m.insert(header::ORIGIN, o.parse().unwrap());
            }
            same_origin(&m)
        };
        assert!(h(None));
        assert!(h(Some("http://127.0.0.1:1111")));
        assert!(!h(Some("http://evil.example")));
        assert!(!h(Some("http://127.0.0.1:2222")));
        assert!(!h(Some("null")));
    }
}
