//! Tests of the per-scenario accumulator against hand counts.

use super::*;
use crate::model::fake;

fn stats_of(range: std::ops::Range<u64>) -> ScenarioStats {
    let scenario = fake::scenario("s");
    let mut stats = ScenarioStats::new(&scenario);
    range.for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    stats
}

#[test]
fn counts_existing_values_and_censors_missing_times() {
    let stats = stats_of(0..70);
    assert_eq!(stats.replications(), 70);
    // Every seventh replication does not clear.
    let cleared = stats.cleared_day();
    assert_eq!(cleared.moments.count(), 60);
    assert_eq!(
        (cleared.sketch.count(), cleared.sketch.censored()),
        (70, 10)
    );
    assert_eq!(
        stats.cleared_by_horizon(),
        Share {
            hits: 60,
            trials: 70,
            unknown: 0
        }
    );
    // The second class printed nothing in every fifth replication: left out, not censored.
    let class = stats.metric("wait_mean_days_regular").unwrap();
    assert_eq!((class.moments.count(), class.sketch.count()), (56, 56));
    assert_eq!(stats.metric("printed").unwrap().moments.count(), 70);
    assert!(stats.metric("nonexistent").is_none());
}

#[test]
fn deadline_share_counts_clearing_on_or_before_the_deadline() {
    let scenario = fake::scenario("s");
    let at = scenario.deadline.unwrap().at;
    let outcomes: Vec<_> = (0..50).map(|i| fake::outcome(&scenario, i)).collect();
    let hits = outcomes
        .iter()
        .filter(|o| o.cleared.is_some_and(|m| m.day <= at))
        .count() as u64;
    let mut stats = ScenarioStats::new(&scenario);
    outcomes.iter().for_each(|o| stats.add(o));
    assert_eq!(
        stats.cleared_by_deadline(),
        Some(Share {
            hits,
            trials: 50,
            unknown: 0
        })
    );
    assert!(hits > 0 && hits < 50);

    let mut no_deadline = fake::scenario("s");
    no_deadline.deadline = None;
    let mut stats = ScenarioStats::new(&no_deadline);
    stats.add(&outcomes[0]);
    assert_eq!(stats.cleared_by_deadline(), None);
}

#[test]
fn a_deadline_after_the_horizon_is_unknown_unless_every_replication_cleared() {
    // The fake's horizon is day 100; its replications clear on days 60-100,
    // except every seventh. A deadline at day 150: those that cleared made
    // it, the others' answer is unknown.
    let mut scenario = fake::scenario("s");
    scenario.deadline.as_mut().unwrap().at = 150.0;
    let mut stats = ScenarioStats::new(&scenario);
    (0..14).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    let share = stats.cleared_by_deadline().unwrap();
    assert_eq!((share.hits, share.trials, share.unknown), (12, 14, 2));
    assert_eq!(share.value(), None, "unknown, never 12/14 or a miss");
    // Every one cleared (replications 0-5): known, all by the deadline.
    let mut stats = ScenarioStats::new(&scenario);
    (0..6).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    assert_eq!(stats.cleared_by_deadline().unwrap().value(), Some(1.0));
    // A deadline on or before the end of the run is known either way.
    scenario.deadline.as_mut().unwrap().at = 100.0;
    let mut stats = ScenarioStats::new(&scenario);
    (0..14).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    assert_eq!(
        stats.cleared_by_deadline().unwrap().value(),
        Some(12.0 / 14.0)
    );
}

#[test]
fn daily_bands_and_printed_mean() {
    let stats = stats_of(0..3);
    assert_eq!(stats.daily().len(), 10);
    // printed on day 2 is 6200 + i % 3 for i = 0, 1, 2.
    assert_eq!(stats.daily()[2].printed_mean(), Some(6_201.0));
    let day0 = &stats.daily()[0];
    assert_eq!(
        day0.initial_unprinted.quantile(0.5).map(f64::round),
        Some(35_000.0)
    );
    assert_eq!(day0.awaiting.count(), 3);
    assert_eq!(DayStats::default().printed_mean(), None);
}

#[test]
fn merge_of_parts_equals_the_whole() {
    let whole = stats_of(0..300);
    let mut merged = stats_of(128..300);
    merged.merge(&stats_of(0..128));
    assert_eq!(merged.replications(), whole.replications());
    assert_eq!(merged.cleared_by_horizon(), whole.cleared_by_horizon());
    assert_eq!(merged.cleared_by_deadline(), whole.cleared_by_deadline());
    assert_eq!(merged.daily(), whole.daily());
    for ((m, a), (_, b)) in merged.metrics().zip(whole.metrics()) {
        assert_eq!(a.sketch, b.sketch, "{}", m.name());
        assert_eq!(a.moments.count(), b.moments.count(), "{}", m.name());
        let (x, y) = (a.moments.mean(), b.moments.mean());
        assert!(
            x.zip(y)
                .is_none_or(|(x, y)| (x - y).abs() <= 1e-9 * y.abs().max(1.0))
        );
    }
}

#[test]
fn memory_does_not_grow_with_replications() {
    let scenario = fake::scenario("s");
    let mut stats = ScenarioStats::new(&scenario);
    (0..1_000).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    let small = stats.heap_bytes();
    (1_000..100_000).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    assert!(
        stats.heap_bytes() <= 2 * small,
        "{} > 2 × {small}",
        stats.heap_bytes()
    );
}

#[test]
fn clearing_and_arrival_histograms_count_per_whole_day() {
    let stats = stats_of(0..70);
    let cleared = stats.cleared_per_day();
    // Clearing days lie in [60, 100): nothing before day 60, 60 in all.
    assert!(cleared[..60].iter().all(|&n| n == 0));
    assert_eq!(cleared.iter().sum::<u64>(), 60);
    let arrivals = stats.arrivals_per_day();
    assert_eq!(arrivals[5][0], 70 * 10_000);
    let reordered: u64 = arrivals.iter().map(|a| a[1]).sum();
    assert_eq!(reordered, 35 * 5_000);
    assert!(arrivals[..3].iter().all(|a| a[1] == 0));
}
