//! Errors from reading a scenario, rendered like rustc's: message, `-->` file:line:col,
//! the source line with the offending text underlined, and a help line.
//!
//! This module owns the rendering only; finding the span is the reader's business.
//! Text from a scenario (its lines, keys and values quoted in messages, file
//! names) reaches a terminal here, so characters a terminal would act on instead
//! of showing are written as escapes (see [`visible`]).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::terminal::{hidden, push_visible, visible};

/// A scenario could not be read.
///
/// `Display` renders the whole block WITHOUT a leading `error: `, starting with the
/// message, so that the binary can print `error: {e}`:
///
/// ```text
/// `reject_rate` must be a probability in [0, 1), got 1.5
///   --> scenarios/x.toml:23:15
///    |
/// 23 | reject_rate = 1.5
///    |               ^^^
///    = help: a share of printed cards, e.g. 0.009
/// ```
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// A problem at a place in a scenario file (syntax, types, values, `extends`).
    #[error("{0}")]
    At(Box<Located>),
    /// A file could not be read at all: missing, unreadable, not UTF-8.
    #[error("cannot read `{}`: {}", visible(&path.display().to_string()), visible(reason))]
    Io {
        /// The file, as its path was given.
        path: PathBuf,
        /// What is wrong, in words.
        reason: String,
    },
}

impl ScenarioError {
    /// The message alone (no location, no help).
    pub fn message(&self) -> String {
        match self {
            Self::At(l) => l.message.clone(),
            Self::Io { reason, .. } => visible(reason).into_owned(),
        }
    }

    /// The located error, if the error has a place in a file.
    pub fn located(&self) -> Option<&Located> {
        match self {
            Self::At(l) => Some(l),
            Self::Io { .. } => None,
        }
    }
}

/// Characters `c` takes once made visible.
fn visible_width(c: char) -> usize {
    if hidden(c) {
        // `\u{` + hex digits + `}`
        4 + format!("{:x}", u32::from(c)).len()
    } else {
        1
    }
}

/// Characters of a message or help line shown at most: a longer one (a key or
/// value of a megabyte quoted in it) keeps its start and its end.
const MESSAGE_CHARS: usize = 300;

/// `text` made [`visible`] and cut to [`MESSAGE_CHARS`] around "…".
fn shown_message(text: &str) -> String {
    let text = visible(text);
    let count = text.chars().count();
    if count <= MESSAGE_CHARS {
        return text.into_owned();
    }
    let tail = MESSAGE_CHARS / 3;
    let head: String = text.chars().take(MESSAGE_CHARS - tail - 1).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{head}…{end}")
}

/// Characters of a source line shown at most: a longer line is cut around the
/// error.
const SHOWN: usize = 120;

/// An error with its place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The file, as its path was given (or resolved from `extends`).
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What would be accepted, if there is something useful to say.
    pub help: Option<String>,
    /// The text of the line the error starts on (without its line break).
    pub source_line: String,
    /// Characters to underline, from `column` on (at least 1).
    pub width: usize,
}

