//! `alumni new DIR`: a small site that builds as it is, Japanese by default
//! with an English translation, to be edited into the real thing.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::i18n::Text;
use crate::msg;

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/site");

/// Create the site in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), Text> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| msg!("cannot-read-named", name = dir, detail = e.to_string()))?;
        if !empty {
            return Err(msg!("new-not-empty", dir = dir));
        }
    }
    write_dir(&SCAFFOLD, dir).map_err(|e| msg!("new-cannot-create", dir = dir, detail = e.to_string()))
}

fn write_dir(d: &Dir<'static>, root: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(root.join(d.path()))?;
    for f in d.files() {
        std::fs::write(root.join(f.path()), f.contents())?;
    }
    for sub in d.dirs() {
        write_dir(sub, root)?;
    }
    Ok(())
}
