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
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            self.allows_bytes(real.as_os_str().as_bytes())
        }
        #[cfg(not(unix))]
        {
            let Ok(rest) = real.strip_prefix(&self.root) else { return false };
            let mut parts = rest.components();
            match parts.next().and_then(|c| c.as_os_str().to_str()) {
                Some(CONFIG_FILE) => parts.next().is_none(),
                Some(first) => FOLDERS.contains(&first) && parts.next().is_some(),
                None => false,
            }
        }
    }

    /// `allows` for a path as bytes.
    #[cfg(unix)]
    fn allows_bytes(&self, real: &[u8]) -> bool {
        use std::os::unix::ffi::OsStrExt;
        !self.root.as_os_str().is_empty()
            && unix_rest(real, self.root.as_os_str().as_bytes()).is_some_and(inside_folders)
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
        if !self.opened_allowed(&file, path, &meta) {
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
        let rel = unix_rest(path.as_os_str().as_bytes(), self.given.as_os_str().as_bytes())?;
        // Only plain parts (no `.`, `..` or doubled `/`): then the path
        // names what it seems to.
        let plain = !rel.is_empty()
            && rel.split(|&b| b == b'/').all(|part| !matches!(part, b"" | b"." | b".."))
            && !rel.contains(&0);
        if !plain || !inside_folders(rel) {
            return None;
        }
        // A NUL-terminated copy of the name, on the stack when it is short.
        let mut buf = [0u8; 256];
        let heap;
        let name: &[u8] = if rel.len() < buf.len() {
            buf[..rel.len()].copy_from_slice(rel);
            &buf[..=rel.len()]
        } else {
            heap = [rel, b"\0"].concat();
            &heap
        };
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
                name.as_ptr().cast::<libc::c_char>(),
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

/// What follows the folder `root` in `path` (both as bytes, `/` between
/// parts), or `None` when `path` is not inside it.
#[cfg(unix)]
fn unix_rest<'p>(path: &'p [u8], root: &[u8]) -> Option<&'p [u8]> {
    let rest = path.strip_prefix(root)?;
    if root.ends_with(b"/") {
        return Some(rest);
    }
    match rest {
        [] => Some(rest),
        [b'/', more @ ..] => Some(more),
        _ => None,
    }
}

/// Whether a path inside the site folder (`rest`, parts separated by `/`)
/// is in one of the site's folders or is its configuration file. Empty and
/// `.` parts count for nothing, as in a `Path`'s components.
#[cfg(unix)]
fn inside_folders(rest: &[u8]) -> bool {
    let mut parts = rest.split(|&b| b == b'/').filter(|p| !matches!(*p, b"" | b"."));
    match parts.next() {
        Some(first) if first == CONFIG_FILE.as_bytes() => parts.next().is_none(),
        Some(first) => FOLDERS.iter().any(|f| f.as_bytes() == first) && parts.next().is_some(),
        None => false,
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

impl SiteFs {
    /// Whether the opened file's real path may be read: on Linux, the path
    /// the kernel holds for it (read into the stack); elsewhere, the
    /// resolved path, if it still names the same file.
    fn opened_allowed(&self, file: &File, path: &Path, meta: &std::fs::Metadata) -> bool {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let _ = (path, meta);
            // `/proc/self/fd/N`, NUL-terminated, written without allocating.
            const PREFIX: &[u8] = b"/proc/self/fd/";
            let mut link = [0u8; 32];
            link[..PREFIX.len()].copy_from_slice(PREFIX);
            let mut digits = [0u8; 10];
            let (mut fd, mut first) = (file.as_raw_fd().unsigned_abs(), digits.len());
            loop {
                first -= 1;
                digits[first] = b'0' + (fd % 10) as u8;
                fd /= 10;
                if fd == 0 {
                    break;
                }
            }
            link[PREFIX.len()..PREFIX.len() + digits.len() - first].copy_from_slice(&digits[first..]);
            // Not zeroed: the system writes the first `n` bytes, and only
            // those are read.
            let mut target = [std::mem::MaybeUninit::<u8>::uninit(); 4096];
            // SAFETY: a NUL-terminated name, and a buffer of the length passed.
            let n = unsafe { libc::readlink(link.as_ptr().cast(), target.as_mut_ptr().cast(), target.len()) };
            match usize::try_from(n) {
                Ok(n) if n < target.len() => {
                    // SAFETY: `readlink` wrote the first `n` bytes.
                    let real = unsafe { std::slice::from_raw_parts(target.as_ptr().cast::<u8>(), n) };
                    self.allows_bytes(real)
                }
                // Perhaps cut short: the whole of it, the long way.
                Ok(_) => std::ffi::CStr::from_bytes_until_nul(&link).is_ok_and(|name| {
                    use std::os::unix::ffi::OsStrExt;
                    std::fs::read_link(std::ffi::OsStr::from_bytes(name.to_bytes())).is_ok_and(|p| self.allows(&p))
                }),
                Err(_) => false,
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = file;
            let Ok(real) = path.canonicalize() else { return false };
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                let Ok(now) = std::fs::metadata(&real) else { return false };
                if now.dev() != meta.dev() || now.ino() != meta.ino() {
                    return false;
                }
            }
            self.allows(&real)
        }
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
        // Part by part: a folder whose name starts with the site's is not the site.
        let beside = PathBuf::from(format!("{}x/content/a.md", root.display()));
        assert!(!fs.allows(&beside));
        assert!(fs.allows(&PathBuf::from(format!("{}/content//a.md", root.display()))));
        assert!(!fs.allows(&PathBuf::from(format!("{}/contents/a.md", root.display()))));
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
