//! `alumni.toml`: every problem is reported with the file, line and column,
//! the value found and what was expected; valid keys take effect.

use crate::support::Site;

/// `alumni check` of the minimal site with this config.
fn check_config(toml: &str) -> crate::support::Run {
    let site = Site::fixture("minimal");
    site.write("alumni.toml", toml);
    site.check(&[])
}

const BRAND: &str = "[brand]\ncompany = \"C\"\n";

#[test]
fn required_keys_missing_are_named_with_an_example() {
    let run = check_config("language = \"ja\"\n");
    run.failed().stderr_has(&[
        "alumni.toml:1:1",
        "missing the required key `title`",
        "expected: title = \"My Company Alumni Network\"",
        "missing the required key `base_url`",
        "expected: base_url = \"https://alumni.example.com\"",
        "missing the required key `brand`",
        "3 errors",
    ]);
    let run = check_config("title = \"T\"\nbase_url = \"https://a.example/\"\n[brand]\nlogo = \"x.svg\"\n");
    run.failed().stderr_has(&["alumni.toml:3:1", "[brand] is missing the required key `company`"]);
    let run = check_config(&format!("title = \"  \"\nbase_url = \"https://a.example/\"\n{BRAND}"));
    run.failed().stderr_has(&["alumni.toml:1:9", "`title` in alumni.toml is empty", "expected a non-empty string"]);
}

#[test]
fn unknown_keys_suggest_the_closest_known_one() {
    let run = check_config(
        "titel = \"T\"\ntitle = \"T\"\nbase_url = \"https://a.example/\"\n[languages.en]\ntitel = \"E\"\n\
         [brand]\ncompnay = \"x\"\ncompany = \"C\"\n[portal]\njoin_ur = \"https://a.example/j\"\n",
    );
    run.failed().stderr_has(&[
        "alumni.toml:1:1",
        "unknown key `titel` in alumni.toml",
        "did you mean `title`?",
        "alumni.toml:5:1",
        "unknown key `titel` in [languages.en]",
        "alumni.toml:7:1",
        "unknown key `compnay` in [brand]",
        "did you mean `company`?",
        "alumni.toml:10:1",
        "unknown key `join_ur` in [portal]",
        "did you mean `join_url`?",
        "4 errors",
    ]);
    // Nothing close: the known keys are listed instead.
    let run = check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\nzzz = 1\n{BRAND}"));
    run.failed().stderr_has(&["alumni.toml:3:1", "unknown key `zzz`", "expected one of: title, base_url, language"]);
}

#[test]
fn invalid_toml_points_at_line_and_column() {
    let run = check_config("title = \"T\"\nbase_url = \"https://a.example/\"\n[brand\ncompany = \"C\"\n");
    run.failed().stderr_has(&["error[config-syntax]", "alumni.toml:3:7", "invalid TOML", "expected `]`"]);
    let run = check_config("title = \"T\nbase_url = \"https://a.example/\"\n");
    run.failed().stderr_has(&["alumni.toml:1:", "invalid TOML"]);
}

#[test]
fn bad_base_url_shows_the_value_and_what_is_expected() {
    for (value, why) in [
        ("alumni.example.com", "is not a valid URL"),
        ("ftp://alumni.example.com/", "must start with http:// or https://"),
        ("https://alumni.example.com/?x=1", "must not have a query (?) or fragment (#)"),
    ] {
        let run = check_config(&format!("title = \"T\"\nbase_url = \"{value}\"\n{BRAND}"));
        run.failed().stderr_has(&["alumni.toml:2:12", &format!("`{value}` {why}"), "expected an absolute http(s) URL"]);
    }
}

#[test]
fn unknown_time_zone_suggests_the_right_name() {
    let run =
        check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\ntimezone = \"Asia/Tokio\"\n{BRAND}"));
    run.failed().stderr_has(&[
        "alumni.toml:3:12",
        "unknown time zone `Asia/Tokio`",
        "expected an IANA time zone name",
        "did you mean `Asia/Tokyo`?",
    ]);
}

#[test]
fn bad_colours_bad_languages_and_wrong_types() {
    let run = check_config(
        "title = \"T\"\nbase_url = \"https://a.example/\"\nlanguage = \"Japanese\"\nminify = \"yes\"\n\
         [languages.English]\n[brand]\ncompany = \"C\"\nprimary_color = \"blue\"\naccent_color = \"#12345\"\n",
    );
    run.failed().stderr_has(&[
        "alumni.toml:3:12",
        "`Japanese` is not a language code",
        "expected a code such as \"ja\" or \"en\"",
        "alumni.toml:4:10",
        "`minify` in alumni.toml must be true or false, found a string",
        "alumni.toml:5:12",
        "`English` is not a language code",
        "alumni.toml:8:17",
        "`blue` is not a colour",
        "expected a hex colour such as \"#1A4D8F\"",
        "alumni.toml:9:16",
        "`#12345` is not a colour",
        "5 errors",
    ]);
}

#[test]
fn page_size_must_be_a_positive_number() {
    let run = check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\npage_size = 0\n{BRAND}"));
    run.failed().stderr_has(&["alumni.toml:3:13", "page_size must be between 1 and 10000, found 0"]);
    let run = check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\npage_size = \"2\"\n{BRAND}"));
    run.failed().stderr_has(&["alumni.toml:3:13", "must be a whole number, found a string"]);
}

