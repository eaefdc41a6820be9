//! When the initial backlog reaches residents: the day 90% of it is in their
//! hands (`delivered_90`) beside the day the last card is (`delivered`).

mod common;

use common::{assert_close, hours, office_hours, simple};
use ktpsim::dist::Dist;
use ktpsim::model::Model;
use ktpsim::scenario::{DistributionConfig, Speed};

const SECOND: f64 = 1.0 / 86_400.0;

fn daily_dispatch(to_district: Dist, to_resident: Dist) -> Option<DistributionConfig> {
    Some(DistributionConfig {
        dispatch: [true, true, true, true, true, false, false],
        to_district,
        to_resident,
    })
}

#[test]
fn ninety_percent_is_delivered_with_the_batch_that_holds_the_ceil_of_ninety_percent() {
    // 18 cards of 54 minutes, open 08:00-16:00, dispatched every working day
    // at 16:00, 1 day to the district and 2 to the resident. Monday prints
    // cards 1-8 (the 8th done 15:12; the 9th is cut off at 16:00 with 6
    // minutes to go), Tuesday cards 9-17 (08:06, then every 54 minutes to
    // 15:18), Wednesday card 18 (done 08:12). Monday's batch arrives Thursday
    // 16:00, Tuesday's Friday, Wednesday's Saturday. 90% of 18 is 16.2: the
    // 17th card, Tuesday's batch, day 4 + 8 h; the last card day 5 + 8 h.
    let mut s = simple(18);
    s.calendar = Some(office_hours(8, 16, vec![]));
    s.printing.speed = Speed::CardTime(hours(0.9));
    s.distribution = daily_dispatch(Dist::constant(1.0).unwrap(), hours(48.0));
    let out = Model::new(&s).replicate(0);
    assert_close(
        out.cleared.unwrap().day,
        2.0 + 0.2 / 24.0,
        SECOND,
        "cleared",
    );
    let ninety = out.delivered_90.unwrap();
    assert_close(ninety.day, 4.0 + 8.0 / 24.0, SECOND, "90% delivered");
    assert_eq!(ninety.date, jiff::civil::date(2017, 9, 29));
    assert_eq!(ninety.workdays, 5);
    assert_close(
        out.delivered.unwrap().day,
        5.0 + 8.0 / 24.0,
        SECOND,
        "all delivered",
    );
    // 90% of 8 is the 8th card (Monday's batch), of 9 the 9th and of 17 the
    // 16th (Tuesday's), of 20 the 18th (Wednesday's).
    for (cards, day) in [(8, 3.0), (9, 4.0), (17, 4.0), (20, 5.0)] {
        s.backlog.as_mut().unwrap().initial = cards;
        let out = Model::new(&s).replicate(0);
        let got = out.delivered_90.unwrap().day;
        assert_close(got, day + 8.0 / 24.0, SECOND, &format!("{cards} cards"));
    }
}

#[test]
fn without_distribution_ninety_percent_is_delivered_when_printed() {
    // 80 cards a working day, 08:00-16:00 (10 an hour), Wednesday 27 September
    // a holiday: the 900th of 1,000 cards is printed after 11 full working days
    // (Sep 25, 26, 28, 29, Oct 2-6, 9, 10) and 20 cards on Wednesday 11 October:
    // 10:00, day 16 + 2 h. The tight loop over runs of cards stops for it.
    let mut s = simple(1_000);
    s.calendar = Some(office_hours(8, 16, vec![jiff::civil::date(2017, 9, 27)]));
    s.printing.speed = Speed::CardsPerDay(Dist::constant(80.0).unwrap());
    let model = Model::new(&s);
    let out = model.replicate(0);
    let ninety = out.delivered_90.unwrap();
    assert_close(ninety.day, 16.0 + 2.0 / 24.0, SECOND, "90% printed");
    assert_eq!(ninety.workdays, 12);
    assert_eq!(out.delivered, out.cleared);
    assert_eq!(model.clone().card_by_card().replicate(0), out);
    // A card an hour: the 90th of 100 at 90 h, the 9th of 10 at 9 h, the
    // only card of 1 at 1 h.
    for (cards, at) in [(100, 90.0), (10, 9.0), (1, 1.0)] {
        let out = Model::new(&simple(cards)).replicate(0);
        assert_close(
            out.delivered_90.unwrap().day * 24.0,
            at,
            1e-6,
            "card an hour",
        );
    }
    assert_eq!(
        Model::new(&simple(0))
            .replicate(0)
            .delivered_90
            .unwrap()
            .day,
        0.0
    );
}

#[test]
fn ninety_percent_of_exponential_pick_ups_is_their_order_statistic() {
    // 100 cards a minute apart, one dispatch, a day to the district, pick-ups
    // exponential with mean 10 days: the 90th of 100 delivered is the 90th
    // order statistic of 100 exponentials, mean 10 (H(100) - H(10)) = 22.584
    // days after the district, sd 3.08; over 400 replications the standard
    // error is 0.154 and the tolerance 0.6. The last card's mean is 10 H(100),
    // sd 12.8, standard error 0.64, tolerance 2.6.
    let mut s = simple(100);
    s.printing.speed = Speed::CardTime(hours(1.0 / 60.0));
    s.horizon = 400.0;
    s.distribution = Some(DistributionConfig {
        dispatch: [true; 7],
        to_district: Dist::constant(1.0).unwrap(),
        to_resident: Dist::exponential(10.0).unwrap(),
    });
    let model = Model::new(&s);
    let n = 400u32;
    let (mut ninety, mut last) = (0.0, 0.0);
    for i in 0..n {
        let out = model.replicate(u64::from(i));
        // Without a calendar the office closes, and dispatches, at midnight.
        let district = 1.0 + 16.0 / 24.0;
        let (d90, d) = (out.delivered_90.unwrap().day, out.delivered.unwrap().day);
        assert!(d90 <= d && d90 > district, "{d90} {d}");
        ninety += (d90 - district) / f64::from(n);
        last += (d - district) / f64::from(n);
    }
    let h = |n: u32| (1..=n).map(|i| 1.0 / f64::from(i)).sum::<f64>();
    assert_close(ninety, 10.0 * (h(100) - h(10)), 0.6, "90th of 100");
    assert_close(last, 10.0 * h(100), 2.6, "last of 100");
}
