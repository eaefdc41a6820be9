//! Checking a merged [`Document`] into a [`Scenario`]: every key known, every value
//! of the right type and range, every cross-reference (classes, link states) resolved.
//!
//! This file owns the top level, `[scenario]`, `[printing]` and `[server]`; the
//! submodules own the scenario's name, `[calendar]`, the classes (`[backlog]`,
//! `[recording]`), the link (`[network]`) and the cards' flow (`[blanks]`,
//! `[distribution]`) and the costs (`[costs]`).

mod calendar;
mod classes;
mod costs;
mod flow;
mod link;
mod name;
mod national;

use jiff::civil::DateTime;

use super::dist_reader::Unit;
use super::document::{Document, Node};
use super::fields::{Table, list};
use super::{
    Deadline, OutageTiming, PrintingConfig, Scenario, ScenarioError, ServerConfig, ServerOutage,
    Speed,
};
use crate::time::{Days, days_between};

pub use calendar::defaults_note;
pub use national::{MAX_OFFICES, MAX_TABLE_BYTES, summary};

type Result<T> = std::result::Result<T, ScenarioError>;

/// The longest `horizon`, in days: ten years. The model keeps a calendar table and
/// a daily series of each replication day by day, so a horizon of a million days
/// (a typo away) would need gigabytes before the first card.
pub const MAX_HORIZON_DAYS: f64 = 3653.0;

/// The most `printers` an office may have: far past any office (2-17).
pub const MAX_PRINTERS: u64 = 10_000;

const TOP: [&str; 15] = [
    "extends",
    "scenario",
    "calendar",
    "backlog",
    "recording",
    "printing",
    "network",
    "server",
    "blanks",
    "distribution",
    "costs",
    // Read by `ktpsim run` (crate::decide::sweep), which validates each
    // variant without it; a scenario with a sweep also runs as written.
    "sweep",
    // A national scenario (national.rs): a file with [offices].
    "offices",
    "central",
    "pool",
];

/// The tables of an office, every one optional but `[printing]`: the top
/// level of a national scenario's template.
const OFFICE_TABLES: [&str; 9] = [
    "calendar",
    "backlog",
    "recording",
    "printing",
    "network",
    "server",
    "blanks",
    "distribution",
    "costs",
];

/// How an office scenario is read.
#[derive(Debug, Clone, Copy)]
enum Mode<'a> {
    /// A scenario file of one office.
    Single,
    /// An office of a national scenario: the template with the national
    /// `[scenario]` grafted in and its row's changes set. It is named `name`,
    /// and its reorder policy asks the pool.
    Office {
        /// The office's name.
        name: &'a str,
    },
}

/// Checks the merged document into a scenario: a national one when it has
/// an `[offices]` table, else a single office.
pub fn validate(doc: &Document) -> Result<Scenario> {
    let national = matches!(&doc.root.value, super::document::NodeValue::Table(entries)
        if entries.iter().any(|e| e.key == "offices"));
    if national {
        return national::read(doc);
    }
    office(doc, Mode::Single)
}

/// Checks an office scenario.
fn office(doc: &Document, mode: Mode<'_>) -> Result<Scenario> {
    let office_top: Vec<&str> = std::iter::once("scenario").chain(OFFICE_TABLES).collect();
    let accepted: &[&str] = match mode {
        Mode::Single => &TOP,
        Mode::Office { .. } => &office_top,
    };
    let root = doc.table("", "the top level", &doc.root, accepted)?;
    if let Some(e) = root
        .entries()
        .iter()
        .find(|e| e.key == "central" || e.key == "pool")
    {
        return Err(doc.error(
            e.key_file,
            e.key_span.clone(),
            format!(
                "[{}] belongs to a national scenario, and this file has no [offices] table",
                e.key
            ),
            Some(
                "a national scenario lists its offices in [offices] (template = \"office.toml\", table = \"offices.csv\"); a single office's own link is [network], its blank stock [blanks]"
                    .into(),
            ),
        ));
    }
    let required = |key: &str, help: &str| {
        root.get(key)
            .ok_or_else(|| doc.error(0, 0..0, format!("missing [{key}] table"), Some(help.into())))
    };
    let scenario = required(
        "scenario",
        "add a [scenario] table: start = 2017-09-25T08:00:00, horizon = \"365d\"",
    )?;
    let printing = required(
        "printing",
        "add a [printing] table: printers = 1, cards_per_day = 450 (or card_time = \"1min\")",
    )?;
    let head = scenario_table(doc, scenario)?;
    let start = head.start;
    let classes = classes::read(doc, root.get("backlog"), root.get("recording"))?;
    let merged_toml = merged(doc)?;
    let (name, title) = match mode {
        Mode::Single => (head.name, head.title),
        Mode::Office { name } => (name.to_owned(), name.to_owned()),
    };
    let timezone = match root.get("calendar") {
        Some(super::document::Node {
            value: super::document::NodeValue::Table(entries),
            ..
        }) => entries
            .iter()
            .find(|e| e.key == "timezone")
            .map(|e| calendar::timezone(doc, &e.value))
            .transpose()?,
        _ => None,
    };
    Ok(Scenario {
        name,
        title,
        start,
        horizon: head.horizon,
        replications: head.replications,
        seed: head.seed,
        deadline: head.deadline,
        classes: classes.names,
        calendar: root
            .get("calendar")
            .map(|n| calendar::read(doc, n))
            .transpose()?,
        backlog: classes.backlog,
        recording: classes.recording,
        printing: printing_table(doc, printing)?,
        network: root
            .get("network")
            .map(|n| link::read(doc, n, start))
            .transpose()?,
        server: root
            .get("server")
            .map(|n| server(doc, n, start))
            .transpose()?,
        blanks: root
            .get("blanks")
            .map(|n| flow::blanks(doc, n, start, matches!(mode, Mode::Office { .. })))
            .transpose()?,
        distribution: root
            .get("distribution")
            .map(|n| flow::distribution(doc, n))
            .transpose()?,
        costs: root.get("costs").map(|n| costs::read(doc, n)).transpose()?,
        timezone,
        national: None,
        merged_toml,
        source: doc.path().to_path_buf(),
        inputs: Vec::new(),
    })
}

