use super::{STEPS_BETWEEN_STOP_CHECKS, Sim};
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::scenario::load_str;

/// Two million records at 200,000 cards a day, around the clock: ten days
/// of cards, most of them in runs of cards.
fn long_run() -> Model {
    let text = "[scenario]\nname = \"long\"\nstart = 2017-09-25T00:00:00\nhorizon = \"20d\"\n\
                [backlog]\ninitial = 2000000\n[printing]\ncards_per_day = 200000\n";
    Model::new(&load_str(text, "long.toml".as_ref()).expect("valid"))
}

#[test]
fn a_stop_ends_a_long_replication_within_one_check() {
    let stop = Interrupt::new();
    stop.request();
    for model in [long_run(), long_run().card_by_card()] {
        let whole = Sim::new(&model, 0, None).run();
        assert_eq!(whole.printed, 2_000_000);
        let cut = Sim::new(&model, 0, Some(&stop)).run();
        assert!(
            cut.printed > 0 && cut.printed <= 2 * STEPS_BETWEEN_STOP_CHECKS,
            "{} cards printed after the stop",
            cut.printed
        );
    }
}

#[test]
fn replicate_until_gives_the_whole_outcome_or_nothing() {
    let model = long_run();
    let go = Interrupt::new();
    assert_eq!(model.replicate_until(3, &go), Some(model.replicate(3)));
    let stop = Interrupt::new();
    stop.request();
    assert_eq!(model.replicate_until(3, &stop), None);
}
