//! index.html: one self-contained page over a run's results, written to read
//! as a briefing from the top down.
//!
//! First "In brief": each scenario's headline in words with dates, a sentence
//! comparing the scenarios, their table and the comparison chart. Then per
//! scenario: its headline, its key figures (metric names as words with units,
//! the CSV name beside each in small grey type), its charts with captions, and
//! the settings it ran with under a closed disclosure. Then the sections of
//! other commands: the run's sweeps, and the decision sections (`compare`,
//! `goal`, `sensitivity`) kept from the page this run replaces, each marked
//! stale when its inputs changed ([`sections`]). Last, the files in the
//! folder that this run did not write ([`leftovers`]).
//!
//! The page opens from the file system with no network: CSS is inline
//! ([`style`], with a print stylesheet for A4 landscape), there is no script,
//! and images are relative links to the charts beside it, made only to files
//! this run wrote. Everything that comes from a scenario file is HTML-escaped:
//! a scenario is data, never markup.

pub mod headline;
pub mod html;
pub mod inputs;
pub mod leftovers;
pub mod national;
mod scenario;
pub mod sections;
pub mod style;
pub mod words;

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;

use super::charts::COMPARISON_CHART;
use crate::files::fault::{OutputFault, io_fault};
use crate::files::staging::Staging;
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use headline::{Facts, Ranked};
pub use html::escape;
use html::{Table, figure, key, page};
use leftovers::Leftovers;
use sections::KeptSection;
pub use style::CSS;

/// The file name in the output folder.
pub const FILE_NAME: &str = "index.html";

/// The title of a run's page.
pub const TITLE: &str = "ktpsim results";

/// A page larger than this is not read back: no report of ktpsim's comes
/// near it (a run of six scenarios writes about 60 KB).
pub const MAX_BYTES: u64 = 16 << 20;

/// The report at `path`: `None` when there is none.
///
/// # Errors
/// When it cannot be read, is not UTF-8, or is larger than [`MAX_BYTES`].
pub fn read(path: &Path) -> Result<Option<String>> {
    use crate::files::read::{Links, Unread, read};
    let action = || format!("cannot read {}", path.display());
    // Not through a link: the page read back is the one a run wrote here.
    let bytes = match read(path, MAX_BYTES, Links::Refuse) {
        Ok(bytes) => bytes,
        Err(Unread::Missing) => return Ok(None),
        Err(Unread::TooLarge(_)) => {
            return Err(OutputFault(format!(
                "{}: it is larger than {} MiB, too large to be a report of ktpsim's: \
                 move it away or choose another --out",
                action(),
                MAX_BYTES >> 20
            ))
            .into());
        }
        Err(Unread::Folder) => {
            let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
            return Err(io_fault(action(), path, e));
        }
        Err(Unread::NotRegular(what)) => {
            return Err(OutputFault(format!(
                "{}: it is {what}, not a report ktpsim wrote (ktpsim reads back only its own \
                 page, never through a link or from a pipe or device): move it away or choose \
                 another --out",
                action()
            ))
            .into());
        }
        Err(Unread::Io(e)) => return Err(io_fault(action(), path, e)),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| OutputFault(format!("{}: it is not UTF-8 text, so not a report of ktpsim's: move it away or choose another --out", action())).into())
}

/// The "In brief" section: headlines, the comparison in words and as a
/// table and chart, and what follows below.
fn brief(results: &[(&Scenario, &ScenarioStats)], charts: bool) -> String {
    let mut h = String::from("<section id=\"brief\" class=\"brief\">\n<h2>In brief</h2>\n");
    if let [(sc, stats)] = results {
        let _ = writeln!(
            h,
            "<p class=\"headline\"><strong>{}</strong>: {}</p>",
            escape(&sc.title),
            escape(&headline::headline(sc, stats))
        );
    } else {
        h.push_str("<ul class=\"brief\">\n");
        for (sc, stats) in results {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong>: {}</li>",
                escape(&sc.title),
                escape(&headline::headline(sc, stats))
            );
        }
        h.push_str("</ul>\n");
        let ranked: Vec<Ranked> = results.iter().map(|(sc, st)| Ranked::of(sc, st)).collect();
        let _ = writeln!(h, "<p>{}</p>", escape(&headline::comparison(&ranked)));
        h.push_str(&comparison_table(results).html());
        if charts {
            h.push_str(&figure(
                COMPARISON_CHART,
                "Days to clear the initial backlog per scenario (range of 8 runs in 10 and the \
                 median), and the share of runs that clear by the deadline",
            ));
        }
    }
    // Filled in once the page is whole ([`sections::refresh_contents`]).
    h.push_str("<p class=\"contents\"></p>\n</section>\n");
    h
}