/// The merged scenario as TOML text.
fn merged(doc: &Document) -> Result<String> {
    toml::to_string(&doc.root.to_toml()).map_err(|e| {
        doc.error(
            0,
            0..0,
            format!("cannot write the merged scenario: {e}"),
            None,
        )
    })
}

/// The `[scenario]` table.
struct Head {
    name: String,
    title: String,
    start: DateTime,
    horizon: Days,
    replications: u64,
    seed: u64,
    deadline: Option<Deadline>,
}

fn scenario_table(doc: &Document, node: &Node) -> Result<Head> {
    let t = doc.table(
        "scenario",
        "[scenario]",
        node,
        &[
            "name",
            "title",
            "start",
            "horizon",
            "replications",
            "seed",
            "deadline",
        ],
    )?;
    let name = name::read(doc, node, t.get("name"))?;
    let title = match t.get("title") {
        Some(n) => doc.string("title", n, "a title for reports")?.to_string(),
        None => name.clone(),
    };
    let example = "2017-09-25T08:00:00";
    let start = doc.datetime(
        "start",
        t.require(
            doc,
            "start",
            &format!("the local date-time at which the simulation starts, e.g. start = {example}"),
        )?,
        example,
    )?;
    // Months and years count from `start`: "18mo" ends on the same day 18 months on.
    let horizon = doc.duration_from(
        "horizon",
        t.require(
            doc,
            "horizon",
            "how long a replication may run, e.g. horizon = \"365d\"",
        )?,
        start,
        "start",
    )?;
    if horizon > MAX_HORIZON_DAYS {
        return Err(doc.error_at(
            t.get("horizon").expect("required above"),
            format!(
                "`horizon` must be at most {MAX_HORIZON_DAYS}d (ten years), got {}",
                doc.text(t.get("horizon").expect("required above"))
            ),
            Some(
                "the calendar and the daily series are kept day by day; \
                 split a longer study into scenarios with later starts",
            ),
        ));
    }
    end_in_calendar(
        doc,
        t.get("horizon").expect("required above"),
        start,
        horizon,
    )?;
    let replications = match t.get("replications") {
        Some(n) => doc.count(
            "replications",
            n,
            1,
            "how many replications to run, e.g. 1000",
        )?,
        None => 1000,
    };
    let seed = match t.get("seed") {
        Some(n) => doc.count("seed", n, 0, "any whole number, e.g. 2017")?,
        None => 0,
    };
    let deadline = t
        .get("deadline")
        .map(|n| deadline(doc, n, start))
        .transpose()?;
    Ok(Head {
        name,
        title,
        start,
        horizon,
        replications,
        seed,
        deadline,
    })
}

/// A run must end within the calendar ktpsim can write (to 9999-12-31): past
/// it every date would read as the last one.
fn end_in_calendar(doc: &Document, node: &Node, start: DateTime, horizon: Days) -> Result<()> {
    let end = jiff::SignedDuration::try_from_secs_f64(horizon * 86_400.0)
        .ok()
        .and_then(|d| start.checked_add(d).ok());
    if end.is_some() {
        return Ok(());
    }
    Err(doc.error_at(
        node,
        format!(
            "`horizon` {} from `start` {start} ends after {}, the last date ktpsim can represent",
            doc.text(node),
            DateTime::MAX.date()
        ),
        Some("start earlier or shorten `horizon`"),
    ))
}