impl Located {
    /// Locates byte span `span` of `text` (the contents of `path`). A span that runs
    /// over several lines is underlined to the end of its first line.
    pub fn new(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        // A byte-order mark is no character of the first line for an editor.
        let bom = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let start = floor_char_boundary(text, span.start.clamp(bom, text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(bom, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let width = text[start..end.min(line_end)]
            .trim_end_matches('\r')
            .chars()
            .count();
        Self {
            path: path.to_path_buf(),
            line: text[..start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            message: shown_message(&message.into()),
            help: help.map(|h| shown_message(&h)),
            source_line,
            width: width.max(1),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{}", visible(&self.message))?;
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            visible(&self.path.display().to_string()),
            self.line,
            self.column
        )?;
        writeln!(f, "{pad} |")?;
        // A long line (minified TOML, a pasted blob) shows a window around
        // the error, not megabytes.
        let chars: Vec<char> = self.source_line.chars().collect();
        let at = (self.column - 1).min(chars.len());
        let (from, to) = if chars.len() <= SHOWN {
            (0, chars.len())
        } else {
            let from = at.saturating_sub(SHOWN / 4);
            (from, (from + SHOWN).min(chars.len()))
        };
        let (head, tail) = (
            if from > 0 { "…" } else { "" },
            if to < chars.len() { "…" } else { "" },
        );
        let mut shown = String::new();
        for &c in &chars[from..to] {
            push_visible(&mut shown, c);
        }
        writeln!(f, "{number} | {head}{shown}{tail}")?;
        // Keep tabs, and count escapes at their shown width, so that the carets
        // line up under the text in a terminal.
        let mut lead: String = head.chars().map(|_| ' ').collect();
        for &c in &chars[from..at] {
            match c {
                '\t' => lead.push('\t'),
                c => lead.extend(std::iter::repeat_n(' ', visible_width(c))),
            }
        }
        let under = self.width.min(to.saturating_sub(at)).max(1);
        let width: usize = chars[at..(at + under).min(chars.len())]
            .iter()
            .map(|&c| visible_width(c))
            .sum();
        write!(f, "{pad} | {lead}{}", "^".repeat(width.max(1)))?;
        if let Some(help) = &self.help {
            write!(f, "\n{pad} = help: {}", visible(help))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn a_long_line_shows_a_window_around_the_error() {
        let text = format!("x = \"{}\" = 3\n", "y".repeat(100_000));
        let at = text.find(" = 3").unwrap() + 1;
        let e = Located::new(Path::new("a.toml"), &text, at..at + 1, "bad", None);
        let shown = e.to_string();
        assert!(shown.len() < 400, "{}", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[3],
            format!("1 | …{}\" = 3", "y".repeat(SHOWN / 4 - 2))
        );
        let caret = lines[4].find('^').unwrap();
        assert_eq!(
            &lines[3][caret + 2..caret + 3],
            "=",
            "the caret is under the `=`"
        );
    }

    #[test]
    fn renders_like_rustc() {
        let text = "a = 1\n\nreject_rate = 1.5\n";
        let span = text.find("1.5").unwrap()..text.find("1.5").unwrap() + 3;
        let l = Located::new(
            Path::new("x.toml"),
            text,
            span,
            "bad",
            Some("fix it".into()),
        );
        assert_eq!((l.line, l.column, l.width), (3, 15, 3));
        assert_eq!(
            l.to_string(),
            "bad\n --> x.toml:3:15\n  |\n3 | reject_rate = 1.5\n  |               ^^^\n  = help: fix it"
        );
    }

    #[test]
    fn empty_span_at_start_gets_one_caret() {
        let l = Located::new(Path::new("x.toml"), "", 0..0, "m", None);
        assert_eq!(l.to_string(), "m\n --> x.toml:1:1\n  |\n1 | \n  | ^");
    }

    #[test]
    fn control_characters_are_shown_escaped_and_the_carets_follow() {
        let text = "[a]\n\u{1b}[31m\t\u{9b}x = \u{202e}1\u{7}\n";
        let at = text.find('\u{202e}').unwrap();
        let l = Located::new(
            Path::new("\u{1b}]0;t\u{7}.toml"),
            text,
            at..text.len() - 1,
            "bad `\u{1b}[2J`\nfake line",
            Some("\u{0}".into()),
        );
        assert_eq!((l.line, l.column, l.width), (2, 12, 3));
        assert_eq!(l.message, "bad `\\u{1b}[2J`\\u{a}fake line");
        let shown = l.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "bad `\\u{1b}[2J`\\u{a}fake line");
        assert_eq!(lines[1], " --> \\u{1b}]0;t\\u{7}.toml:2:12");
        assert_eq!(lines[3], "2 | \\u{1b}[31m\t\\u{9b}x = \\u{202e}1\\u{7}");
        // `\u{1b}[31m` is 10 characters, `\u{9b}x = ` 10 more; `\u{202e}1\u{7}` 14.
        let lead = format!("{}\t{}", " ".repeat(10), " ".repeat(10));
        assert_eq!(lines[4], format!("  | {lead}{}", "^".repeat(14)));
        assert_eq!(lines[5], "  = help: \\u{0}");
        assert!(shown.lines().all(|l| !l.chars().any(hidden)));
    }

    #[test]
    fn a_long_message_keeps_its_start_and_end() {
        let key = "k".repeat(1_000_000);
        let text = format!("{key} = 1\n");
        let l = Located::new(
            Path::new("x.toml"),
            &text,
            0..key.len(),
            format!("unknown key `{key}` in [printing]"),
            Some(format!("not `{key}`")),
        );
        assert_eq!(l.message.chars().count(), MESSAGE_CHARS);
        assert!(l.message.starts_with("unknown key `kkk"));
        assert!(l.message.ends_with("kkk` in [printing]"));
        assert!(l.to_string().len() < 1200);
    }

    #[test]
    fn a_byte_order_mark_is_not_counted_or_shown() {
        let text = "\u{feff}nam = 1\n";
        let l = Located::new(Path::new("x.toml"), text, 3..6, "m", None);
        assert_eq!((l.line, l.column, l.width), (1, 1, 3));
        assert_eq!(l.source_line, "nam = 1");
        let l = Located::new(Path::new("x.toml"), text, 0..0, "m", None);
        assert_eq!((l.line, l.column, l.width), (1, 1, 1));
    }

    #[test]
    fn text_without_controls_is_borrowed() {
        assert!(matches!(visible("a\tb é"), Cow::Borrowed(_)));
        assert_eq!(visible("\u{7f}\u{85}\r"), "\\u{7f}\\u{85}\\u{d}");
    }

    #[test]
    fn multi_line_span_underlines_its_first_line() {
        let text = "k = [\n  1,\n]\n";
        let l = Located::new(Path::new("x.toml"), text, 4..text.len() - 1, "m", None);
        assert_eq!((l.line, l.column, l.width), (1, 5, 1));
    }
}
