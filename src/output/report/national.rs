//! The national part of a national scenario's section: a headline over the
//! offices, the national charts, the ten offices latest to clear and the
//! regions, as tables.
//!
//! "An office clears by the deadline in nine runs out of ten" means: its
//! share of runs cleared by the deadline (the end of the deadline's date in
//! its own time zone) is at least 90%. The headline says so in words beside
//! the count.

use std::fmt::Write as _;

use super::html::{Table, escape, figure, url_segment};
use super::words;
use crate::output::charts::national::CHARTS;
use crate::output::charts::national::offices::{ranked, region_name};
use crate::scenario::Scenario;
use crate::stats::national::UnitStats;
use crate::stats::{NationalStats, ScenarioStats};
use crate::time::date_at;

/// The share of runs an office must clear by the deadline in to count as
/// clearing by it "in nine runs out of ten".
pub const NINE_IN_TEN: f64 = 0.9;

/// Offices listed in the table of the latest.
const LATEST: usize = 10;

/// Offices whose share of runs cleared by the deadline is at least
/// [`NINE_IN_TEN`]; `None` without a deadline within the horizon.
pub fn offices_by_deadline(national: &NationalStats) -> Option<usize> {
    national
        .offices
        .iter()
        .map(|u| {
            u.cleared_by_deadline
                .map(|s| usize::from(s.value().is_some_and(|v| v >= NINE_IN_TEN)))
        })
        .sum::<Option<usize>>()
        .filter(|_| !national.offices.is_empty())
}

/// The headline over the offices, plain text.
pub fn headline(sc: &Scenario, stats: &ScenarioStats, national: &NationalStats) -> String {
    let n = national.offices.len();
    let sketch = &stats.cleared_day().sketch;
    let date = |q: f64| {
        sketch
            .quantile(q)
            .map(|d| words::date(date_at(sc.start, d)))
    };
    let last = match (date(0.5), date(0.9)) {
        (Some(p50), Some(p90)) => format!(
            "the last office clears around {p50} (half of the runs) and by {p90} in nine runs \
             out of ten"
        ),
        (Some(p50), None) => format!(
            "the last office clears around {p50} (half of the runs), but in more than one run \
             in ten some office has not cleared by the horizon ({})",
            words::date(date_at(sc.start, sc.horizon))
        ),
        _ => format!(
            "in half of the runs or more some office has not cleared by the horizon ({})",
            words::date(date_at(sc.start, sc.horizon))
        ),
    };
    let deadline = sc.deadline.filter(|d| d.at <= sc.horizon);
    match (deadline, offices_by_deadline(national)) {
        (Some(d), Some(k)) => {
            let mut s = format!(
                "{} of {} offices clear by the deadline ({}) in nine runs out of ten; {last}.",
                words::count(k as i64),
                words::count(n as i64),
                words::date(d.date)
            );
            if let Some(mean) = stats
                .metric("offices_cleared_by_deadline")
                .and_then(|m| m.moments.mean())
            {
                let _ = write!(
                    s,
                    " On average {} offices clear by it in a run.",
                    words::decimal(mean, 1)
                );
            }
            s + " (An office clears by the deadline when it clears by the end of that date in \
                 its own time zone, and counts as doing so in nine runs out of ten when it does \
                 in at least 90% of the runs; the dates here are the data centre's, in WIB.)"
        }
        _ => {
            let mut s = format!("Of the {} offices, {last}.", words::count(n as i64));
            if let Some(c) = s.get(..1) {
                s = c.to_uppercase() + &s[1..];
            }
            s
        }
    }
}

/// A date cell for the `q` quantile of `u`'s clearing day.
fn date_cell(sc: &Scenario, u: &UnitStats, q: f64) -> String {
    u.clear_days.quantile(q).map_or_else(
        || "beyond the horizon".to_owned(),
        |d| words::date(date_at(sc.start, d)),
    )
}

fn share_cell(u: &UnitStats) -> String {
    match u.cleared_by_deadline {
        Some(s) => words::percent_or_unknown(s.value()),
        None => "no deadline".to_owned(),
    }
}

/// The offices latest to clear by p90, latest first.
fn latest_table(sc: &Scenario, national: &NationalStats) -> Table {
    let mut t = Table::new(&[
        "Office",
        "Region",
        "Records waiting at the start",
        "Cleared: p10",
        "Median",
        "p90",
        "Runs that clear it by the deadline",
    ])
    .text_columns(2);
    let Some(config) = &sc.national else {
        return t;
    };
    let backlogs = crate::output::national::initial_backlogs(sc);
    for r in ranked(national).iter().rev().take(LATEST) {
        let u = &national.offices[r.index];
        let office = &config.offices[r.index];
        t.row(vec![
            escape(&office.name),
            escape(region_name(&office.region)),
            words::count(backlogs[r.index] as i64),
            date_cell(sc, u, 0.1),
            date_cell(sc, u, 0.5),
            date_cell(sc, u, 0.9),
            share_cell(u),
        ]);
    }
    t
}

