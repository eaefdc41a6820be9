//! Names that become folders: the one rule every scenario name obeys, wherever
//! it came from (a `name` line or, without one, the file name), and the one
//! place where a name is joined onto `--out`.
//!
//! This module owns the rule, the list of names ktpsim keeps for its own files
//! beside the scenario folders, and the suggestion of a valid name for a file
//! name that is not one. It must not read files or know about scenarios: the
//! scenario's validation ([`crate::scenario::validate`]) applies the rule and
//! words the error; [`crate::cli`] checks names against each other.
//!
//! A name is ASCII letters, digits, `.`, `_` and `-`, at most [`MAX_LEN`]
//! characters, not starting or ending with `.`. That keeps it one path
//! component on every file system (no `/`, no `..`, nothing hidden), the same
//! on Windows (which drops a trailing `.` and refuses device names such as
//! `CON`), and free of characters a shell or a URL would need to quote.

use std::fmt;
use std::path::{Path, PathBuf};

/// The longest name, in characters (bytes: names are ASCII). File systems allow
/// 255 bytes per path component; a third of that leaves room for the paths
/// below the folder and keeps the results table readable.
pub const MAX_LEN: usize = 100;

/// What ktpsim writes, or will write, at the top of `--out`, beside the
/// scenario folders: no scenario may be named so, in any case. (Files inside a
/// scenario's folder cannot collide with a folder name.) `shards` is kept for
/// partial results of runs split across machines.
/// The writers' own names are checked against this list by a test in
/// [`crate::output`], which sits above this module.
pub const TAKEN: [&str; 9] = [
    "index.html",
    "comparison.csv",
    "comparison.png",
    "comparison.svg",
    "compare.csv",
    "compare.png",
    "compare.svg",
    "goal.csv",
    "shards",
];

/// Names Windows gives to devices: no file or folder there may be named so, in
/// any case, with or without an extension (`con.2017` is `CON` too).
const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// The characters a name may hold, and how it may not begin or end.
pub const RULE: &str = "letters, digits, `.`, `_` and `-`, not starting or ending with `.`";

/// Why a text cannot name a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Empty, a character outside [`RULE`], or a `.` at either end.
    Unsafe,
    /// More than [`MAX_LEN`] characters (the count).
    TooLong(usize),
    /// One of [`TAKEN`], in some case.
    Taken {
        /// The name kept, as ktpsim writes it.
        file: &'static str,
        /// Whether the case is the same too.
        exact: bool,
    },
    /// A Windows device name (the device, in capitals).
    Device(String),
}

impl fmt::Display for Problem {
    /// Why, as a clause: "ktpsim keeps index.html for its own output".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsafe => write!(f, "a folder name is {RULE}"),
            Self::TooLong(n) => write!(
                f,
                "it has {n} characters, and a name may have at most {MAX_LEN}"
            ),
            Self::Taken { file, exact: true } => {
                write!(f, "ktpsim keeps {file} for its own output")
            }
            Self::Taken { file, exact: false } => write!(
                f,
                "ktpsim keeps {file} for its own output, the same name where case is ignored \
                 (Windows, macOS)"
            ),
            Self::Device(d) => write!(f, "{d} is a device name on Windows"),
        }
    }
}

/// Checks `name` against the rule; `Ok` means it is a single, visible path
/// component on every file system and no file of ktpsim's own.
pub fn check(name: &str) -> Result<(), Problem> {
    let safe = !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !safe {
        return Err(Problem::Unsafe);
    }
    if name.len() > MAX_LEN {
        return Err(Problem::TooLong(name.chars().count()));
    }
    if let Some(file) = TAKEN.iter().find(|t| t.eq_ignore_ascii_case(name)) {
        return Err(Problem::Taken {
            file,
            exact: *file == name,
        });
    }
    let head = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    let numbered = |prefix: &str| {
        head.strip_prefix(prefix)
            .is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit())
    };
    if DEVICES.contains(&head.as_str()) || numbered("COM") || numbered("LPT") {
        return Err(Problem::Device(head));
    }
    Ok(())
}

