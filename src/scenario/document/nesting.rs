//! How deep a scenario's tables and arrays nest, measured on the TOML reader's
//! event stream before any tree is built.
//!
//! Everything that walks a scenario tree (conversion, `extends` merging, the
//! merged text, dropping it) recurses once per level, and the TOML reader's own
//! limit on dotted keys and headers comes without a place in the file. Counting
//! here, on events that carry spans, gives one limit for every way of nesting
//! (`[a.b.c]` headers, `a.b.c = 1` dotted keys, `{ a = { ... } }`, `[[ ... ]]`)
//! and an error that underlines where it was passed.
//!
//! This module only measures; the message is [`super`]'s.

use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, ParseError, Source, Span};

/// Levels of tables and arrays a scenario may nest below its top level. A real
/// scenario needs about 4 (`[network.states.up]` with `next = { down = 1.0 }`);
/// the TOML reader's own limit is 80 per key or value, without a place.
pub const MAX_NESTING: usize = 32;

/// The first place in `text` where tables and arrays nest deeper than
/// [`MAX_NESTING`]: the key part, or the `[` or `{`, that opens level 33. `None`
/// when nothing is that deep, or when a syntax error comes first (the TOML reader
/// reports that one, with its own place).
pub fn too_deep(text: &str) -> Option<Range<usize>> {
    let tokens = Source::new(text).lex().into_vec();
    let mut scan = Scan::default();
    let mut first_error: Option<ParseError> = None;
    parse_document(&tokens, &mut scan, &mut first_error);
    let at = scan.too_deep?;
    let syntax_first = first_error
        .and_then(|e| e.unexpected().or(e.context()))
        .is_some_and(|s| s.start() < at.start);
    (!syntax_first).then_some(at)
}

/// Depths are counted as in the tree the TOML reader builds: the top-level table
/// is 0, and every table or array inside a depth-d one is at d + 1 (an array of
/// tables `[[a]]` is an array at 1 holding tables at 2).
#[derive(Default)]
struct Scan {
    /// Depth of the table the last `[header]` or `[[header]]` opened (0: the top).
    table: usize,
    /// Inside a header's brackets.
    in_header: bool,
    /// Parts of the key being read so far, and the span of the last one.
    keys: usize,
    last_key: Range<usize>,
    /// Depth of the table that holds the value after the last `=`.
    value_parent: usize,
    /// Inline tables and arrays open around the current place: (depth, is an array).
    open: Vec<(usize, bool)>,
    /// Where nesting first went past the limit.
    too_deep: Option<Range<usize>>,
}

impl Scan {
    /// Depth of the table the key being read is written in.
    fn key_base(&self) -> usize {
        if self.in_header {
            0
        } else {
            self.open.last().map_or(self.table, |&(depth, _)| depth)
        }
    }

    /// Notes a table or array at `depth` opened at `span`; false when it is too deep
    /// (or something was already), so the reader skips what is inside.
    fn level(&mut self, depth: usize, span: Range<usize>) -> bool {
        if depth > MAX_NESTING && self.too_deep.is_none() {
            self.too_deep = Some(span);
        }
        self.too_deep.is_none()
    }

    fn open(&mut self, span: Span, is_array: bool) -> bool {
        let parent = match self.open.last() {
            Some(&(depth, true)) => depth,
            _ => self.value_parent,
        };
        self.open.push((parent + 1, is_array));
        self.level(parent + 1, span.start()..span.end())
    }

    fn header_close(&mut self, extra: usize) {
        let depth = self.keys + extra;
        self.level(depth, self.last_key.clone());
        self.table = depth;
        self.in_header = false;
        self.keys = 0;
    }
}

