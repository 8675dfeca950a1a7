//! Messages in the user's language: the binary reads the locale as gettext
//! tools do (LC_ALL, then LC_MESSAGES, then LANG) and speaks Japanese for a
//! Japanese one, English otherwise; json and github output keep their
//! English codes and keys.

use std::process::Command;

use crate::support::fixtures;

/// Run the binary with exactly these locale variables (the developer's own
/// are removed, so the test means the same on every machine).
fn run(locale: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alumni"));
    cmd.args(args).env("NO_COLOR", "1");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.envs(locale.iter().copied());
    let out = cmd.output().expect("run alumni");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (out.status.code().expect("exit code"), text(out.stdout), text(out.stderr))
}

fn broken() -> String {
    fixtures().join("broken").display().to_string()
}

const JA_UNKNOWN_KEY: &str = "エラー[unknown-key]: メッセージのフロントマターに不明なキー `autor` があります";
const EN_UNKNOWN_KEY: &str = "error[unknown-key]: unknown key `autor` in the front matter of a message";

#[test]
fn a_japanese_locale_gives_japanese_messages() {
    let (code, _, err) = run(&[("LANG", "ja_JP.UTF-8")], &["check", &broken()]);
    assert_eq!(code, 1);
    assert!(err.contains(JA_UNKNOWN_KEY), "{err}");
    assert!(err.contains("^^^^^ 使えないキーです"), "the label: {err}");
    assert!(err.contains("= `author` の書き間違いではありませんか？"), "the note: {err}");
    assert!(err.contains("エラー[frontmatter-unclosed]: フロントマターが閉じられていません"), "{err}");
    assert!(err.contains("エラー[timezone-unknown]: タイムゾーン `Asia/Tokio` が見つかりません"), "{err}");
    assert!(err.contains("チェックに失敗しました: エラー 13 件、警告 0 件"), "the summary: {err}");
    for english in ["unknown key", "did you mean", "error[", "check failed", " errors"] {
        assert!(!err.contains(english), "{english:?} left in English: {err}");
    }
    // Bare `ja` and a locale without an encoding count too.
    for lang in ["ja", "ja_JP"] {
        let (_, _, err) = run(&[("LANG", lang)], &["check", &broken()]);
        assert!(err.contains(JA_UNKNOWN_KEY), "LANG={lang}: {err}");
    }
}

#[test]
fn the_c_locale_and_others_give_english() {
    for locale in [&[("LANG", "C")][..], &[][..], &[("LANG", "POSIX")][..], &[("LANG", "fr_FR.UTF-8")][..]] {
        let (code, _, err) = run(locale, &["check", &broken()]);
        assert_eq!(code, 1);
        assert!(err.contains(EN_UNKNOWN_KEY), "{locale:?}: {err}");
        assert!(err.contains("= did you mean `author`?"), "{locale:?}: {err}");
        assert!(err.contains("check failed: 13 errors, 0 warnings"), "{locale:?}: {err}");
        assert!(!err.contains("エラー"), "{locale:?}: {err}");
    }
}

#[test]
fn lc_all_then_lc_messages_then_lang_decide() {
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")], EN_UNKNOWN_KEY),
        (&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "C")], JA_UNKNOWN_KEY),
        (&[("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "C")], JA_UNKNOWN_KEY),
        (&[("LC_MESSAGES", "C"), ("LANG", "ja_JP.UTF-8")], EN_UNKNOWN_KEY),
        // LANGUAGE lists preferences, but not under the C locale (gettext).
        (&[("LANGUAGE", "ja"), ("LANG", "C")], EN_UNKNOWN_KEY),
    ];
    for (locale, says) in cases {
        let (_, _, err) = run(locale, &["check", &broken()]);
        assert!(err.contains(says), "{locale:?}: {err}");
    }
}

#[test]
fn json_and_github_keep_english_codes_and_keys() {
    let ja = [("LANG", "ja_JP.UTF-8")];
    let (code, _, err) = run(&ja, &["check", &broken(), "--format", "json"]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = err.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
    let typo = lines.iter().find(|d| d["code"] == "unknown-key").expect("the unknown key");
    assert_eq!(typo["severity"], "error");
    assert_eq!(typo["file"], "content/messages/typo.md");
    assert_eq!(typo["message"], "メッセージのフロントマターに不明なキー `autor` があります");
    assert_eq!(typo["notes"][0], "`author` の書き間違いではありませんか？");
    let keys: Vec<&String> = typo.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["code", "column", "file", "line", "message", "notes", "severity"]);
    // The same codes, in the same order, as in English.
    let (_, _, en) = run(&[("LANG", "C")], &["check", &broken(), "--format", "json"]);
    let codes = |text: &str| -> Vec<String> {
        text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].to_string()).collect()
    };
    assert_eq!(codes(&err), codes(&en));

    let (_, _, gh) = run(&ja, &["check", &broken(), "--format", "github"]);
    assert!(
        gh.contains("::error file=content/messages/typo.md,line=4,col=1,title=unknown-key::メッセージのフロントマターに不明なキー"),
        "{gh}"
    );
}

#[test]
fn summary_lines_follow_the_locale() {
    let site = crate::support::Site::fixture("minimal");
    let dir = site.path().display().to_string();
    let (code, out, _) = run(&[("LANG", "ja_JP.UTF-8")], &["check", &dir]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{dir} にエラーは見つかりませんでした\n"));
    let (code, out, _) = run(&[("LANG", "ja_JP.UTF-8")], &["build", &dir]);
    assert_eq!(code, 0);
    assert!(out.contains("ページとその他のファイル") && out.contains("に書き出しました（"), "{out}");
    let (_, out, _) = run(&[("LANG", "C")], &["build", &dir]);
    assert!(out.starts_with("Built "), "{out}");
}

#[test]
fn help_follows_the_locale() {
    let (code, out, _) = run(&[("LANG", "ja_JP.UTF-8")], &["build", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("使い方: alumni build [OPTIONS] [SITE_DIR]"), "{out}");
    assert!(out.contains("オプション:") && out.contains("警告もエラーとして扱います"), "{out}");
    let (_, out, _) = run(&[("LANG", "C")], &["build", "--help"]);
    assert!(out.contains("Usage: alumni build") && out.contains("Treat warnings as errors"), "{out}");
}
