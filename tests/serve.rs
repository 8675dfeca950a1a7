//! `alumni serve`, tested from the outside: a server started in-process on
//! a free port over a temporary copy of a fixture site, fetched over HTTP
//! and WebSocket while its files are edited the ways editors save them;
//! the command itself with signals; and a real headless Chromium watching a
//! page change when its Markdown changes.

#[path = "serve/browser.rs"]
mod browser;
#[path = "serve/editing.rs"]
mod editing;
#[path = "serve/errors.rs"]
mod errors;
#[path = "serve/http.rs"]
mod http;
#[path = "serve/limits.rs"]
mod limits;
#[path = "serve/process.rs"]
mod process;
#[path = "serve/raw_html.rs"]
mod raw_html;
#[path = "serve/support.rs"]
mod support;
