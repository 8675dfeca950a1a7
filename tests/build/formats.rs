//! Readers for the machine-readable outputs, built on independent parsers
//! (icalendar, roxmltree, feed-rs, scraper + serde_json), so that tests check
//! what other software reads, not what our own code wrote.

use std::collections::BTreeSet;

use serde_json::Value;

/// One VEVENT as a calendar app reads it: properties in file order, values
/// unfolded and unescaped.
#[derive(Debug)]
pub struct VEvent {
    pub props: Vec<Prop>,
}

#[derive(Debug)]
pub struct Prop {
    pub name: String,
    /// `KEY=value` parameters, e.g. `VALUE=DATE`.
    pub params: Vec<String>,
    pub value: String,
}

impl VEvent {
    #[track_caller]
    pub fn get(&self, name: &str) -> &str {
        let found: Vec<&Prop> = self.props.iter().filter(|p| p.name == name).collect();
        assert_eq!(found.len(), 1, "expected one {name} in {self:#?}");
        &found[0].value
    }

    pub fn params(&self, name: &str) -> Vec<String> {
        self.props.iter().filter(|p| p.name == name).flat_map(|p| p.params.clone()).collect()
    }

    pub fn names(&self) -> BTreeSet<&str> {
        self.props.iter().map(|p| p.name.as_str()).collect()
    }
}

/// Parse a calendar file; checks the VCALENDAR frame and returns its VEVENTs.
#[track_caller]
pub fn vevents(ics: &str) -> Vec<VEvent> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("not iCalendar: {e}\n{ics}"));
    let version = cal.properties.iter().find(|p| p.name == "VERSION").map(|p| p.val.as_str().to_string());
    assert_eq!(version.as_deref(), Some("2.0"));
    assert!(cal.properties.iter().any(|p| p.name == "PRODID"), "PRODID is required");
    let mut out = Vec::new();
    for c in &cal.components {
        assert_eq!(c.name.as_str(), "VEVENT", "only events in the calendar");
        assert!(c.components.is_empty(), "no nested components");
        let props = c
            .properties
            .iter()
            .map(|p| Prop {
                name: p.name.as_str().to_string(),
                params: p
                    .params
                    .iter()
                    .map(|k| format!("{}={}", k.key.as_str(), k.val.as_ref().map_or("", |v| v.as_str())))
                    .collect(),
                value: p.val.as_str().to_string(),
            })
            .collect();
        out.push(VEvent { props });
    }
    out
}

/// RFC 5545 3.1: CRLF line ends, no line longer than 75 octets, and folding
/// never splits a UTF-8 character (each physical line is valid UTF-8).
#[track_caller]
pub fn assert_ics_lines(name: &str, bytes: &[u8]) {
    let body = bytes.strip_suffix(b"\n").unwrap_or_else(|| panic!("{name}: does not end with a line break"));
    for line in body.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or_else(|| panic!("{name}: a line ends with a bare LF"));
        assert!(!line.contains(&b'\r'), "{name}: a bare CR");
        assert!(line.len() <= 75, "{name}: a line of {} octets", line.len());
        assert!(std::str::from_utf8(line).is_ok(), "{name}: a folded line splits a UTF-8 character");
    }
}

/// The JSON-LD blocks of a page, parsed, with their raw text.
pub fn jsonld(doc: &scraper::Html) -> Vec<(String, Value)> {
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    doc.select(&sel)
        .map(|e| {
            let raw: String = e.text().collect();
            let v = serde_json::from_str(&raw).unwrap_or_else(|err| panic!("JSON-LD does not parse ({err}): {raw}"));
            (raw, v)
        })
        .collect()
}

/// The one JSON-LD object of `@type` on a page.
#[track_caller]
pub fn jsonld_of(doc: &scraper::Html, kind: &str) -> Value {
    let all: Vec<Value> = jsonld(doc).into_iter().map(|(_, v)| v).filter(|v| v["@type"] == kind).collect();
    assert_eq!(all.len(), 1, "expected one {kind} JSON-LD block");
    all.into_iter().next().unwrap()
}

/// Names of every element of an XML document, with its namespace.
pub fn xml_element_names(doc: &roxmltree::Document<'_>) -> BTreeSet<String> {
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| format!("{}:{}", n.tag_name().namespace().unwrap_or(""), n.tag_name().name()))
        .collect()
}

/// Child elements of `node` with this local name.
pub fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children().filter(|c| c.is_element() && c.tag_name().name() == name).collect()
}

/// The text of the one child element `name` of `node`.
#[track_caller]
pub fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let c = children(node, name);
    assert_eq!(c.len(), 1, "expected one <{name}>");
    c[0].text().unwrap_or("")
}

/// The front matter of a fixture's content file, as the tests' own TOML
/// reading of it (the values the outputs must carry).
pub fn front_matter(fixture: &str, rel: &str) -> toml::Table {
    let text = crate::support::read(&crate::support::fixtures().join(fixture).join(rel));
    let toml = text.split("+++\n").nth(1).expect("front matter");
    toml::from_str(toml).expect("front matter parses")
}

/// A string value of a fixture's front matter.
pub fn front_value(fixture: &str, rel: &str, key: &str) -> String {
    front_matter(fixture, rel)[key].as_str().expect("a string").to_string()
}