impl EventReceiver for Scan {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = true;
        self.keys = 0;
        self.open.clear();
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.header_close(0);
    }
    fn array_table_open(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.std_table_open(span, error);
    }
    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // The array is at the depth of its key; its tables one deeper.
        self.header_close(1);
    }
    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(span, false)
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open.pop();
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(span, true)
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open.pop();
    }
    fn simple_key(&mut self, span: Span, _kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        self.keys += 1;
        self.last_key = span.start()..span.end();
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // The part before a dot is a table.
        let depth = self.key_base() + self.keys;
        self.level(depth, self.last_key.clone());
    }
    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.value_parent = self.key_base() + self.keys.saturating_sub(1);
        self.keys = 0;
    }
    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.keys = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text at the place found, if any.
    fn found(text: &str) -> Option<&str> {
        too_deep(text).map(|r| &text[r])
    }

    fn dotted(n: usize) -> String {
        (0..n)
            .map(|i| format!("k{i}"))
            .collect::<Vec<_>>()
            .join(".")
    }

    #[test]
    fn the_limit_counts_every_kind_of_nesting() {
        // 32 levels of tables, then a value: accepted.
        assert_eq!(found(&format!("{} = 1\n", dotted(33))), None);
        assert_eq!(found(&format!("{} = 1\n", dotted(34))), Some("k32"));
        assert_eq!(found(&format!("[{}]\nx = 1\n", dotted(32))), None);
        assert_eq!(found(&format!("[{}]\n", dotted(33))), Some("k32"));
        assert_eq!(found(&format!("[[{}]]\n", dotted(31))), None);
        assert_eq!(found(&format!("[[{}]]\n", dotted(32))), Some("k31"));
        let inline = |n| format!("x = {}1{}\n", "{a=".repeat(n), "}".repeat(n));
        assert_eq!(found(&inline(31)), None);
        assert_eq!(found(&inline(33)), Some("{"));
        let arrays = |n| format!("x = {}1{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(found(&arrays(32)), None);
        assert_eq!(too_deep(&arrays(33)), Some(36..37));
    }

    #[test]
    fn levels_add_up_across_headers_keys_and_values() {
        // 10 in the header, 10 more in the dotted key, then 13 arrays: 33.
        let text = format!(
            "[{}]\n{} = {}1{}\n",
            dotted(10),
            dotted(11),
            "[".repeat(13),
            "]".repeat(13)
        );
        let at = too_deep(&text).unwrap();
        assert_eq!(at.start, text.rfind("[[").unwrap() + 1, "the 13th `[`");
        // An array of tables holding a dotted key.
        let text = format!("[[{}]]\n{} = 1\n", dotted(20), dotted(12));
        assert_eq!(found(&text), None);
        let text = format!("[[{}]]\n{} = 1\n", dotted(20), dotted(13));
        assert_eq!(found(&text), Some("k11"));
        // Inside an array, inside an inline table.
        let text = format!("x = [{{ {} = [[1]] }}]\n", dotted(29));
        assert_eq!(found(&text), None);
        let text = format!("x = [{{ {} = [[1]] }}]\n", dotted(30));
        assert_eq!(found(&text), Some("["));
    }

    #[test]
    fn depth_resets_with_each_header_and_value() {
        let text = format!("{} = 1\n[a]\n{} = 1\n", dotted(33), dotted(32));
        assert_eq!(found(&text), None);
        let text = format!("x = [{}1{}, 2]\ny = 3\n", "[".repeat(30), "]".repeat(30));
        assert_eq!(found(&text), None);
    }

    #[test]
    fn very_deep_input_is_skipped_without_recursing() {
        let text = format!("x = {}\n", "[".repeat(1_000_000));
        assert_eq!(too_deep(&text).map(|r| r.start), Some(4 + MAX_NESTING));
        let text = format!("x = {}1{}\n", "{a=".repeat(200_000), "}".repeat(200_000));
        assert!(too_deep(&text).is_some());
    }

    #[test]
    fn a_syntax_error_first_is_left_to_the_toml_reader() {
        let text = format!("x = = 1\ny = {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(found(&text), None);
    }
}
