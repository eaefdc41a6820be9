//! Server outages, reorders, recording, distribution and common random numbers.

mod common;

use common::{assert_close, hours, office_hours, simple};
use ktpsim::dist::Dist;
use ktpsim::model::Model;
use ktpsim::scenario::{
    BlanksConfig, DistributionConfig, LinkState, NetworkConfig, OutageTiming, RecordingConfig,
    Reorder, ServerConfig, ServerOutage, Speed,
};

const SECOND: f64 = 1.0 / 86_400.0;

fn outage(name: &str, when: OutageTiming, duration: Dist) -> ServerOutage {
    ServerOutage {
        name: name.into(),
        when,
        duration,
    }
}

#[test]
fn a_server_outage_that_began_before_the_start_ends_on_time() {
    // The AC leak soaked the server at 00:00; the run starts at 08:00 and the
    // server dries after 2.5 days, at 12:00 on Wednesday. Open 08:00-16:00:
    // no printing Monday and Tuesday; 4 one-hour cards Wednesday 12:00-16:00.
    let mut s = simple(4);
    s.calendar = Some(office_hours(8, 16, vec![]));
    s.server = Some(ServerConfig {
        outages: vec![outage(
            "AC leak",
            OutageTiming::At(-8.0 / 24.0),
            Dist::constant(2.5).unwrap(),
        )],
    });
    let out = Model::new(&s).replicate(0);
    assert_close(
        out.cleared.unwrap().day,
        2.0 + 8.0 / 24.0,
        SECOND,
        "cleared",
    );
    assert_close(
        out.hours.server_down,
        2.5 * 24.0 - 8.0,
        1e-6,
        "server down hours",
    );
    // Opening hours lost: Monday 8 h, Tuesday 8 h, Wednesday 08:00-12:00.
    assert_close(
        out.hours.certificate_service_lost,
        20.0,
        1e-6,
        "certificate service",
    );
    assert_close(out.lost.server, 20.0, 1e-6, "cards lost to the server");
}

#[test]
fn recurring_outages_take_their_share_of_time() {
    // Down for 1 day after every 9 days up on average (exponential gap from
    // the end... here between onsets, mean 10 d): about 10% of the time.
    let mut s = simple(10_000_000);
    s.horizon = 2_000.0;
    s.server = Some(ServerConfig {
        outages: vec![outage(
            "fault",
            OutageTiming::Every(Dist::exponential(10.0).unwrap()),
            Dist::constant(1.0).unwrap(),
        )],
    });
    let out = Model::new(&s).replicate(0);
    // Overlaps are rare at these rates; 200 outages give a standard error near 7%.
    assert_close(
        out.hours.server_down / (2_000.0 * 24.0),
        0.095,
        0.02,
        "share down",
    );
    assert_close(
        out.printed as f64 + out.lost.server,
        2_000.0 * 24.0,
        1.5,
        "capacity",
    );
}

#[test]
fn reorders_keep_the_inventory_position_above_the_reorder_point() {
    // 24 cards a day, 100 on hand, reorder 50 below 40 with a 1-day lead time:
    // the lot always comes before the shelf is empty (40 blanks last 40 h).
    let mut s = simple(500);
    s.blanks = Some(BlanksConfig {
        initial: 100,
        shipments: vec![],
        reorder: Some(Reorder {
            below: 40,
            quantity: 50,
            lead_time: Some(Dist::constant(1.0).unwrap()),
        }),
    });
    let out = Model::new(&s).replicate(0);
    assert_eq!(out.hours.stockout, 0.0);
    assert_close(out.cleared.unwrap().day, 500.0 / 24.0, SECOND, "cleared");
    assert!(out.daily.iter().all(|d| d.blanks < 100 + 50));
}

