//! A save of raw HTML nested thousands deep does not stop the server (it
//! overflowed the stack in the minifier and killed the process).

use crate::support::{Site, page, serve};

#[test]
fn deeply_nested_html_is_served() {
    let site = Site::copy("serve-site");
    let server = serve(&site);
    let mut live = server.live();
    let deep = format!("{}deep text", "<div>".repeat(3000));
    site.write("content/pages/about.md", &page("About", &deep));
    live.expect("reload", &server.log);
    assert!(server.page("/about/").contains("deep text"));
    assert_eq!(server.get("/").status, 200);
}
