//! A national scenario (docs/model.md, "Many offices"): a file with `[offices]`.
//!
//! Its `[scenario]` holds for every office; `[offices]` names the template
//! office scenario and lists the offices (a CSV table, inline rows) and the
//! what-if changes; `[central]` is the national link, `[pool]` the blank pool.
//! Each office is the template's tree with the national `[scenario]` grafted
//! in, its start moved to the office's local time, its row's settings and the
//! changes that select it set, then validated like an office scenario file.
//! Every value keeps its file, so an error in a cell of the offices table
//! underlines the cell.

mod csv;
mod pool;
mod rows;

use std::path::PathBuf;

use super::{Head, Mode, OFFICE_TABLES, Result, calendar, link};
use crate::dist::Dist;
use crate::scenario::document::{Document, Entry, Node, NodeValue};
use crate::scenario::fields::Table;
use crate::scenario::key_path::{KeyPath, Step};
use crate::scenario::national::{NationalConfig, Office, Timezone};
use crate::scenario::overrides::{Change, at_key_path};
use crate::scenario::{Scenario, ScenarioError};

pub use rows::{MAX_OFFICES, MAX_TABLE_BYTES};

/// The top level of a national scenario.
const TOP: [&str; 6] = ["extends", "scenario", "offices", "central", "pool", "sweep"];

pub(super) fn read(doc: &Document) -> Result<Scenario> {
    let root = top(doc)?;
    let scenario_node = root.get("scenario").ok_or_else(|| {
        doc.error(
            0,
            0..0,
            "missing [scenario] table",
            Some("add a [scenario] table: start = 2018-01-02T07:30:00 (the data centre's time, WIB), horizon = \"365d\"".into()),
        )
    })?;
    let head = super::scenario_table(doc, scenario_node)?;
    let offices_node = root
        .get("offices")
        .expect("a national scenario has [offices]");
    let o = doc.table(
        "offices",
        "[offices]",
        offices_node,
        &["template", "table", "office", "change"],
    )?;
    let (template_path, template) = template(doc, &o)?;

    // The national file with the offices table: every office's values.
    let mut ndoc = doc.clone();
    let (table, mut rows) = match o.get("table") {
        Some(n) => {
            let (path, rows) = rows::table(&mut ndoc, n)?;
            (Some(path), rows)
        }
        None => (None, Vec::new()),
    };
    if let Some(n) = o.get("office") {
        rows::inline(&ndoc, n, &mut rows)?;
    }
    rows::check(&ndoc, offices_node, &rows)?;

    let central = root
        .get("central")
        .map(|n| link::read_named(doc, n, head.start, "central"))
        .transpose()?;
    let pool = root
        .get("pool")
        .map(|n| pool::read(doc, n, head.start, head.horizon))
        .transpose()?;
    if let Some(p) = &pool {
        let regions: Vec<&str> = rows.iter().map(|r| r.region.as_str()).collect();
        p.check_regions(doc, &regions)?;
    }
    let blocks = match o.get("change") {
        Some(n) => rows::changes(&ndoc, n, &rows)?,
        None => Vec::new(),
    };

    // The office every row starts from: the template, with the national
    // [scenario] (nodes of the national files, which come first).
    let mut base = Document {
        files: ndoc.files.clone(),
        root: ndoc.root.clone(),
        sources: ndoc.sources.clone(),
        tables: ndoc.tables.clone(),
    };
    let mut office_root = base.graft(&template);
    let NodeValue::Table(entries) = &mut office_root.value else {
        unreachable!("a document is a table")
    };
    let scenario_entry: &Entry = root
        .entries()
        .iter()
        .find(|e| e.key == "scenario")
        .expect("read above");
    entries.insert(0, scenario_entry.clone());
    base.root = office_root;

    let template_office = super::office(&base, Mode::Office { name: &head.name })?;
    let mut offices = Vec::with_capacity(rows.len());
    let mut totals = Totals::new(pool.as_ref());
    for (i, row) in rows.iter().enumerate() {
        let (office, doc) = office(&base, &head, row, i, &blocks, pool.as_ref())?;
        totals.add(&doc, &office)?;
        offices.push(office);
    }

    let merged_toml = super::merged(&from_here(doc, &o, &template_path, table.as_deref()))?;
    Ok(Scenario {
        name: head.name,
        title: head.title,
        start: head.start,
        horizon: head.horizon,
        replications: head.replications,
        seed: head.seed,
        deadline: head.deadline,
        national: Some(Box::new(NationalConfig {
            offices,
            central,
            pool: pool.map(|p| p.config),
            template: template_path,
            table,
        })),
        merged_toml,
        source: doc.path().to_path_buf(),
        inputs: Vec::new(),
        ..template_office
    })
}

