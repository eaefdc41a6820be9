//! The headline of a scenario in plain words with dates ("The 35,000 waiting
//! records are printed by 2 March 2018 in half of the runs …"), and the
//! sentence that compares the scenarios of a run.
//!
//! Both are pure functions of the statistics, so their exact text is tested.
//! They say only what the numbers hold: a quantile beyond the horizon is
//! "never cleared within the horizon", and a share that cannot be known (a
//! deadline after the horizon, with runs not yet cleared) is "unknown".

use jiff::civil::Date;

use super::words;
use crate::scenario::Scenario;
use crate::stats::{ScenarioStats, Share};
use crate::time::date_at;

/// What a headline says, taken from a scenario and its statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// Records waiting to be printed at the start.
    pub backlog: u64,
    /// Replications run.
    pub runs: u64,
    /// The date by which half of the runs cleared; `None` beyond the horizon.
    pub p50: Option<Date>,
    /// The date by which nine runs in ten cleared; `None` beyond the horizon.
    pub p90: Option<Date>,
    /// Runs cleared within the horizon.
    pub by_horizon: Share,
    /// The deadline's date and the share of runs cleared by it (`None`:
    /// unknown); `None` without a deadline.
    pub deadline: Option<(Date, Option<f64>)>,
    /// The last date of the horizon.
    pub horizon_end: Date,
    /// Median cards printed over the run (said when there is no backlog).
    pub printed_p50: Option<f64>,
}

impl Facts {
    /// The facts of one scenario's results.
    pub fn of(sc: &Scenario, stats: &ScenarioStats) -> Self {
        let sketch = &stats.cleared_day().sketch;
        let date = |q: f64| sketch.quantile(q).map(|d| date_at(sc.start, d));
        let by_horizon = stats.cleared_by_horizon();
        let deadline = sc.deadline.map(|d| {
            // After the horizon, a run not cleared by then may or may not
            // clear by the deadline: the share is not known.
            let known = d.at <= sc.horizon || by_horizon.hits == by_horizon.trials;
            let share = stats.cleared_by_deadline().and_then(|s| s.value());
            (d.date, share.filter(|_| known))
        });
        Self {
            // A national scenario's own office fields are its template's:
            // its backlog is its offices' together.
            backlog: match &sc.national {
                Some(_) => crate::output::national::initial_backlogs(sc).iter().sum(),
                None => sc.backlog.as_ref().map_or(0, |b| b.initial),
            },
            runs: stats.replications(),
            p50: date(0.5),
            p90: date(0.9),
            by_horizon,
            deadline,
            horizon_end: date_at(sc.start, sc.horizon),
            printed_p50: stats.metric("printed").and_then(|m| m.sketch.quantile(0.5)),
        }
    }

    /// The headline: one or two sentences, plain text (not yet escaped).
    pub fn headline(&self) -> String {
        if self.backlog == 0 {
            return self.without_backlog();
        }
        let records = format!(
            "{} waiting record{}",
            words::count(self.backlog as i64),
            if self.backlog == 1 { "" } else { "s" }
        );
        let horizon = format!(
            "the horizon, which ends on {}",
            words::date(self.horizon_end)
        );
        if self.runs == 1 {
            return self.one_run(&records, &horizon);
        }
        let mut s = match (self.p50, self.p90) {
            (Some(p50), Some(p90)) => format!(
                "The {records} are printed by {} in half of the runs and by {} in nine runs \
                 out of ten",
                words::date(p50),
                words::date(p90)
            ),
            (Some(p50), None) => format!(
                "The {records} are printed by {} in half of the runs; {} of the runs never \
                 clear within {horizon}",
                words::date(p50),
                words::percent(1.0 - self.by_horizon.value().unwrap_or(0.0))
            ),
            (None, _) if self.by_horizon.hits == 0 => {
                format!("None of the runs prints all {records} within {horizon}")
            }
            (None, _) => format!(
                "Half of the runs never clear the {records} within {horizon}; {} of the \
                 runs clear them",
                words::percent(self.by_horizon.value().unwrap_or(0.0))
            ),
        };
        if let Some((date, share)) = self.deadline {
            let deadline = format!("the deadline of {}", words::date(date));
            match share {
                None => s += &format!("; whether the rest clear by {deadline} is unknown"),
                Some(x) if x >= 1.0 => s += &format!("; all runs clear by {deadline}"),
                Some(x) if x <= 0.0 && self.by_horizon.hits == 0 => {}
                Some(x) if x <= 0.0 => s += &format!("; no run clears by {deadline}"),
                Some(x) => s += &format!("; {} of the runs clear by {deadline}", words::percent(x)),
            }
        }
        s + "."
    }

