use std::process::ExitCode;

// Rendering allocates many short-lived strings on every core; mimalloc does
// that markedly faster than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    // Chosen once, from the environment; passed down as a value.
    let cli = alumni::cli::parse(alumni::i18n::Lang::from_env());
    alumni::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr())
}

/// Transparent huge pages off for this process (Linux). A build touches most
/// of its memory once: with huge pages it touched a quarter more of it (each
/// fault clears 2 MB) and its system time varied more (see
/// docs/decisions.md).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag
    // of this process; its result is not needed (without it, huge pages
    // stay allowed).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