/// `doc` with `offices.template` and `offices.table` written relative to the
/// scenario's own folder where a parent in another folder gave them: the
/// merged text (`ktpsim check` prints it, the report shows it) then loads
/// when saved beside the scenario.
fn from_here(
    doc: &Document,
    o: &Table<'_>,
    template: &std::path::Path,
    table: Option<&std::path::Path>,
) -> Document {
    let mut out = doc.clone();
    let here = doc.path().parent().unwrap_or(std::path::Path::new(""));
    for (key, target) in [("template", Some(template)), ("table", table)] {
        let (Some(node), Some(target)) = (o.get(key), target) else {
            continue;
        };
        let written_in = doc.files[node.file]
            .path
            .parent()
            .unwrap_or(std::path::Path::new(""));
        if written_in == here {
            continue;
        }
        let Some(text) = rows::relative_to(here, target) else {
            continue;
        };
        let value = Node {
            value: NodeValue::String(text),
            span: node.span.clone(),
            file: node.file,
        };
        let at = (node.file, node.span.clone());
        // The path exists: it was read from this very node.
        let _ = out.set_path(&path(&["offices", key]), value, at);
    }
    out
}

/// The top level: office tables belong in the template.
fn top(doc: &Document) -> Result<Table<'_>> {
    if let NodeValue::Table(entries) = &doc.root.value
        && let Some(e) = entries
            .iter()
            .find(|e| OFFICE_TABLES.contains(&e.key.as_str()))
    {
        if e.key == "costs" {
            return Err(doc.error(
                e.key_file,
                e.key_span.clone(),
                "a national scenario has no [costs] table: it reports no costs",
                Some("remove [costs]; costs are reported for a single office's scenario (its own file, run alone)".into()),
            ));
        }
        return Err(doc.error(
            e.key_file,
            e.key_span.clone(),
            format!(
                "[{}] is an office's table: in a national scenario it belongs in the office template",
                e.key
            ),
            Some(format!(
                "every office starts from `offices.template`: write [{0}] there; to vary it by office, give a column of the offices table (e.g. {0}.…) or a key of an [[offices.office]] row",
                e.key
            )),
        ));
    }
    doc.table("", "the top level of a national scenario", &doc.root, &TOP)
}

/// The template office scenario: read (with its own `extends`), without a
/// `[scenario]` table.
fn template(doc: &Document, o: &Table<'_>) -> Result<(PathBuf, Document)> {
    let help = "the office scenario every office starts from, relative to this file, e.g. template = \"office.toml\"";
    let n = o.require(doc, "template", help)?;
    let path = rows::relative(doc, "template", n, "toml", help)?;
    let template = Document::load_from(&path, &doc.sources).map_err(|e| match e {
        ScenarioError::Io { reason, .. } => doc.error_at(
            n,
            format!(
                "cannot read the office template `{}`: {reason}",
                path.display()
            ),
            Some(help),
        ),
        e => e,
    })?;
    if let NodeValue::Table(entries) = &template.root.value
        && let Some(e) = entries.iter().find(|e| e.key == "scenario")
    {
        return Err(template.error(
            e.key_file,
            e.key_span.clone(),
            "an office template has no [scenario] table: the national scenario's holds for every office",
            Some(format!(
                "remove [scenario] from the template: start, horizon, deadline, replications and seed are those of {}, and each office is named by its row",
                doc.path().display()
            )),
        ));
    }
    if let NodeValue::Table(entries) = &template.root.value
        && !entries.iter().any(|e| e.key == "printing")
    {
        let message = if entries.is_empty() {
            "the office template is empty: it holds what every office starts from, [printing] at least"
        } else {
            "missing [printing] table in the office template"
        };
        return Err(template.error(
            0,
            0..0,
            message,
            Some("add a [printing] table: printers = 1, cards_per_day = 450 (or card_time = \"1min\"); the offices table sets what differs by office".into()),
        ));
    }
    if let NodeValue::Table(entries) = &template.root.value
        && let Some(e) = entries.iter().find(|e| e.key == "costs")
    {
        return Err(template.error(
            e.key_file,
            e.key_span.clone(),
            "an office template has no [costs] table: a national scenario reports no costs",
            Some(format!(
                "remove [costs] from the template; costs are reported for a single office's scenario (its own file, run alone), not for the offices of {}",
                doc.path().display()
            )),
        ));
    }
    Ok((path, template))
}

