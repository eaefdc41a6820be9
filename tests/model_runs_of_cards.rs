//! The tight loop for runs of cards changes nothing: every replication of every
//! bundled scenario gives the same outcome, to the last bit, with and without it.

mod common;

use ktpsim::model::Model;
use ktpsim::scenario::Scenario;

fn assert_same(s: &Scenario, replications: u64) {
    let fast = Model::new(s);
    let slow = Model::new(s).card_by_card();
    for i in 0..replications {
        assert_eq!(
            fast.replicate(i),
            slow.replicate(i),
            "{}, replication {i}",
            s.name
        );
    }
}

#[test]
fn bundled_scenarios_give_identical_outcomes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for f in files {
        assert_same(&ktpsim::scenario::load(&f).unwrap(), 6);
    }
}

#[test]
fn hand_built_scenarios_give_identical_outcomes() {
    let mut s = common::everything_on();
    assert_same(&s, 6);
    // High reject rate and no blanks limit: many short runs.
    s.printing.reject_rate = 0.3;
    s.blanks = None;
    assert_same(&s, 4);
    // No initial backlog: every card is a new record's, mostly printed in the
    // idle cycles, which here meet a small shelf with reorders and stock-outs,
    // rejects, and cards still printing when the next record comes.
    let mut arrivals = common::everything_on();
    arrivals.backlog = Some(ktpsim::scenario::BacklogConfig {
        initial: 0,
        mix: vec![0.5, 0.1, 0.4],
    });
    arrivals.printing.reject_rate = 0.05;
    arrivals.printing.speed =
        ktpsim::scenario::Speed::CardsPerDay(ktpsim::dist::Dist::uniform(100.0, 300.0).unwrap());
    let blanks = arrivals.blanks.as_mut().unwrap();
    blanks.initial = 300;
    blanks.shipments.clear();
    let reorder = blanks.reorder.as_mut().unwrap();
    reorder.below = 100;
    reorder.quantity = 200;
    reorder.lead_time = Some(ktpsim::dist::Dist::triangular(2.0, 4.0, 10.0).unwrap());
    assert_same(&arrivals, 6);
    // Drawn card times: busy runs and idle cycles with a card-time stream.
    let mut drawn = common::everything_on();
    drawn.printing.reject_rate = 0.05;
    drawn.printing.speed =
        ktpsim::scenario::Speed::CardTime(ktpsim::dist::Dist::exponential(1.0 / 450.0).unwrap());
    assert_same(&drawn, 4);
    arrivals.printing.speed = drawn.printing.speed.clone();
    assert_same(&arrivals, 4);
    let mm1 = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/scenarios/mm1.toml");
    assert_same(
        &ktpsim::scenario::load(std::path::Path::new(mm1)).unwrap(),
        3,
    );
    let mut tiny = common::simple(3);
    tiny.printing.speed =
        ktpsim::scenario::Speed::CardsPerDay(ktpsim::dist::Dist::constant(24.0).unwrap());
    assert_same(&tiny, 2);
}