/// The regions, latest median first.
fn regions_table(sc: &Scenario, national: &NationalStats) -> Table {
    let mut t = Table::new(&[
        "Region",
        "Offices",
        "Records waiting at the start",
        "Last office cleared: median",
        "p90",
        "Runs that clear every office by the deadline",
        "Offices cleared by the deadline, mean",
    ]);
    let totals = crate::output::national::region_totals(sc, national);
    let mut order: Vec<usize> = (0..national.regions.len()).collect();
    let key = |r: &usize| {
        let s = &national.regions[*r].1.clear_days;
        [0.5, 0.9].map(|q| s.quantile(q).unwrap_or(f64::INFINITY))
    };
    order.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        b[0].total_cmp(&a[0]).then(b[1].total_cmp(&a[1]))
    });
    for r in order {
        let (name, u) = &national.regions[r];
        let (offices, backlog) = totals[r];
        t.row(vec![
            escape(region_name(name)),
            words::count(offices as i64),
            words::count(backlog as i64),
            date_cell(sc, u, 0.5),
            date_cell(sc, u, 0.9),
            share_cell(u),
            u.offices_cleared_by_deadline
                .mean()
                .map_or_else(|| "–".to_owned(), |m| words::decimal(m, 1)),
        ]);
    }
    t
}

/// What a national chart shows, for its caption.
fn caption(stem: &str, title: &str) -> String {
    let what = match stem {
        "offices" => {
            "Every office, ranked by the day it clears in nine runs out of ten (p90): the \
             range of 8 runs in 10 and the median, coloured by region; the latest ten named"
        }
        "regions" => {
            "Every region, by the day its last office clears: the range of 8 runs in 10 and \
             the median, latest first"
        }
        "offices-cleared" => "Share of the offices cleared at the end of each day",
        "pool" => {
            "The ministry's blank pool and the blanks on their way to offices at the end of \
             each day, and the deliveries to the pool per week"
        }
        other => other,
    };
    format!("{what} — {title}")
}

/// The national part of a scenario's section (HTML); empty for a single
/// office. `charts` says whether the charts exist.
pub fn html(sc: &Scenario, stats: &ScenarioStats, charts: bool) -> String {
    let (Some(config), Some(national)) = (&sc.national, stats.national()) else {
        return String::new();
    };
    let mut h = String::from("<h3>The offices</h3>\n");
    let _ = writeln!(
        h,
        "<p class=\"headline\">{}</p>",
        escape(&headline(sc, stats, national))
    );
    if charts {
        let folder = url_segment(&sc.name);
        for stem in CHARTS {
            if stem == "pool" && config.pool.is_none() {
                continue;
            }
            h.push_str(&figure(
                &format!("{folder}/{stem}"),
                &caption(stem, &sc.title),
            ));
        }
    }
    let latest = LATEST.min(national.offices.len());
    let _ = writeln!(
        h,
        "<h4>The {latest} offices latest to clear (by the date they clear in nine runs out of \
         ten)</h4>"
    );
    h.push_str(&latest_table(sc, national).html());
    h.push_str("<h4>Regions (a region clears when its last office does)</h4>\n");
    h.push_str(&regions_table(sc, national).html());
    let _ = writeln!(
        h,
        "<p>Every office and every region: <code>{0}/offices.csv</code> and \
         <code>{0}/regions.csv</code>.</p>",
        escape(&sc.name)
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::national_fixture as fixture;

    #[test]
    fn the_headline_counts_offices_clearing_by_the_deadline_nine_times_in_ten() {
        let sc = fixture::national(6, 3, 1_500, true);
        let stats = fixture::run(&sc, 10);
        let national = stats.national().unwrap();
        let k = offices_by_deadline(national).unwrap();
        let text = headline(&sc, &stats, national);
        assert!(
            text.starts_with(&format!(
                "{k} of 6 offices clear by the deadline (31 March 2018) in nine runs out of ten; \
                 the last office clears around "
            )),
            "{text}"
        );
        assert!(text.contains("at least 90% of the runs"), "{text}");
        // Counted by hand from the offices' shares.
        let by_hand = national
            .offices
            .iter()
            .filter(|u| {
                u.cleared_by_deadline.unwrap().hits * 10
                    >= 9 * u.cleared_by_deadline.unwrap().trials
            })
            .count();
        assert_eq!(k, by_hand);

        let mut no_deadline = sc.clone();
        no_deadline.deadline = None;
        let stats = fixture::run(&no_deadline, 3);
        let text = headline(&no_deadline, &stats, stats.national().unwrap());
        assert!(
            text.starts_with("Of the 6 offices, the last office clears around"),
            "{text}"
        );
    }

    #[test]
    fn the_section_has_charts_and_both_tables() {
        let sc = fixture::national(12, 4, 1_500, true);
        let stats = fixture::run(&sc, 4);
        let h = html(&sc, &stats, true);
        for stem in CHARTS {
            assert!(h.contains(&format!("national/{stem}.png")), "{stem}");
        }
        assert!(h.contains("The 10 offices latest to clear"));
        assert!(h.contains("region-2"));
        assert_eq!(h.matches("<table>").count(), 2);
        let single = crate::model::fake::scenario("single");
        assert_eq!(html(&single, &ScenarioStats::new(&single), true), "");
    }
}