/// Office `index` of `rows`: the base with its row and changes set, its start
/// in local time, validated.
fn office(
    base: &Document,
    head: &Head,
    row: &rows::Row,
    index: usize,
    blocks: &[rows::Block],
    pool: Option<&pool::Pool<'_>>,
) -> Result<(Office, Document)> {
    let mut doc = base.clone();
    let mut applied: Vec<Change> = Vec::with_capacity(row.sets.len());
    let set = |doc: &mut Document, applied: &mut Vec<Change>, change: Change| -> Result<()> {
        doc.set_path(&change.0, change.1.clone(), change.2.clone())
            .map_err(|m| doc.error(change.2.0, change.2.1.clone(), m, None))?;
        applied.push(change);
        Ok(())
    };
    for c in &row.sets {
        set(&mut doc, &mut applied, c.clone())?;
    }
    // Each sum an `add` made: the addend's node and the sum written out.
    let mut sums: Vec<(Node, String)> = Vec::new();
    for block in blocks
        .iter()
        .filter(|b| b.selects.binary_search(&index).is_ok())
    {
        for op in &block.ops {
            let change = match op {
                rows::Op::Set(c) => c.clone(),
                rows::Op::Add(c) => {
                    let change = added(&doc, &row.name, c)?;
                    let current = doc.get_path(&c.0).expect("added checks it");
                    sums.push((
                        c.1.clone(),
                        format!(
                            "{} + {} = {}",
                            doc.text(current),
                            doc.text(&c.1),
                            written(&change.1.value)
                        ),
                    ));
                    change
                }
            };
            set(&mut doc, &mut applied, change)?;
        }
    }
    let timezone = match doc.get_path(&path(&["calendar", "timezone"])) {
        Some(n) => calendar::timezone(&doc, n).map_err(|e| at_key_path(&doc, &applied, e))?,
        None => Timezone::Wib,
    };
    local_start(&mut doc, head, timezone)?;
    let scenario = super::office(&doc, Mode::Office { name: &row.name })
        .map_err(|e| at_key_path(&doc, &applied, e))
        .map_err(|e| with_the_sum(&doc, &row.name, &sums, e))
        .map_err(|e| at_the_change(base, head, &row.name, &applied, e))?;

    let reorders = scenario
        .blanks
        .as_ref()
        .is_some_and(|b| b.reorder.is_some());
    let transit: Option<Dist> = match (&row.transit, pool) {
        (Some(n), _) => {
            Some(doc.dist("transit", n, crate::scenario::dist_reader::Unit::Duration)?)
        }
        (None, Some(p)) => p.transit_for(&row.region).cloned(),
        (None, None) => None,
    };
    if reorders {
        let reorder = doc
            .get_path(&path(&["blanks", "reorder"]))
            .expect("validated");
        let Some(p) = pool else {
            return Err(doc.error_at(
                reorder,
                format!(
                    "office `{}` asks the pool for blanks ([blanks.reorder]) but the scenario has no [pool]",
                    row.name
                ),
                Some("add a [pool] table to the national scenario, or remove [blanks.reorder] from the template or the office's row"),
            ));
        };
        if transit.is_none() {
            return Err(doc.error_at(
                p.allocation,
                format!(
                    "office `{}` asks the pool for blanks, but no transit time applies to it: [pool.allocation] has no `transit`",
                    row.name
                ),
                Some(&format!(
                    "{}; or per region in transit_by_region, or per office in a `transit` column or key",
                    pool::MISSING_TRANSIT_HELP
                )),
            ));
        }
    }
    let office = Office {
        name: row.name.clone(),
        region: row.region.clone(),
        timezone,
        scenario,
        transit: if pool.is_some() { transit } else { None },
    };
    Ok((office, doc))
}

