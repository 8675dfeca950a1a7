//! The command line: the contract users and scripts rely on. Parsing lives
//! here, in the library, so tests drive exactly what the binary runs.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::BuildOptions;
use crate::config::BaseUrl;
use crate::diag::{Diagnostics, Format, report, stderr_wants_color};
use crate::serve::ServeOptions;

/// Exit codes: 0 success, 1 the site has errors, 2 wrong usage.
pub const EXIT_SITE_ERRORS: u8 = 1;

#[derive(Debug, Parser)]
#[command(name = "alumni", version, about = "Build corporate alumni portals from Markdown and a TOML brand config")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into SITE_DIR/public (or --output)
    Build(BuildArgs),
    /// Validate everything a build validates (links included); writes nothing
    Check(CommonArgs),
    /// Build, serve and rebuild on every change, with live reload in the browser
    Serve(ServeArgs),
    /// Create a new, working site in DIR (Japanese default, English translation)
    New(NewArgs),
    /// Delete a previous output moved aside by a build (run by `build` itself;
    /// only a folder the build marked with its token)
    #[command(name = crate::output::REMOVE_COMMAND, hide = true)]
    RemoveOutput { dir: PathBuf },
}

/// What to build: shared by build, check and serve.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (holding alumni.toml)
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Include content marked `draft = true`, visibly marked as draft
    #[arg(long)]
    pub drafts: bool,
    /// Build as of this date (YYYY-MM-DD, start of day in the site's time zone) or RFC 3339 time [default: now]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub as_of: Option<String>,
    /// Override base_url from alumni.toml (e.g. for preview deployments)
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<BaseUrl>,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print problems: human, json (one object per line) or github (workflow annotations)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors (exit 1)
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the site here instead of SITE_DIR/public
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0: any free port) [default: 1111, or the next free one]
    #[arg(long, short, value_name = "N")]
    pub port: Option<u16>,
    /// The address to listen on; anything but a loopback address shows the site to the network
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default web browser
    #[arg(long)]
    pub open: bool,
    /// Wait this many milliseconds without another change before rebuilding (saves closer together make one rebuild)
    #[arg(long, value_name = "MS", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub debounce: u64,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create (must not exist, or be empty)
    pub dir: PathBuf,
}

fn parse_when(s: &str) -> Result<String, String> {
    // The time zone is only known once the config is read; here, only the form.
    crate::time::parse_as_of(s, &jiff::tz::TimeZone::UTC).map(|_| s.to_string())
}

fn parse_base_url(s: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(s)
}

impl SiteArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            site_dir: self.site_dir.clone(),
            drafts: self.drafts,
            as_of: self.as_of.clone(),
            base_url: self.base_url.clone(),
            ..BuildOptions::default()
        }
    }
}

impl CommonArgs {
    fn options(&self, output: Option<PathBuf>) -> BuildOptions {
        BuildOptions { output, deny_warnings: self.deny_warnings, ..self.site.options() }
    }
}

impl ServeArgs {
    fn options(&self) -> ServeOptions {
        let mut opts = ServeOptions::new(&self.site.site_dir);
        opts.build = self.site.options();
        opts.bind = self.bind;
        opts.port = self.port.unwrap_or(crate::serve::DEFAULT_PORT);
        opts.next_free_port = self.port.is_none();
        opts.open = self.open;
        opts.debounce = std::time::Duration::from_millis(self.debounce);
        opts.stop_on_signals = true;
        opts
    }
}

/// Run a parsed command, printing to the given streams. Returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let color = stderr_wants_color();
    match cli.command {
        Command::Build(args) => {
            let opts = args.common.options(args.output.clone());
            let (summary, diags) = crate::build::build(&opts);
            let failed = print(&diags, &args.common, "build", err, color);
            match summary {
                Some(s) if !failed => {
                    let unchanged = match s.kept {
                        0 => String::new(),
                        n if n == s.files => " (all unchanged)".to_string(),
                        n => format!(" ({} unchanged)", n),
                    };
                    let _ = writeln!(
                        out,
                        "Built {} and {} into {} in {} ms{unchanged}",
                        plural(s.pages, "page"),
                        plural(s.files - s.pages, "other file"),
                        s.output.display(),
                        s.millis
                    );
                    if let Some(t) = &s.unminifiable {
                        let _ = writeln!(err, "{}", crate::theme::unminifiable_note(t));
                    }
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_SITE_ERRORS),
            }
        }
        Command::Check(args) => {
            let diags = crate::build::check(&args.options(None));
            if print(&diags, &args, "check", err, color) {
                ExitCode::from(EXIT_SITE_ERRORS)
            } else {
                let _ = writeln!(out, "No errors found in {}", args.site.site_dir.display());
                ExitCode::SUCCESS
            }
        }
        Command::Serve(args) => serve(&args, out, err),
        Command::RemoveOutput { dir } => {
            crate::output::remove_temp(&dir);
            ExitCode::SUCCESS
        }
        Command::New(args) => match crate::scaffold::create(&args.dir) {
            Ok(()) => {
                let d = args.dir.display();
                let _ = writeln!(
                    out,
                    "Created a new alumni site in {d}\nNext: edit {d}/alumni.toml, then run `alumni build {d}`"
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                ExitCode::from(EXIT_SITE_ERRORS)
            }
        },
    }
}

/// Serve until Ctrl-C or SIGTERM. Rebuild reports go to stderr as they
/// happen; a site with errors is served (with the errors shown), so only a
/// server that cannot start fails.
fn serve(args: &ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match crate::serve::start(args.options()) {
        Ok(handle) => {
            let _ = writeln!(
                out,
                "Serving {} at {}\nWatching for changes; press Ctrl-C to stop",
                args.site.site_dir.display(),
                handle.url
            );
            let _ = out.flush();
            if !handle.wait() {
                let _ = writeln!(err, "error: the server stopped because of an internal error (see above)");
                return ExitCode::from(EXIT_SITE_ERRORS);
            }
            let _ = writeln!(out, "Stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(EXIT_SITE_ERRORS)
        }
    }
}

/// Print diagnostics and a closing count; true when the run must fail.
fn print(diags: &Diagnostics, args: &CommonArgs, verb: &str, err: &mut dyn Write, color: bool) -> bool {
    let _ = report(diags, args.format, err, color);
    let (e, w) = (diags.error_count(), diags.warning_count());
    let failed = e > 0 || (args.deny_warnings && w > 0);
    if args.format == Format::Human && (e > 0 || w > 0) {
        let verdict = if failed { format!("{verb} failed") } else { format!("{verb} succeeded") };
        let _ = writeln!(err, "{verdict}: {}, {}", plural(e, "error"), plural(w, "warning"));
        if e == 0 && failed {
            let _ = writeln!(err, "(warnings are errors because of --deny-warnings)");
        }
    }
    failed
}

fn plural(n: usize, s: &str) -> String {
    format!("{n} {s}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
