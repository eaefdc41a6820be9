use super::pool::{Pool, share};
use super::*;
use crate::scenario::national::{Allocation, LotMax, Office, PoolConfig, Timezone};
use crate::scenario::{Shipment, load_str};

/// An office scenario from TOML body text (its `[scenario]` table is added).
fn office_scenario(name: &str, body: &str) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"{name}\"\nstart = 2018-01-02T07:30:00\nhorizon = \"200d\"\n\
         deadline = 2018-03-31\nseed = 7\nreplications = 3\n{body}"
    );
    load_str(&text, format!("{name}.toml").as_ref()).expect("a valid office")
}

/// A busy office: a working week, printers at 100-250 a day, a local link
/// that fails now and then, a server that fails now and then.
fn busy(name: &str, backlog: u64) -> Scenario {
    office_scenario(
        name,
        &format!(
            "[calendar]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
             hours = [\"07:30\", \"16:00\"]\n\
             [backlog]\ninitial = {backlog}\n\
             [recording]\nper_workday = {{ dist = \"poisson\", mean = 30 }}\npool = 3000\n\
             [printing]\nprinters = 2\ncards_per_day = {{ dist = \"uniform\", min = 100, max = 250 }}\n\
             reject_rate = 0.01\n\
             [network]\ninitial = \"up\"\n\
             [network.states.up]\nthroughput = 1.0\nstay = {{ dist = \"exponential\", mean = \"9d\" }}\n\
             next = {{ down = 1.0 }}\n\
             [network.states.down]\nthroughput = 0.0\nstay = {{ dist = \"exponential\", mean = \"8h\" }}\n\
             next = {{ up = 1.0 }}\n"
        ),
    )
}

/// `office` fed by a pool: a shelf of `initial` blanks and a reorder policy
/// without a lead time.
fn pool_fed(mut s: Scenario, initial: u64, below: u64, quantity: u64) -> Scenario {
    s.blanks = Some(crate::scenario::BlanksConfig {
        initial,
        shipments: Vec::new(),
        reorder: Some(crate::scenario::Reorder {
            below,
            quantity,
            lead_time: None,
        }),
    });
    s
}

fn office(scenario: Scenario, transit: Option<Dist>) -> Office {
    Office {
        name: scenario.name.clone(),
        region: "Jawa Timur".into(),
        timezone: Timezone::Wib,
        scenario,
        transit,
    }
}

/// A national scenario over `offices`, the first office's settings as its own.
fn national(
    offices: Vec<Office>,
    central: Option<crate::scenario::NetworkConfig>,
    pool: Option<PoolConfig>,
) -> Model {
    let mut s = offices[0].scenario.clone();
    s.name = "national".into();
    s.network = None;
    s.national = Some(Box::new(NationalConfig {
        offices,
        central,
        pool,
        template: "template.toml".into(),
        table: None,
    }));
    Model::new(&s)
}

fn central_link(text: &str) -> crate::scenario::NetworkConfig {
    office_scenario("c", &format!("[printing]\ncards_per_day = 1\n{text}"))
        .network
        .expect("a [network] table")
}

const FLAKY_CENTRAL: &str = "[network]\ninitial = \"up\"\n\
    [network.states.up]\nthroughput = 1.0\nstay = { dist = \"exponential\", mean = \"6d\" }\n\
    next = { slow = 0.5, down = 0.5 }\n\
    [network.states.slow]\nthroughput = 0.4\nstay = { dist = \"exponential\", mean = \"1d\" }\n\
    next = { up = 1.0 }\n\
    [network.states.down]\nthroughput = 0.0\nstay = { dist = \"lognormal\", median = \"6h\", sigma = 1.0 }\n\
    next = { up = 1.0 }\n";

#[test]
fn one_office_alone_is_its_single_office_run() {
    let alone = busy("kab-bojonegoro", 5_000);
    let model = national(vec![office(alone.clone(), None)], None, None);
    let mut single = alone.clone();
    single.seed = office_seed(alone.seed, "kab-bojonegoro");
    let single = Model::new(&single);
    for rep in 0..3 {
        let n = model.replicate(rep);
        let o = single.replicate(rep);
        assert!(o.cleared.is_some(), "the office clears within the run");
        assert_eq!(n.cleared, o.cleared, "replication {rep}");
        assert_eq!(n.printed, o.printed);
        assert_eq!(n.rejects, o.rejects);
        assert_eq!(n.hours, o.hours);
        assert_eq!(n.lost, o.lost);
        assert_eq!(n.daily, o.daily);
        let offices = &n.national.as_ref().unwrap().offices;
        assert_eq!(offices[0].cleared, o.cleared.map(|m| m.day));
    }
}

#[test]
fn a_run_in_pieces_is_the_run_in_one_piece() {
    let s = pool_fed(busy("kab-x", 6_000), 500, 400, 1_000);
    // Lots arrive a day after each request: the pool's part, done by hand.
    let model = Model::national_office(&s, s.seed, Some(LotMax::None));
    for rep in 0..2 {
        let mut whole = Sim::new(&model, rep, None);
        whole.start(&[]);
        let mut pieces = Sim::new(&model, rep, None);
        pieces.start(&[]);
        let mut t = 0.0;
        let feed = |sim: &mut Sim<'_>, until: Days| loop {
            match sim.run_until(until) {
                Pause::Request => {
                    let now = sim.now();
                    let lots: Vec<u64> = sim.take_requests().collect();
                    for q in lots {
                        sim.send_lot(now + 1.0, q);
                    }
                }
                p => return p,
            }
        };
        assert_eq!(feed(&mut whole, f64::INFINITY), Pause::Ended);
        loop {
            t += 0.37;
            if feed(&mut pieces, t) == Pause::Ended {
                break;
            }
        }
        assert_eq!(whole.finish(), pieces.finish(), "replication {rep}");
    }
}

