//! Judging what the browser run reported (tests/browser/audit.mjs): each
//! problem becomes one readable block naming the site, page, width and what
//! to fix, so a failing run says everything at once.

use serde_json::Value;

use alumni::content::Kind;

use super::sites::{AuditPage, Built, PageKind, xml_text};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string)).collect())
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Problems found on the pages of one site (`result` is its entry in RESULT.json).
pub fn pages(b: &Built, plan: &[AuditPage], result: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let audited = result["pages"].as_array().cloned().unwrap_or_default();
    for p in plan {
        for width in [390, 1280] {
            let Some(r) = audited.iter().find(|r| s(r, "name") == p.name && r["width"] == width) else {
                out.push(format!("[{}] {} at {width}px ({}) was not audited", b.name, p.name, p.path));
                continue;
            };
            let problems = page(b, p, r);
            if !problems.is_empty() {
                out.push(format!("[{}] {} at {width}px ({}):\n{}", b.name, p.name, p.path, problems.join("\n")));
            }
        }
    }
    out
}

/// The low-contrast fixture's pages must show what `alumni check` warns
/// about: axe reports its brand colours, so the audit can see such problems.
pub fn contrast_control(b: &Built, result: &Value) -> Vec<String> {
    let audited = result["pages"].as_array().cloned().unwrap_or_default();
    let caught = audited
        .iter()
        .filter(|r| r["axe"].as_array().into_iter().flatten().any(|v| v["id"] == "color-contrast"))
        .count();
    if audited.is_empty() || caught < audited.len() {
        vec![format!(
            "[{}] axe found colour contrast violations on {caught} of {} audits; `alumni check` warns that the brand colours fail",
            b.name,
            audited.len()
        )]
    } else {
        Vec::new()
    }
}

fn page(b: &Built, p: &AuditPage, r: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if r["status"] != p.status {
        out.push(format!("  HTTP status {} (expected {})", r["status"], p.status));
    }
    let lists = [
        ("consoleErrors", "console error"),
        ("failedRequests", "failed request"),
        ("foreignRequests", "request to another host"),
        ("dialogs", "dialog opened"),
        ("injected", "markup that only an injection could create"),
    ];
    for (key, what) in lists {
        out.extend(strings(&r[key]).into_iter().map(|x| format!("  {what}: {x}")));
    }
    let (sw, iw) = (r["scrollWidth"].as_u64().unwrap_or(0), r["innerWidth"].as_u64().unwrap_or(0));
    if sw > iw {
        out.push(format!(
            "  scrolls horizontally: content is {sw}px wide in a {iw}px window; sticking out: {}",
            strings(&r["overflowing"]).join(", ")
        ));
    }
    out.extend(jsonld(b, p, r));
    for v in r["axe"].as_array().into_iter().flatten() {
        out.push(format!("  axe {} ({}): {}  [{}]", s(v, "id"), s(v, "impact"), s(v, "help"), s(v, "helpUrl")));
        for n in v["nodes"].as_array().into_iter().flatten() {
            out.push(format!("    at {}: {}", s(n, "target"), s(n, "html")));
            for line in s(n, "summary").lines() {
                out.push(format!("      {line}"));
            }
        }
    }
    let shot = s(r, "screenshot");
    if !std::path::Path::new(shot).is_file() {
        out.push(format!("  no screenshot at {shot:?}"));
    }
    out
}

/// Every JSON-LD block parses in the page, and detail pages carry the
/// structured data of their content with the exact title.
fn jsonld(b: &Built, p: &AuditPage, r: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let blocks = r["jsonld"].as_array().cloned().unwrap_or_default();
    let mut values = Vec::new();
    for block in &blocks {
        if block["ok"] == true {
            values.push(block["value"].clone());
        } else {
            out.push(format!("  JSON-LD does not parse: {} in {:?}", s(block, "error"), s(block, "text")));
        }
    }
    let site = &b.site;
    let expect: Option<(&str, &str, &str)> = match p.page.map(|i| (&site.pages[i], &site.pages[i].src.kind)) {
        Some((pg, Kind::Event(_))) => Some(("Event", "name", &pg.src.title)),
        Some((pg, Kind::Job(_))) if pg.is_open => Some(("JobPosting", "title", &pg.src.title)),
        None if p.kinds == [PageKind::Home] => Some(("Organization", "name", site.config.company(&p.lang))),
        _ => None,
    };
    if let Some((ty, key, want)) = expect {
        let found = values.iter().any(|v| v["@type"] == ty && v[key] == want);
        if !found {
            let seen: Vec<String> = values.iter().map(|v| format!("{} {:?}", v["@type"], v[key])).collect();
            out.push(format!("  expected JSON-LD {ty} with {key} {want:?}; found: [{}]", seen.join(", ")));
        }
    }
    out
}

