//! The headline's exact words in each case a planner meets.

use super::*;
use crate::model::fake;
use crate::scenario::BacklogConfig;

fn d(text: &str) -> Date {
    text.parse().unwrap()
}

/// Bojonegoro-like facts: 35,000 records, 1,000 runs, all cleared in March.
fn facts() -> Facts {
    Facts {
        backlog: 35_000,
        runs: 1_000,
        p50: Some(d("2018-03-02")),
        p90: Some(d("2018-04-05")),
        by_horizon: Share {
            hits: 1_000,
            trials: 1_000,
            unknown: 0,
        },
        deadline: Some((d("2018-06-27"), Some(1.0))),
        horizon_end: d("2018-09-25"),
        printed_p50: Some(49_341.0),
    }
}

#[test]
fn all_runs_clear_before_the_deadline() {
    assert_eq!(
        facts().headline(),
        "The 35,000 waiting records are printed by 2 March 2018 in half of the runs and by \
         5 April 2018 in nine runs out of ten; all runs clear by the deadline of 27 June 2018."
    );
}

#[test]
fn some_runs_clear_by_the_deadline() {
    let f = Facts {
        p90: Some(d("2018-07-16")),
        deadline: Some((d("2018-06-27"), Some(0.59))),
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "The 35,000 waiting records are printed by 2 March 2018 in half of the runs and by \
         16 July 2018 in nine runs out of ten; 59.0% of the runs clear by the deadline of \
         27 June 2018."
    );
}

#[test]
fn the_median_beyond_the_horizon() {
    let f = Facts {
        p50: None,
        p90: None,
        by_horizon: Share {
            hits: 150,
            trials: 1_000,
            unknown: 0,
        },
        deadline: Some((d("2018-06-27"), Some(0.0))),
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "Half of the runs never clear the 35,000 waiting records within the horizon, which \
         ends on 25 September 2018; 15.0% of the runs clear them; no run clears by the \
         deadline of 27 June 2018."
    );
    let none = Facts {
        by_horizon: Share {
            hits: 0,
            trials: 1_000,
            unknown: 0,
        },
        ..f
    };
    assert_eq!(
        none.headline(),
        "None of the runs prints all 35,000 waiting records within the horizon, which ends \
         on 25 September 2018."
    );
}

#[test]
fn the_ninth_decile_beyond_the_horizon() {
    let f = Facts {
        p90: None,
        by_horizon: Share {
            hits: 870,
            trials: 1_000,
            unknown: 0,
        },
        deadline: None,
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "The 35,000 waiting records are printed by 2 March 2018 in half of the runs; 13.0% \
         of the runs never clear within the horizon, which ends on 25 September 2018."
    );
}

#[test]
fn without_a_deadline() {
    let f = Facts {
        deadline: None,
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "The 35,000 waiting records are printed by 2 March 2018 in half of the runs and by \
         5 April 2018 in nine runs out of ten."
    );
}

#[test]
fn a_deadline_after_the_horizon_is_unknown_for_the_rest() {
    let f = Facts {
        p90: None,
        by_horizon: Share {
            hits: 800,
            trials: 1_000,
            unknown: 0,
        },
        deadline: Some((d("2019-02-28"), None)),
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "The 35,000 waiting records are printed by 2 March 2018 in half of the runs; 20.0% \
         of the runs never clear within the horizon, which ends on 25 September 2018; \
         whether the rest clear by the deadline of 28 February 2019 is unknown."
    );
}

#[test]
fn without_an_initial_backlog() {
    let f = Facts {
        backlog: 0,
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "No records are waiting to be printed at the start, so there is no backlog to clear; \
         the office prints about 49,000 new cards or more by 25 September 2018 in half of \
         the runs."
    );
    let idle = Facts {
        printed_p50: Some(0.0),
        ..f
    };
    assert_eq!(
        idle.headline(),
        "No records are waiting to be printed at the start, so there is no backlog to clear."
    );
}

#[test]
fn one_replication() {
    let one = Share {
        hits: 1,
        trials: 1,
        unknown: 0,
    };
    let f = Facts {
        runs: 1,
        p90: Some(d("2018-03-02")),
        by_horizon: one,
        ..facts()
    };
    assert_eq!(
        f.headline(),
        "In the one run, the 35,000 waiting records are printed by 2 March 2018, before the \
         deadline of 27 June 2018; one run shows no spread, so run more replications for the \
         odds."
    );
    let missed = Facts {
        p50: None,
        p90: None,
        by_horizon: Share {
            hits: 0,
            trials: 1,
            unknown: 0,
        },
        deadline: Some((d("2018-06-27"), Some(0.0))),
        ..f
    };
    assert_eq!(
        missed.headline(),
        "In the one run, the 35,000 waiting records are not all printed within the horizon, \
         which ends on 25 September 2018, so they miss the deadline of 27 June 2018; one run \
         shows no spread, so run more replications for the odds."
    );
}

#[test]
fn facts_come_from_the_scenario_and_its_statistics() {
    let mut sc = fake::scenario("a");
    sc.backlog = Some(BacklogConfig {
        initial: 1_200,
        mix: vec![1.0],
    });
    let mut stats = ScenarioStats::new(&sc);
    (0..70).for_each(|i| stats.add(&fake::outcome(&sc, i)));
    let f = Facts::of(&sc, &stats);
    assert_eq!((f.backlog, f.runs), (1_200, 70));
    assert_eq!(f.horizon_end, d("2018-01-03"));
    // Every seventh run does not clear: 60 of 70 clear, by days 60 to 100.
    assert_eq!(
        f.by_horizon,
        Share {
            hits: 60,
            trials: 70,
            unknown: 0,
        }
    );
    assert!(f.p50.is_some() && f.p90.is_none(), "{f:?}");
    assert_eq!(f.deadline.map(|x| x.0), Some(d("2017-12-23")));
}

#[test]
fn scenarios_compared_in_a_sentence() {
    let r = |title: &str, days: Option<f64>, date: &str| Ranked {
        title: title.to_owned(),
        p50_days: days,
        p50_date: days.map(|_| d(date)),
    };
    let all = [
        r("Baseline", Some(157.2), "2018-03-01"),
        r("Second printer", Some(109.0), "2018-01-12"),
        r("Smaller blank lots", None, ""),
    ];
    assert_eq!(
        comparison(&all),
        "Of the 3 scenarios, “Second printer” clears soonest, in half of the runs within \
         109.0 days (by 12 January 2018); “Baseline” clears latest, within 157.2 days (by 1 \
         March 2018). In “Smaller blank lots”, half of the runs never clear within the \
         horizon."
    );
    assert_eq!(comparison(&all[..1]), "");
    assert_eq!(
        comparison(&[all[2].clone(), all[2].clone()]),
        "In none of the 2 scenarios do half of the runs clear within the horizon."
    );
}