/// A valid name made from `text` (a file name that is not one): lower case,
/// accented Latin letters without their accents, a lone `.`, `_` or `-`
/// between letters kept and any other run of characters turned into one
/// `-`, cut short of [`MAX_LEN`]; `scenario` when nothing is left.
/// `Kabupaten Jember 2018` gives `kabupaten-jember-2018`, `Kab. Jémber`
/// gives `kab-jember`.
pub fn suggest(text: &str) -> String {
    suggest_as(text, "scenario")
}

/// [`suggest`] for a name of `what` (`office`, say): `what` when nothing of
/// `text` is left, and after a name kept for ktpsim's own files.
pub fn suggest_as(text: &str, what: &str) -> String {
    let mut name = String::new();
    let mut gap = String::new();
    let close = |name: &mut String, gap: &mut String| {
        let mut chars = gap.chars();
        match (chars.next(), chars.next()) {
            (None, _) => {}
            (Some(c @ ('.' | '_' | '-')), None) => name.push(c),
            _ => name.push('-'),
        }
        gap.clear();
    };
    for c in text.chars().map(unaccented) {
        if c.is_ascii_alphanumeric() {
            close(&mut name, &mut gap);
            name.push(c.to_ascii_lowercase());
        } else {
            gap.push(c);
        }
    }
    let trim = |s: &str| s.trim_matches(|c| matches!(c, '.' | '-' | '_')).to_owned();
    let mut name = trim(&name);
    name.truncate(MAX_LEN - 1 - what.len().min(MAX_LEN / 2));
    let mut name = trim(&name);
    if name.is_empty() {
        name = what.to_owned();
    }
    if check(&name).is_err() {
        // A name taken by a file or a device: still say what it is.
        name = format!("{name}-{what}");
    }
    debug_assert_eq!(check(&name), Ok(()), "{name}");
    name
}

/// `c` without its accent, for the accented letters of Latin-1 (Indonesian
/// names are plain ASCII, but a pasted name may carry an é).
fn unaccented(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

/// The folder of the scenario named `name` in `out`. Names are checked when
/// the scenario is read, so this is always `out` plus one visible component.
pub fn folder(out: &Path, name: &str) -> PathBuf {
    debug_assert_eq!(check(name), Ok(()), "an unchecked name: {name:?}");
    out.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        for ok in [
            "bojonegoro-2017",
            "a",
            "v1.2_b",
            "console",
            "com10",
            "lpt",
            "x.index.html",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "", ".", "..", ".hidden", "a.", "a b", "a/b", "a\\b", "é", "a\0b", "a:b",
        ] {
            assert_eq!(check(bad), Err(Problem::Unsafe), "{bad:?}");
        }
        assert_eq!(check(&"a".repeat(MAX_LEN)), Ok(()));
        assert_eq!(check(&"a".repeat(MAX_LEN + 1)), Err(Problem::TooLong(101)));
        let taken = |file, exact| Err(Problem::Taken { file, exact });
        assert_eq!(check("Index.HTML"), taken("index.html", false));
        assert_eq!(check("shards"), taken("shards", true));
        assert_eq!(check("con"), Err(Problem::Device("CON".into())));
        assert_eq!(check("Lpt1.txt"), Err(Problem::Device("LPT1".into())));
        assert_eq!(check("nul.a.b"), Err(Problem::Device("NUL".into())));
    }

    #[test]
    fn suggestions_are_valid_names() {
        for (text, name) in [
            ("Kabupaten Jember 2018", "kabupaten-jember-2018"),
            (".hidden", "hidden"),
            ("..", "scenario"),
            ("", "scenario"),
            ("a / b", "a-b"),
            ("Jawa Timur: Surabaya (2019)", "jawa-timur-surabaya-2019"),
            ("Index.HTML", "index.html-scenario"),
            ("con", "con-scenario"),
            ("Bojonegoro — 2017.", "bojonegoro-2017"),
            ("Kab. Jember", "kab-jember"),
            ("Jémber", "jember"),
            ("kota--surabaya__2019", "kota-surabaya-2019"),
            ("v1.2_b", "v1.2_b"),
        ] {
            assert_eq!(suggest(text), name, "{text:?}");
        }
        let long = suggest(&"x".repeat(300));
        assert_eq!(long.len(), MAX_LEN - "-scenario".len());
        assert_eq!(suggest_as("...", "office"), "office");
        assert_eq!(suggest_as("con", "office"), "con-office");
    }
}
