use super::*;
use proptest::prelude::*;
use pulldown_cmark::Parser;

/// The HTML of `md` as the site renders it: with the amendments when `friendly`.
fn html(md: &str, friendly: bool) -> String {
    let (text, markers) = source(md, friendly);
    let events: Vec<Event<'_>> = Parser::new_ext(&text, crate::markdown::options())
        .map(|ev| if markers.is_some() { unmark_event(ev) } else { ev })
        .collect();
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn one(md: &str) -> String {
    html(md, true).trim_end().to_string()
}

#[test]
fn the_issue_examples_render_as_meant() {
    for (md, want) in [
        ("これは**「重要」**です", "<p>これは<strong>「重要」</strong>です</p>"),
        ("**テスト。**テスト", "<p><strong>テスト。</strong>テスト</p>"),
        ("税込**¥10,000**で", "<p>税込<strong>¥10,000</strong>で</p>"),
        (
            "**[製品](/about/)**と**[製品](/about/)**",
            "<p><strong><a href=\"/about/\">製品</a></strong>と<strong><a href=\"/about/\">製品</a></strong></p>",
        ),
        (
            "**C#**や**F#**は**「.NET」**という",
            "<p><strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>という</p>",
        ),
        ("~~「旧」~~", "<p><del>「旧」</del></p>"),
        ("価格は~~「旧」~~新価格です", "<p>価格は<del>「旧」</del>新価格です</p>"),
        (
            "**「サクラ電機アルムナイネットワーク」**を開設します。",
            "<p><strong>「サクラ電機アルムナイネットワーク」</strong>を開設します。</p>",
        ),
        (
            "**「重要」**なお知らせです。強調が**効く**",
            "<p><strong>「重要」</strong>なお知らせです。強調が<strong>効く</strong></p>",
        ),
    ] {
        assert_eq!(one(md), want, "{md}");
        // and CommonMark alone gets them wrong (or the test would prove nothing)
        if md != "~~「旧」~~" {
            assert_ne!(html(md, false).trim_end(), want, "{md}");
        }
    }
}

/// Cases of the kinds the amendments' own test files cover (punctuation
/// inside the run, links, code, full-width digits, Korean, symbols that are
/// also emoji, Chinese punctuation), in sentences of our own.
#[test]
fn amendment_cases_become_strong() {
    for md in [
        "本日は**ご参加ありがとうございました。**またお会いしましょう。",
        "単語と**[リンク](/x/)**単語",
        "冒頭の**`alumni build`を実行。**",
        "**最後の`check`**で確認します。",
        "注意点**（必ずお読みください）**があります。",
        "正解は**④**です。",
        "会員番号が**００１番**になります。",
        "会員番号が**001番**になります。",
        "花子は**\"ようこそ\"**と言った",
        "花子は**Welcome**と言った",
        "花子は**「Welcome back」**と言った",
        "Rust**「入門」**の記事です。",
        "・**㋐**:一つ目の選択肢",
        "**⻲田花子**と申します",
        "**好，**他",
        "**好。**他",
        "**好；**他",
        "**이 [링크](/k/)**만 강조합니다.",
        "패키지를 만들려면 **`cargo new`**를 실행하십시오.",
        "**안녕(hi)**하세요.",
        "a**〰**a",
        "a**〽**a",
        "a**🈂**a",
        "a**㊗**a",
    ] {
        let out = one(md);
        assert!(out.contains("<strong>") && !out.contains("**"), "{md} -> {out}");
    }
}

#[test]
fn underscores_look_through_variation_selectors() {
    assert_eq!(one("正體字。\u{FE01}_Traditional._"), "<p>正體字。\u{FE01}<em>Traditional.</em></p>");
    assert_eq!(one("__注意__：本文"), "<p><strong>注意</strong>：本文</p>");
    // Between CJK letters, `_` stays literal, as in CommonMark.
    assert_eq!(one("日本_語_です"), "<p>日本_語_です</p>");
}

#[test]
fn what_the_amendments_leave_alone_stays_literal() {
    // Non-CJK punctuation inside the run next to a Latin letter: not emphasis
    // in CommonMark, nor with the amendments.
    for md in ["a**a«**a", "a**»a**a", "a**a∇**a", "a**a𝜵**a", "a**😀**a"] {
        assert_eq!(one(md), html(md, false).trim_end(), "{md}");
        assert!(!one(md).contains("<strong>"), "{md}");
    }
    // Escaped delimiters stay text.
    assert_eq!(one("これは\\*\\*「重要」\\*\\*です"), "<p>これは**「重要」**です</p>");
    // Code spans keep their text, markers or not.
    assert_eq!(
        one("`字**「x」**字` と**「本文」**です"),
        "<p><code>字**「x」**字</code> と<strong>「本文」</strong>です</p>"
    );
}

#[test]
fn offsets_map_back_to_the_file() {
    let md = "これは**「重要」**です [リンク](x.md)";
    let (marked, markers) = prepare(md).expect("marked");
    assert!(marked.contains(MARKER));
    let link = marked.find("[リンク]").unwrap();
    assert_eq!(markers.original(link), md.find("[リンク]").unwrap());
    assert_eq!(markers.original(0), 0);
    assert_eq!(markers.original(marked.len()), md.len());
}

#[test]
fn a_text_that_holds_the_marker_is_read_as_commonmark() {
    let md = format!("これは**「重要」**です{MARKER}");
    assert!(prepare(&md).is_none());
}

#[test]
fn line_breaks_join_wide_characters_only() {
    assert!(joins('す', 'こ'));
    assert!(joins('。', '「'));
    assert!(joins('ｱ', 'ｲ'), "half-width katakana (H) joins too");
    assert!(joins('漢', '２'));
    assert!(!joins('す', 'a'));
    assert!(!joins('a', 'こ'));
    assert!(!joins('다', '가'), "Hangul keeps its space");
    assert!(!joins('😀', 'こ'), "emoji are not text");
    assert!(!joins('こ', '🎉'));
}

#[test]
fn cjk_characters_are_those_of_the_amendments() {
    for c in ['字', 'か', 'カ', '。', '「', '（', '！', '〰', '㊗', '🈂', '한', 'ᄀ', '₩', '⻲'] {
        assert!(is_cjk(c), "{c}");
    }
    for c in ['a', '«', '∇', '😀', '🎉', 'é', '—', '€'] {
        assert!(!is_cjk(c), "{c}");
    }
    assert!(!is_punct(MARKER) || is_punct(MARKER), "the marker must be punctuation to pulldown-cmark:");
    assert!(is_punct(MARKER));
    assert!(!is_cjk(MARKER));
}

/// What a reader sees of some HTML: its text with `*`, `_` and `~` taken out
/// (they are the only characters the amendments turn from text into tags).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '*' | '_' | '~' => {}
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "*",
        "**",
        "***",
        "_",
        "__",
        "~",
        "~~",
        "`",
        "[",
        "](/x/)",
        "\\",
        " ",
        "\n",
        "\n\n",
        "> ",
        "- ",
        "|",
        "<b>",
        "</b>",
        "a",
        "word",
        ".",
        ",",
        "(",
        ")",
        "\"",
        "字",
        "日本語",
        "。",
        "、",
        "「",
        "」",
        "（",
        "）",
        "！",
        "¥",
        "１",
        "ｱ",
        "한",
        "😀",
        "\u{FE01}",
        "#",
        "&amp;",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// A summary read as Markdown, the quick way for text without syntax
    /// and the whole way, gives the same text.
    #[test]
    fn plain_summaries_read_the_same_either_way(md in markdownish(), extra in "[ -~　-ー一-龠]{0,20}") {
        let opts = crate::config::MarkdownOptions::default();
        for text in [md.as_str(), extra.as_str()] {
            let quick = crate::markdown::plain_inline(text, opts);
            let whole = crate::markdown::plain_inline_parsed(text, opts);
            prop_assert_eq!(quick, whole, "{:?}", text);
        }
    }

    /// Whatever the text, the amendments change only which delimiters
    /// become tags: the same characters reach the reader, no marker
    /// survives, and text with no CJK character reads as CommonMark does.
    #[test]
    fn only_delimiters_change(md in markdownish()) {
        let friendly = html(&md, true);
        let plain = html(&md, false);
        prop_assert!(!friendly.contains(MARKER));
        prop_assert_eq!(visible(&friendly), visible(&plain));
        if !md.chars().any(|c| c as u32 >= 0x1100) {
            prop_assert_eq!(friendly, plain);
        }
    }
}