/// The scenarios side by side: the numbers of the table `run` prints.
fn comparison_table(results: &[(&Scenario, &ScenarioStats)]) -> Table {
    let mut t = Table::new(&[
        "Scenario",
        "Days to clear: p10",
        "Median",
        "p90",
        "Half of the runs by",
        "Nine in ten by",
        "Cleared by the deadline",
        "Within the horizon",
    ]);
    for (sc, stats) in results {
        let sketch = &stats.cleared_day().sketch;
        let facts = Facts::of(sc, stats);
        let days = |q: f64| {
            sketch
                .quantile(q)
                .map_or_else(|| "beyond the horizon".to_owned(), |d| words::decimal(d, 1))
        };
        let date =
            |d: Option<jiff::civil::Date>| d.map_or_else(|| words::NEVER.to_owned(), words::date);
        let deadline = match facts.deadline {
            None => "no deadline".to_owned(),
            Some((d, share)) => format!(
                "{} (by {})",
                words::percent_or_unknown(share),
                words::date(d)
            ),
        };
        t.row(vec![
            format!("{}{}", escape(&sc.title), key(&sc.name)),
            days(0.1),
            days(0.5),
            days(0.9),
            date(facts.p50),
            date(facts.p90),
            deadline,
            words::percent_or_unknown(stats.cleared_by_horizon().value()),
        ]);
    }
    t
}

/// The page's HTML for these results: `charts` says whether charts were
/// drawn, `sweeps` holds the sweeps' sections, `kept` the decision sections
/// of the earlier page, `leftovers` the files this run did not write.
pub fn render(
    results: &[(&Scenario, &ScenarioStats)],
    charts: bool,
    sweeps: &str,
    kept: &[KeptSection],
    leftovers: &Leftovers,
) -> String {
    let mut rest = sweeps.to_owned();
    for k in kept {
        rest.push_str(&k.html);
    }
    let mut body = format!(
        "<p class=\"meta\">ktpsim {}; {} scenario{}</p>\n",
        env!("CARGO_PKG_VERSION"),
        results.len(),
        if results.len() == 1 { "" } else { "s" }
    );
    body.push_str(&brief(results, charts));
    for (sc, stats) in results {
        body.push_str(&scenario::html(sc, stats, charts));
    }
    body.push_str(&rest);
    body.push_str(&leftovers.html());
    sections::refresh_contents(&page(TITLE, &body))
}

/// Stages `DIR/index.html` of a run, last of its files: with `sweeps` (the
/// sweeps' sections, HTML), the decision sections of the report it replaces
/// (marked stale where their inputs changed), and the files it does not
/// write removed or listed. An earlier report that cannot be read is
/// replaced as if there were none.
pub fn stage(
    staging: &mut Staging,
    results: &[(&Scenario, &ScenarioStats)],
    charts: bool,
    sweeps: &str,
) -> Result<()> {
    let path = staging.out().join(FILE_NAME);
    let scenarios: Vec<&Scenario> = results.iter().map(|(s, _)| *s).collect();
    let kept = match read(&path) {
        Ok(Some(old)) => sections::kept(&old, &scenarios),
        _ => Vec::new(),
    };
    let left = leftovers::tidy(staging, &scenarios, &kept);
    let html = render(results, charts, sweeps, &kept, &left);
    staging.text(&path, &html)
}

/// Stages DIR/index.html with `section` (from [`sections::section`]) put
/// into the report already in DIR ([`sections::put`]), or, without one, on
/// a page of its own titled `title`.
pub fn stage_section(staging: &mut Staging, section: &str, title: &str) -> Result<()> {
    let path = staging.out().join(FILE_NAME);
    let html = match read(&path)? {
        Some(old) => sections::put(&old, section),
        None => page(title, section),
    };
    staging.text(&path, &html)
}

#[cfg(test)]
#[path = "report/tests.rs"]
mod tests;
