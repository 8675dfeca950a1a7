//! `alumni new DIR`: a working site, Japanese by default with an English
//! translation, that builds with no warnings; never over an existing site.

use crate::support::{Site, alumni, attrs, tree};

#[test]
fn a_new_site_builds_without_warnings() {
    let site = Site::empty();
    let dir = site.path().as_os_str().to_owned();
    let run = alumni(["new".into(), dir.clone()]);
    run.ok();
    assert!(run.stdout.contains("Created a new alumni site in"), "{}", run.stdout);
    let run = alumni(["build".into(), dir.clone()]);
    run.ok();
    assert_eq!(run.stderr, "", "no warnings");
    alumni(["check".into(), dir, "--deny-warnings".into()]).ok();
    assert_eq!(attrs(&site.html("index.html"), "html", "lang"), ["ja"]);
    assert_eq!(attrs(&site.html("en/index.html"), "html", "lang"), ["en"]);
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let site = Site::fixture("minimal");
    let before = tree(site.path());
    alumni(["new".into(), site.path().as_os_str().to_owned()])
        .failed()
        .stderr_has(&["already exists and is not empty"]);
    assert_eq!(tree(site.path()), before, "nothing written");
    // An empty folder is fine.
    let empty = Site::empty();
    std::fs::create_dir_all(empty.path()).unwrap();
    alumni(["new".into(), empty.path().as_os_str().to_owned()]).ok();
    assert!(empty.path().join("alumni.toml").is_file());
}
