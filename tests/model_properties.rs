//! Property tests: random valid scenarios (every component on or off, small
//! horizons) never panic, and every replication keeps the model's laws: blanks
//! used = printed + rejects, stock never below zero, the clock never goes back,
//! no more cards than the blanks and the printers allow, and no clearing before
//! the initial backlog could have been printed at the fastest possible rate.

use proptest::prelude::*;

use ktpsim::model::{Model, Outcome};
use ktpsim::scenario::load_str;

/// The knobs a random scenario is made of.
#[derive(Debug, Clone)]
struct Params {
    horizon_days: u32,
    calendar: bool,
    backlog: u64,
    printers: u32,
    /// Cards per day (min, max), or card time in minutes (min, max).
    per_day: bool,
    speed: (u32, u32),
    reject_rate: f64,
    link: Option<(f64, f64)>,
    outage_every_days: Option<f64>,
    blanks: Option<(u64, u64, u64)>,
    recording: Option<(u32, u64)>,
    distribution: bool,
    /// Three priority classes instead of one.
    classes: bool,
    seed: u64,
}

fn params() -> impl Strategy<Value = Params> {
    (
        (0u32..60, any::<bool>(), 0u64..3000, 0u32..4, any::<bool>()),
        (1u32..200, 0u32..200, 0.0..0.3f64),
        proptest::option::of((0.0..=1.0f64, 0.1..5.0f64)),
        proptest::option::of(0.5..30.0f64),
        proptest::option::of((0u64..2000, 0u64..500, 1u64..2000)),
        proptest::option::of((0u32..100, 0u64..5000)),
        (any::<bool>(), any::<bool>(), 0..i64::MAX as u64),
    )
        .prop_map(
            |(
                (horizon_days, calendar, backlog, printers, per_day),
                (lo, extra, reject_rate),
                link,
                outage_every_days,
                blanks,
                recording,
                (distribution, classes, seed),
            )| Params {
                horizon_days,
                calendar,
                backlog,
                printers,
                per_day,
                speed: (lo, lo + extra),
                reject_rate,
                link,
                outage_every_days,
                blanks,
                recording,
                distribution,
                classes,
                seed,
            },
        )
}

