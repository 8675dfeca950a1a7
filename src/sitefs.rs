//! Reading the site's files under one policy, so that no byte of a file
//! outside the site reaches the output, the terminal or the preview: a
//! file is read only when the file actually opened lies inside the site's
//! own folders (`content/`, `i18n/`, `static/`, `templates/`, `themes/`) or is its
//! `alumni.toml`, whatever symbolic links lead there; it has no other name
//! (hard links); and it is a regular file. What is checked is the opened
//! file itself, not its path beforehand, so swapping a link in while the
//! site is read (a race) gains nothing.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::i18n::Text;
use crate::msg;

/// The site's folders whose files alumni reads.
pub const FOLDERS: [&str; 5] = ["content", "i18n", "static", "templates", "themes"];

/// Where the files of one site may really be.
#[derive(Debug, Clone, Default)]
pub struct SiteFs {
    /// The canonical site folder (empty when it does not exist).
    root: PathBuf,
    /// The site folder as given, and the folder itself opened: on Linux a
    /// file is opened beneath it with no link allowed on the way (one
    /// system call, see `open_beneath`).
    given: PathBuf,
    #[cfg(target_os = "linux")]
    dir: Option<std::sync::Arc<File>>,
}

/// Why a file of the site is not read.
#[derive(Debug)]
pub enum Refused {
    /// It leads (through symbolic links) outside the site's folders.
    Outside,
    /// It has other names (hard links), which may be outside the site.
    HardLinked(u64),
    /// A folder, pipe or device where a file was expected.
    NotAFile,
    Io(std::io::Error),
}

/// In English (logs, tests); diagnostics carry `text()`.
impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl Refused {
    /// Why, in words chosen when printed.
    pub fn text(&self) -> Text {
        match self {
            Refused::Outside => msg!("refused-outside"),
            Refused::HardLinked(n) => msg!("refused-hard-linked", names = n.to_string()),
            Refused::NotAFile => msg!("refused-not-a-file"),
            Refused::Io(e) => msg!("refused-io", detail = e.to_string()),
        }
    }

    /// A note on how to make the file readable.
    pub fn help(&self) -> Option<Text> {
        match self {
            Refused::Outside => Some(msg!("refused-outside-help")),
            Refused::HardLinked(_) => Some(msg!("refused-hard-linked-help")),
            _ => None,
        }
    }

    pub fn not_found(&self) -> bool {
        matches!(self, Refused::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl SiteFs {
    pub fn new(site_dir: &Path) -> SiteFs {
        SiteFs {
            root: site_dir.canonicalize().unwrap_or_default(),
            given: site_dir.to_path_buf(),
            #[cfg(target_os = "linux")]
            dir: File::open(site_dir).ok().map(std::sync::Arc::new),
        }
    }

    /// Whether the real (symlink-free) path `real` may be read.
    pub fn allows(&self, real: &Path) -> bool {
        if self.root.as_os_str().is_empty() {
            return false;
        }
        let Ok(rest) = real.strip_prefix(&self.root) else { return false };
        let mut parts = rest.components();
        match parts.next().and_then(|c| c.as_os_str().to_str()) {
            Some(CONFIG_FILE) => parts.next().is_none(),
            Some(first) => FOLDERS.contains(&first) && parts.next().is_some(),
            None => false,
        }
    }

    /// Whether the path `p` (a folder met in a walk, say) leads inside the
    /// site's folders once its links are resolved.
    pub fn leads_inside(&self, p: &Path) -> bool {
        p.canonicalize().is_ok_and(|real| self.allows(&real) || FOLDERS.iter().any(|f| real == self.root.join(f)))
    }

    /// Open a file of the site for reading, under the policy.
    pub fn open(&self, path: &Path) -> Result<File, Refused> {
        self.open_with_size(path).map(|(file, _)| file)
    }

    /// `open`, and the file's length (from the one `fstat` the check makes).
    fn open_with_size(&self, path: &Path) -> Result<(File, u64), Refused> {
        // Most files: no link on the way, so the path itself says where
        // the file is; any link, and the policy is checked the long way.
        #[cfg(target_os = "linux")]
        if let Some(opened) = self.open_beneath(path) {
            let file = opened.map_err(Refused::Io)?;
            let meta = plain_file(&file)?;
            return Ok((file, meta.len()));
        }
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        // A named pipe swapped in for a file must not block the build: the
        // check below then refuses it.
        #[cfg(target_os = "linux")]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        let file = options.open(path).map_err(Refused::Io)?;
        let meta = plain_file(&file)?;
        if !self.allows(&opened_path(&file, path, &meta).ok_or(Refused::Outside)?) {
            return Err(Refused::Outside);
        }
        Ok((file, meta.len()))
    }

    /// Open `path` with `openat2` beneath the site folder, refusing any
    /// symbolic link on the way: then it is the file the path names, inside
    /// the site, and only its first part needs a look. `None` when that
    /// cannot say (a link on the way, a path outside the site folder as
    /// given, a kernel without `openat2`): the caller checks the long way.
    #[cfg(target_os = "linux")]
    fn open_beneath(&self, path: &Path) -> Option<std::io::Result<File>> {
        use std::os::fd::{AsRawFd, FromRawFd};
        use std::os::unix::ffi::OsStrExt;
        let dir = self.dir.as_ref()?;
        let rel = path.strip_prefix(&self.given).ok()?;
        let mut parts = rel.components();
        let inside = match parts.next()?.as_os_str().to_str()? {
            CONFIG_FILE => parts.next().is_none(),
            first => FOLDERS.contains(&first) && parts.next().is_some(),
        };
        if !inside || rel.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return None;
        }
        let name = std::ffi::CString::new(rel.as_os_str().as_bytes()).ok()?;
        // SAFETY: `open_how` is plain data; zeroed is its documented default.
        let mut how: libc::open_how = unsafe { std::mem::zeroed() };
        how.flags = (libc::O_RDONLY | libc::O_NONBLOCK | libc::O_CLOEXEC) as u64;
        how.resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS | libc::RESOLVE_NO_MAGICLINKS;
        // SAFETY: a valid folder descriptor, a NUL-terminated name and an
        // `open_how` of the size passed.
        let fd = unsafe {
            libc::syscall(
                libc::SYS_openat2,
                dir.as_raw_fd(),
                name.as_ptr(),
                &how as *const libc::open_how,
                std::mem::size_of::<libc::open_how>(),
            )
        };
        if fd >= 0 {
            // SAFETY: the system call returned a new descriptor we own.
            return Some(Ok(unsafe { File::from_raw_fd(fd as i32) }));
        }
        let err = std::io::Error::last_os_error();
        match err.raw_os_error() {
            // A link on the way (ELOOP, EXDEV), or no `openat2` here.
            Some(libc::ELOOP | libc::EXDEV | libc::ENOSYS | libc::EPERM | libc::EINVAL | libc::E2BIG) => None,
            _ => Some(Err(err)),
        }
    }

    /// A whole file of the site.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Refused> {
        let (file, len) = self.open_with_size(path)?;
        let mut bytes = Vec::with_capacity(len as usize + 1);
        // Through `Take`: `File`'s own `read_to_end` asks the system for the
        // size and position again, which is already known.
        file.take(u64::MAX).read_to_end(&mut bytes).map_err(Refused::Io)?;
        Ok(bytes)
    }
}

/// The opened file's metadata, if it is a regular file with one name.
fn plain_file(file: &File) -> Result<std::fs::Metadata, Refused> {
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotAFile);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(Refused::HardLinked(meta.nlink()));
        }
    }
    Ok(meta)
}

