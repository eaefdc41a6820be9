//! What ktpsim prints for a person on standard error: errors, warnings, notes.
//!
//! Those lines quote file names and scenario text, which may hold control
//! characters (an escape sequence in a file name clears a screen or recolours
//! the rest of the terminal). [`Visible`] is the one place they pass through:
//! it writes every control character as `\u{1b}` (see [`visible`]) and keeps
//! line breaks and tabs. Scenario errors quote their text through [`visible`]
//! too, so a message reads the same on a terminal and in a test.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// A writer that shows control characters escaped, a line at a time.
#[derive(Debug)]
pub struct Visible<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            line: Vec::new(),
        }
    }

    /// Writes the bytes held so far, escaped, without a line break.
    fn emit(&mut self) -> io::Result<()> {
        if self.line.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.line);
        let shown = visible(&text).into_owned();
        self.line.clear();
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for part in buf.split_inclusive(|&b| b == b'\n') {
            match part.split_last() {
                Some((b'\n', text)) => {
                    self.line.extend_from_slice(text);
                    self.emit()?;
                    self.inner.write_all(b"\n")?;
                }
                _ => self.line.extend_from_slice(part),
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Visible<W> {
    fn drop(&mut self) {
        // Nothing to report to if standard error itself fails.
        let _ = self.flush();
    }
}

/// Standard error, with control characters shown escaped.
pub fn stderr() -> Visible<io::Stderr> {
    Visible::new(io::stderr())
}

/// `text` as it may be shown on a terminal: control characters (C0, DEL and C1,
/// which start escape sequences, move the cursor or clear the screen), the
/// bidirectional-text controls (which reorder what is shown) and the byte-order
/// mark are written as Rust writes them, `\u{1b}`. A tab is kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Whether `c` is written as an escape by [`visible`].
pub(crate) fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

pub(crate) fn push_visible(out: &mut String, c: char) {
    if hidden(c) {
        use fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_lines_kept() {
        let mut out = Visible::new(Vec::new());
        write!(out, "error: cannot find \u{1b}[2J").unwrap();
        writeln!(out, "x.toml\ttab").unwrap();
        write!(out, "caused by: \u{7f}").unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(std::mem::take(&mut out.inner)).unwrap();
        assert_eq!(
            text,
            "error: cannot find \\u{1b}[2Jx.toml\ttab\ncaused by: \\u{7f}"
        );
    }

    #[test]
    fn a_character_split_across_writes_stays_whole() {
        let mut out = Visible::new(Vec::new());
        let bytes = "é\n".as_bytes();
        out.write_all(&bytes[..1]).unwrap();
        out.write_all(&bytes[1..]).unwrap();
        assert_eq!(out.inner, "é\n".as_bytes());
    }
}
