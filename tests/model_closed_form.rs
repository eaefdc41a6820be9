//! The model against cases worked out by hand: if one of these fails, the
//! model is wrong, not merely slow.

mod common;

use common::{assert_close, hours, office_hours, simple};
use jiff::civil::date;
use ktpsim::dist::Dist;
use ktpsim::model::Model;
use ktpsim::scenario::{
    BacklogConfig, BlanksConfig, LinkState, NetworkConfig, OutageTiming, RecordingConfig,
    ServerConfig, ServerOutage, Shipment, Speed,
};

const SECOND: f64 = 1.0 / 86_400.0;

#[test]
fn constant_rate_clears_on_the_day_counted_by_hand() {
    // 80 cards a working day, 08:00-16:00, Monday to Friday, Wednesday 27
    // September 2017 a holiday; 1,000 records need 12.5 working days:
    // Sep 25, 26, 28, 29, Oct 2, 3, 4, 5, 6, 9, 10, 11 are the first twelve, so
    // the last card comes off at noon on the thirteenth, Thursday 12 October.
    let mut s = simple(1_000);
    s.calendar = Some(office_hours(8, 16, vec![date(2017, 9, 27)]));
    s.printing.speed = Speed::CardsPerDay(Dist::constant(80.0).unwrap());
    let out = Model::new(&s).replicate(0);
    let cleared = out.cleared.expect("cleared");
    assert_close(cleared.day, 17.0 + 4.0 / 24.0, SECOND, "cleared day");
    assert_eq!(cleared.workdays, 13);
    assert_eq!(cleared.date, date(2017, 10, 12));
    assert_eq!(out.printed, 1_000);
    // Nothing else stops the printer: no capacity is lost to any cause.
    assert_eq!(out.lost.server + out.lost.link_down + out.lost.blanks, 0.0);
}

#[test]
fn an_interrupted_card_resumes_where_it_stopped() {
    // 3-hour cards, 08:00-16:00: cards end 11:00, 14:00, then the third prints
    // 14:00-16:00 and the last hour on Tuesday: done 09:00. Restarting instead
    // of resuming would end at 11:00.
    let mut s = simple(3);
    s.calendar = Some(office_hours(8, 16, vec![]));
    s.printing.speed = Speed::CardTime(hours(3.0));
    let out = Model::new(&s).replicate(0);
    assert_close(
        out.cleared.unwrap().day,
        1.0 + 1.0 / 24.0,
        SECOND,
        "cleared day",
    );
    assert_eq!(out.cleared.unwrap().workdays, 2);
}

#[test]
fn a_stockout_stops_printing_and_a_shipment_restarts_it() {
    // A card an hour around the clock; 10 blanks last 10 hours; 1,000 more
    // arrive at 48 h; the other 90 cards take 90 h: clear at 138 h.
    let mut s = simple(100);
    s.blanks = Some(BlanksConfig {
        initial: 10,
        shipments: vec![Shipment {
            at: 2.0,
            quantity: 1_000,
            delay: None,
        }],
        reorder: None,
    });
    let out = Model::new(&s).replicate(0);
    assert_close(
        out.cleared.unwrap().day,
        138.0 / 24.0,
        SECOND,
        "cleared day",
    );
    // The tenth card takes the last blank when it starts, at 9 h: the shelf is
    // empty from then on, although the printer works until 10 h.
    assert_close(out.hours.stockout, 39.0, 1e-6, "stockout hours");
    assert_close(out.lost.blanks, 38.0, 1e-6, "cards lost to the stockout");
    assert_eq!(out.daily[1].blanks, 0, "empty at the end of the first day");
    assert_eq!(out.daily[1].printed, 10);
    assert_eq!(out.blanks_used, 100);
    assert_eq!(
        out.blank_arrivals,
        [ktpsim::model::outcome::BlankArrival {
            day: 2.0,
            quantity: 1_000,
            reorder: false
        }]
    );
}

