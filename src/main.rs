use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = alumni::cli::Cli::parse();
    alumni::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr())
}