/// The feeds and the sitemap as Chromium's XML parser read them: no element
/// where none belongs, and every title exactly the content's title.
pub fn xml(b: &Built, result: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let site = &b.site;
    let trees = result["xml"].as_object().cloned().unwrap_or_default();
    for (li, l) in site.langs.iter().enumerate() {
        let rel = format!("{}atom.xml", l.prefix);
        match trees.get(&rel) {
            Some(t) if t.get("tree").is_some() => {
                out.extend(atom(b, li, &t["tree"]).into_iter().map(|x| format!("[{}] {rel}: {x}", b.name)))
            }
            Some(t) => out.push(format!("[{}] {rel} does not parse: {}", b.name, s(t, "error"))),
            None => out.push(format!("[{}] {rel} was not parsed", b.name)),
        }
    }
    match trees.get("sitemap.xml") {
        Some(t) if t.get("tree").is_some() => {
            out.extend(sitemap(b, &t["tree"]).into_iter().map(|x| format!("[{}] sitemap.xml: {x}", b.name)))
        }
        Some(t) => out.push(format!("[{}] sitemap.xml does not parse: {}", b.name, s(t, "error"))),
        None => out.push(format!("[{}] sitemap.xml was not parsed", b.name)),
    }
    out
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn children(el: &Value) -> Vec<Value> {
    el["children"].as_array().cloned().unwrap_or_default()
}

fn unexpected(el: &Value, ns: &str, allowed: &[&str]) -> Vec<String> {
    children(el)
        .iter()
        .filter(|c| c["ns"] != ns || !allowed.contains(&s(c, "name")))
        .map(|c| format!("unexpected <{}> (namespace {}) in <{}>", s(c, "name"), c["ns"], s(el, "name")))
        .collect()
}

fn child_text(el: &Value, name: &str) -> Option<String> {
    children(el).into_iter().find(|c| s(c, "name") == name).map(|c| s(&c, "text").to_string())
}

fn atom(b: &Built, lang: usize, feed: &Value) -> Vec<String> {
    let site = &b.site;
    let l = &site.langs[lang];
    let mut out = Vec::new();
    if s(feed, "name") != "feed" || feed["ns"] != ATOM {
        return vec![format!("root element is <{}>, not an Atom <feed>", s(feed, "name"))];
    }
    out.extend(unexpected(feed, ATOM, &["title", "id", "link", "updated", "author", "generator", "entry"]));
    let title = site.config.language(&l.code).map_or(site.config.title.as_str(), |x| x.title.as_str());
    if child_text(feed, "title").as_deref() != Some(xml_text(title).as_str()) {
        out.push(format!("feed title {:?}, expected {:?}", child_text(feed, "title"), xml_text(title)));
    }
    let mut want: Vec<String> = l
        .messages
        .iter()
        .chain(&l.welcome)
        .chain(&l.upcoming)
        .chain(&l.jobs)
        .chain(&l.stories)
        .map(|&i| xml_text(&site.pages[i].src.title))
        .collect();
    let mut got = Vec::new();
    for entry in children(feed).iter().filter(|c| s(c, "name") == "entry") {
        out.extend(unexpected(entry, ATOM, &["title", "id", "link", "updated", "author", "summary", "content"]));
        for a in children(entry).iter().chain(children(feed).iter()).filter(|c| s(c, "name") == "author") {
            out.extend(unexpected(a, ATOM, &["name"]));
        }
        got.push(child_text(entry, "title").unwrap_or_default());
    }
    want.sort();
    got.sort();
    if want.len() <= 50 && want != got {
        out.push(format!("entry titles {got:?}, expected {want:?}"));
    }
    out
}

fn sitemap(b: &Built, root: &Value) -> Vec<String> {
    const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let mut out = Vec::new();
    if s(root, "name") != "urlset" || root["ns"] != SM {
        return vec![format!("root element is <{}>, not a sitemap <urlset>", s(root, "name"))];
    }
    out.extend(unexpected(root, SM, &["url"]));
    for url in children(root) {
        for c in children(&url) {
            let ok = (c["ns"] == SM && ["loc", "lastmod"].contains(&s(&c, "name")))
                || (c["ns"] == "http://www.w3.org/1999/xhtml" && s(&c, "name") == "xhtml:link");
            if !ok {
                out.push(format!("unexpected <{}> in <url>", s(&c, "name")));
            }
        }
        let loc = child_text(&url, "loc").unwrap_or_default();
        if !loc.starts_with(&b.site.config.base_url.full) {
            out.push(format!("<loc>{loc}</loc> is not under the base URL {}", b.site.config.base_url.full));
        }
    }
    out
}

/// Under forced colours every planned page was seen in forced mode and each
/// icon is painted in its parent's forced text colour. Returns the problems
/// and how many icons were checked.
pub fn forced_colours(b: &Built, plan: &[AuditPage], result: &Value) -> (Vec<String>, u64) {
    let mut out = Vec::new();
    let mut icons = 0;
    let seen = result["forcedColours"].as_array().cloned().unwrap_or_default();
    for p in plan {
        let Some(r) = seen.iter().find(|r| s(r, "name") == p.name) else {
            out.push(format!("[{}] {} ({}) was not seen under forced colours", b.name, p.name, p.path));
            continue;
        };
        if r["forced"] != true {
            out.push(format!("[{}] {} ({}): forced colours were not active", b.name, p.name, p.path));
        }
        icons += r["icons"].as_u64().unwrap_or(0);
        let wrong = strings(&r["wrong"]);
        if !wrong.is_empty() {
            out.push(format!(
                "[{}] {} ({}): icons under forced colours not in their text's colour:\n  {}",
                b.name,
                p.name,
                p.path,
                wrong.join("\n  ")
            ));
        }
    }
    (out, icons)
}
