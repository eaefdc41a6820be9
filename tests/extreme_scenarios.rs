//! Valid but extreme scenarios finish promptly with a clear outcome: nothing
//! prints and the backlog is reported as not cleared, never a hang or a crash.
//! docs/hardening.md lists them with their timings.

use std::time::{Duration, Instant};

use ktpsim::model::{Model, Outcome};
use ktpsim::scenario::load_str;

/// `replications` outcomes of a scenario of 1,000 records on one printer at 450
/// a day over a year, with `extra` tables and `head` keys added.
fn run(head: &str, extra: &str, replications: u64) -> (Vec<Outcome>, Duration) {
    let text = format!(
        "[scenario]\nname = \"x\"\nstart = 2017-09-25T08:00:00\n{head}\nseed = 3\n\
         [calendar]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         hours = [\"07:30\", \"16:00\"]\n{extra}"
    );
    let text = if text.contains("horizon") {
        text
    } else {
        text.replace("seed = 3", "seed = 3\nhorizon = \"365d\"")
    };
    let text = if text.contains("[backlog]") {
        text
    } else {
        format!("{text}\n[backlog]\ninitial = 1000\n")
    };
    let text = if text.contains("[printing]") {
        text
    } else {
        format!("{text}\n[printing]\nprinters = 1\ncards_per_day = 450\n")
    };
    let scenario = load_str(&text, "x.toml".as_ref()).expect("valid");
    let model = Model::new(&scenario);
    let started = Instant::now();
    let outcomes = (0..replications).map(|i| model.replicate(i)).collect();
    (outcomes, started.elapsed())
}

fn assert_nothing_printed(outcomes: &[Outcome], took: Duration) {
    assert!(took < Duration::from_secs(5), "took {took:?}");
    for o in outcomes {
        assert_eq!(o.printed, 0);
        assert!(
            o.cleared.is_none(),
            "not cleared, never cleared on the horizon"
        );
    }
}

#[test]
fn zero_printers() {
    let (o, took) = run("", "[printing]\nprinters = 0\ncards_per_day = 450", 20);
    assert_nothing_printed(&o, took);
}

#[test]
fn a_link_that_never_comes_up() {
    let link = "[network]\ninitial = \"down\"\n[network.states.down]\nthroughput = 0.0";
    let (o, took) = run("", link, 20);
    assert_nothing_printed(&o, took);
    assert!(o.iter().all(|o| o.hours.link_down > 0.0));
}

#[test]
fn blanks_that_never_arrive() {
    let (o, took) = run("", "[blanks]\ninitial = 0", 20);
    assert_nothing_printed(&o, took);
}

#[test]
fn a_zero_horizon() {
    let (o, took) = run("horizon = \"0d\"", "", 20);
    assert_nothing_printed(&o, took);
    assert!(o.iter().all(|o| o.end == 0.0));
}

#[test]
fn an_outage_longer_than_the_horizon() {
    let outage = "[[server.outages]]\nat = 2017-09-25T00:00:00\nduration = \"1000d\"";
    let (o, took) = run("", outage, 20);
    assert_nothing_printed(&o, took);
}

#[test]
fn a_backlog_of_a_billion_prints_what_the_year_allows() {
    let (o, took) = run("", "[backlog]\ninitial = 1000000000", 3);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    for o in &o {
        assert!(o.cleared.is_none());
        // About 250 working days at 450 a day.
        assert!((100_000..130_000).contains(&o.printed), "{}", o.printed);
    }
}

#[test]
fn distributions_with_enormous_variance() {
    let wild = "[printing]\nprinters = 2\n\
        cards_per_day = { dist = \"lognormal\", median = 450, sigma = 20 }\n\
        [[server.outages]]\nevery = { dist = \"lognormal\", median = \"10d\", sigma = 20 }\n\
        duration = { dist = \"lognormal\", median = \"1d\", sigma = 20 }\n\
        [recording]\nper_workday = { dist = \"lognormal\", median = 5, sigma = 5 }\npool = 100000";
    let (o, took) = run("", wild, 50);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    for o in &o {
        assert_eq!(o.blanks_used, o.printed + o.rejects);
    }
}