    fn without_backlog(&self) -> String {
        let mut s = "No records are waiting to be printed at the start, so there is no \
                     backlog to clear"
            .to_owned();
        if let Some(n) = self.printed_p50.filter(|n| *n >= 1.0) {
            let half = if self.runs == 1 {
                "in the one run".to_owned()
            } else {
                "in half of the runs".to_owned()
            };
            s += &format!(
                "; the office prints {} new cards or more by {} {half}",
                words::about(n),
                words::date(self.horizon_end)
            );
        }
        s + "."
    }

    fn one_run(&self, records: &str, horizon: &str) -> String {
        let deadline = self.deadline.map(|(d, _)| words::date(d));
        let mut s = match self.p50 {
            Some(done) => {
                let mut s = format!(
                    "In the one run, the {records} are printed by {}",
                    words::date(done)
                );
                if let Some(d) = &deadline {
                    let side = if self.deadline_met() {
                        "before"
                    } else {
                        "after"
                    };
                    s += &format!(", {side} the deadline of {d}");
                }
                s
            }
            None => {
                let mut s =
                    format!("In the one run, the {records} are not all printed within {horizon}");
                match (&deadline, self.deadline.and_then(|(_, x)| x)) {
                    (Some(d), Some(_)) => s += &format!(", so they miss the deadline of {d}"),
                    (Some(d), None) => {
                        s += &format!(
                            "; whether they are printed by the deadline of {d} is unknown"
                        );
                    }
                    (None, _) => {}
                }
                s
            }
        };
        s += "; one run shows no spread, so run more replications for the odds.";
        s
    }

    fn deadline_met(&self) -> bool {
        self.deadline
            .and_then(|(_, share)| share)
            .is_some_and(|x| x >= 1.0)
    }
}

/// The headline of one scenario's results.
pub fn headline(sc: &Scenario, stats: &ScenarioStats) -> String {
    Facts::of(sc, stats).headline()
}

/// One scenario in the comparison sentence: its title and median days to
/// clear (`None` beyond the horizon, or without a backlog to clear).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The scenario's title.
    pub title: String,
    /// Median days to clear; `None` when half of the runs never clear.
    pub p50_days: Option<f64>,
    /// The date of that median.
    pub p50_date: Option<Date>,
}

impl Ranked {
    /// A scenario's place in the comparison.
    pub fn of(sc: &Scenario, stats: &ScenarioStats) -> Self {
        let p50 = stats.cleared_day().sketch.quantile(0.5);
        Self {
            title: sc.title.clone(),
            p50_days: p50,
            p50_date: p50.map(|d| date_at(sc.start, d)),
        }
    }
}

/// The scenarios of a run compared in a sentence or two: which clears soonest
/// and latest by the median, and which never clear within the horizon in half
/// of the runs. Days as well as dates, since scenarios may start on different
/// days. Empty for fewer than two scenarios.
pub fn comparison(scenarios: &[Ranked]) -> String {
    if scenarios.len() < 2 {
        return String::new();
    }
    let quoted = |r: &Ranked| format!("“{}”", r.title);
    let mut cleared: Vec<&Ranked> = scenarios.iter().filter(|r| r.p50_days.is_some()).collect();
    cleared.sort_by(|a, b| {
        let days = |r: &Ranked| r.p50_days.unwrap_or(f64::INFINITY);
        days(a).total_cmp(&days(b))
    });
    let never: Vec<String> = scenarios
        .iter()
        .filter(|r| r.p50_days.is_none())
        .map(quoted)
        .collect();
    let when = |r: &Ranked| {
        format!(
            "within {} (by {})",
            words::days(r.p50_days),
            r.p50_date.map_or_else(String::new, words::date)
        )
    };
    let mut s = String::new();
    match cleared.as_slice() {
        [] => {}
        [only] => {
            s += &format!(
                "Of the {} scenarios, only {} clears in half of the runs, {}.",
                scenarios.len(),
                quoted(only),
                when(only)
            );
        }
        [first, .., last] => {
            s += &format!(
                "Of the {} scenarios, {} clears soonest, in half of the runs {}; {} clears \
                 latest, {}.",
                scenarios.len(),
                quoted(first),
                when(first),
                quoted(last),
                when(last)
            );
        }
    }
    match never.len() {
        0 => {}
        n if n == scenarios.len() => {
            s += &format!(
                "In none of the {n} scenarios do half of the runs clear within the horizon."
            );
        }
        1 => {
            s += &format!(
                " In {}, half of the runs never clear within the horizon.",
                never[0]
            )
        }
        _ => {
            s += &format!(
                " In {}, half of the runs never clear within the horizon.",
                and_list(&never)
            );
        }
    }
    s.trim_start().to_owned()
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[path = "headline_tests.rs"]
mod tests;
