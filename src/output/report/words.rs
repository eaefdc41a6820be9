//! Numbers, dates and metric names as a planner reads them: "2 March 2018",
//! "35,000", "59.0%", "hours without blanks". The CSV files keep their
//! machine names and fixed decimals ([`super::super::format`]); the report
//! shows these words and keeps the CSV name beside them in small print.

use jiff::civil::Date;

/// Said where a time lies beyond the horizon (a censored quantile, an
/// infinite estimate): never a number, never the horizon's day.
pub const NEVER: &str = "never cleared within the horizon";

/// Said where a share cannot be known (e.g. a deadline after the horizon).
pub const UNKNOWN: &str = "unknown";

/// A date as words, without a leading zero: "2 March 2018".
pub fn date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A whole number with thousands separators: "35,000", "-1,250".
pub fn count(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        crate::scenario::words::group_digits(&n.unsigned_abs().to_string())
    )
}

/// `x` rounded to a whole number with thousands separators.
pub fn whole(x: f64) -> String {
    count(x.round() as i64)
}

/// `x` with `places` decimals and thousands separators: "1,234.5".
pub fn decimal(x: f64, places: usize) -> String {
    let text = super::super::format::fixed(x, places);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let n: i64 = int.parse().unwrap_or(0);
    // "-0.4" parses its whole part as 0: keep the sign.
    let sign = if int.starts_with('-') && n == 0 {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{}", count(n))
    } else {
        format!("{sign}{}.{frac}", count(n))
    }
}

/// `x` with `places` decimals, thousands grouped and always a sign: "+1.2",
/// "-3,400".
pub fn signed(x: f64, places: usize) -> String {
    let text = decimal(x, places);
    if text.starts_with('-') || text.trim_start_matches(['0', '.', ',']).is_empty() {
        text
    } else {
        format!("+{text}")
    }
}

/// A rough count for a sentence: two significant figures from 1,000 up
/// ("about 14,000"), exact below.
pub fn about(x: f64) -> String {
    let n = x.round();
    if n.abs() < 1_000.0 {
        return whole(n);
    }
    let step = 10f64.powi(n.abs().log10().floor() as i32 - 1);
    format!("about {}", whole((n / step).round() * step))
}

