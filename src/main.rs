use std::process::ExitCode;

use clap::Parser;

// Rendering allocates many short-lived strings on every core; mimalloc does
// that markedly faster than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = alumni::cli::Cli::parse();
    alumni::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr())
}