#[test]
fn portal_urls_and_email_are_checked() {
    let run = check_config(&format!(
        "title = \"T\"\nbase_url = \"https://a.example/\"\n{BRAND}[portal]\njoin_url = \"example.com/join\"\n\
         contact_email = \"not-an-email\"\n"
    ));
    run.failed().stderr_has(&[
        "alumni.toml:6:12",
        "join_url: `example.com/join` is not a valid URL",
        "alumni.toml:7:17",
        "`not-an-email` is not an email address",
        "expected an address such as \"alumni@example.com\"",
    ]);
}

#[test]
fn a_missing_logo_or_theme_is_named() {
    let run = check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\n{BRAND}logo = \"logo.svg\"\n"));
    run.failed().stderr_has(&[
        "alumni.toml:5:8",
        "the logo `logo.svg` is not in static/",
        "expected the file static/logo.svg",
    ]);
    let run = check_config(&format!("title = \"T\"\nbase_url = \"https://a.example/\"\ntheme = \"nope\"\n{BRAND}"));
    run.failed().stderr_has(&[
        "alumni.toml:3:9",
        "there is no theme `nope`",
        "expected the bundled theme \"default\" or a folder themes/nope/",
    ]);
}

#[test]
fn low_contrast_brand_colours_warn_and_deny_warnings_fails() {
    let toml =
        "title = \"T\"\nbase_url = \"https://a.example/\"\n[brand]\ncompany = \"C\"\nprimary_color = \"#ffff00\"\n";
    let site = Site::fixture("minimal");
    site.write("alumni.toml", toml);
    let run = site.check(&["--format", "json"]);
    let d = run.diagnostic("brand-contrast");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("alumni.toml"), Some(5), Some(17))
    );
    assert!(d["message"].as_str().unwrap().contains("#ffff00"), "{d}");
    site.check(&["--deny-warnings"]).failed().stderr_has(&["warnings are errors because of --deny-warnings"]);
}

#[test]
fn a_missing_or_unreadable_config_is_explained() {
    let site = Site::fixture("minimal");
    site.remove("alumni.toml");
    site.check(&[]).failed().stderr_has(&["no alumni.toml in", "`alumni new DIR` creates one"]);
    site.write("alumni.toml", b"title = \"\xff\"\n");
    site.check(&[]).failed().stderr_has(&["alumni.toml is not valid UTF-8"]);
    let missing = site.path().join("nowhere");
    crate::support::alumni(["check".into(), missing.into_os_string()])
        .failed()
        .stderr_has(&["is not a folder", "alumni new DIR"]);
}

#[test]
fn languages_take_their_title_and_a_language_without_ui_strings_warns() {
    let site = Site::fixture("minimal");
    site.write(
        "alumni.toml",
        "title = \"Alumni\"\nbase_url = \"https://a.example/\"\nlanguage = \"ja\"\n\
         [languages.ja]\ntitle = \"アルムナイ\"\n[languages.fr]\ntitle = \"Anciens\"\n{BRAND}"
            .replace("{BRAND}", BRAND),
    );
    let run = site.build(&["--format", "json"]);
    run.ok();
    let d = run.diagnostic("i18n-missing");
    assert_eq!((d["severity"].as_str(), d["file"].as_str()), (Some("warning"), Some("themes/default/i18n/fr.toml")));
    let texts = crate::support::texts;
    assert_eq!(texts(&site.html("index.html"), "title"), ["アルムナイ"], "the default language's own title");
    assert_eq!(texts(&site.html("fr/index.html"), "title"), ["Anciens"]);
    assert_eq!(crate::support::attrs(&site.html("fr/index.html"), "html", "lang"), ["fr"]);
    // The message has no French version: the French list shows it in Japanese.
    assert!(crate::support::links(&site.html("fr/messages/index.html")).contains(&"/messages/hello/".to_string()));
}

#[test]
fn a_language_may_name_the_company_in_its_own_words() {
    let site = Site::fixture("portal");
    site.edit(
        "alumni.toml",
        "title = \"Mirai Shoji Alumni Network\"",
        "title = \"Mirai Shoji Alumni Network\"\ncompany = \"Mirai Shoji Co., Ltd.\"",
    );
    site.build(&["--as-of", "2026-11-24"]).ok();
    let company = |rel: &str| {
        let doc = site.html(rel);
        let org = crate::formats::jsonld_of(&doc, "Organization");
        (crate::support::texts(&doc, "footer").join(" "), org["name"].as_str().unwrap().to_string())
    };
    let (footer, org) = company("en/index.html");
    assert!(footer.contains("Mirai Shoji Co., Ltd.") && !footer.contains("ミライ商事株式会社"), "{footer}");
    assert_eq!(org, "Mirai Shoji Co., Ltd.");
    // The default language keeps brand.company.
    let (footer, org) = company("index.html");
    assert!(footer.contains("ミライ商事株式会社") && !footer.contains("Mirai Shoji Co."), "{footer}");
    assert_eq!(org, "ミライ商事株式会社");
    // Structured data of English pages, and the English feed's author.
    let ev = crate::formats::jsonld_of(&site.html("en/events/winter-meetup/index.html"), "Event");
    assert_eq!(ev["organizer"]["name"], "Mirai Shoji Co., Ltd.");
    let job = crate::formats::jsonld_of(&site.html("jobs/engineer/index.html"), "JobPosting");
    assert_eq!(job["hiringOrganization"]["name"], "ミライ商事株式会社");
    assert!(site.read("en/atom.xml").contains("<author><name>Mirai Shoji Co., Ltd.</name></author>"));
    assert!(site.read("atom.xml").contains("<author><name>ミライ商事株式会社</name></author>"));
}
