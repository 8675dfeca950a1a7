//! Messages in the user's language. The text of every diagnostic, summary
//! line, `serve` message and the error overlay lives in Fluent files
//! (`en.ftl`, `ja.ftl`) next to this module, embedded in the binary, so that
//! a translator edits one file per language and no text is assembled from
//! English fragments in code. Code builds a `Text` (a message id and named
//! arguments); it becomes words only when printed, in the `Lang` chosen
//! once from the environment (`Lang::from_env`).

mod lang;

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use lang::Lang;

/// The Fluent sources, one per language (the same ids and variables in each,
/// checked by a test).
pub const SOURCES: [(Lang, &str); 2] = [(Lang::En, include_str!("en.ftl")), (Lang::Ja, include_str!("ja.ftl"))];

/// Words still to be put in the user's language: a message id of the Fluent
/// files with its arguments, or text that never went through them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Text {
    Msg {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// Text that is not in the Fluent files (printed as it is, in every
    /// language). Only for code that still passes English strings: a test
    /// (`i18n::tests`) fails while any diagnostic in `src/` does.
    Untranslated(String),
}

/// A message argument: names, paths and other words from the site are
/// strings; counts are numbers (Fluent picks plural forms by them); a
/// phrase of its own is a `Text` rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Str(String),
    Num(i64),
    Text(Box<Text>),
}

/// `msg!("id", name = value, ...)`: a `Text` with named arguments; each value
/// is anything `Arg` converts from (strings, paths, counts, other `Text`s).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Text::Msg { id: $id, args: vec![$((stringify!($name), $crate::i18n::Arg::from_into($value))),*] }
    };
}

impl Text {
    /// The words in `lang`. An id missing from the files (a bug the tests
    /// catch) shows as the id, never as nothing.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Untranslated(s) => s.clone(),
            Text::Msg { id, args } => {
                let bundle = bundle(lang);
                let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                    return (*id).to_string();
                };
                let mut fargs = FluentArgs::with_capacity(args.len());
                for (name, value) in args {
                    let v: FluentValue = match value {
                        Arg::Str(s) => s.clone().into(),
                        Arg::Num(n) => (*n).into(),
                        Arg::Text(t) => t.render(lang).into(),
                    };
                    fargs.set(*name, v);
                }
                let mut errors = Vec::new();
                let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
                debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
                out.into_owned()
            }
        }
    }

    /// The message id (`None` for untranslated text).
    pub fn id(&self) -> Option<&'static str> {
        match self {
            Text::Msg { id, .. } => Some(id),
            Text::Untranslated(_) => None,
        }
    }
}

/// English, for logs and `Display`: what a `Text` says when no language was
/// chosen.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Untranslated(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Untranslated(s.clone())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Untranslated(s.to_string())
    }
}

impl Arg {
    /// `From` for anything that converts, for `msg!`.
    pub fn from_into(value: impl Into<Arg>) -> Arg {
        value.into()
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<&Path> for Arg {
    fn from(p: &Path) -> Arg {
        Arg::Str(p.display().to_string())
    }
}

impl From<&&Path> for Arg {
    fn from(p: &&Path) -> Arg {
        Arg::Str(p.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Str(p.display().to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u128> for Arg {
    fn from(n: u128) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u16> for Arg {
    fn from(n: u16) -> Arg {
        Arg::Num(n.into())
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(Box::new(t))
    }
}

/// The parsed Fluent files, one bundle per language: constants parsed on
/// first use (which language is used is the caller's `Lang`, not state),
/// each language's alone: a run prints in one.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| {
        let (source_lang, text) = SOURCES[lang as usize];
        debug_assert_eq!(source_lang, lang, "SOURCES in the order of Lang");
        make_bundle(lang, text)
    })
}

fn make_bundle(lang: Lang, text: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(text.to_string()).expect("the embedded Fluent files parse (tested)");
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // No Unicode isolation marks around arguments: they would end up in
    // terminals, JSON and file paths that people copy.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).expect("no duplicate message ids (tested)");
    bundle
}

#[cfg(test)]
mod tests;