/// The largest national total: the national results add the offices' counts
/// up, and a sum past this would wrap.
const MAX_TOTAL: u64 = i64::MAX as u64;

/// The offices' counts added up so far, each sum checked as it grows: the
/// national results hold these sums (and never more: printing and lots only
/// move records and blanks around).
struct Totals {
    /// Records at the start.
    backlog: u64,
    /// Blanks anywhere: the pool's (`initial` and deliveries, checked with the
    /// pool) and every office's own (`initial` and shipments).
    blanks: u64,
}

impl Totals {
    fn new(pool: Option<&pool::Pool<'_>>) -> Self {
        let blanks = pool.map_or(0, |p| {
            p.config.initial + p.config.deliveries.iter().map(|d| d.quantity).sum::<u64>()
        });
        Self { backlog: 0, blanks }
    }

    /// Adds `office` (validated from `doc`), refusing the sum that passes
    /// [`MAX_TOTAL`] at the office's value.
    fn add(&mut self, doc: &Document, office: &Office) -> Result<()> {
        let s = &office.scenario;
        let help = format!(
            "the offices together hold at most {MAX_TOTAL}, the largest number the national results count to; a country has millions"
        );
        if let Some(b) = &s.backlog {
            let at = doc
                .get_path(&path(&["backlog", "initial"]))
                .or_else(|| doc.get_path(&path(&["backlog"])))
                .expect("a validated [backlog]");
            self.backlog = add_at(self.backlog, b.initial).ok_or_else(|| {
                doc.error_at(
                    at,
                    format!(
                        "office `{}`'s `backlog.initial` takes the national initial backlog past {MAX_TOTAL} records",
                        office.name
                    ),
                    Some(&help),
                )
            })?;
        }
        if let Some(b) = &s.blanks {
            let own = b.initial + b.shipments.iter().map(|d| d.quantity).sum::<u64>();
            let at = doc
                .get_path(&path(&["blanks", "initial"]))
                .or_else(|| doc.get_path(&path(&["blanks"])))
                .expect("a validated [blanks]");
            self.blanks = add_at(self.blanks, own).ok_or_else(|| {
                doc.error_at(
                    at,
                    format!(
                        "office `{}`'s blanks (`initial` and shipments) take the national blanks past {MAX_TOTAL}, the pool's included",
                        office.name
                    ),
                    Some(&help),
                )
            })?;
        }
        Ok(())
    }
}

/// `total + n`, if it is at most [`MAX_TOTAL`].
fn add_at(total: u64, n: u64) -> Option<u64> {
    total.checked_add(n).filter(|&t| t <= MAX_TOTAL)
}

/// A number as TOML writes it.
fn written(value: &NodeValue) -> String {
    match value {
        NodeValue::Integer(v) => v.to_string(),
        NodeValue::Float(v) => format!("{v:?}"),
        other => other.kind().to_owned(),
    }
}