fn deadline(doc: &Document, node: &Node, start: DateTime) -> Result<Deadline> {
    let (date, time) = doc.toml_date("deadline", node, "2018-06-27")?;
    let moment = match time {
        Some(t) => date.to_datetime(t),
        // A date passes at the midnight that ends it.
        None => date
            .tomorrow()
            .map_err(|_| doc.error_at(node, "`deadline` is too far in the future", None))?
            .to_datetime(jiff::civil::Time::midnight()),
    };
    let at = days_between(start, moment);
    if at < 0.0 {
        return Err(doc.error_at(
            node,
            format!("`deadline` is before the start ({start})"),
            Some("a deadline is a date the backlog should be cleared by, after `start`"),
        ));
    }
    Ok(Deadline { date, at })
}

fn printing_table(doc: &Document, node: &Node) -> Result<PrintingConfig> {
    let t = doc.table(
        "printing",
        "[printing]",
        node,
        &["printers", "cards_per_day", "card_time", "reject_rate"],
    )?;
    let printers = match t.get("printers") {
        Some(n) => {
            let p = doc.count("printers", n, 0, "identical printers, e.g. printers = 2")?;
            // Each printer has its own state and random stream; far past any
            // office (2-17 printers), a typo would otherwise allocate gigabytes.
            if p > MAX_PRINTERS {
                return Err(doc.error_at(
                    n,
                    format!("`printers` must be at most {MAX_PRINTERS}, got {p}"),
                    Some("identical printers in one office, e.g. printers = 2"),
                ));
            }
            u32::try_from(p).expect("at most MAX_PRINTERS")
        }
        None => 1,
    };
    let speed_help = "give exactly one of `cards_per_day` (cards per printer per working day) and `card_time` (time per card)";
    let speed = match (t.get("cards_per_day"), t.get("card_time")) {
        (Some(n), None) => Speed::CardsPerDay(doc.dist("cards_per_day", n, Unit::Count)?),
        (None, Some(n)) => Speed::CardTime(doc.dist("card_time", n, Unit::Duration)?),
        (Some(_), Some(n)) => {
            return Err(doc.error_at(
                n,
                "`card_time` and `cards_per_day` are both given",
                Some(speed_help),
            ));
        }
        (None, None) => {
            return Err(doc.error_at(node, "[printing] gives no printing speed", Some(speed_help)));
        }
    };
    let reject_rate = match t.get("reject_rate") {
        Some(n) => reject_rate(doc, n)?,
        None => 0.0,
    };
    Ok(PrintingConfig {
        printers,
        speed,
        reject_rate,
    })
}

fn reject_rate(doc: &Document, node: &Node) -> Result<f64> {
    let help = "a share of printed cards, e.g. 0.009";
    let r = doc.number("reject_rate", node, help)?;
    if (0.0..1.0).contains(&r) {
        return Ok(r);
    }
    let why = if r == 1.0 {
        ": at 1 every card is rejected and the backlog never clears"
    } else {
        ""
    };
    Err(doc.error_at(
        node,
        format!(
            "`reject_rate` must be a probability in [0, 1), got {}{why}",
            doc.text(node)
        ),
        Some(help),
    ))
}

fn server(doc: &Document, node: &Node, start: DateTime) -> Result<ServerConfig> {
    let t = doc.table("server", "[server]", node, &["outages"])?;
    let mut outages = Vec::new();
    if let Some(n) = t.get("outages") {
        let help = "an array of tables: [[server.outages]] with `at` or `every`, and `duration`";
        for (i, item) in doc.array("outages", n, help)?.iter().enumerate() {
            outages.push(server_outage(doc, item, i, start)?);
        }
    }
    Ok(ServerConfig { outages })
}

fn server_outage(doc: &Document, node: &Node, i: usize, start: DateTime) -> Result<ServerOutage> {
    let t: Table = doc.table(
        "outages",
        "[[server.outages]]",
        node,
        &["name", "at", "every", "duration"],
    )?;
    let name = match t.get("name") {
        Some(n) => doc.string("name", n, "a name for reports")?.to_string(),
        None => format!("outage {}", i + 1),
    };
    let timing_help = format!(
        "give exactly one of {}: `at` a date-time (once), `every` the time between onsets",
        list(&["at", "every"])
    );
    let when = match (t.get("at"), t.get("every")) {
        (Some(n), None) => OutageTiming::At(days_between(
            start,
            doc.datetime("at", n, "2017-09-25T00:00:00")?,
        )),
        (None, Some(n)) => OutageTiming::Every(doc.interval(
            "every",
            n,
            "the outage would start again and again",
            "the time from one onset to the next, e.g. every = { dist = \"exponential\", mean = \"30d\" }",
        )?),
        (Some(_), Some(n)) => {
            return Err(doc.error_at(n, "an outage has both `at` and `every`", Some(&timing_help)));
        }
        (None, None) => {
            return Err(doc.error_at(node, "an outage needs `at` or `every`", Some(&timing_help)));
        }
    };
    let duration = doc.dist(
        "duration",
        t.require(
            doc,
            "duration",
            "how long the outage lasts, e.g. duration = \"2.5d\"",
        )?,
        Unit::Duration,
    )?;
    Ok(ServerOutage {
        name,
        when,
        duration,
    })
}