/// A share as a percentage with one decimal: "59.0%".
pub fn percent(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// A share as a percentage, or [`UNKNOWN`].
pub fn percent_or_unknown(share: Option<f64>) -> String {
    share.map_or_else(|| UNKNOWN.to_owned(), percent)
}

/// A number of days with one decimal, or [`NEVER`] for a time beyond the
/// horizon (`None` or infinite).
pub fn days(d: Option<f64>) -> String {
    match d {
        Some(d) if d.is_finite() => format!("{} days", decimal(d, 1)),
        _ => NEVER.to_owned(),
    }
}

/// The group a metric belongs to in the report's table, and its words.
pub struct MetricWords {
    /// The heading of its group of rows.
    pub group: &'static str,
    /// What it measures, with its unit.
    pub words: String,
}

/// The groups of the report's table, in order.
pub const GROUPS: [&str; 7] = [
    "Clearing the backlog",
    "Cards and records",
    "Waiting for a card",
    "Hours lost",
    "Cards not printed, by first cause",
    "Costs, rupiah per run",
    "The offices, the pool and the central link",
];

/// Words for the fixed metrics: (CSV name, group index, words with unit).
const FIXED: [(&str, usize, &str); 35] = [
    ("cleared_day", 0, "Days to clear the initial backlog"),
    (
        "cleared_workdays",
        0,
        "Working days to clear the initial backlog",
    ),
    ("empty_day", 0, "Days until no record waits to be printed"),
    (
        "delivered_day",
        0,
        "Days until the last card of the initial backlog reaches its resident",
    ),
    (
        "delivered_90_day",
        0,
        "Days until 9 in 10 cards of the initial backlog reach their residents",
    ),
    ("printed", 1, "Cards printed"),
    ("rejects", 1, "Cards rejected at quality control"),
    ("blanks_used", 1, "Blank cards used"),
    ("recorded", 1, "New records"),
    ("wait_mean_days", 2, "Mean wait from record to card, days"),
    (
        "wait_p90_days",
        2,
        "Wait that 9 in 10 records stay within (p90), days",
    ),
    ("server_down_hours", 3, "Hours the server was down"),
    (
        "certificate_service_lost_hours",
        3,
        "Hours without the substitute-certificate service",
    ),
    ("link_down_hours", 3, "Hours the central link was down"),
    ("link_degraded_hours", 3, "Hours the central link was slow"),
    ("stockout_hours", 3, "Hours without blanks"),
    (
        "idle_no_work_hours",
        3,
        "Hours the printers stood idle for lack of records",
    ),
    (
        "lost_cards_server",
        4,
        "Cards lost to the server being down",
    ),
    (
        "lost_cards_link",
        4,
        "Cards lost to the central link being down",
    ),
    (
        "lost_cards_degraded",
        4,
        "Cards lost to the slow central link",
    ),
    ("lost_cards_blanks", 4, "Cards lost for lack of blanks"),
    ("cost_total", 5, "Cost in all, until the backlog cleared"),
    ("cost_printers", 5, "Printers, per month until cleared"),
    ("cost_blanks", 5, "Blanks printed or rejected"),
    ("cost_stocked_blanks", 5, "Blanks on hand at the start"),
    (
        "cost_backup_link",
        5,
        "Backup link, per month until cleared",
    ),
    ("cost_fixed", 5, "One-off costs"),
    (
        "lost_cards_no_work",
        4,
        "Cards lost for lack of records to print",
    ),
    (
        "offices_cleared_by_deadline",
        6,
        "Offices that clear their initial backlog by the deadline",
    ),
    (
        "share_backlog_printed_by_deadline",
        6,
        "Share of the national initial backlog printed by the deadline",
    ),
    (
        "pool_stockout_days",
        6,
        "Days the ministry's blank pool was empty",
    ),
    (
        "requests_waiting_days",
        6,
        "Days an office's request for blanks waited at the pool",
    ),
    (
        "pool_blanks_sent",
        6,
        "Blanks sent from the pool to offices",
    ),
    (
        "central_down_hours",
        6,
        "Hours the data centre's link was down for every office",
    ),
    (
        "central_degraded_hours",
        6,
        "Hours the data centre's link was slow for every office",
    ),
];

/// A metric's CSV name as words with its unit. Unknown names (a column added
/// later) read as their name with spaces, in the group their prefix suggests.
pub fn metric(name: &str) -> MetricWords {
    // Hours and losses come twice: until the backlog cleared, and over the run.
    for (suffix, span) in [
        ("_to_clearing", "until the backlog cleared"),
        ("_whole_run", "over the whole run"),
    ] {
        if let Some(base) = name.strip_suffix(suffix) {
            let m = metric(base);
            return MetricWords {
                group: m.group,
                words: format!("{}, {span}", m.words),
            };
        }
    }
    if let Some(&(_, group, words)) = FIXED.iter().find(|(key, _, _)| *key == name) {
        return MetricWords {
            group: GROUPS[group],
            words: words.to_owned(),
        };
    }
    let class = |prefix: &str| name.strip_prefix(prefix).map(|c| c.replace('_', " "));
    if let Some(c) = class("wait_mean_days_") {
        return MetricWords {
            group: GROUPS[2],
            words: format!("Mean wait of {c} records, days"),
        };
    }
    if let Some(c) = class("wait_p90_days_") {
        return MetricWords {
            group: GROUPS[2],
            words: format!("Wait that 9 in 10 {c} records stay within (p90), days"),
        };
    }
    let group = if name.starts_with("cost_") {
        5
    } else if name.starts_with("lost_cards") {
        4
    } else if name.ends_with("_hours") {
        3
    } else {
        1
    };
    let mut words = name.replace('_', " ");
    if let Some(first) = words.get(..1) {
        words = first.to_uppercase() + &words[1..];
    }
    MetricWords {
        group: GROUPS[group],
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_no_leading_zero() {
        let d: Date = "2018-03-02".parse().unwrap();
        assert_eq!(date(d), "2 March 2018");
        assert_eq!(date("2018-06-27".parse().unwrap()), "27 June 2018");
    }

    #[test]
    fn counts_are_grouped_and_rounded_for_words() {
        assert_eq!(count(35_000), "35,000");
        assert_eq!(count(1_307_269), "1,307,269");
        assert_eq!(count(-1_250), "-1,250");
        assert_eq!(count(999), "999");
        assert_eq!(decimal(49_357.26, 1), "49,357.3");
        assert_eq!(decimal(-0.04, 1), "0.0");
        assert_eq!(decimal(-0.4, 1), "-0.4");
        assert_eq!(signed(1_234.56, 1), "+1,234.6");
        assert_eq!(signed(-0.04, 1), "0.0");
        assert_eq!(signed(-3.0, 0), "-3");
        assert_eq!(about(14_364.0), "about 14,000");
        assert_eq!(about(985.0), "985");
        assert_eq!(about(1_307_269.0), "about 1,300,000");
        assert_eq!(percent(0.59), "59.0%");
        assert_eq!(percent_or_unknown(None), "unknown");
        assert_eq!(days(Some(157.25)), "157.2 days");
        assert_eq!(days(Some(f64::INFINITY)), NEVER);
    }

    #[test]
    fn metric_names_become_words() {
        assert_eq!(
            metric("cleared_day").words,
            "Days to clear the initial backlog"
        );
        assert_eq!(metric("stockout_hours").words, "Hours without blanks");
        assert_eq!(
            metric("wait_mean_days_first_time").words,
            "Mean wait of first time records, days"
        );
        assert_eq!(
            metric("stockout_hours_to_clearing").words,
            "Hours without blanks, until the backlog cleared"
        );
        let lost = metric("lost_cards_blanks_whole_run");
        assert_eq!(
            (lost.group, lost.words.as_str()),
            (
                GROUPS[4],
                "Cards lost for lack of blanks, over the whole run"
            )
        );
        let cost = metric("cost_total");
        assert_eq!(
            (cost.group, cost.words.as_str()),
            (GROUPS[5], "Cost in all, until the backlog cleared")
        );
        let pool = metric("pool_stockout_days");
        assert_eq!(
            (pool.group, pool.words.as_str()),
            (GROUPS[6], "Days the ministry's blank pool was empty")
        );
        let central = metric("central_down_hours_to_clearing");
        assert_eq!(
            (central.group, central.words.as_str()),
            (
                GROUPS[6],
                "Hours the data centre's link was down for every office, until the backlog cleared"
            )
        );
        let new = metric("lost_cards_server_run");
        assert_eq!(
            (new.group, new.words.as_str()),
            (GROUPS[4], "Lost cards server run")
        );
    }
}
