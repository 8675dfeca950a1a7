//! Shared helpers: copy a fixture site to a temporary folder, run `alumni`
//! through the same entry point as the binary, and read what it wrote.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::Parser;

/// Where the fixture sites live.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site folder of its own: a copy of a fixture (or an empty folder) that
/// tests may change and build. It lives at `<temp>/site`, so that tests can
/// also use the folders beside it.
pub struct Site {
    _tmp: Option<tempfile::TempDir>,
    root: PathBuf,
}

impl Site {
    /// A fresh copy of `tests/fixtures/<name>`, removed when dropped.
    pub fn fixture(name: &str) -> Site {
        let tmp = tempfile::Builder::new().prefix("alumni-test-").tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        copy_dir(&fixtures().join(name), &root);
        Site { _tmp: Some(tmp), root }
    }

    /// An empty temporary folder (the site folder is not created).
    pub fn empty() -> Site {
        let tmp = tempfile::Builder::new().prefix("alumni-test-").tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        Site { _tmp: Some(tmp), root }
    }

    /// A copy of a fixture under the target folder, for sites that several
    /// tests share (built once, read many times; see `shared`).
    fn persistent(name: &str, key: &str) -> Site {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-sites").join(key);
        let _ = std::fs::remove_dir_all(&parent);
        let root = parent.join("site");
        copy_dir(&fixtures().join(name), &root);
        Site { _tmp: None, root }
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// The folder that holds the site folder (for outputs beside it).
    pub fn parent(&self) -> &Path {
        self.root.parent().expect("the site folder has a parent")
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Write a file of the site (creating its folders).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("create folders");
        std::fs::write(&p, text).expect("write file");
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root.join(rel)).expect("remove file");
        self
    }

    /// Replace `from` with `to` in a file of the site (which must contain it).
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = std::fs::read_to_string(self.root.join(rel)).expect("read file");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    /// `alumni build SITE ARGS...`
    pub fn build(&self, args: &[&str]) -> Run {
        self.command("build", args)
    }

    /// `alumni check SITE ARGS...`
    pub fn check(&self, args: &[&str]) -> Run {
        self.command("check", args)
    }

    fn command(&self, verb: &str, args: &[&str]) -> Run {
        let mut all: Vec<OsString> = vec![verb.into(), self.root.clone().into()];
        all.extend(args.iter().map(OsString::from));
        alumni(all)
    }

    /// The text of an output file (`public/` relative), which must exist.
    pub fn read(&self, rel: &str) -> String {
        read(&self.public().join(rel))
    }

    /// An output page, parsed.
    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Whether an output file exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }
}

/// The outcome of one run of `alumni`.
#[derive(Debug)]
pub struct Run {
    pub code: u8,
    pub stdout: String,
    /// Without terminal colour codes.
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: u8) -> &Self {
        assert_eq!(self.code, code, "exit code\n--- stdout:\n{}\n--- stderr:\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.assert_code(0)
    }

    #[track_caller]
    pub fn failed(&self) -> &Self {
        self.assert_code(1)
    }

    /// Assert the problem report mentions every one of `needles`.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(self.stderr.contains(n), "stderr lacks {n:?}\n--- stderr:\n{}", self.stderr);
        }
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(!self.stderr.contains(needle), "stderr has {needle:?}\n--- stderr:\n{}", self.stderr);
        self
    }

    /// The report as JSON lines (the run must have used `--format json`).
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
            .collect()
    }

    /// The one JSON diagnostic with this code (`--format json`).
    #[track_caller]
    pub fn diagnostic(&self, code: &str) -> serde_json::Value {
        let all: Vec<_> = self.json().into_iter().filter(|d| d["code"] == code).collect();
        assert_eq!(all.len(), 1, "expected one `{code}` diagnostic\n--- stderr:\n{}", self.stderr);
        all.into_iter().next().unwrap()
    }
}

/// Run `alumni ARGS` in-process, through `alumni::cli::run` like the binary.
/// A command line clap rejects gives exit code 2, as the binary does.
pub fn alumni<I, T>(args: I) -> Run
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv = std::iter::once(OsString::from("alumni")).chain(args.into_iter().map(Into::into));
    let cli = match alumni::cli::Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => return Run { code: e.exit_code() as u8, stdout: String::new(), stderr: e.to_string() },
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = alumni::cli::run(cli, &mut out, &mut err);
    let code = (0..=255u8).find(|&n| ExitCode::from(n) == code).expect("an exit code");
    Run {
        code,
        stdout: String::from_utf8(out).expect("stdout is UTF-8"),
        stderr: strip_ansi(&String::from_utf8(err).expect("stderr is UTF-8")),
    }
}

/// Colour codes appear when the tests run in a terminal; assertions ignore them.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A fixture built once per test run and shared by the tests that only read
/// it. `key` names the variant (fixture + arguments).
pub struct Shared {
    pub site: Site,
    pub run: Run,
}

pub fn shared(cell: &'static OnceLock<Shared>, fixture: &str, key: &str, args: &[&str]) -> &'static Shared {
    cell.get_or_init(|| {
        let site = Site::persistent(fixture, key);
        let run = site.build(args);
        run.ok();
        Shared { site, run }
    })
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

#[track_caller]
pub fn assert_file_contains(p: &Path, needle: &str) {
    let text = read(p);
    assert!(text.contains(needle), "{} lacks {needle:?}", p.display());
}

/// Copy a folder tree (symbolic links are copied as links).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        let ft = entry.file_type().expect("file type");
        if ft.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if ft.is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file under `dir`, relative, `/`-separated, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read(&p).expect("read")));
        }
    }
}

/// Text of every element matching `css`, whitespace collapsed.
pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&sel).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The `attr` of every element matching `css` that has it.
pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// Every link target (`a[href]`) of a page.
pub fn links(doc: &scraper::Html) -> Vec<String> {
    attrs(doc, "a[href]", "href")
}

/// The whole visible text of a page, whitespace collapsed.
pub fn body_text(doc: &scraper::Html) -> String {
    texts(doc, "body").join(" ")
}

/// The `--as-of` the portal fixture is written around.
pub const AS_OF: &str = "2026-11-24";

/// The portal fixture built as of `AS_OF`, shared by the tests that read it.
pub fn portal() -> &'static Shared {
    static CELL: OnceLock<Shared> = OnceLock::new();
    shared(&CELL, "portal", "portal", &["--as-of", AS_OF])
}

/// A UI string of the default theme (`themes/default/i18n/<lang>.toml`), so
/// that tests find what the theme shows without copying its wording.
pub fn ui(lang: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{lang}.toml"));
    let table: toml::Table = toml::from_str(&read(&path)).expect("i18n file parses");
    table.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no UI string {key} for {lang}")).to_string()
}

/// Paths (relative, `/`-separated) of the output's HTML files.
pub fn html_files(dir: &Path) -> Vec<String> {
    tree(dir).into_iter().map(|(p, _)| p).filter(|p| p.ends_with(".html")).collect()
}

/// Targets of links to this site's pages, in document order, without repeats.
pub fn page_links(doc: &scraper::Html, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for href in links(doc) {
        if href.starts_with(prefix) && !out.contains(&href) {
            out.push(href);
        }
    }
    out
}

/// The hostile fixture built as of `AS_OF`, shared by the tests that read it.
pub fn hostile() -> &'static Shared {
    static CELL: OnceLock<Shared> = OnceLock::new();
    shared(&CELL, "hostile-values", "hostile-values", &["--as-of", AS_OF])
}

/// Whitespace collapsed, as an HTML parser's text of an element shows it.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