/// The real path of the opened file: on Linux, the one the kernel holds
/// for it; elsewhere, the resolved path, if it still names the same file.
fn opened_path(file: &File, path: &Path, meta: &std::fs::Metadata) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = (path, meta);
        std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        let real = path.canonicalize().ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let now = std::fs::metadata(&real).ok()?;
            if now.dev() != meta.dev() || now.ino() != meta.ino() {
                return None;
            }
        }
        Some(real)
    }
}

/// Files in `static/` (and a theme's) that are not published: git's own
/// files, and what editors and operating systems leave beside the user's
/// files. Every other file is copied, dotfiles included (`.well-known/`,
/// `.nojekyll`, `.htaccess`).
pub fn is_litter(name: &str) -> bool {
    name.starts_with(".git")
        || matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini" | ".directory" | "4913")
        || name.starts_with("._")
        || name.starts_with(".#")
        || name.ends_with('~')
        || [".swp", ".swo", ".swx", ".tmp"].iter().any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_folders_and_config() {
        let tmp = tempfile::tempdir().unwrap();
        let fs = SiteFs::new(tmp.path());
        let root = tmp.path().canonicalize().unwrap();
        assert!(fs.allows(&root.join("content/a.md")));
        assert!(fs.allows(&root.join("alumni.toml")));
        assert!(fs.allows(&root.join("themes/x/templates/base.html")));
        for bad in ["alumni.toml/x", ".env", ".git/config", "content", "public/x", "shared/note.md"] {
            assert!(!fs.allows(&root.join(bad)), "{bad}");
        }
        assert!(!fs.allows(Path::new("/etc/passwd")));
        assert!(!SiteFs::default().allows(&root.join("content/a.md")));
    }

    #[test]
    fn litter_is_named_by_pattern() {
        for l in [".git", ".gitignore", ".DS_Store", "Thumbs.db", "a.md.swp", "a~", ".#a.md", "._logo.svg"] {
            assert!(is_litter(l), "{l}");
        }
        for ok in [".well-known", ".nojekyll", ".htaccess", "security.txt", "logo.svg"] {
            assert!(!is_litter(ok), "{ok}");
        }
    }
}
