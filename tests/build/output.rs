//! The output folder: replaced only by a whole successful build, marked as
//! ours, never a folder the user cares about, no temporary folders left
//! behind, and byte-identical between builds of the same input.

use std::path::Path;

use crate::support::{AS_OF, Site, portal, tree};

/// Names in `dir` that are temporary folders of a build.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".alumni-new-") || n.contains(".alumni-old-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = Site::fixture("minimal");
    site.build(&[]).ok();
    assert!(site.public().join(".alumni-output").is_file(), "the marker");
    let before = tree(&site.public());
    site.write("content/messages/broken.md", "+++\ntitle = \"x\n+++\n");
    site.build(&[]).failed().stderr_has(&["content/messages/broken.md:2:"]);
    assert_eq!(tree(&site.public()), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new(), "after a failure");
    // A template error fails late, after the content: still untouched.
    site.remove("content/messages/broken.md");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.title | nope }}{% endblock content %}",
    );
    site.write("content/pages/p.md", "+++\ntitle = \"P\"\n+++\n");
    site.build(&[]).failed();
    assert_eq!(tree(&site.public()), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_successful_build_replaces_the_whole_output() {
    let site = Site::fixture("minimal");
    site.write("content/pages/old.md", "+++\ntitle = \"Old\"\n+++\n");
    site.build(&[]).ok();
    assert!(site.exists("old/index.html"));
    site.remove("content/pages/old.md");
    site.build(&[]).ok();
    assert!(!site.exists("old/index.html"), "no stale pages");
    assert!(site.public().join(".alumni-output").is_file());
    assert_eq!(leftovers(site.path()), Vec::<String>::new(), "after a success");
}

#[test]
fn refuses_folders_it_did_not_write() {
    let site = Site::fixture("minimal");
    let mine = site.parent().join("my-documents");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("thesis.txt"), "years of work").unwrap();
    let site_before = tree(site.path());
    let refused = |out: &Path, why: &str| {
        site.build(&["--output", out.to_str().unwrap()]).failed().stderr_has(&["refusing to write the site to", why]);
        assert_eq!(tree(site.path()), site_before, "the site is untouched");
    };
    refused(&mine, "was not written by alumni (it has no .alumni-output file)");
    assert_eq!(std::fs::read_to_string(mine.join("thesis.txt")).unwrap(), "years of work");
    refused(site.path(), "it is the site folder itself");
    refused(site.parent(), "it contains the site folder");
    refused(&site.path().join("content/out"), "it is inside the site's content/ folder");
    refused(&site.path().join("static"), "it is inside the site's static/ folder");
    refused(&mine.join("thesis.txt"), "it is a file");
    // A relative path that names the site folder the long way round.
    let sneaky = site.path().join("content/../../site");
    refused(&sneaky, "it is the site folder itself");
    assert!(!site.path().join("content/out").exists());

    // An empty folder is fine, and so is one written by an earlier build.
    let empty = site.parent().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    site.build(&["--output", empty.to_str().unwrap()]).ok();
    site.build(&["--output", empty.to_str().unwrap()]).ok();
    assert!(empty.join(".alumni-output").is_file());
    assert_eq!(leftovers(site.parent()), Vec::<String>::new());
}

#[test]
fn two_builds_with_the_same_as_of_are_byte_identical() {
    let first = tree(&portal().site.public());
    // Another copy in another folder: no path or clock leaks into the output.
    let site = Site::fixture("portal");
    site.build(&["--as-of", AS_OF]).ok();
    let second = tree(&site.public());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&first), names(&second));
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between builds");
    }
    // The same instant written another way is the same build.
    let other = Site::fixture("portal");
    other.build(&["--as-of", "2026-11-23T15:00:00Z"]).ok();
    assert!(tree(&other.public()) == second, "--as-of 2026-11-24 is midnight in Tokyo");
}

#[test]
fn unchanged_files_are_kept_from_the_previous_output() {
    use std::os::unix::fs::MetadataExt;
    // Two pages and a static file; `b` is the second page's text.
    let portal = |b: &str| {
        let site = Site::fixture("minimal");
        site.write("content/pages/a.md", "+++\ntitle = \"A\"\n+++\nFirst.\n");
        site.write("content/pages/b.md", format!("+++\ntitle = \"B\"\n+++\n{b}\n"));
        site.write("static/files/guide.txt", "a guide\n");
        site
    };
    let site = portal("Second.");
    let first = site.build(&[]);
    assert!(!first.ok().stdout.contains("unchanged"), "nothing to keep the first time: {}", first.stdout);
    let public = site.public();
    let inode = |rel: &str| std::fs::metadata(public.join(rel)).unwrap().ino();
    let (a, b, guide) = (inode("a/index.html"), inode("b/index.html"), inode("files/guide.txt"));

    // The same input again: every file is the previous one, not a copy.
    let again = site.build(&[]);
    assert!(again.ok().stdout.contains("(all unchanged)"), "{}", again.stdout);
    assert_eq!((inode("a/index.html"), inode("b/index.html"), inode("files/guide.txt")), (a, b, guide));
    assert_eq!(leftovers(site.path()), Vec::<String>::new());

    // One page edited: it is written anew, the other page is kept.
    site.edit("content/pages/b.md", "Second.", "Second, edited.");
    let edited = site.build(&[]);
    assert!(
        edited.ok().stdout.contains(" unchanged)") && !edited.stdout.contains("all unchanged"),
        "{}",
        edited.stdout
    );
    assert_eq!(inode("a/index.html"), a);
    assert_ne!(inode("b/index.html"), b);
    assert!(site.read("b/index.html").contains("Second, edited."));

    // A file changed by hand in the output, or replaced by a link to the
    // same bytes, is written again as the build makes it.
    let page = site.read("a/index.html");
    std::fs::write(public.join("a/index.html"), "changed by hand").unwrap();
    let copy = site.parent().join("copy.txt");
    std::fs::write(&copy, "a guide\n").unwrap();
    std::fs::remove_file(public.join("files/guide.txt")).unwrap();
    std::os::unix::fs::symlink(&copy, public.join("files/guide.txt")).unwrap();
    site.build(&[]).ok();
    assert_eq!(site.read("a/index.html"), page);
    let meta = std::fs::symlink_metadata(public.join("files/guide.txt")).unwrap();
    assert!(meta.is_file(), "a regular file, not the link");
    assert_eq!(site.read("files/guide.txt"), "a guide\n");
    let fresh = portal("Second, edited.");
    fresh.build(&[]).ok();
    assert_eq!(tree(&public), tree(&fresh.public()), "the same files as a build into a new folder");
}