#[test]
fn recording_stops_when_the_pool_is_used_up() {
    let mut s = simple(0);
    s.horizon = 30.0;
    s.recording = Some(RecordingConfig {
        per_workday: Dist::constant(10.0).unwrap(),
        mix: vec![1.0],
        pool: Some(95),
    });
    let out = Model::new(&s).replicate(0);
    assert_eq!(out.recorded, 95);
    assert_eq!(out.printed, 95, "a card an hour keeps up with 10 a day");
    assert_eq!(
        out.end, 30.0,
        "with recording on, the run goes to the horizon"
    );
    assert_eq!(
        out.cleared.unwrap().day,
        0.0,
        "no initial backlog: cleared at once"
    );
}

#[test]
fn m_m_1_mean_time_in_system_matches_theory() {
    // Poisson arrivals at 0.8 an hour over a 24-hour day, exponential card time
    // of 1 h: W = 1 / (mu - lambda) = 5 h. 5 replications of 1,500 days
    // (about 150,000 customers); the tolerance is 6%.
    let mut s = simple(0);
    s.horizon = 1_500.0;
    s.printing.speed = Speed::CardTime(Dist::exponential(1.0 / 24.0).unwrap());
    s.recording = Some(RecordingConfig {
        per_workday: Dist::poisson(0.8 * 24.0).unwrap(),
        mix: vec![1.0],
        pool: None,
    });
    let model = Model::new(&s);
    let mean: f64 = (0..5)
        .map(|i| model.replicate(i).wait.mean.unwrap() * 24.0)
        .sum::<f64>()
        / 5.0;
    assert_close(mean, 5.0, 0.3, "mean time in system (hours)");
}

#[test]
fn the_last_card_reaches_its_resident_after_dispatch_and_transit() {
    // 4 one-hour cards printed Monday 08:00-12:00 (open 08:00-16:00); dispatch
    // on Fridays at 16:00; 1 day to the district, 2 days to the resident:
    // Monday 16:00 three days later = day 7 + 8 h.
    let mut s = simple(4);
    s.calendar = Some(office_hours(8, 16, vec![]));
    s.distribution = Some(DistributionConfig {
        dispatch: [false, false, false, false, true, false, false],
        to_district: Dist::constant(1.0).unwrap(),
        to_resident: Dist::constant(2.0).unwrap(),
    });
    let out = Model::new(&s).replicate(0);
    assert_close(out.cleared.unwrap().day, 4.0 / 24.0, SECOND, "cleared");
    let delivered = out.delivered.unwrap();
    assert_close(delivered.day, 7.0 + 8.0 / 24.0, SECOND, "delivered");
    assert_eq!(delivered.date, jiff::civil::date(2017, 10, 2));
}

#[test]
fn scenarios_that_share_a_link_share_its_history() {
    // Common random numbers: one printer or two, the link goes down at the
    // same moments, so the hours down agree exactly (recording keeps both
    // running to the horizon).
    let mut s = simple(2_000);
    s.horizon = 120.0;
    s.recording = Some(RecordingConfig {
        per_workday: Dist::poisson(5.0).unwrap(),
        mix: vec![1.0],
        pool: None,
    });
    s.network = Some(NetworkConfig {
        states: vec![
            LinkState {
                name: "up".into(),
                throughput: 1.0,
                stay: Dist::exponential(4.0).unwrap(),
                next: vec![0.0, 1.0],
            },
            LinkState {
                name: "down".into(),
                throughput: 0.0,
                stay: Dist::exponential(0.5).unwrap(),
                next: vec![1.0, 0.0],
            },
        ],
        initial: 0,
        outages: vec![],
    });
    let mut two = s.clone();
    two.printing.printers = 2;
    two.printing.speed = Speed::CardTime(hours(1.0));
    for i in 0..5 {
        let a = Model::new(&s).replicate(i);
        let b = Model::new(&two).replicate(i);
        assert_eq!(a.hours.link_down, b.hours.link_down);
        assert_eq!(a.recorded, b.recorded, "same arrivals too");
        assert!(b.cleared.unwrap().day < a.cleared.unwrap().day);
    }
}