/// pulldown-cmark's own test suite (the CommonMark and GFM specification
/// examples and its regression cases, 1,154 texts), read from its
/// sources in cargo's registry: a text the amendments leave alone renders
/// byte for byte as pulldown-cmark renders it, and one they change keeps
/// what the reader sees.
#[test]
fn pulldown_cmark_suite_is_unchanged() {
    let suite = pulldown_suite();
    let (mut same, mut marked) = (0, 0);
    for md in &suite {
        let friendly = html(md, true);
        let plain = html(md, false);
        if prepare(md).is_none() {
            assert_eq!(friendly, plain, "{md}");
            same += 1;
        } else {
            assert_eq!(visible(&friendly), visible(&plain), "{md}");
            marked += 1;
        }
    }
    eprintln!("{same} texts unchanged, {marked} marked");
    assert!(same > 1_000, "only {same} texts compared ({marked} marked)");
}

/// The texts of pulldown-cmark's test suite (`let original = r##"..."##;`).
fn pulldown_suite() -> Vec<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let version = "pulldown-cmark-0.13.6";
    let dir = std::fs::read_dir(home.join("registry/src"))
        .expect("cargo's registry sources")
        .flatten()
        .map(|index| index.path().join(version).join("tests/suite"))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| panic!("{version}'s sources in cargo's registry (update the version here with Cargo.lock)"));
    let mut texts = Vec::new();
    for file in std::fs::read_dir(dir).unwrap().flatten() {
        let code = std::fs::read_to_string(file.path()).unwrap();
        for part in code.split("let original = r##\"").skip(1) {
            if let Some((md, _)) = part.split_once("\"##;") {
                texts.push(md.to_string());
            }
        }
    }
    texts
}

#[test]
fn markers_go_only_where_they_can_matter() {
    // The closing side of an opening run, with no earlier run to close: no marker.
    assert!(prepare("挨拶。**東京**で会いましょう").is_none());
    // Across a line break in one paragraph, the runs still pair up.
    assert_eq!(one("これは**「重\n要」**です"), "<p>これは<strong>「重\n要」</strong>です</p>");
    // A blank line ends the paragraph: nothing to pair with.
    assert!(prepare("前の段落**\n\n「次」**です").is_none() || !one("前の段落**\n\n「次」**です").contains("<strong>"));
}
