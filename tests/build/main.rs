//! Integration tests: fixture sites under `tests/fixtures/` copied to a
//! temporary folder and built through `alumni::cli::run`, the entry point the
//! binary uses; assertions are on exit codes, messages, pages and files.
//! Machine-readable output is checked with independent parsers.

mod support;

mod cli;
mod config;
mod content;
mod feeds;
mod formats;
mod hardening;
mod head;
mod hostile;
mod ics;
mod japanese;
mod jsonld;
mod links;
mod locale;
mod output;
mod output_guard;
mod pages;
mod raw_html;
mod scaffold;
mod stories;
mod theme;
mod time;