#[test]
fn priority_classes_are_served_in_order() {
    // 50 first-time then 50 regular records, a card an hour: first-time waits
    // 1..50 h (mean 25.5 h), regular 51..100 h (mean 75.5 h).
    let mut s = simple(100);
    s.classes = vec!["first_time".into(), "regular".into()];
    s.backlog = Some(BacklogConfig {
        initial: 100,
        mix: vec![0.5, 0.5],
    });
    let out = Model::new(&s).replicate(0);
    assert_close(
        out.wait_by_class[0].mean.unwrap() * 24.0,
        25.5,
        1e-9,
        "first-time wait",
    );
    assert_close(
        out.wait_by_class[1].mean.unwrap() * 24.0,
        75.5,
        1e-9,
        "regular wait",
    );
    assert_close(out.wait.mean.unwrap() * 24.0, 50.5, 1e-9, "overall wait");
    // Nearest rank: the 90th of 100 waits is 90 h.
    assert_close(out.wait.p90.unwrap() * 24.0, 90.0, 1e-9, "p90 wait");
}

#[test]
fn rejects_spend_blanks_and_go_back_to_the_queue() {
    let mut s = simple(2_000);
    s.printing.reject_rate = 0.25;
    s.blanks = Some(BlanksConfig {
        initial: 1_000_000,
        shipments: vec![],
        reorder: None,
    });
    let out = Model::new(&s).replicate(0);
    assert_eq!(out.printed, 2_000, "every record printed in the end");
    assert_eq!(out.blanks_used, out.printed + out.rejects);
    // Each card slot is one hour, passed or rejected.
    let slots = (out.printed + out.rejects) as f64;
    assert_close(
        out.cleared.unwrap().day * 24.0,
        slots,
        1e-6,
        "hours printing",
    );
    // Rejects are geometric: expected 2,000 * 0.25 / 0.75 = 666.7, sd about 21.
    assert_close(out.rejects as f64, 666.7, 100.0, "rejects");
    assert_eq!(
        *out.daily.last().unwrap(),
        ktpsim::model::outcome::DailyPoint {
            awaiting: 0,
            initial_unprinted: 0,
            printed: 2_000,
            blanks: 1_000_000 - out.blanks_used,
        }
    );
}

fn two_state_link(up_days: f64, down_days: f64, down_factor: f64) -> NetworkConfig {
    NetworkConfig {
        states: vec![
            LinkState {
                name: "up".into(),
                throughput: 1.0,
                stay: Dist::exponential(up_days).unwrap(),
                next: vec![0.0, 1.0],
            },
            LinkState {
                name: "down".into(),
                throughput: down_factor,
                stay: Dist::exponential(down_days).unwrap(),
                next: vec![1.0, 0.0],
            },
        ],
        initial: 0,
        outages: vec![],
    }
}

#[test]
fn a_link_up_three_quarters_of_the_time_gives_three_quarters_of_the_rate() {
    // Up 3 days, down 1 day on average: the long-run rate is 0.75 * 24 cards a
    // day. Over 20 replications of 400 days the mean share has a standard error
    // near 0.7%; the tolerance is 3%.
    let mut s = simple(1_000_000);
    s.horizon = 400.0;
    s.network = Some(two_state_link(3.0, 1.0, 0.0));
    let model = Model::new(&s);
    let (mut rate, mut down) = (0.0, 0.0);
    for i in 0..20 {
        let out = model.replicate(i);
        rate += out.printed as f64 / 400.0 / 20.0;
        down += out.hours.link_down / (400.0 * 24.0) / 20.0;
        assert_close(
            out.lost.link_down,
            out.hours.link_down,
            1.0 + 1e-6,
            "lost cards = down hours at a card an hour",
        );
    }
    assert_close(rate / 24.0, 0.75, 0.03, "share of full rate");
    assert_close(down, 0.25, 0.03, "share of time down");
}

