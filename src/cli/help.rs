//! `--help` in the user's language, as far as clap lets it be changed: the
//! about texts of the program and its commands, the help of every option,
//! and the headings (usage, commands, arguments, options). English help is
//! clap's, from the doc comments in `cli.rs`; en.ftl holds the same words
//! (a test keeps them equal) so that every language has the same ids.
//! clap's own `[default: ...]` and `[possible values: ...]` are hidden and
//! written again in words here; its usage errors stay English.

use clap::{Arg, Command};

use crate::i18n::{Lang, Text};
use crate::msg;

/// The command line with its help texts in `lang`.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    // Built first, so that clap's own `--help`, `--version` and `help`
    // command exist and can be put in words too.
    cmd.build();
    one(cmd, lang)
}

fn one(cmd: Command, lang: Lang) -> Command {
    let t = |m: Text| m.render(lang);
    let about = about(cmd.get_name()).map(t);
    let template = format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", t(msg!("help-usage")));
    let (arguments, options) = (t(msg!("help-heading-arguments")), t(msg!("help-heading-options")));
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t(msg!("help-heading-commands")))
        .mut_args(|a| {
            let heading = if a.is_positional() { arguments.clone() } else { options.clone() };
            let Some(help) = a.get_help().and_then(|_| arg_help(&a)).map(t) else {
                return a.help_heading(heading);
            };
            let takes_values = a.get_action().takes_values();
            let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into()).collect();
            let values: Vec<String> = a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
            let mut help = help;
            if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
                help = format!("{help} {}", t(msg!("help-default", value = defaults.join(", "))));
            }
            if takes_values && !values.is_empty() && !a.is_hide_possible_values_set() {
                help = format!("{help} {}", t(msg!("help-possible-values", values = values.join(", "))));
            }
            a.help_heading(heading).help(help).hide_default_value(true).hide_possible_values(true)
        })
        .mut_subcommands(|s| one(s, lang));
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    cmd
}

fn about(command: &str) -> Option<Text> {
    Some(match command {
        "alumni" => msg!("help-about"),
        "build" => msg!("help-build"),
        "check" => msg!("help-check"),
        "serve" => msg!("help-serve"),
        "new" => msg!("help-new"),
        "help" => msg!("help-help-command"),
        _ => return None,
    })
}

fn arg_help(a: &Arg) -> Option<Text> {
    Some(match a.get_id().as_str() {
        "site_dir" => msg!("help-site-dir"),
        "drafts" => msg!("help-drafts"),
        "as_of" => msg!("help-as-of"),
        "base_url" => msg!("help-base-url"),
        "format" => msg!("help-format"),
        "deny_warnings" => msg!("help-deny-warnings"),
        "output" => msg!("help-output"),
        "port" => msg!("help-port"),
        "bind" => msg!("help-bind"),
        "open" => msg!("help-open"),
        "debounce" => msg!("help-debounce"),
        "dir" => msg!("help-new-dir"),
        "help" => msg!("help-help"),
        "version" => msg!("help-version"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every help text of a command and its subcommands, by name.
    fn helps(cmd: &Command, out: &mut Vec<(String, String)>) {
        if let Some(a) = cmd.get_about() {
            out.push((cmd.get_name().to_string(), a.to_string()));
        }
        for a in cmd.get_arguments() {
            if let Some(h) = a.get_help() {
                out.push((format!("{} {}", cmd.get_name(), a.get_id()), h.to_string()));
            }
        }
        for s in cmd.get_subcommands() {
            helps(s, out);
        }
    }

    #[test]
    fn english_help_in_the_message_files_is_the_doc_comments() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut texts = Vec::new();
        helps(&cmd, &mut texts);
        let mut checked = 0;
        for (name, text) in &texts {
            let (command, arg) = name.split_once(' ').unwrap_or((name, ""));
            let ours = if arg.is_empty() {
                about(command)
            } else {
                cmd.get_subcommands()
                    .chain([&cmd])
                    .filter(|c| c.get_name() == command)
                    .flat_map(|c| c.get_arguments())
                    .find(|a| a.get_id() == arg)
                    .and_then(arg_help)
            };
            if let Some(ours) = ours {
                assert_eq!(&ours.render(Lang::En), text, "{name}");
                checked += 1;
            }
        }
        assert!(checked >= 18, "{checked} texts checked: {texts:?}");
    }

    #[test]
    fn japanese_help_has_japanese_headings_and_texts() {
        let mut cmd = localize(crate::cli::Cli::command(), Lang::Ja);
        let top = cmd.render_help().to_string();
        assert!(top.contains("使い方: alumni"), "{top}");
        assert!(top.contains("コマンド:") && top.contains("オプション:"), "{top}");
        assert!(top.contains("ヘルプを表示します"), "{top}");
        let build = cmd.find_subcommand_mut("build").unwrap().render_help().to_string();
        assert!(build.contains("引数:") && build.contains("--deny-warnings"), "{build}");
        assert!(build.contains("警告もエラーとして扱います"), "{build}");
        assert!(build.contains("[既定: .]") && build.contains("[指定できる値: human, json, github]"), "{build}");
        assert!(!build.contains("Options:") && !build.contains("Usage:") && !build.contains("default"), "{build}");
    }
}
