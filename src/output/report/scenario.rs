//! One scenario's section of the report: its title, headline, key figures
//! in words, charts with captions, and the settings it ran with (closed).

use std::fmt::Write as _;

use super::headline::{Facts, headline};
use super::html::{Table, escape, figure, key, url_segment};
use super::sections::{self, Inputs};
use super::words::{self, GROUPS};
use crate::output::charts::SCENARIO_CHARTS;
use crate::scenario::Scenario;
use crate::stats::{MetricStats, ScenarioStats, Share, Unit};
use crate::time::date_at;

/// Said in a cell for a time beyond the horizon.
const BEYOND: &str = "beyond the horizon";

/// Said in a cell for a value that does not exist.
const NONE: &str = "–";

/// What a scenario's chart shows, for its caption; `stem` is its file stem.
fn caption(stem: &str, title: &str) -> String {
    let what = match stem {
        "backlog" => {
            "Records waiting to be printed at the end of each day: median and the \
                      range of 8 runs in 10"
        }
        "clear-days" => {
            "When the initial backlog is cleared: share of runs per day and the \
                         share cleared so far"
        }
        "losses" => "Printing capacity lost, in cards, by first cause",
        "blanks" => "Blank stock at the end of each day, and blanks delivered per week",
        other => other,
    };
    format!("{what} — {title}")
}

/// A value of `unit` as the report shows it: days and hours with one
/// decimal, cards and counts whole, thousands grouped.
fn value(x: f64, unit: Unit) -> String {
    match unit {
        Unit::Days | Unit::Hours => words::decimal(x, 1),
        Unit::Cards | Unit::Count => words::whole(x),
        Unit::Rupiah => crate::output::format::rupiah(x),
        Unit::Share => words::percent(x),
    }
}

fn share_row(t: &mut Table, label: &str, csv: &str, share: Option<Share>) {
    let (runs, mean, ci) = match share.filter(|s| s.trials > 0) {
        Some(s) => (
            words::count(s.trials as i64),
            words::percent_or_unknown(s.value()),
            s.wilson95().map_or_else(
                || NONE.to_owned(),
                |(lo, hi)| format!("{} – {}", words::percent(lo), words::percent(hi)),
            ),
        ),
        None => (NONE.to_owned(), words::UNKNOWN.to_owned(), NONE.to_owned()),
    };
    t.row(vec![
        format!("{}{}", escape(label), key(csv)),
        runs,
        mean,
        ci,
        String::new(),
        String::new(),
        String::new(),
    ]);
}

fn metric_row(
    label: &str,
    csv: &str,
    m: &MetricStats,
    show: impl Fn(f64) -> String,
    censored: bool,
) -> Vec<String> {
    let missing = if censored { BEYOND } else { NONE };
    let q = |p: f64| {
        m.sketch
            .quantile(p)
            .map_or_else(|| missing.to_owned(), &show)
    };
    let ci = m.moments.ci95().map_or_else(
        || NONE.to_owned(),
        |(lo, hi)| format!("{} – {}", show(lo), show(hi)),
    );
    vec![
        format!("{}{}", escape(label), key(csv)),
        words::count(m.moments.count() as i64),
        m.moments.mean().map_or_else(|| NONE.to_owned(), &show),
        ci,
        q(0.1),
        q(0.5),
        q(0.9),
    ]
}

/// The key figures: every metric of summary.csv, in words, by group.
fn figures(sc: &Scenario, stats: &ScenarioStats) -> Table {
    let mut t = Table::new(&[
        "Measure",
        "Runs",
        "Mean",
        "95% CI of the mean",
        "p10",
        "Median",
        "p90",
    ]);
    let facts = Facts::of(sc, stats);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (metric, m) in stats.metrics() {
        let w = words::metric(metric.name());
        let group = GROUPS.iter().position(|g| *g == w.group).unwrap_or(1);
        let unit = metric.unit();
        let censored = metric.censored_when_absent();
        rows.push((
            group,
            metric_row(&w.words, metric.name(), m, |x| value(x, unit), censored),
        ));
        if metric.name() == "cleared_day" {
            let date = |d: f64| words::date(date_at(sc.start, d));
            rows.push((
                0,
                metric_row(
                    "Date the initial backlog is cleared",
                    "cleared_date",
                    m,
                    date,
                    true,
                ),
            ));
        }
    }
    rows.sort_by_key(|(group, _)| *group);
    let mut group = usize::MAX;
    for (g, row) in rows {
        if g != group {
            t.group(GROUPS[g]);
            if g == 0 {
                let horizon = format!(
                    "Runs that clear the initial backlog within the horizon (to {})",
                    words::date(facts.horizon_end)
                );
                share_row(
                    &mut t,
                    &horizon,
                    "share_cleared_by_horizon",
                    Some(stats.cleared_by_horizon()),
                );
                if let Some((date, share)) = facts.deadline {
                    let label =
                        format!("Runs that clear it by the deadline ({})", words::date(date));
                    let known = stats.cleared_by_deadline().filter(|_| share.is_some());
                    share_row(&mut t, &label, "share_cleared_by_deadline", known);
                }
            }
            group = g;
        }
        t.row(row);
    }
    t
}

/// The section of one scenario; `charts` says whether its charts exist.
pub fn html(sc: &Scenario, stats: &ScenarioStats, charts: bool) -> String {
    let mut body = format!(
        "<p class=\"headline\">{}</p>\n",
        escape(&headline(sc, stats))
    );
    body.push_str(&figures(sc, stats).html());
    if charts {
        let folder = url_segment(&sc.name);
        for stem in SCENARIO_CHARTS {
            body.push_str(&figure(
                &format!("{folder}/{stem}"),
                &caption(stem, &sc.title),
            ));
        }
    }
    body.push_str(&super::national::html(sc, stats, charts));
    let _ = write!(
        body,
        "<details>\n<summary>Settings it ran with (the scenario file merged with its \
         parents)</summary>\n<pre>{}</pre>\n</details>\n",
        escape(&sc.merged_toml)
    );
    let detail = format!(
        "scenario {}, seed {}, {} replications",
        sc.name,
        sc.seed,
        words::count(stats.replications() as i64)
    );
    sections::section(
        &format!("scenario-{}", sc.name),
        sections::SCENARIO,
        &sc.title,
        &Inputs::of([sc], detail),
        None,
        &body,
    )
}
