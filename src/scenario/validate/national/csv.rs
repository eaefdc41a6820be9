//! A small RFC 4180 reader that keeps where every cell was written: the
//! offices table's cells become scenario values, and an error in one must
//! underline it in the table, line and column, like an error in a TOML file.
//!
//! Cells are separated by `,`, rows by a line break (`\n` or `\r\n`); a cell
//! that starts with `"` is quoted and may hold commas, line breaks and quotes
//! written twice (`""`). A UTF-8 byte-order mark at the start is skipped, a
//! line break at the end of the text ends the last row, and blank lines are
//! skipped. A `"` inside an unquoted cell is kept as written.

use std::ops::Range;

/// One cell: its text (quotes undone) and where it was written.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The text, quotes undone.
    pub content: String,
    /// The bytes of the cell in the file, quotes included.
    pub span: Range<usize>,
    /// For a quoted cell, where each byte of `content` was written, and one
    /// more entry: the closing quote. `None`: byte `i` is at `span.start + i`.
    offsets: Option<Vec<usize>>,
}

impl Cell {
    /// Where byte `i` of `content` (up to `content.len()`) was written.
    pub fn at(&self, i: usize) -> usize {
        match &self.offsets {
            Some(o) => o[i.min(o.len() - 1)],
            None => self.span.start + i.min(self.content.len()),
        }
    }

    /// The content without surrounding spaces or tabs, with the byte of
    /// `content` it starts at.
    pub fn trimmed(&self) -> (usize, &str) {
        let text = self.content.trim_matches([' ', '\t']);
        let from = if text.is_empty() {
            0
        } else {
            text.as_ptr() as usize - self.content.as_ptr() as usize
        };
        (from, text)
    }

    /// Where the trimmed content was written (the whole cell when blank).
    pub fn trimmed_span(&self) -> Range<usize> {
        match self.trimmed() {
            (_, "") => self.span.clone(),
            (from, text) => self.at(from)..self.at(from + text.len()),
        }
    }
}

/// One row of cells.
#[derive(Debug, Clone)]
pub struct Row {
    /// The cells, in order (at least one).
    pub cells: Vec<Cell>,
    /// The row's bytes, without its line break.
    pub span: Range<usize>,
}

/// Why the text is no CSV: where, what, and what would do.
#[derive(Debug)]
pub struct Malformed {
    /// The place to underline.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub help: String,
}

const QUOTE_HELP: &str = "a quoted cell starts and ends with \" and writes a quote inside it as \"\", e.g. \"{ dist = \"\"uniform\"\", min = \"\"3d\"\", max = \"\"9d\"\" }\"";

/// How to save a table ktpsim reads, from a spreadsheet.
pub const SAVE_AS: &str = "in the spreadsheet, save it as \"CSV UTF-8 (comma delimited)\" (LibreOffice: Text CSV, character set UTF-8, field delimiter `,`)";

/// The rows of `text`, blank lines left out.
pub fn rows(text: &str) -> Result<Vec<Row>, Malformed> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Malformed {
            span: at..at + 1,
            message: "this table holds NUL bytes: it looks like UTF-16 text (\"Unicode text\"), and an offices table is UTF-8".into(),
            help: SAVE_AS.into(),
        });
    }
    if let Some(at) =
        (0..bytes.len()).find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        return Err(Malformed {
            span: at..at + 1,
            message: "a line of this table ends with a carriage return alone (CR, the line end of old Mac files): ktpsim reads lines ended by LF or CR LF".into(),
            help: SAVE_AS.into(),
        });
    }
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut rows = Vec::new();
    while i < bytes.len() {
        let row_start = i;
        let mut cells = Vec::new();
        loop {
            let (cell, next) = cell(text, i)?;
            cells.push(cell);
            i = next;
            match bytes.get(i) {
                Some(b',') => i += 1,
                _ => break,
            }
        }
        let row_end = i;
        // The line break ending the row.
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
        } else if bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        let blank = cells.len() == 1 && cells[0].offsets.is_none() && cells[0].content.is_empty();
        if !blank {
            rows.push(Row {
                cells,
                span: row_start..row_end,
            });
        }
    }
    Ok(rows)
}

/// The cell starting at byte `i`, and the byte after it (a `,`, a line break
/// or the end).
fn cell(text: &str, i: usize) -> Result<(Cell, usize), Malformed> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'"') {
        let end = text[i..].find([',', '\n']).map_or(text.len(), |n| i + n);
        // A `\r` before `\n` belongs to the line break.
        let end = if bytes.get(end) == Some(&b'\n') && end > i && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        return Ok((
            Cell {
                content: text[i..end].to_owned(),
                span: i..end,
                offsets: None,
            },
            end,
        ));
    }
    let mut content = String::new();
    let mut offsets = Vec::new();
    let mut j = i + 1;
    loop {
        let Some(n) = text[j..].find('"') else {
            return Err(Malformed {
                span: i..i + 1,
                message: "a quoted cell is not closed: this `\"` has no closing `\"`".into(),
                help: QUOTE_HELP.into(),
            });
        };
        content.push_str(&text[j..j + n]);
        offsets.extend(j..j + n);
        j += n;
        if bytes.get(j + 1) == Some(&b'"') {
            content.push('"');
            offsets.push(j);
            j += 2;
            continue;
        }
        // `j` is the closing quote.
        offsets.push(j);
        let end = j + 1;
        let ends_cell = match bytes.get(end) {
            None | Some(b',' | b'\n') => true,
            Some(b'\r') => bytes.get(end + 1) == Some(&b'\n'),
            _ => false,
        };
        if !ends_cell {
            let stop = text[end..]
                .find([',', '\n'])
                .map_or(text.len(), |n| end + n);
            return Err(Malformed {
                span: end..stop.max(end + 1).min(text.len()),
                message: "text after the closing quote of a quoted cell".into(),
                help: QUOTE_HELP.into(),
            });
        }
        return Ok((
            Cell {
                content,
                span: i..end,
                offsets: Some(offsets),
            },
            end,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<Vec<String>> {
        rows(text)
            .unwrap()
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.content).collect())
            .collect()
    }

    #[test]
    fn cells_quotes_line_breaks_and_a_bom() {
        assert_eq!(
            contents("\u{feff}a,b\r\n\"x,\"\"y\"\"\",\n\n\"multi\nline\",2\n"),
            [
                vec!["a", "b"],
                vec!["x,\"y\"", ""],
                vec!["multi\nline", "2"]
            ]
        );
        assert_eq!(contents("a"), [vec!["a"]]);
        assert_eq!(contents("a,\r\n"), [vec!["a", ""]]);
    }

    #[test]
    fn spans_point_at_the_written_text() {
        let text = "n,v\nx,\"{ a = \"\"b\"\" }\"\n";
        let r = rows(text).unwrap();
        let c = &r[1].cells[1];
        assert_eq!(&text[c.span.clone()], "\"{ a = \"\"b\"\" }\"");
        let b = c.content.find('b').unwrap();
        assert_eq!(&text[c.at(b)..c.at(b + 1)], "b");
        assert_eq!(c.trimmed().1, "{ a = \"b\" }");
        assert_eq!(&text[c.trimmed_span()], "{ a = \"\"b\"\" }");
        assert_eq!(&text[r[1].span.clone()], "x,\"{ a = \"\"b\"\" }\"");
    }

    #[test]
    fn malformed_quotes() {
        let e = rows("a,\"b\n").unwrap_err();
        assert_eq!(e.span, 2..3);
        let e = rows("a,\"b\"c,d\n").unwrap_err();
        assert_eq!(e.span, 5..6);
    }
}
