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
mod jsonld;
mod links;
mod output;
mod output_guard;
mod pages;
mod scaffold;
mod theme;
mod time;