#[test]
fn a_degraded_link_prints_at_its_throughput() {
    let mut s = simple(1_000_000);
    s.horizon = 400.0;
    s.network = Some(two_state_link(1.0, 1.0, 0.5));
    let model = Model::new(&s);
    let mut rate = 0.0;
    for i in 0..20 {
        let out = model.replicate(i);
        rate += out.printed as f64 / 400.0 / 20.0;
        let expected_loss = 0.5 * out.hours.link_degraded;
        assert_close(out.lost.link_degraded, expected_loss, 1.0, "degraded loss");
    }
    assert_close(rate / 24.0, 0.75, 0.03, "share of full rate");
}

#[test]
fn losses_after_clearing_count_over_the_whole_run_only() {
    // A card an hour around the clock, 10 records, 10 blanks, a 48-hour
    // horizon; recording on with nobody recording keeps the run going to the
    // horizon. The server is down 02:00-05:00 after the start (before
    // clearing) and 24:00-36:00 (after). The card that takes the last blank
    // starts at 12 h: card 3 takes its blank at 2 h and waits out the outage,
    // cards 3-10 print 5 h-13 h. Cleared at 13 h.
    let mut s = simple(10);
    s.horizon = 2.0;
    s.recording = Some(RecordingConfig {
        per_workday: Dist::constant(0.0).unwrap(),
        mix: vec![1.0],
        pool: None,
    });
    s.blanks = Some(BlanksConfig {
        initial: 10,
        shipments: vec![],
        reorder: None,
    });
    let outage = |name: &str, at_hours: f64, hours_long: f64| ServerOutage {
        name: name.into(),
        when: OutageTiming::At(at_hours / 24.0),
        duration: hours(hours_long),
    };
    s.server = Some(ServerConfig {
        outages: vec![outage("before", 2.0, 3.0), outage("after", 24.0, 12.0)],
    });
    let out = Model::new(&s).replicate(0);
    assert_close(out.cleared.unwrap().day * 24.0, 13.0, 1e-6, "cleared");
    let to = out.to_clearing;
    assert_eq!((to.printed, to.rejects), (10, 0));
    // Until 13 h: 3 hours of server (3 cards), the shelf empty from 12 h.
    assert_close(to.hours.server_down, 3.0, 1e-6, "server hours to clearing");
    assert_close(to.lost.server, 3.0, 1e-6, "server cards to clearing");
    assert_close(to.hours.stockout, 1.0, 1e-6, "stockout hours to clearing");
    assert_eq!(to.lost.blanks, 0.0, "the printer was busy until clearing");
    assert_eq!(to.lost.no_work + to.hours.idle_no_work, 0.0);
    // Over 48 h: 15 server hours; the shelf empty 12 h-48 h; an idle printer
    // with no blanks counts as lost to blanks, not to a lack of work: 35 idle
    // hours less 12 server hours.
    assert_close(out.hours.server_down, 15.0, 1e-6, "server hours");
    assert_close(out.lost.server, 15.0, 1e-6, "server cards");
    assert_close(out.hours.stockout, 36.0, 1e-6, "stockout hours");
    assert_close(out.lost.blanks, 23.0, 1e-6, "cards lost to no blanks");
    assert_eq!(out.lost.no_work, 0.0);
    // Capacity: 48 cards = 10 printed + 15 + 23; 13 cards = 10 + 3.
    assert_close(10.0 + out.lost.server + out.lost.blanks, 48.0, 1e-6, "run");
    assert_close(10.0 + to.lost.server, 13.0, 1e-6, "to clearing");
}

#[test]
fn without_a_clearing_the_figures_to_clearing_are_the_whole_run() {
    // 100 records at a card an hour cannot clear in a 48-hour horizon.
    let mut s = simple(100);
    s.horizon = 2.0;
    let out = Model::new(&s).replicate(0);
    assert_eq!(out.cleared, None);
    assert_eq!(out.to_clearing.hours, out.hours);
    assert_eq!(out.to_clearing.lost, out.lost);
    assert_eq!(out.to_clearing.printed, out.printed);
    assert!((47..=48).contains(&out.printed), "{}", out.printed);
}
