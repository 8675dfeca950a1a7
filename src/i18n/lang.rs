//! Which language messages are printed in, chosen the way gettext-based
//! tools choose it, so that `LANG=ja_JP.UTF-8` (or `LC_ALL`, `LC_MESSAGES`)
//! gives Japanese and `LANG=C` English.

use unic_langid::LanguageIdentifier;

/// The languages alumni speaks. English is the fallback for every locale it
/// does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    En = 0,
    Ja = 1,
}

impl Lang {
    /// The language of the process's environment.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// As gettext: the locale of messages is the first non-empty of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`. Unless that locale is `C` or `POSIX`
    /// (which mean "untranslated"), `LANGUAGE`, a colon-separated list of
    /// preferences, decides instead when set: its first language alumni
    /// knows, else English (gettext too falls back to the untranslated text
    /// then, not to the locale).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |name: &str| get(name).filter(|v| !v.is_empty());
        let Some(locale) = set("LC_ALL").or_else(|| set("LC_MESSAGES")).or_else(|| set("LANG")) else {
            return Lang::En;
        };
        if is_c_locale(&locale) {
            return Lang::En;
        }
        if let Some(list) = set("LANGUAGE") {
            return list.split(':').find_map(Lang::known).unwrap_or(Lang::En);
        }
        Lang::known(&locale).unwrap_or(Lang::En)
    }

    /// `ja`, `ja_JP`, `ja_JP.UTF-8`, `ja_JP@variant`, `en_GB`: the language
    /// part, when alumni has messages in it.
    fn known(locale: &str) -> Option<Lang> {
        let language = locale.split(['_', '-', '.', '@']).next().unwrap_or("");
        match language.to_ascii_lowercase().as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 tag, e.g. for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub(super) fn langid(self) -> LanguageIdentifier {
        self.tag().parse().expect("a valid language tag")
    }
}

fn is_c_locale(locale: &str) -> bool {
    let base = locale.split(['.', '@']).next().unwrap_or("");
    base == "C" || base == "POSIX"
}

#[cfg(test)]
mod tests {
    use super::Lang;

    fn with(vars: &[(&str, &str)]) -> Lang {
        Lang::from_vars(|name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn locale_is_read_as_gettext_reads_it() {
        assert_eq!(with(&[]), Lang::En);
        assert_eq!(with(&[("LANG", "ja_JP.UTF-8")]), Lang::Ja);
        assert_eq!(with(&[("LANG", "ja")]), Lang::Ja);
        assert_eq!(with(&[("LANG", "ja_JP")]), Lang::Ja);
        assert_eq!(with(&[("LANG", "ja_JP.eucJP@x")]), Lang::Ja);
        assert_eq!(with(&[("LANG", "C")]), Lang::En);
        assert_eq!(with(&[("LANG", "POSIX")]), Lang::En);
        assert_eq!(with(&[("LANG", "C.UTF-8")]), Lang::En);
        assert_eq!(with(&[("LANG", "fr_FR.UTF-8")]), Lang::En);
        // LC_ALL, then LC_MESSAGES, then LANG; empty ones do not count.
        assert_eq!(with(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]), Lang::En);
        assert_eq!(with(&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "C")]), Lang::Ja);
        assert_eq!(with(&[("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")]), Lang::Ja);
        assert_eq!(with(&[("LC_ALL", ""), ("LC_MESSAGES", "C"), ("LANG", "ja_JP.UTF-8")]), Lang::En);
        // LANGUAGE is a list of preferences, ignored under the C locale.
        assert_eq!(with(&[("LANGUAGE", "fr:ja"), ("LANG", "en_US.UTF-8")]), Lang::Ja);
        assert_eq!(with(&[("LANGUAGE", "ja"), ("LANG", "C")]), Lang::En);
        assert_eq!(with(&[("LANGUAGE", "ja")]), Lang::En);
        assert_eq!(with(&[("LANGUAGE", "fr"), ("LANG", "ja_JP.UTF-8")]), Lang::En);
        assert_eq!(with(&[("LANGUAGE", "en:ja"), ("LANG", "ja_JP.UTF-8")]), Lang::En);
    }
}
