//! The few pieces of HTML the report is built from: escaped text, URL
//! segments, tables, figures and the page around them.
//!
//! Every piece of text goes through [`escape`] here or in the caller: a
//! scenario is data, never markup. Tables take cells that are already HTML
//! (so a cell can hold a `<code>` span), and nothing else writes tags by hand
//! in more than one place.

use std::fmt::Write as _;

use super::style::CSS;

/// `text` safe inside HTML text and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A path segment safe in a relative URL: bytes outside `[A-Za-z0-9._-]`
/// are percent-encoded, so a folder name cannot turn into a scheme or query.
pub fn url_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A small grey code span holding a name from a file (a CSV column, a key
/// path), so an analyst can find it.
pub fn key(name: &str) -> String {
    format!("<code class=\"key\">{}</code>", escape(name))
}

/// A code span for a name that is the content of its cell (a setting's key
/// path, a variant's name).
pub fn code(name: &str) -> String {
    format!("<code>{}</code>", escape(name))
}

/// A table: a header row, then rows of cells that are already HTML. A row
/// of one cell is a group heading across the table. The first column is
/// text, the others numbers (right-aligned) unless `text_columns` says more.
#[derive(Debug, Default)]
pub struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    text_columns: usize,
}

impl Table {
    /// A table with these column headings (plain text).
    pub fn new(head: &[&str]) -> Self {
        Self {
            head: head.iter().map(|h| escape(h)).collect(),
            rows: Vec::new(),
            text_columns: 1,
        }
    }

    /// The first `n` columns hold text (left-aligned).
    #[must_use]
    pub fn text_columns(mut self, n: usize) -> Self {
        self.text_columns = n;
        self
    }

    /// Adds a row of cells (HTML).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Adds a heading row across the table (plain text).
    pub fn group(&mut self, heading: &str) {
        self.rows.push(vec![escape(heading)]);
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table's HTML, in a box that scrolls sideways on a narrow screen
    /// rather than running off it.
    pub fn html(&self) -> String {
        let mut h = String::from("<div class=\"wide\"><table>\n<thead><tr>");
        for (i, head) in self.head.iter().enumerate() {
            let _ = write!(h, "<th{}>{head}</th>", self.align(i));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            if let [heading] = row.as_slice() {
                let _ = writeln!(
                    h,
                    "<tr class=\"group\"><th colspan=\"{}\">{heading}</th></tr>",
                    self.head.len()
                );
                continue;
            }
            h.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let _ = write!(h, "<td{}>{cell}</td>", self.align(i));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table></div>\n");
        h
    }

    fn align(&self, column: usize) -> &'static str {
        if column < self.text_columns {
            " class=\"text\""
        } else {
            ""
        }
    }
}

/// A chart as a figure: the PNG linking to its SVG, with a caption in words;
/// `stem` is a relative URL without extension.
pub fn figure(stem: &str, caption: &str) -> String {
    format!(
        "<figure><a href=\"{stem}.svg\"><img src=\"{stem}.png\" width=\"1000\" height=\"600\" \
         alt=\"{c}\"></a><figcaption>{c}</figcaption></figure>\n",
        c = escape(caption)
    )
}

/// A self-contained page: `title`, then `body` (already HTML).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"ktpsim {v}\">\n\
         <title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{t}</h1>\n\
         {body}</body>\n</html>\n",
        v = env!("CARGO_PKG_VERSION"),
        t = escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_numbers_and_span_group_rows() {
        let mut t = Table::new(&["measure", "p50"]);
        t.group("Clearing <the> backlog");
        t.row(vec!["days".into(), "1.0".into()]);
        assert_eq!(
            t.html(),
            "<div class=\"wide\"><table>\n<thead><tr><th class=\"text\">measure</th><th>p50</th>\
             </tr></thead>\n<tbody>\n<tr class=\"group\"><th colspan=\"2\">Clearing &lt;the&gt; \
             backlog</th></tr>\n<tr><td class=\"text\">days</td><td>1.0</td></tr>\n</tbody>\n\
             </table></div>\n"
        );
    }

    #[test]
    fn folder_names_are_url_encoded() {
        assert_eq!(url_segment("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(url_segment("bojonegoro-2017"), "bojonegoro-2017");
    }
}
