//! `alumni`: a static site generator for corporate alumni portals.
//!
//! The pipeline, one module per stage: [`config`] -> [`content`] (load and
//! validate) -> [`site`] (the model) -> [`markdown`] and [`render`] ->
//! [`output`] (atomic write). [`build`] runs it; [`cli`] is the command line.

pub mod address;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod feeds;
pub mod fields;
pub mod i18n;
pub mod ics;
pub mod incremental;
pub mod jsonld;
pub mod markdown;
pub mod markup;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod scan;
pub mod serve;
pub mod site;
pub mod sitefs;
pub mod theme;
pub mod time;
pub mod typeset;