#[test]
fn identical_constant_offices_clear_together_under_the_central_link() {
    let steady = |name: &str| {
        office_scenario(
            name,
            "[calendar]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
             hours = [\"08:00\", \"16:00\"]\n[backlog]\ninitial = 4000\n\
             [printing]\nprinters = 2\ncards_per_day = 150\n",
        )
    };
    let offices = (0..4)
        .map(|k| office(steady(&format!("kab-{k}")), None))
        .collect();
    let model = national(offices, Some(central_link(FLAKY_CENTRAL)), None);
    let mut spread = Vec::new();
    for rep in 0..5 {
        let n = model.replicate(rep);
        let nat = n.national.as_ref().unwrap();
        assert!(
            nat.whole_run.central_down_hours > 0.0,
            "the central link went down"
        );
        let days: Vec<Days> = nat.offices.iter().map(|o| o.cleared.unwrap()).collect();
        assert!(days.iter().all(|&d| d == days[0]), "{days:?}");
        assert_eq!(n.cleared.unwrap().day, days[0]);
        spread.push(days[0]);
    }
    // ... and the central link does vary the day between replications.
    assert!(spread.iter().any(|&d| d != spread[0]), "{spread:?}");
}

#[test]
fn a_shared_outage_hits_every_office_and_local_ones_do_not() {
    let outage = "[network]\ninitial = \"up\"\n[network.states.up]\nthroughput = 1.0\n\
        stay = \"1000d\"\nnext = { down = 1.0 }\n\
        [network.states.down]\nthroughput = 0.0\nstay = \"1h\"\nnext = { up = 1.0 }\n\
        [[network.outages]]\nat = 2018-01-20T00:00:00\nduration = \"5d\"\n";
    let offices: Vec<Office> = (0..3)
        .map(|k| office(busy(&format!("kab-{k}"), 20_000), None))
        .collect();
    let with_central = national(offices.clone(), Some(central_link(outage)), None);
    let without = national(offices, None, None);
    let n = with_central.replicate(0);
    let m = without.replicate(0);
    let nat = n.national.as_ref().unwrap();
    assert!(
        (nat.whole_run.central_down_hours - 120.0).abs() < 1e-9,
        "{}",
        nat.whole_run.central_down_hours
    );
    // Every office lost printing to the link during the five shared days, on
    // top of its own local outages.
    let (a, b) = (&nat.offices, &m.national.as_ref().unwrap().offices);
    for (x, y) in a.iter().zip(b) {
        assert!(
            x.lost.link_down > y.lost.link_down + 2.0 * 100.0,
            "{x:?} vs {y:?}"
        );
    }
    // Local outages differ between offices: their local link losses are not all equal.
    assert!(b.iter().any(|o| o.lost.link_down != b[0].lost.link_down));
}

#[test]
fn an_office_that_shares_nothing_leaves_the_others_unchanged() {
    let central = Some(central_link(FLAKY_CENTRAL));
    let all: Vec<Office> = ["kab-a", "kab-b", "kab-c"]
        .iter()
        .map(|n| office(busy(n, 8_000), None))
        .collect();
    let without_b = vec![all[0].clone(), all[2].clone()];
    let three = national(all, central.clone(), None);
    let two = national(without_b, central, None);
    for rep in 0..3 {
        let x = three.replicate(rep);
        let y = two.replicate(rep);
        let (x, y) = (&x.national.unwrap().offices, &y.national.unwrap().offices);
        assert_eq!(x[0], y[0]);
        assert_eq!(x[2], y[1]);
        assert_ne!(x[0], x[1]);
    }
}

fn pool_config(allocation: Allocation, initial: u64, deliveries: Vec<Shipment>) -> PoolConfig {
    PoolConfig {
        initial,
        deliveries,
        allocation,
        lot_max: LotMax::None,
    }
}

#[test]
fn blanks_are_conserved_at_every_pool_action() {
    for allocation in [
        Allocation::Fifo,
        Allocation::LargestBacklog,
        Allocation::Proportional { review: 7.0 },
    ] {
        let transit = Dist::triangular(1.0, 3.0, 10.0).ok();
        let offices = (0..5)
            .map(|k| {
                let s = pool_fed(
                    busy(&format!("kab-{k}"), 3_000 + 2_000 * k),
                    600,
                    800,
                    1_500,
                );
                office(s, transit.clone())
            })
            .collect();
        let delivery = Shipment {
            at: 30.0,
            quantity: 8_000,
            delay: Dist::uniform(0.0, 20.0).ok(),
        };
        let pool = pool_config(allocation, 4_000, vec![delivery]);
        let model = national(offices, None, Some(pool));
        for rep in 0..3 {
            let (outcome, audits) = model
                .national
                .as_ref()
                .unwrap()
                .replicate_audited(&model, rep);
            assert!(audits.len() > 10, "{allocation:?}: {} audits", audits.len());
            for (t, held, owed) in &audits {
                assert_eq!(held, owed, "{allocation:?}, replication {rep}, day {t}");
            }
            let nat = outcome.national.as_ref().unwrap();
            assert!(nat.pool_sent > 0);
            let received: u64 = nat.offices.iter().map(|o| o.received).sum();
            assert!(received <= nat.pool_sent);
            assert_eq!(nat.pool_initial + nat.pool_delivered, 4_000 + 8_000);
        }
    }
}

#[test]
fn fifo_serves_in_order_of_asking() {
    let mut pool = Pool::new(Allocation::Fifo, 1_000, 3);
    let mut ship = Vec::new();
    pool.request(1.0, 2, 600, &mut ship);
    assert_eq!(ship, [(2, 600)]);
    ship.clear();
    // 400 left: office 0 gets them, the rest of its lot waits; office 1 waits.
    pool.request(2.0, 0, 500, &mut ship);
    pool.request(3.0, 1, 300, &mut ship);
    assert_eq!(ship, [(0, 400)]);
    ship.clear();
    // 350 arrive: office 0's 100 first, then 250 of office 1's 300.
    pool.deliver(5.0, 350, &|_| 0, &mut ship);
    assert_eq!(ship, [(0, 100), (1, 250)]);
    ship.clear();
    pool.deliver(6.0, 1_000, &|_| 0, &mut ship);
    assert_eq!(ship, [(1, 50)]);
    assert_eq!(pool.stock(), 950);
    pool.advance(10.0);
    // Stock was 0 from day 2 to day 5 and from 5 to 6; a request waited 3 to 6
    // (office 1) and 2 to 5 (office 0).
    assert_eq!(pool.stockout_days(10.0), 4.0);
    // Up to a moment: the stretch it falls in is cut there.
    assert_eq!(pool.stockout_days(2.0), 0.0);
    assert_eq!(pool.stockout_days(4.5), 2.5);
    assert_eq!(pool.stockout_days(5.5), 3.5);
    assert_eq!(pool.stockout_days(6.0), 4.0);
    assert_eq!(pool.waiting_days, 4.0);
    assert_eq!(pool.office_waiting_days, vec![3.0, 3.0, 0.0]);
}

#[test]
fn largest_backlog_serves_the_biggest_queue_first_when_stock_comes() {
    let mut pool = Pool::new(Allocation::LargestBacklog, 0, 3);
    let mut ship = Vec::new();
    pool.request(1.0, 0, 500, &mut ship);
    pool.request(2.0, 1, 500, &mut ship);
    pool.request(3.0, 2, 500, &mut ship);
    assert!(ship.is_empty());
    let backlog = |i: usize| [2_000, 9_000, 2_000][i];
    pool.deliver(4.0, 1_200, &backlog, &mut ship);
    // Office 1 (9,000 waiting) first, then the tie 0 and 2 in order of asking.
    assert_eq!(ship, [(1, 500), (0, 500), (2, 200)]);
}

#[test]
fn proportional_rounds_share_by_backlog_within_what_is_asked() {
    let mut pool = Pool::new(Allocation::Proportional { review: 7.0 }, 1_000, 4);
    let mut ship = Vec::new();
    pool.request(1.0, 0, 1_000, &mut ship);
    pool.request(1.5, 1, 1_000, &mut ship);
    pool.request(2.0, 2, 100, &mut ship);
    assert!(ship.is_empty(), "requests wait for the round");
    // Backlogs 3,000 : 1,000 : 6,000. Office 2 would get 600 but asks 100;
    // the other 900 go 3:1 to offices 0 and 1: 675 and 225.
    let backlog = |i: usize| [3_000, 1_000, 6_000, 0][i];
    pool.review(7.0, &backlog, &mut ship);
    assert_eq!(ship, [(0, 675), (1, 225), (2, 100)]);
    assert_eq!(pool.stock(), 0);
    // Whole blanks by largest remainder: 10 shared 1:1:1 gives 4, 3, 3.
    assert_eq!(share(10, &[(0, 50, 1), (1, 50, 1), (2, 50, 1)]), [4, 3, 3]);
    // All backlogs 0: equal shares.
    assert_eq!(share(9, &[(0, 50, 0), (1, 50, 0), (2, 50, 0)]), [3, 3, 3]);
    // Enough for everyone: everyone gets what it asks.
    assert_eq!(share(500, &[(0, 50, 0), (1, 70, 9)]), [50, 70]);
}

#[test]
fn lot_caps_in_days_follow_capacity() {
    let s = busy("kab-x", 100);
    let cap = |lot_max| Model::national_office(&s, 1, Some(lot_max)).pool_lot;
    // Two printers at 175 a day on average, 30 days.
    assert_eq!(cap(LotMax::Days(30.0)), Some(10_500));
    assert_eq!(cap(LotMax::Count(500)), Some(500));
    assert_eq!(cap(LotMax::None), Some(u64::MAX));
    assert_eq!(Model::national_office(&s, 1, None).pool_lot, None);
}

#[test]
fn central_hours_run_to_any_moment() {
    // Up, slow from day 1, down from day 2 to 2.5, up again.
    let t = central::Trajectory {
        changes: vec![(0.0, 1.0), (1.0, 0.5), (2.0, 0.0), (2.5, 1.0)],
    };
    assert_eq!(t.hours(0.5), (0.0, 0.0));
    assert_eq!(t.hours(1.5), (0.0, 12.0));
    assert_eq!(t.hours(2.25), (6.0, 24.0));
    // After the last change the link is up: the same as to the horizon.
    assert_eq!(t.hours(3.0), t.hours(100.0));
    assert_eq!(t.hours(100.0), (12.0, 24.0));
    // Still down at `until`: counted to it.
    let down = central::Trajectory {
        changes: vec![(0.0, 1.0), (4.0, 0.0)],
    };
    assert_eq!(down.hours(5.0), (24.0, 0.0));
    assert_eq!(central::Trajectory::default().hours(10.0), (0.0, 0.0));
}

#[test]
fn a_national_run_clears_by_the_deadline_when_every_office_does_in_its_own_time() {
    let wit = 2.0 / 24.0;
    let at = 10.0;
    let office = |cleared: Option<Days>, ahead: Days| OfficeOutcome {
        cleared,
        ahead,
        ..OfficeOutcome::default()
    };
    let outcome = |offices: Vec<OfficeOutcome>, end: Days| {
        let last = offices
            .iter()
            .map(|o| o.cleared)
            .collect::<Option<Vec<_>>>()
            .map(|c| c.into_iter().fold(0.0, f64::max));
        Outcome {
            cleared: last.map(|day| Moment {
                day,
                workdays: 0,
                date: jiff::civil::date(2018, 1, 1),
            }),
            end,
            national: Some(Box::new(NationalOutcome {
                offices,
                ..NationalOutcome::default()
            })),
            ..Model::new(&busy("kab-x", 10)).replicate(0)
        }
    };
    // A WIT office an hour before the end of the date on the data centre's
    // clock is an hour after the end of it in its own: late.
    let late = outcome(
        vec![office(Some(9.0), 0.0), office(Some(at - 1.0 / 24.0), wit)],
        20.0,
    );
    assert_eq!(late.cleared.unwrap().day, at - 1.0 / 24.0);
    assert_eq!(late.cleared_by(at), Some(false));
    assert_eq!(
        late.national.as_ref().unwrap().offices[1].cleared_by(at, 20.0),
        Some(false)
    );
    // Three hours before: on time, as the WIB office is.
    let on_time = outcome(
        vec![office(Some(9.0), 0.0), office(Some(at - 3.0 / 24.0), wit)],
        20.0,
    );
    assert_eq!(on_time.cleared_by(at), Some(true));
    // Not cleared by the end of the run, before the deadline: unknown,
    // unless another office is known to be late.
    let open = outcome(vec![office(Some(9.0), 0.0), office(None, wit)], 9.5);
    assert_eq!(open.cleared_by(at), None);
    let open_and_late = outcome(vec![office(Some(at + 0.5), 0.0), office(None, wit)], 9.5);
    assert_eq!(open_and_late.cleared_by(at), Some(false));
    // Not cleared, the deadline within the run: a miss.
    let missed = outcome(vec![office(Some(9.0), 0.0), office(None, wit)], 20.0);
    assert_eq!(missed.cleared_by(at), Some(false));
}

#[test]
fn a_stop_ends_the_pool_s_rounds_not_only_the_offices() {
    // A round every quarter of an hour for 200 days: 19,200 rounds, each one
    // shipping and counting the blanks; after a stop none should run.
    let transit = Dist::constant(1.0).ok();
    let offices = (0..3)
        .map(|k| {
            office(
                pool_fed(busy(&format!("kab-{k}"), 3_000), 600, 800, 1_500),
                transit.clone(),
            )
        })
        .collect();
    let pool = pool_config(
        Allocation::Proportional {
            review: 0.25 / 24.0,
        },
        4_000,
        Vec::new(),
    );
    let model = national(offices, None, Some(pool));
    let n = model.national.as_ref().unwrap();
    let mut running = Vec::new();
    n.replicate_with(&model, 0, None, Some(&mut running));
    assert!(running.len() > 19_000, "{} audits", running.len());
    let stop = Interrupt::new();
    stop.request();
    let mut stopped = Vec::new();
    n.replicate_with(&model, 0, Some(&stop), Some(&mut stopped));
    // Only the lots the offices asked for before they looked at the flag.
    assert!(stopped.len() < 100, "{} audits after a stop", stopped.len());
}
