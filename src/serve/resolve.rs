//! From a request's URL path to a file of the snapshot, and from a file to
//! its content type. Only snapshot keys are ever looked up: a request
//! cannot name a path on disk, and odd paths (`..`, encoded slashes,
//! backslashes, NUL) are refused before lookup anyway.

use percent_encoding::percent_decode_str;

use crate::incremental::Snapshot;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the snapshot (its key).
    File(String),
    /// A folder URL without its slash, or the root of a site with a base
    /// path: send the browser there.
    Redirect(String),
    /// Not in the site: serve this 404 page (a key), if the site has one.
    NotFound(Option<String>),
    /// A path no file can have.
    BadRequest(&'static str),
}

/// Resolve the raw (still percent-encoded) path of a request.
pub fn resolve(raw: &str, snap: &Snapshot) -> Resolved {
    let base = snap.base_path.as_str();
    let Some(rest) = raw.strip_prefix(base) else {
        // `/alumni` and `/` lead to the site at `/alumni/`.
        if raw == "/" || raw == base.trim_end_matches('/') {
            return Resolved::Redirect(base.to_string());
        }
        return not_found(snap, "");
    };
    let path = match decode(rest) {
        Ok(p) => p,
        Err(why) => return Resolved::BadRequest(why),
    };
    if path.starts_with('/') {
        return not_found(snap, &path);
    }
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    if snap.files.contains_key(&key) {
        return Resolved::File(key);
    }
    if !path.is_empty() && !path.ends_with('/') && snap.files.contains_key(&format!("{path}/index.html")) {
        return Resolved::Redirect(format!("{base}{rest}/"));
    }
    not_found(snap, &path)
}

/// Percent-decode a path below the base, refusing anything that could
/// mean another folder than it says.
fn decode(rest: &str) -> Result<String, &'static str> {
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err("encoded slashes are not allowed in paths");
    }
    let path =
        percent_decode_str(rest).decode_utf8().map_err(|_| "the path is not valid UTF-8 once decoded")?.into_owned();
    if path.contains('\\') || path.contains('\0') {
        return Err("backslashes and NUL are not allowed in paths");
    }
    if path.split('/').any(|s| s == "." || s == "..") {
        return Err("`.` and `..` are not allowed in paths");
    }
    Ok(path)
}

/// The site's 404 page: the one of the path's language (`/en/...` ->
/// `en/404.html`) when there is one, else the default language's.
fn not_found(snap: &Snapshot, path: &str) -> Resolved {
    let first = path.split('/').next().unwrap_or("");
    let localized = format!("{first}/404.html");
    if !first.is_empty() && path.contains('/') && snap.files.contains_key(&localized) {
        return Resolved::NotFound(Some(localized));
    }
    Resolved::NotFound(snap.files.contains_key("404.html").then(|| "404.html".to_string()))
}

/// The `Content-Type` of a file of the site, from its name.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "jsonld" => "application/ld+json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::incremental::Body;

    fn site(base: &str) -> Snapshot {
        let files: HashMap<String, Body> =
            ["index.html", "404.html", "en/404.html", "events/index.html", "logo.svg", "tags/東京/index.html"]
                .iter()
                .map(|k| (k.to_string(), Body::Generated(Arc::default())))
                .collect();
        Snapshot { files: Arc::new(files), base_path: base.to_string(), generation: 1 }
    }

    #[test]
    fn folders_files_and_redirects() {
        let s = site("/");
        assert_eq!(resolve("/", &s), Resolved::File("index.html".into()));
        assert_eq!(resolve("/events/", &s), Resolved::File("events/index.html".into()));
        assert_eq!(resolve("/events", &s), Resolved::Redirect("/events/".into()));
        assert_eq!(resolve("/logo.svg", &s), Resolved::File("logo.svg".into()));
        assert_eq!(resolve("/tags/%E6%9D%B1%E4%BA%AC/", &s), Resolved::File("tags/東京/index.html".into()));
        assert_eq!(resolve("/nope", &s), Resolved::NotFound(Some("404.html".into())));
        assert_eq!(resolve("/en/nope/", &s), Resolved::NotFound(Some("en/404.html".into())));
        assert_eq!(resolve("/en", &s), Resolved::NotFound(Some("404.html".into())));
    }

    #[test]
    fn base_path() {
        let s = site("/alumni/");
        assert_eq!(resolve("/", &s), Resolved::Redirect("/alumni/".into()));
        assert_eq!(resolve("/alumni", &s), Resolved::Redirect("/alumni/".into()));
        assert_eq!(resolve("/alumni/events", &s), Resolved::Redirect("/alumni/events/".into()));
        assert_eq!(resolve("/alumni/logo.svg", &s), Resolved::File("logo.svg".into()));
        assert_eq!(resolve("/logo.svg", &s), Resolved::NotFound(Some("404.html".into())));
    }

    #[test]
    fn traversal_is_refused() {
        let s = site("/");
        for bad in ["/../x", "/%2e%2e/x", "/%2E%2E/x", "/a/%2f/x", "/..%2fx", "/..%5cx", "/a%5c..%5cx", "/%00", "/./x"]
        {
            assert!(matches!(resolve(bad, &s), Resolved::BadRequest(_)), "{bad}");
        }
        assert!(matches!(resolve("//etc/passwd", &s), Resolved::NotFound(_)));
        assert!(matches!(resolve("/%ff", &s), Resolved::BadRequest(_)));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("atom.xml"), "application/atom+xml; charset=utf-8");
        assert_eq!(content_type("en/atom.xml"), "application/atom+xml; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("events/calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("a/B.PNG"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
