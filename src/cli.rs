//! The command line: the contract users and scripts rely on. Parsing lives
//! here, in the library, so tests drive exactly what the binary runs.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::build::BuildOptions;
use crate::config::BaseUrl;
use crate::diag::{Diagnostics, Format, report, stderr_wants_color};
use crate::i18n::{Lang, Text};
use crate::msg;
use crate::serve::ServeOptions;

mod help;

/// Exit codes: 0 success, 1 the site has errors, 2 wrong usage.
pub const EXIT_SITE_ERRORS: u8 = 1;

#[derive(Debug, Parser)]
#[command(name = "alumni", version, about = "Build corporate alumni portals from Markdown and a TOML brand config")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages: chosen from the environment by `main`
    /// (`Lang::from_env`), English when a test parses the arguments.
    #[arg(skip)]
    pub lang: Lang,
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
    crate::time::parse_as_of(s, &jiff::tz::TimeZone::UTC).map(|_| s.to_string()).map_err(|e| e.to_string())
}

fn parse_base_url(s: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(s).map_err(|e| e.to_string())
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
    fn options(&self, lang: Lang) -> ServeOptions {
        let mut opts = ServeOptions::new(&self.site.site_dir);
        opts.build = self.site.options();
        opts.bind = self.bind;
        opts.port = self.port.unwrap_or(crate::serve::DEFAULT_PORT);
        opts.next_free_port = self.port.is_none();
        opts.open = self.open;
        opts.debounce = std::time::Duration::from_millis(self.debounce);
        opts.stop_on_signals = true;
        opts.lang = lang;
        opts
    }
}

/// Parse the process's arguments, `--help` in `lang` (which the command
/// then speaks). Wrong usage exits here, as `Cli::parse` would.
pub fn parse(lang: Lang) -> Cli {
    let matches = help::localize(Cli::command(), lang).get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.lang = lang;
    cli
}

/// Run a parsed command, printing to the given streams. Returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let color = stderr_wants_color();
    let lang = cli.lang;
    let say = |w: &mut dyn Write, text: Text| {
        let _ = writeln!(w, "{}", text.render(lang));
    };
    match cli.command {
        Command::Build(args) => {
            let opts = args.common.options(args.output.clone());
            let (summary, diags) = crate::build::build(&opts);
            let failed = print(&diags, &args.common, msg!("verb-build"), lang, err, color);
            match summary {
                Some(s) if !failed => {
                    let unchanged = match s.kept {
                        0 => "none",
                        n if n == s.files => "all",
                        _ => "some",
                    };
                    let text = msg!(
                        "build-done",
                        pages = s.pages,
                        others = s.files - s.pages,
                        dir = &s.output,
                        ms = s.millis,
                        unchanged = unchanged,
                        kept = s.kept
                    );
                    say(out, text);
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_SITE_ERRORS),
            }
        }
        Command::Check(args) => {
            let diags = crate::build::check(&args.options(None));
            if print(&diags, &args, msg!("verb-check"), lang, err, color) {
                ExitCode::from(EXIT_SITE_ERRORS)
            } else {
                say(out, msg!("check-done", dir = &args.site.site_dir));
                ExitCode::SUCCESS
            }
        }
        Command::Serve(args) => serve(&args, lang, out, err),
        Command::RemoveOutput { dir } => {
            crate::output::remove_temp(&dir);
            ExitCode::SUCCESS
        }
        Command::New(args) => match crate::scaffold::create(&args.dir) {
            Ok(()) => {
                say(out, msg!("new-done", dir = &args.dir));
                ExitCode::SUCCESS
            }
            Err(e) => {
                say(err, msg!("error-line", text = e));
                ExitCode::from(EXIT_SITE_ERRORS)
            }
        },
    }
}

/// Serve until Ctrl-C or SIGTERM. Rebuild reports go to stderr as they
/// happen; a site with errors is served (with the errors shown), so only a
/// server that cannot start fails.
fn serve(args: &ServeArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match crate::serve::start(args.options(lang)) {
        Ok(handle) => {
            let text = msg!("serve-started", dir = &args.site.site_dir, url = &handle.url);
            let _ = writeln!(out, "{}", text.render(lang));
            let _ = out.flush();
            if !handle.wait() {
                let _ = writeln!(err, "{}", msg!("error-line", text = msg!("serve-internal-error")).render(lang));
                return ExitCode::from(EXIT_SITE_ERRORS);
            }
            let _ = writeln!(out, "{}", msg!("serve-stopped").render(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "{}", msg!("error-line", text = e.text()).render(lang));
            ExitCode::from(EXIT_SITE_ERRORS)
        }
    }
}

/// Print diagnostics and a closing count; true when the run must fail.
fn print(diags: &Diagnostics, args: &CommonArgs, verb: Text, lang: Lang, err: &mut dyn Write, color: bool) -> bool {
    let _ = report(diags, args.format, lang, err, color);
    let (e, w) = (diags.error_count(), diags.warning_count());
    let failed = e > 0 || (args.deny_warnings && w > 0);
    if args.format == Format::Human && (e > 0 || w > 0) {
        let outcome = if failed { "failed" } else { "succeeded" };
        let text = msg!("summary", verb = verb, outcome = outcome, errors = e, warnings = w);
        let _ = writeln!(err, "{}", text.render(lang));
        if e == 0 && failed {
            let _ = writeln!(err, "{}", msg!("summary-deny-warnings").render(lang));
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
