//! The offices of a national scenario as written: the rows of the offices
//! table (a CSV file), the inline `[[offices.office]]` rows, and the
//! `[[offices.change]]` what-ifs, each a list of key paths to set.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use super::super::{Document, Node, Result};
use super::csv;
use crate::names;
use crate::scenario::document::{Cell, Entry, FileId, NodeValue, cell_value};
use crate::scenario::error::Located;
use crate::scenario::fields::list;
use crate::scenario::key_path::{KeyPath, Step};
use crate::scenario::overrides::Change;
use crate::scenario::sources::Unread;
use crate::terminal::hidden;

/// The most offices a national scenario may list: Indonesia has 514.
pub const MAX_OFFICES: usize = 10_000;

/// The most an offices table may hold, in bytes.
pub const MAX_TABLE_BYTES: u64 = 16 * 1024 * 1024;

/// One office as written.
pub(super) struct Row {
    /// Its name (checked by the rule of [`crate::names`]).
    pub name: String,
    /// Where the name was written.
    pub name_at: (FileId, Range<usize>),
    /// Its region, empty when none is given.
    pub region: String,
    /// Its own transit from the pool, if given.
    pub transit: Option<Node>,
    /// Its settings: key paths with their values, in the order written.
    pub sets: Vec<Change>,
}

/// A `[[offices.change]]`: the offices it selects and what it does to each.
pub(super) struct Block {
    /// The offices it selects (indices of the rows, in order).
    pub selects: Vec<usize>,
    /// Its operations, `set` after `add`... in the order: `add`, then `set`.
    pub ops: Vec<Op>,
}

/// One operation of a change.
pub(super) enum Op {
    /// Set the key path to the value.
    Set(Change),
    /// Add the number to the key path's value.
    Add(Change),
}

/// A path given where it was written, checked: parsed, and no key the
/// national file holds or that changes nothing.
fn key_path(
    doc: &Document,
    text: &str,
    at: &(FileId, Range<usize>),
    what: &str,
) -> Result<KeyPath> {
    let path = KeyPath::parse(text).map_err(|m| doc.error(at.0, at.1.clone(), m, None))?;
    let refuse = |why: &str| {
        Err(doc.error(
            at.0,
            at.1.clone(),
            format!("{what} `{text}` cannot be set per office: {why}"),
            Some("set an office's settings here, e.g. backlog.initial or printing.printers; the national [scenario] holds for every office".into()),
        ))
    };
    if path.0.first() == Some(&Step::Key("scenario".into())) {
        return refuse("[scenario] is the national file's, the same for every office");
    }
    if path.0.first() == Some(&Step::Key("costs".into())) {
        return refuse("a national scenario reports no costs (they are a single office's)");
    }
    if let Some(why) = crate::scenario::key_path::changes_nothing(&path) {
        return refuse(why);
    }
    Ok(path)
}

/// A path relative to the file `node` was written in, with extension `ext`.
pub(super) fn relative(
    doc: &Document,
    key: &str,
    node: &Node,
    ext: &str,
    help: &str,
) -> Result<PathBuf> {
    let rel = doc.string(key, node, help)?;
    if rel.trim().is_empty() {
        return Err(doc.error_at(node, format!("`{key}` is empty"), Some(help)));
    }
    let fits = std::path::Path::new(rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if !fits {
        return Err(doc.error_at(
            node,
            format!("`{key}` must name a .{ext} file, got {}", doc.text(node)),
            Some(help),
        ));
    }
    let dir = doc.files[node.file]
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""));
    Ok(dir.join(rel))
}

