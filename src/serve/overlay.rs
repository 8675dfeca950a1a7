//! The error overlay: while the last rebuild has errors, every served HTML
//! page shows them (file, line, column, message and the quoted source, as
//! the terminal does) over the last good version of the page, in the
//! language of the terminal. Everything in it comes from the user's files
//! or the message files, so all of it is HTML-escaped.

use std::fmt::Write;

use crate::diag::{Diagnostic, Diagnostics, Format, report};
use crate::i18n::Lang;
use crate::msg;

/// What is good for XML text is good for HTML text (and drops the control
/// characters neither should carry).
pub use crate::feeds::xml as escape;

/// The overlay's markup, to append to a page's body. `over_site`: it is
/// shown over the last good site (else nothing has built yet).
pub fn render(diags: &Diagnostics, over_site: bool, lang: Lang) -> String {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let t = |text: crate::i18n::Text| escape(&text.render(lang));
    let mut html = String::new();
    // The page underneath may be in another language than the overlay.
    let _ = write!(
        html,
        "<div id=\"alumni-overlay\" lang=\"{}\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"alumni-overlay-title\">\
         <div class=\"alumni-overlay-box\"><div class=\"alumni-overlay-head\">",
        lang.tag()
    );
    let _ = write!(html, "<h1 id=\"alumni-overlay-title\">{}</h1>", t(msg!("overlay-title", errors = errors.len())));
    let _ = write!(
        html,
        "<button type=\"button\" data-alumni-close aria-label=\"{}\" title=\"{}\">×</button></div>",
        t(msg!("overlay-hide")),
        t(msg!("overlay-hide-title"))
    );
    let note = if over_site { msg!("overlay-note-over-site") } else { msg!("overlay-note") };
    let _ = write!(html, "<p class=\"alumni-overlay-note\">{}</p>", t(note));
    for d in errors {
        item(&mut html, d, lang);
    }
    html.push_str("</div></div>");
    html
}

fn item(html: &mut String, d: &Diagnostic, lang: Lang) {
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
        escape(&d.message.render(lang)),
        escape(d.code)
    );
    let mut one = Diagnostics::new();
    one.push(d.clone());
    let mut text = Vec::new();
    if report(&one, Format::Human, lang, &mut text, false).is_ok() {
        let _ = write!(html, "<pre>{}</pre>", escape(&String::from_utf8_lossy(&text)));
    }
    html.push_str("</section>");
}

/// The page served for every URL while no build has succeeded yet; the
/// overlay is added to it like to any page.
pub fn error_page(lang: Lang) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body></body></html>",
        lang.tag(),
        escape(&msg!("overlay-page-title").render(lang))
    )
}

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
        let html = render(&diags, true, Lang::En);
        assert!(html.contains("last version that built"));
        assert!(!render(&diags, false, Lang::En).contains("last version"));
        assert!(html.contains("The site has 1 error<"), "{html}");
        assert!(html.contains("<code>content/pages/&lt;x&gt;.md:2:9</code>"), "{html}");
        assert!(html.contains("bad value &lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("a warning"), "{html}");
    }

    #[test]
    fn overlay_speaks_the_chosen_language() {
        let src = SourceFile::new("content/pages/a.md", "+++\ntitle = 1\n+++\n");
        let mut diags = Diagnostics::new();
        diags.push(src.error("frontmatter-unclosed", 0..3, msg!("frontmatter-unclosed")));
        let html = render(&diags, true, Lang::Ja);
        assert!(html.contains("lang=\"ja\""), "{html}");
        assert!(html.contains("エラーが 1 件あります"), "{html}");
        assert!(html.contains("フロントマターが閉じられていません"), "{html}");
        assert!(html.contains("エラー[frontmatter-unclosed]"), "{html}");
        assert!(error_page(Lang::Ja).contains("<html lang=\"ja\">"));
    }
}