fn toml(p: &Params) -> String {
    let mut t = format!(
        "[scenario]\nname = \"p\"\nstart = 2017-09-25T08:00:00\nhorizon = \"{}d\"\nseed = {}\n\
         [backlog]\ninitial = {}\n{}[printing]\nprinters = {}\nreject_rate = {}\n",
        p.horizon_days,
        p.seed,
        p.backlog,
        if p.classes {
            "mix = { a = 0.5, b = 0.2, c = 0.3 }\npriority = [\"a\", \"b\", \"c\"]\n"
        } else {
            ""
        },
        p.printers,
        p.reject_rate
    );
    let (lo, hi) = p.speed;
    t += &if p.per_day {
        format!("cards_per_day = {{ dist = \"uniform\", min = {lo}, max = {hi} }}\n")
    } else {
        format!("card_time = {{ dist = \"uniform\", min = \"{lo}min\", max = \"{hi}min\" }}\n")
    };
    if p.calendar {
        t += "[calendar]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
              hours = [\"07:30\", \"16:00\"]\nholidays = [2017-10-02]\n";
    }
    if let Some((factor, stay)) = p.link {
        t += &format!(
            "[network]\ninitial = \"up\"\n[network.states.up]\nthroughput = 1.0\n\
             stay = {{ dist = \"exponential\", mean = \"{stay}d\" }}\nnext = {{ slow = 1.0 }}\n\
             [network.states.slow]\nthroughput = {factor}\n\
             stay = {{ dist = \"exponential\", mean = \"{stay}d\" }}\nnext = {{ up = 1.0 }}\n"
        );
    }
    if let Some(every) = p.outage_every_days {
        t += &format!(
            "[[server.outages]]\nevery = {{ dist = \"exponential\", mean = \"{every}d\" }}\n\
             duration = {{ dist = \"lognormal\", median = \"1d\", sigma = 1.5 }}\n"
        );
    }
    if let Some((initial, below, quantity)) = p.blanks {
        t += &format!(
            "[blanks]\ninitial = {initial}\n[[blanks.shipments]]\nat = 2017-10-05T00:00:00\n\
             quantity = 700\ndelay = {{ dist = \"uniform\", min = \"0d\", max = \"9d\" }}\n\
             [blanks.reorder]\nbelow = {below}\nquantity = {quantity}\nlead_time = \"5d\"\n"
        );
    }
    if let Some((per_day, pool)) = p.recording {
        t += &format!(
            "[recording]\nper_workday = {{ dist = \"poisson\", mean = {per_day} }}\npool = {pool}\n"
        );
        if p.classes {
            t += "mix = { a = 0.6, b = 0.1, c = 0.3 }\n";
        }
    }
    if p.distribution {
        t += "[distribution]\ndispatch = [\"fri\"]\nto_district = \"2d\"\n\
              to_resident = { dist = \"exponential\", mean = \"5d\" }\n";
    }
    t
}

/// Cards one printer can finish per day of opening hours, at most.
fn fastest_rate(p: &Params, model: &Model) -> f64 {
    let (lo, hi) = p.speed;
    if p.per_day {
        f64::from(hi) / model.calendar().open_length()
    } else {
        1440.0 / f64::from(lo)
    }
}

fn check(p: &Params, model: &Model, o: &Outcome) {
    let horizon = f64::from(p.horizon_days);
    assert_eq!(
        o.blanks_used,
        o.printed + o.rejects,
        "blanks used = printed + rejects"
    );
    assert!(
        (0.0..=horizon).contains(&o.end),
        "the run ends in [0, horizon]: {}",
        o.end
    );
    for (what, m) in [("cleared", o.cleared), ("empty", o.empty)] {
        if let Some(m) = m {
            assert!(
                (0.0..=o.end).contains(&m.day),
                "{what} at {} outside [0, {}]",
                m.day,
                o.end
            );
        }
    }
    // A card reaches its resident after a delay drawn when it leaves, which may
    // fall after the last event, but never past the horizon.
    if let (Some(d), Some(c)) = (o.delivered, o.cleared) {
        assert!(d.day >= c.day && d.day <= horizon, "delivered at {}", d.day);
    }
    for w in o.daily.windows(2) {
        assert!(w[1].printed >= w[0].printed, "the clock never goes back");
    }
    if let Some((initial, _, _)) = p.blanks {
        // Stock never negative: what came in covers what went out and what is left.
        let came: u64 = initial + o.blank_arrivals.iter().map(|a| a.quantity).sum::<u64>();
        let left = o.daily.last().map_or(initial, |d| d.blanks);
        assert!(
            left + o.blanks_used <= came,
            "{left} + {} > {came}",
            o.blanks_used
        );
    }
    // Every card, passed or rejected, took a printer's whole work at the
    // fastest speed, inside opening hours, which are at most the run.
    let rate = fastest_rate(p, model) * f64::from(p.printers);
    let cards = (o.printed + o.rejects) as f64;
    assert!(
        cards <= rate * o.end * (1.0 + 1e-9) + 1e-9,
        "{cards} cards in {} days",
        o.end
    );
    if let Some(c) = o.cleared.filter(|_| p.backlog > 0) {
        let fastest = p.backlog as f64 / rate;
        assert!(
            c.day >= fastest * (1.0 - 1e-9),
            "cleared at {} < {fastest}",
            c.day
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_scenarios_keep_the_laws(p in params()) {
        let text = toml(&p);
        let scenario = load_str(&text, "p.toml".as_ref())
            .unwrap_or_else(|e| panic!("{text}\n{e}"));
        let model = Model::new(&scenario);
        for i in 0..3 {
            check(&p, &model, &model.replicate(i));
        }
    }

    /// The tight loops (runs of cards, busy runs, idle cycles) give the same
    /// outcome, to the last bit, as the event loop card by card.
    #[test]
    fn tight_loops_change_nothing(p in params()) {
        let text = toml(&p);
        let scenario = load_str(&text, "p.toml".as_ref())
            .unwrap_or_else(|e| panic!("{text}\n{e}"));
        let (fast, slow) = (Model::new(&scenario), Model::new(&scenario).card_by_card());
        for i in 0..2 {
            prop_assert_eq!(fast.replicate(i), slow.replicate(i), "{}", text);
        }
    }
}
