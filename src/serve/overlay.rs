//! The error overlay: while the last rebuild has errors, every served HTML
//! page shows them (file, line, column, message and the quoted source, as
//! the terminal does) over the last good version of the page. Everything in
//! it comes from the user's files, so all of it is HTML-escaped.

use std::fmt::Write;

use crate::diag::{Diagnostic, Diagnostics, Format, report};

/// What is good for XML text is good for HTML text (and drops the control
/// characters neither should carry).
pub use crate::feeds::xml as escape;

/// The overlay's markup, to append to a page's body. `over_site`: it is
/// shown over the last good site (else nothing has built yet).
pub fn render(diags: &Diagnostics, over_site: bool) -> String {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let n = errors.len();
    let mut html = String::new();
    html.push_str(
        "<div id=\"alumni-overlay\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"alumni-overlay-title\">\
         <div class=\"alumni-overlay-box\"><div class=\"alumni-overlay-head\">",
    );
    let _ =
        write!(html, "<h1 id=\"alumni-overlay-title\">The site has {n} error{}</h1>", if n == 1 { "" } else { "s" });
    html.push_str(
        "<button type=\"button\" data-alumni-close aria-label=\"Hide the errors\" title=\"Hide (Esc)\">×</button></div>",
    );
    let underneath = if over_site { "Underneath is the last version that built. " } else { "" };
    let _ = write!(html, "<p class=\"alumni-overlay-note\">{underneath}Fix the file and save: the page reloads.</p>");
    for d in errors {
        item(&mut html, d);
    }
    html.push_str("</div></div>");
    html
}

fn item(html: &mut String, d: &Diagnostic) {
    html.push_str("<section class=\"alumni-overlay-error\">");
    if let Some(file) = &d.file {
        let mut at = file.to_string_lossy().replace('\\', "/");
        if let (Some(line), Some(column)) = (d.line(), d.column()) {
            let _ = write!(at, ":{line}:{column}");
        }
        let _ = write!(html, "<p class=\"alumni-overlay-where\"><code>{}</code></p>", escape(&at));
    }
    let _ = write!(
        html,
        "<p class=\"alumni-overlay-message\">{} <span>[{}]</span></p>",
        escape(&d.message),
        escape(d.code)
    );
    let mut one = Diagnostics::new();
    one.push(d.clone());
    let mut text = Vec::new();
    if report(&one, Format::Human, &mut text, false).is_ok() {
        let _ = write!(html, "<pre>{}</pre>", escape(&String::from_utf8_lossy(&text)));
    }
    html.push_str("</section>");
}

/// The page served for every URL while no build has succeeded yet; the
/// overlay is added to it like to any page.
pub const ERROR_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
     <title>The site has errors · alumni serve</title></head><body></body></html>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    #[test]
    fn overlay_names_the_place_and_escapes_user_text() {
        let src = SourceFile::new("content/pages/<x>.md", "+++\ntitle = \"<script>alert(1)</script>\n+++\n");
        let mut diags = Diagnostics::new();
        diags.push(src.error("front-matter", 12..20, "bad value <script>"));
        diags.push(Diagnostic::warning("w", "a warning, not shown"));
        let html = render(&diags, true);
        assert!(html.contains("last version that built"));
        assert!(!render(&diags, false).contains("last version"));
        assert!(html.contains("The site has 1 error<"), "{html}");
        assert!(html.contains("<code>content/pages/&lt;x&gt;.md:2:9</code>"), "{html}");
        assert!(html.contains("bad value &lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("a warning"), "{html}");
    }
}