/// `e`, an error of validating office `name`: when it is about the value an
/// `add` made, the message quotes that value (`got 0`), not the addend
/// (`got -2`), and says how it was made.
fn with_the_sum(
    doc: &Document,
    name: &str,
    sums: &[(Node, String)],
    e: ScenarioError,
) -> ScenarioError {
    let Some(l) = e.located() else {
        return e;
    };
    let Some((amount, sum)) = sums.iter().rev().find(|(node, _)| {
        let f = &doc.files[node.file];
        let at =
            crate::scenario::error::Located::new(&f.path, &f.text, node.span.clone(), "", None);
        at.path == l.path && at.line == l.line && at.column == l.column
    }) else {
        return e;
    };
    let addend = format!("got {}", doc.text(amount));
    let result = sum.rsplit(" = ").next().unwrap_or_default();
    let message = match l.message.rfind(&addend) {
        Some(i)
            if l.message[i + addend.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.') =>
        {
            format!(
                "{}got {result}{}",
                &l.message[..i],
                &l.message[i + addend.len()..]
            )
        }
        _ => l.message.clone(),
    };
    doc.error_at(
        amount,
        format!("{message} (office `{name}`: `add` made {sum})"),
        l.help.as_deref(),
    )
}

/// `e`, an error of validating office `name` after `applied` were set on
/// `base`. The template alone is valid, so a cell or a change made the
/// error; when `e` points elsewhere (at a value of the template that the
/// cell's value does not fit), it is reported at the first change after
/// which the office no longer validates, naming the office and where the
/// error was found.
fn at_the_change(
    base: &Document,
    head: &Head,
    name: &str,
    applied: &[Change],
    e: ScenarioError,
) -> ScenarioError {
    let Some(l) = e.located() else {
        return e;
    };
    let inside = |file: usize, span: &std::ops::Range<usize>| {
        let f = &base.files[file];
        let place = |at: usize| {
            let p = crate::scenario::error::Located::new(&f.path, &f.text, at..at, "", None);
            (p.line, p.column)
        };
        f.path == l.path && (place(span.start)..=place(span.end)).contains(&(l.line, l.column))
    };
    // Already at a cell or a change: its value, or its key path.
    let at_a_change = applied
        .iter()
        .any(|(_, node, key_at)| inside(node.file, &node.span) || inside(key_at.0, &key_at.1));
    if applied.is_empty() || at_a_change {
        return e;
    }
    let mut doc = base.clone();
    for (path, value, key_at) in applied {
        if doc.set_path(path, value.clone(), key_at.clone()).is_err() {
            return e;
        }
        let mut trial = doc.clone();
        let timezone = match trial.get_path(&self::path(&["calendar", "timezone"])) {
            Some(n) => match calendar::timezone(&trial, n) {
                Ok(zone) => zone,
                Err(_) => return e,
            },
            None => Timezone::Wib,
        };
        let fails = local_start(&mut trial, head, timezone).is_err()
            || super::office(&trial, Mode::Office { name }).is_err();
        if fails {
            return doc.error_at(
                value,
                format!(
                    "office `{name}`: {} (this value and the one at {}:{}:{} do not fit together)",
                    l.message,
                    l.path.display(),
                    l.line,
                    l.column
                ),
                l.help.as_deref(),
            );
        }
    }
    e
}

fn path(keys: &[&str]) -> KeyPath {
    KeyPath(keys.iter().map(|k| Step::Key((*k).to_owned())).collect())
}

/// The change that adds the number of `c` to the office's value of its path.
fn added(doc: &Document, office: &str, c: &Change) -> Result<Change> {
    let (path, amount, at) = c;
    let help =
        "`add` adds to a number the template or the office's row gives; to give one, use `set`";
    let Some(current) = doc.get_path(path) else {
        return Err(doc.error(
            at.0,
            at.1.clone(),
            format!("`add` has nothing to add to: office `{office}` has no `{path}`"),
            Some(help.into()),
        ));
    };
    let value = match (&current.value, &amount.value) {
        (NodeValue::Integer(a), NodeValue::Integer(b)) => match a.checked_add(*b) {
            Some(v) => NodeValue::Integer(v),
            None => {
                return Err(doc.error_at(
                    amount,
                    format!("`add` takes `{path}` of office `{office}` past the largest integer"),
                    None,
                ));
            }
        },
        (NodeValue::Integer(a), NodeValue::Float(b)) => NodeValue::Float(*a as f64 + b),
        (NodeValue::Float(a), NodeValue::Integer(b)) => NodeValue::Float(a + *b as f64),
        (NodeValue::Float(a), NodeValue::Float(b)) => NodeValue::Float(a + b),
        (other, _) => {
            return Err(doc.error(
                at.0,
                at.1.clone(),
                format!(
                    "`add` cannot add to `{path}` of office `{office}`: it is {}, not a number",
                    other.kind()
                ),
                Some(help.into()),
            ));
        }
    };
    if let NodeValue::Integer(v) = value
        && v < 0
    {
        return Err(doc.error_at(
            amount,
            format!(
                "`add` takes `{path}` of office `{office}` below 0: {} + {} = {v}",
                doc.text(current),
                doc.text(amount)
            ),
            Some("a change adds the same number to every office it selects; select fewer offices, or add less"),
        ));
    }
    Ok((
        path.clone(),
        Node {
            value,
            span: amount.span.clone(),
            file: amount.file,
        },
        at.clone(),
    ))
}

/// Sets `scenario.start` to the national start in the office's local time
/// (the node keeps its place: an error about it points at the national file).
fn local_start(doc: &mut Document, head: &Head, zone: Timezone) -> Result<()> {
    let hours = zone.hours_ahead_of_national();
    if hours == 0 {
        return Ok(());
    }
    let at = path(&["scenario", "start"]);
    let node = doc.get_path(&at).expect("a validated start").clone();
    let local = head
        .start
        .checked_add(jiff::SignedDuration::from_hours(hours))
        .ok()
        .and_then(|dt| dt.to_string().parse::<toml::value::Datetime>().ok())
        .ok_or_else(|| {
            doc.error_at(
                &node,
                format!(
                    "`start` in {} is past the last date ktpsim can represent",
                    zone.name()
                ),
                None,
            )
        })?;
    let key_at = (node.file, node.span.clone());
    doc.set_path(
        &at,
        Node {
            value: NodeValue::Datetime(local),
            span: node.span,
            file: node.file,
        },
        key_at,
    )
    .map_err(|m| doc.error(0, 0..0, m, None))
}

/// For `ktpsim check`: TOML comment lines summing up a national scenario's
/// offices (how many, per region and per time zone, the initial backlog, the
/// template). `None` for a single office.
pub fn summary(s: &Scenario) -> Option<String> {
    let n = s.national.as_ref()?;
    let mut regions: Vec<(&str, usize)> = Vec::new();
    for o in &n.offices {
        let region = if o.region.is_empty() {
            "(no region)"
        } else {
            o.region.as_str()
        };
        match regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, count)) => *count += 1,
            None => regions.push((region, 1)),
        }
    }
    let zones: Vec<String> = Timezone::ALL
        .iter()
        .map(|z| {
            let count = n.offices.iter().filter(|o| o.timezone == *z).count();
            format!("{} {count}", z.name())
        })
        .collect();
    let backlog: u64 = n
        .offices
        .iter()
        .filter_map(|o| o.scenario.backlog.as_ref())
        .map(|b| b.initial)
        .sum();
    let regions: Vec<String> = regions.iter().map(|(r, c)| format!("{r} {c}")).collect();
    Some(format!(
        "# national: {} offices from the template {}\n\
         #   by region: {}\n\
         #   by time zone: {}\n\
         #   initial backlog: {backlog} records in all\n",
        n.offices.len(),
        n.template.display(),
        regions.join(", "),
        zones.join(", "),
    ))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::scenario::load_from;
    use crate::scenario::sources::{SourceText, Sources};

    #[test]
    fn offices_hold_one_copy_of_the_template_s_empirical_table() {
        let file = |path: &str, text: &str| SourceText {
            path: PathBuf::from(path),
            text: text.into(),
        };
        let sources = Sources::memory(vec![
            file(
                "n.toml",
                "[scenario]\nname = \"n\"\nstart = 2017-09-25T08:00:00\nhorizon = \"30d\"\n\
                 [offices]\ntemplate = \"office.toml\"\n\
                 [[offices.office]]\nname = \"a\"\n[[offices.office]]\nname = \"b\"\n",
            ),
            file(
                "office.toml",
                "[backlog]\ninitial = 10\n[printing]\ncards_per_day = 5\n[recording]\n\
                 per_workday = { dist = \"empirical\", values = [1, 2, 3] }\n",
            ),
        ]);
        let s = load_from("n.toml".as_ref(), &sources).expect("valid");
        let offices = &s.national.as_ref().expect("national").offices;
        let table = |i: usize| {
            &offices[i]
                .scenario
                .recording
                .as_ref()
                .expect("recording")
                .per_workday
        };
        assert!(table(0).shares_table(table(1)));
    }
}
