//! Conservation laws that hold in every replication of a scenario with every
//! component switched on.

mod common;

use common::{everything_on, hours};
use ktpsim::model::{Model, Outcome};
use ktpsim::scenario::{Scenario, Speed};

fn check_replication(s: &Scenario, model: &Model, out: &Outcome) {
    let initial = s.backlog.as_ref().map_or(0, |b| b.initial);
    assert_eq!(
        out.blanks_used,
        out.printed + out.rejects,
        "blanks used (stock side) = printed + rejects"
    );
    assert_eq!(out.daily.len(), model.calendar().days().len());
    let last = out.daily.last().unwrap();
    assert_eq!(
        out.cleared.is_some(),
        last.initial_unprinted == 0,
        "cleared iff the initial backlog is printed"
    );
    assert_eq!(last.printed, out.printed);
    assert_eq!(
        last.awaiting,
        initial + out.recorded - out.printed,
        "records are neither lost nor made up"
    );
    for w in out.daily.windows(2) {
        assert!(
            w[1].printed >= w[0].printed,
            "cumulative printed never falls"
        );
        assert!(w[1].initial_unprinted <= w[0].initial_unprinted);
    }
    assert!(out.daily.iter().all(|d| d.awaiting >= d.initial_unprinted));
    if let (Some(c), Some(e)) = (out.cleared, out.empty) {
        assert!(
            e.day >= c.day,
            "the queue empties only after the initial backlog is printed"
        );
    }
    if let (Some(c), Some(d)) = (out.cleared, out.delivered) {
        assert!(d.day >= c.day, "delivered after printed");
    }
    if let (Some(n), Some(d)) = (out.delivered_90, out.delivered) {
        assert!(n.day <= d.day, "90% delivered before the last card");
    }
    if out.delivered.is_some() {
        assert!(out.delivered_90.is_some(), "all delivered, so 90% too");
    }
    assert!(out.end <= s.horizon);
    let h = out.hours;
    for x in [
        h.server_down,
        h.link_down,
        h.link_degraded,
        h.stockout,
        h.idle_no_work,
    ] {
        assert!((0.0..=out.end * 24.0 + 1e-9).contains(&x));
    }
    assert!(h.certificate_service_lost <= h.server_down + 1e-9);
}

#[test]
fn conservation_holds_in_every_replication() {
    let s = everything_on();
    let model = Model::new(&s);
    for i in 0..30 {
        check_replication(&s, &model, &model.replicate(i));
    }
}

#[test]
fn capacity_is_either_used_or_lost_to_a_named_cause() {
    // Constant one-minute cards on two printers: in opening hours each printer
    // either prints (a card a minute, passed or rejected) or loses capacity to
    // exactly one cause, so printed + rejects + lost = open minutes x 2, give or
    // take the cards in progress at the end.
    let mut s = everything_on();
    s.printing.printers = 2;
    s.printing.speed = Speed::CardTime(hours(1.0 / 60.0));
    let model = Model::new(&s);
    for i in 0..10 {
        let out = model.replicate(i);
        check_replication(&s, &model, &out);
        let open_days: f64 = model
            .calendar()
            .days()
            .iter()
            .filter_map(|d| d.open)
            .map(|(o, c)| (c.min(out.end) - o).max(0.0))
            .sum();
        let capacity = open_days * 24.0 * 60.0 * 2.0;
        let l = out.lost;
        let accounted = (out.printed + out.rejects) as f64
            + l.server
            + l.link_down
            + l.blanks
            + l.link_degraded
            + l.no_work;
        assert!(
            (accounted - capacity).abs() <= 2.0 + 1e-6 * capacity,
            "replication {i}: {accounted} vs {capacity}"
        );
    }
}

#[test]
fn a_replication_is_a_pure_function_of_its_index() {
    let model = Model::new(&everything_on());
    assert_eq!(model.replicate(7), model.replicate(7));
    assert_ne!(model.replicate(7).cleared, model.replicate(8).cleared);
}

#[test]
fn capacity_to_clearing_is_either_used_or_lost_to_a_named_cause() {
    // The law above, from the start to the clearing moment: the cards printed
    // and rejected by then plus the capacity lost by then make up the open
    // printer-minutes before it, give or take the card in progress on the
    // other printer. Losses after clearing are in the whole-run figures only.
    let mut s = everything_on();
    s.printing.printers = 2;
    s.printing.speed = Speed::CardTime(hours(1.0 / 60.0));
    let model = Model::new(&s);
    let mut cleared = 0;
    for i in 0..10 {
        let out = model.replicate(i);
        let Some(c) = out.cleared else {
            assert_eq!(out.to_clearing.lost, out.lost);
            continue;
        };
        cleared += 1;
        let open_days: f64 = model
            .calendar()
            .days()
            .iter()
            .filter_map(|d| d.open)
            .map(|(o, close)| (close.min(c.day) - o).max(0.0))
            .sum();
        let capacity = open_days * 24.0 * 60.0 * 2.0;
        let t = out.to_clearing;
        let l = t.lost;
        let accounted = (t.printed + t.rejects) as f64
            + l.server
            + l.link_down
            + l.blanks
            + l.link_degraded
            + l.no_work;
        assert!(
            (accounted - capacity).abs() <= 2.0 + 1e-6 * capacity,
            "replication {i}: {accounted} vs {capacity}"
        );
        assert!(t.printed <= out.printed && t.rejects <= out.rejects);
        let (h, w) = (t.hours, out.hours);
        for (to, whole) in [
            (h.server_down, w.server_down),
            (h.link_down, w.link_down),
            (h.link_degraded, w.link_degraded),
            (h.stockout, w.stockout),
            (h.idle_no_work, w.idle_no_work),
            (l.server, out.lost.server),
            (l.blanks, out.lost.blanks),
            (l.no_work, out.lost.no_work),
        ] {
            assert!(to <= whole + 1e-9, "replication {i}: {to} > {whole}");
            assert!(to <= c.day * 24.0 * 60.0 * 2.0 + 1e-9);
        }
    }
    assert!(
        cleared >= 5,
        "the case must clear to test anything: {cleared}"
    );
}