/// `target` as a path relative to the folder `from`, both as written
/// (relative to one working folder, or both absolute), with `/` between
/// parts; `None` when `from` climbs out of what can be named (`..` at its
/// start, or one of them absolute and not the other).
pub(super) fn relative_to(from: &std::path::Path, target: &std::path::Path) -> Option<String> {
    use std::path::Component;
    fn lexical(p: &std::path::Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => match out.last() {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(c),
                },
                _ => out.push(c),
            }
        }
        out
    }
    let from = lexical(from);
    let target = lexical(target);
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let named = |cs: &[Component<'_>]| cs.iter().all(|c| matches!(c, Component::Normal(_)));
    if !named(&from[common..]) || !named(&target[common..]) {
        return None;
    }
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), from.len() - common)
        .chain(
            target[common..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    Some(parts.join("/"))
}

/// The rows of the offices table named by `node`; the table is added to
/// `doc`'s files, so that its cells are nodes there.
pub(super) fn table(doc: &mut Document, node: &Node) -> Result<(PathBuf, Vec<Row>)> {
    let help =
        "a CSV file, one row per office, relative to this file, e.g. table = \"offices.csv\"";
    let path = relative(doc, "table", node, "csv", help)?;
    let text = doc
        .sources
        .read_text(&path, MAX_TABLE_BYTES)
        .map_err(|unread| {
            let (reason, help) = match unread {
                Unread::TooLarge => (
                    format!(
                        "larger than {} MiB, the most an offices table may hold",
                        MAX_TABLE_BYTES >> 20
                    ),
                    "514 offices with a dozen columns hold about 50 KB".to_owned(),
                ),
                Unread::Other(reason) if reason.contains("UTF-") => {
                    (reason, csv::SAVE_AS.to_owned())
                }
                Unread::Other(reason) => (reason, help.to_owned()),
            };
            doc.error_at(
                node,
                format!(
                    "cannot read the offices table `{}`: {reason}",
                    path.display()
                ),
                Some(&help),
            )
        })?;
    let file = doc.add_file(&path, text.into());
    let text = doc.files[file].text.clone();
    let lines = csv::rows(&text).map_err(|m| doc.error(file, m.span, m.message, Some(m.help)))?;
    let Some((header, body)) = lines.split_first() else {
        return Err(doc.error_at(
            node,
            format!("the offices table `{}` is empty", path.display()),
            Some("its first line names the columns: name, region (optional), then key paths such as backlog.initial; then one line per office"),
        ));
    };
    separator(doc, file, header)?;
    let columns = columns(doc, file, header)?;
    if body.len() > MAX_OFFICES {
        return Err(doc.error(
            file,
            body[MAX_OFFICES].span.clone(),
            format!("the offices table lists more than {MAX_OFFICES} offices"),
            Some(format!(
                "a national scenario has at most {MAX_OFFICES} offices (Indonesia has 514)"
            )),
        ));
    }
    let mut rows = Vec::with_capacity(body.len());
    for line in body {
        if line.cells.len() != columns.len() {
            return Err(doc.error(
                file,
                line.span.clone(),
                format!(
                    "this row has {} cells, but the header names {} columns",
                    line.cells.len(),
                    columns.len()
                ),
                Some("one cell per column, separated by commas; an empty cell keeps the template's value; quote a cell that holds a comma, e.g. \"{ dist = \"\"uniform\"\", min = \"\"3d\"\", max = \"\"9d\"\" }\"".into()),
            ));
        }
        rows.push(row(doc, file, &columns, line)?);
    }
    Ok((path, rows))
}

/// A header of one cell that holds `;` or tabs: the table is separated by
/// them (Excel saves CSV with `;` where the decimal mark is a comma, as in
/// the id-ID locale), and ktpsim reads commas.
fn separator(doc: &Document, file: FileId, header: &csv::Row) -> Result<()> {
    let [cell] = header.cells.as_slice() else {
        return Ok(());
    };
    let (c, help) = if cell.content.contains(';') {
        (
            ';',
            "Excel saves CSV with `;` where the decimal mark is a comma (as in Indonesian, id-ID)",
        )
    } else if cell.content.contains('\t') {
        ('\t', "\"Text (tab delimited)\" separates cells by tabs")
    } else {
        return Ok(());
    };
    let n = cell.content.matches(c).count();
    let found = match (c, n) {
        (';', _) => format!("{n} `;`"),
        (_, 1) => "a tab".to_owned(),
        _ => format!("{n} tabs"),
    };
    let by = if c == ';' { "`;`" } else { "tabs" };
    Err(doc.error(
        file,
        header.span.clone(),
        format!(
            "the first line has no comma but {found}: this table's cells are separated by {by}, and ktpsim reads cells separated by commas"
        ),
        Some(format!("{help}; {}", csv::SAVE_AS)),
    ))
}

/// What a column of the offices table holds.
enum Column {
    Name,
    Region,
    Transit,
    Path(KeyPath, (FileId, Range<usize>)),
}

fn columns(doc: &Document, file: FileId, header: &csv::Row) -> Result<Vec<Column>> {
    let mut out = Vec::with_capacity(header.cells.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let (_, text) = cell.trimmed();
        let at = (file, cell.trimmed_span());
        if text.is_empty() {
            return Err(doc.error(
                file,
                at.1,
                format!("column {} of the offices table has no name", i + 1),
                Some("the first line names the columns: name, region (optional), transit (optional), then key paths such as backlog.initial".into()),
            ));
        }
        let column = match text {
            "name" => Column::Name,
            "region" => Column::Region,
            "transit" => Column::Transit,
            _ => Column::Path(key_path(doc, text, &at, "column")?, at.clone()),
        };
        let key = match &column {
            Column::Path(p, _) => p.to_string(),
            _ => text.to_owned(),
        };
        if let Some(first) = seen.insert(key.clone(), i) {
            return Err(doc.error(
                file,
                at.1,
                format!(
                    "column `{key}` is given twice: columns {} and {}",
                    first + 1,
                    i + 1
                ),
                Some("one column per setting: remove one of them".into()),
            ));
        }
        if let Column::Path(path, _) = &column
            && let Some((j, other)) = out.iter().enumerate().find_map(|(j, c)| match c {
                Column::Path(p, _) if p.0.starts_with(&path.0) || path.0.starts_with(&p.0) => {
                    Some((j, p))
                }
                _ => None,
            })
        {
            let (whole, part) = if other.0.len() < path.0.len() {
                (other, path)
            } else {
                (path, other)
            };
            return Err(doc.error(
                file,
                at.1,
                format!(
                    "columns `{other}` (column {}) and `{path}` (column {}) overlap: `{whole}` sets the whole of what `{part}` sets part of",
                    j + 1,
                    i + 1
                ),
                Some(format!("give either `{whole}` or the keys inside it, such as `{part}`: remove one of the two columns")),
            ));
        }
        out.push(column);
    }
    if !out.iter().any(|c| matches!(c, Column::Name)) {
        return Err(doc.error(
            file,
            header.span.clone(),
            "the offices table has no `name` column".to_owned(),
            Some("the first line names the columns, `name` among them: every office needs a unique name".into()),
        ));
    }
    Ok(out)
}

fn row(doc: &Document, file: FileId, columns: &[Column], line: &csv::Row) -> Result<Row> {
    let mut name = None;
    let mut region = String::new();
    let mut transit = None;
    let mut sets = Vec::new();
    for (column, cell) in columns.iter().zip(&line.cells) {
        let (from, text) = cell.trimmed();
        let span = cell.trimmed_span();
        match column {
            Column::Name => {
                if text.is_empty() {
                    return Err(doc.error(
                        file,
                        span,
                        "this office has no name".to_owned(),
                        Some(NAME_HELP.to_owned()),
                    ));
                }
                let value = word(doc, file, cell)?;
                name = Some(office_name(doc, &value, (file, span))?);
            }
            Column::Region => {
                region = word(doc, file, cell)?;
                region_length(doc, &region, (file, span))?;
            }
            _ if text.is_empty() => {}
            Column::Transit => transit = Some(value(doc, file, "transit", cell, from, text)?),
            Column::Path(path, at) => {
                let node = value(doc, file, path.leaf(), cell, from, text)?;
                sets.push((path.clone(), node, at.clone()));
            }
        }
    }
    let (name, name_at) = name.expect("a `name` column");
    Ok(Row {
        name,
        name_at,
        region,
        transit,
        sets,
    })
}

const NAME_HELP: &str = "every office needs a unique name: it keys the office's random streams and its results, e.g. kab-jember";

/// A name or region cell: a TOML string's text, else the text as written.
fn word(doc: &Document, file: FileId, cell: &csv::Cell) -> Result<String> {
    let (from, text) = cell.trimmed();
    if let Cell::Value(Node {
        value: NodeValue::String(s),
        ..
    }) = cell_value(&doc.files, file, "name", text, &|i| cell.at(from + i))
    {
        return Ok(s);
    }
    printable(doc, file, cell, text)?;
    Ok(text.to_owned())
}

fn printable(doc: &Document, file: FileId, cell: &csv::Cell, text: &str) -> Result<()> {
    match text.chars().find(|&c| hidden(c)) {
        None => Ok(()),
        Some(c) => Err(doc.error(
            file,
            cell.trimmed_span(),
            format!(
                "this cell holds the control character \\u{{{:x}}}, which tables, reports and terminals cannot show",
                u32::from(c)
            ),
            Some("remove it: names and values are one line of visible text".into()),
        )),
    }
}

/// A cell as a value: TOML when it reads as TOML, else the text as a string.
fn value(
    doc: &Document,
    file: FileId,
    key: &str,
    cell: &csv::Cell,
    from: usize,
    text: &str,
) -> Result<Node> {
    let span = cell.trimmed_span();
    match cell_value(&doc.files, file, key, text, &|i| cell.at(from + i)) {
        Cell::Value(node) => Ok(node),
        Cell::Text => {
            printable(doc, file, cell, text)?;
            Ok(Node {
                value: NodeValue::String(text.to_owned()),
                span,
                file,
            })
        }
        Cell::Refused(why) => Err(doc.error(
            file,
            span,
            format!("this cell of `{key}` cannot be read: {why}"),
            Some("a cell is a TOML value (35000, 0.5, \"3d\", { dist = \"uniform\", min = \"3d\", max = \"9d\" }) or plain text, taken as a string".into()),
        )),
    }
}

/// `name` checked by the rule of names (reserved output names do not matter:
/// an office names no folder of its own).
fn office_name(
    doc: &Document,
    name: &str,
    at: (FileId, Range<usize>),
) -> Result<(String, (FileId, Range<usize>))> {
    let message = match names::check(name) {
        Ok(()) | Err(names::Problem::Taken { .. } | names::Problem::Device(_)) => {
            return Ok((name.to_owned(), at));
        }
        Err(names::Problem::Unsafe) => {
            format!("office name {name:?} must be {}", names::RULE)
        }
        Err(names::Problem::TooLong(n)) => format!(
            "office name has {n} characters, more than {}",
            names::MAX_LEN
        ),
    };
    Err(doc.error(
        at.0,
        at.1,
        message,
        Some(format!(
            "{NAME_HELP}; here: \"{}\"",
            names::suggest_as(name, "office")
        )),
    ))
}

/// The longest region name, in characters: a region names a province
/// (the longest, Kepulauan Bangka Belitung, has 25), and it is written into
/// every office's line of the results.
pub const MAX_REGION_LEN: usize = 100;

fn region_length(doc: &Document, region: &str, at: (FileId, Range<usize>)) -> Result<()> {
    let n = region.chars().count();
    if n <= MAX_REGION_LEN {
        return Ok(());
    }
    Err(doc.error(
        at.0,
        at.1,
        format!("region name has {n} characters, more than {MAX_REGION_LEN}"),
        Some("a region names a province, e.g. Jawa Timur; it is written into every office's line of the results".into()),
    ))
}

/// The `[[offices.office]]` rows.
pub(super) fn inline(doc: &Document, node: &Node, rows: &mut Vec<Row>) -> Result<()> {
    let help = "an array of tables: [[offices.office]] with `name`, an optional `region` and `transit`, and office settings as key paths, e.g. \"backlog.initial\" = 9000";
    for item in doc.array("office", node, help)? {
        let NodeValue::Table(entries) = &item.value else {
            return Err(doc.error_at(
                item,
                format!("an office must be a table, found {}", item.value.kind()),
                Some(help),
            ));
        };
        let mut name = None;
        let mut region = String::new();
        let mut transit = None;
        let mut sets = Vec::new();
        for e in entries {
            match e.key.as_str() {
                "name" => {
                    let s = doc.string("name", &e.value, NAME_HELP)?;
                    name = Some(office_name(doc, s, (e.value.file, e.value.span.clone()))?);
                }
                "region" => {
                    region = doc
                        .string(
                            "region",
                            &e.value,
                            "the office's region, e.g. region = \"Papua\"",
                        )?
                        .to_owned();
                    region_length(doc, &region, (e.value.file, e.value.span.clone()))?;
                }
                "transit" => transit = Some(e.value.clone()),
                _ => flatten(doc, e, "", "key", &mut sets)?,
            }
        }
        let Some((name, name_at)) = name else {
            return Err(doc.error_at(
                item,
                "missing key `name` in [[offices.office]]",
                Some(NAME_HELP),
            ));
        };
        rows.push(Row {
            name,
            name_at,
            region,
            transit,
            sets,
        });
    }
    Ok(())
}

/// Quoted dotted keys and nested tables (not inline ones: an inline table is
/// a value, a distribution or a mix) both name key paths.
fn flatten(
    doc: &Document,
    e: &Entry,
    prefix: &str,
    what: &str,
    out: &mut Vec<Change>,
) -> Result<()> {
    let name = format!("{prefix}{}", e.key);
    let at = (e.key_file, e.key_span.clone());
    match &e.value.value {
        NodeValue::Table(entries) if !doc.text(&e.value).starts_with('{') => {
            for inner in entries {
                flatten(doc, inner, &format!("{name}."), what, out)?;
            }
            Ok(())
        }
        _ => {
            let path = key_path(doc, &name, &at, what)?;
            out.push((path, e.value.clone(), at));
            Ok(())
        }
    }
}

/// At least one office, at most [`MAX_OFFICES`], names unique.
pub(super) fn check(doc: &Document, offices: &Node, rows: &[Row]) -> Result<()> {
    if rows.is_empty() {
        return Err(doc.error_at(
            offices,
            "[offices] lists no office",
            Some("give `table`, a CSV file with a row per office, or [[offices.office]] rows"),
        ));
    }
    if rows.len() > MAX_OFFICES {
        let at = &rows[MAX_OFFICES].name_at;
        return Err(doc.error(
            at.0,
            at.1.clone(),
            format!("more than {MAX_OFFICES} offices"),
            Some(format!(
                "a national scenario has at most {MAX_OFFICES} offices (Indonesia has 514)"
            )),
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(&first) = seen.get(row.name.as_str()) {
            let (file, span) = &rows[first].name_at;
            let f = &doc.files[*file];
            let place = Located::new(&f.path, &f.text, span.clone(), "", None);
            return Err(doc.error(
                row.name_at.0,
                row.name_at.1.clone(),
                format!(
                    "office `{}` is listed twice: first at {}:{}",
                    row.name,
                    place.path.display(),
                    place.line
                ),
                Some(NAME_HELP.into()),
            ));
        }
        seen.insert(&row.name, i);
    }
    Ok(())
}

/// The most values the `[[offices.change]]` blocks may set in all, a key of
/// one office at a time: each is a change of the office's scenario before it
/// is validated. 514 offices with 100 changed keys each are 51,400.
pub const MAX_CHANGE_SETS: usize = 1_000_000;

/// The `[[offices.change]]` blocks, in order.
pub(super) fn changes(doc: &Document, node: &Node, rows: &[Row]) -> Result<Vec<Block>> {
    // The rows by name and by region, looked up once per string of a change.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_region: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_name.entry(r.name.as_str()).or_default().push(i);
        by_region.entry(r.region.as_str()).or_default().push(i);
    }
    let mut sets = 0usize;
    let help = "an array of tables: [[offices.change]] with `region` or `offices` (or neither: every office), and `add` and/or `set`, e.g. add = { \"printing.printers\" = 1 }";
    let mut blocks = Vec::new();
    for item in doc.array("change", node, help)? {
        let t = doc.table(
            "change",
            "[[offices.change]]",
            item,
            &["region", "offices", "add", "set"],
        )?;
        let selects = match (t.get("region"), t.get("offices")) {
            (Some(_), Some(n)) => {
                return Err(doc.error_at(
                    n,
                    "a change selects offices by `region` or by `offices`, not both",
                    Some("give one of them; with neither, the change applies to every office"),
                ));
            }
            (Some(n), None) => select(doc, n, rows, "region", &by_region, |r| &r.region)?,
            (None, Some(n)) => select(doc, n, rows, "offices", &by_name, |r| &r.name)?,
            (None, None) => (0..rows.len()).collect(),
        };
        let mut ops = Vec::new();
        if let Some(n) = t.get("add") {
            let mut adds = Vec::new();
            for e in doc.free_table(
                "add",
                n,
                "key paths with the numbers to add, e.g. add = { \"printing.printers\" = 1 }",
            )? {
                flatten(doc, e, "", "`add` key", &mut adds)?;
            }
            for (path, value, at) in adds {
                if !matches!(value.value, NodeValue::Integer(_) | NodeValue::Float(_)) {
                    return Err(doc.error_at(
                        &value,
                        format!("`add` must give a number for `{path}`, found {}", value.value.kind()),
                        Some("the number added to each selected office's value, e.g. \"printing.printers\" = 1; to replace a value, use `set`"),
                    ));
                }
                ops.push(Op::Add((path, value, at)));
            }
        }
        if let Some(n) = t.get("set") {
            let mut sets = Vec::new();
            for e in doc.free_table(
                "set",
                n,
                "key paths with their values, e.g. set = { \"calendar.timezone\" = \"WIT\" }",
            )? {
                flatten(doc, e, "", "`set` key", &mut sets)?;
            }
            ops.extend(sets.into_iter().map(Op::Set));
        }
        if ops.is_empty() {
            return Err(doc.error_at(
                item,
                "this change changes nothing: it has no `add` and no `set`",
                Some(
                    "e.g. add = { \"printing.printers\" = 1 } or set = { \"recording.pool\" = 0 }",
                ),
            ));
        }
        sets = sets.saturating_add(selects.len().saturating_mul(ops.len()));
        if sets > MAX_CHANGE_SETS {
            return Err(doc.error_at(
                item,
                format!(
                    "the [[offices.change]] blocks up to this one set {sets} values (each key once for each office it selects), more than the {MAX_CHANGE_SETS} a scenario may set"
                ),
                Some("every change is applied to every office it selects before the office is validated; give what many offices share in the template, or a column of the offices table"),
            ));
        }
        blocks.push(Block { selects, ops });
    }
    Ok(blocks)
}

/// Which rows the strings of `node` (a string or a list of them) select by
/// `field`; a string that selects none is an error.
fn select(
    doc: &Document,
    node: &Node,
    rows: &[Row],
    key: &str,
    index: &HashMap<&str, Vec<usize>>,
    field: impl Fn(&Row) -> &String,
) -> Result<Vec<usize>> {
    let help = match key {
        "region" => "a region or a list of them, e.g. region = [\"Papua\", \"Papua Barat\"]",
        _ => "a list of office names, e.g. offices = [\"kota-jayapura\"]",
    };
    let items: Vec<&Node> = match &node.value {
        NodeValue::String(_) if key == "region" => vec![node],
        _ => doc.array(key, node, help)?.iter().collect(),
    };
    if items.is_empty() {
        return Err(doc.error_at(
            node,
            format!("`{key}` is an empty list: this change would select nothing"),
            Some(&format!("{help}; leave `{key}` out to change every office")),
        ));
    }
    let mut selects = Vec::new();
    for item in items {
        let s = doc.string(key, item, help)?;
        let found = index.get(s);
        selects.extend(found.into_iter().flatten());
        if found.is_none() {
            let mut known: Vec<&str> = rows
                .iter()
                .map(|r| field(r).as_str())
                .filter(|s| !s.is_empty())
                .collect();
            known.sort_unstable();
            known.dedup();
            let shown = if known.len() > 20 {
                format!("{}, ... ({} in all)", list(&known[..20]), known.len())
            } else {
                list(&known)
            };
            let (what, help) = match key {
                "region" => (
                    format!("no office is in the region {}", doc.text(item)),
                    format!("the offices' regions: {shown}"),
                ),
                _ => (
                    format!("no office is named {}", doc.text(item)),
                    format!("the offices: {shown}"),
                ),
            };
            return Err(doc.error_at(
                item,
                format!("{what}: this change would select nothing"),
                Some(&help),
            ));
        }
    }
    selects.sort_unstable();
    selects.dedup();
    Ok(selects)
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn paths_relative_to_another_folder() {
        let r = |from: &str, to: &str| relative_to(Path::new(from), Path::new(to));
        assert_eq!(
            r("sub", "sub/../office.toml").as_deref(),
            Some("../office.toml")
        );
        assert_eq!(r("a/b", "a/c/t.csv").as_deref(), Some("../c/t.csv"));
        assert_eq!(r("a/b", "c/t.csv").as_deref(), Some("../../c/t.csv"));
        assert_eq!(r("", "x/../y/t.csv").as_deref(), Some("y/t.csv"));
        assert_eq!(r("/s/a", "/s/t.toml").as_deref(), Some("../t.toml"));
        assert_eq!(r("..", "t.toml"), None);
        assert_eq!(r("a", "/t.toml"), None);
    }
}
