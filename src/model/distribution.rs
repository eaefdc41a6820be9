//! Getting printed cards to residents: dispatch to the districts at closing time
//! on dispatch weekdays, transit to the district, then pick-up by the resident.
//!
//! It feeds forward only and never slows printing. Only cards of the initial
//! backlog are followed, since the model asks when the last of them reaches its
//! resident (and we report when 90% of them have); later cards cost no random
//! draws. Of each batch only the latest pick-up is drawn at dispatch; where
//! the distribution allows, the pick-ups below it are drawn at the end and only
//! as far as it takes to find the day by which a share of the cards is
//! delivered (`latest.rs`), so that a batch of thousands costs a few draws.

mod latest;

use latest::Batch;

use crate::dist::Below;
use crate::engine::streams::{Stream, stream};
use crate::scenario::DistributionConfig;
use crate::time::Days;

/// Cards printed and waiting for the next dispatch, in one replication.
#[derive(Debug)]
pub struct Distribution<'m> {
    config: &'m DistributionConfig,
    waiting_initial: u64,
    last_delivery: Days,
    rng: Stream,
    /// The pick-ups below each batch's latest, drawn at the end. A stream of
    /// its own, so the dispatch draws are the same whether or not they are.
    below_rng: Stream,
    batches: Vec<Batch>,
    /// Every card's delivery moment, for a `to_resident` whose draws are kept
    /// ([`Below::Kept`]); empty otherwise.
    kept: Vec<Days>,
    dispatched: u64,
}

impl<'m> Distribution<'m> {
    /// Nothing printed yet, at the start of replication `replication`.
    pub fn new(config: &'m DistributionConfig, seed: u64, replication: u64) -> Self {
        Self {
            config,
            waiting_initial: 0,
            last_delivery: 0.0,
            rng: stream(seed, replication, "distribution"),
            below_rng: stream(seed, replication, "distribution-below"),
            batches: Vec::new(),
            kept: Vec::new(),
            dispatched: 0,
        }
    }

    /// Whether cards leave on this weekday (Monday = 0).
    pub fn dispatches_on(&self, weekday: usize) -> bool {
        self.config.dispatch[weekday]
    }

    /// `n` cards of the initial backlog passed quality control.
    pub fn add_initial(&mut self, n: u64) {
        self.waiting_initial += n;
    }

    /// Cards of the initial backlog printed but not yet dispatched.
    pub fn waiting_initial(&self) -> u64 {
        self.waiting_initial
    }

    /// The batch leaves at `t`: one transit draw for the batch, then each card's
    /// own pick-up time. Only the latest pick-up is drawn now, directly as the
    /// maximum of the batch's (in one step where the distribution allows it).
    pub fn dispatch(&mut self, t: Days) {
        let n = self.waiting_initial;
        if n == 0 {
            return;
        }
        let at_district = t + self.config.to_district.sample(&mut self.rng);
        let from = self.kept.len();
        let (latest, below) =
            self.config
                .to_resident
                .sample_max_ranked(n, &mut self.rng, Some(&mut self.kept));
        for x in &mut self.kept[from..] {
            *x += at_district;
        }
        let last = at_district + latest;
        self.last_delivery = self.last_delivery.max(last);
        self.batches.push(Batch {
            at_district,
            latest,
            last,
            others: n - 1,
            below,
        });
        self.dispatched += n;
        self.waiting_initial = 0;
    }

    /// When the last dispatched initial-backlog card reaches its resident.
    pub fn last_delivery(&self) -> Days {
        self.last_delivery
    }

    /// When the `k`-th dispatched card of the initial backlog (`k` >= 1, in
    /// order of delivery) reaches its resident; `None` when fewer than `k`
    /// were dispatched. Draws the pick-ups it needs: call once, at the end.
    pub fn kth_delivery(&mut self, k: u64) -> Option<Days> {
        debug_assert!(k >= 1, "the first card is k = 1");
        if k > self.dispatched {
            return None;
        }
        let rank = self.dispatched - k + 1;
        match self.batches.first().map(|b| b.below) {
            Some(Below::Kept) => {
                let i = usize::try_from(k - 1).expect("kept draws fit in memory");
                let (_, x, _) = self.kept.select_nth_unstable_by(i, f64::total_cmp);
                Some(*x)
            }
            Some(Below::Same) => {
                // Every card of a batch arrives with its last.
                self.batches
                    .sort_unstable_by(|a, b| b.last.total_cmp(&a.last));
                let mut counted = 0;
                self.batches.iter().find_map(|b| {
                    counted += b.others + 1;
                    (counted >= rank).then_some(b.last)
                })
            }
            Some(Below::Truncated) => Some(latest::rank_th_latest(
                &self.batches,
                &self.config.to_resident,
                rank,
                &mut self.below_rng,
            )),
            None => unreachable!("k <= dispatched, so a batch was dispatched"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::Dist;

    fn config(to_resident: Dist) -> DistributionConfig {
        DistributionConfig {
            dispatch: [true; 7],
            to_district: Dist::constant(0.0).unwrap(),
            to_resident,
        }
    }

    /// Batches of `cards` each, dispatched at `times`, in replication `i`.
    fn dispatched<'c>(
        c: &'c DistributionConfig,
        cards: u64,
        times: &[f64],
        i: u64,
    ) -> Distribution<'c> {
        let mut d = Distribution::new(c, 7, i);
        for &t in times {
            d.add_initial(cards);
            d.dispatch(t);
        }
        d
    }

    #[test]
    fn the_kth_delivery_comes_from_the_batch_that_holds_it() {
        // Two batches of 10, at days 0 and 100, pick-ups within a few days:
        // the 10th delivery is the first batch's last, the 11th the second
        // batch's first, the 20th the last of all.
        for to_resident in [
            Dist::uniform(0.0, 1.0).unwrap(),
            Dist::exponential(0.2).unwrap(),
            Dist::triangular(0.0, 0.5, 1.0).unwrap(),
        ] {
            let c = config(to_resident);
            for i in 0..20 {
                let kth = |k| {
                    dispatched(&c, 10, &[0.0, 100.0], i)
                        .kth_delivery(k)
                        .unwrap()
                };
                let first = dispatched(&c, 10, &[0.0], i).last_delivery();
                let last = dispatched(&c, 10, &[0.0, 100.0], i).last_delivery();
                assert_eq!(kth(10), first);
                assert_eq!(kth(20), last);
                assert!((1..10).all(|k| kth(k) < first));
                assert!((11..20).all(|k| (100.0..last).contains(&kth(k))));
            }
        }
    }

    #[test]
    fn the_kth_delivery_has_the_law_of_drawing_every_card() {
        // Two overlapping batches of 500, dispatched a day apart, pick-ups
        // exponential with mean 1 or uniform on [0, 2]: the 900th and the
        // 999th delivery of 1,000 as found by bisection, against those of
        // 1,000 pick-ups drawn card by card. 2,000 replications each: the
        // 900th has a standard deviation near 0.1 (standard error of the
        // difference of means 0.003, tolerance 0.015), the 999th one under 0.9
        // (0.025, tolerance 0.08).
        use rand::SeedableRng;
        for to_resident in [
            Dist::exponential(1.0).unwrap(),
            Dist::uniform(0.0, 2.0).unwrap(),
        ] {
            let c = config(to_resident.clone());
            let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(1);
            let n = 2_000u32;
            for (k, tolerance) in [(900, 0.015), (999, 0.08)] {
                let (mut ours, mut every) = (0.0, 0.0);
                for i in 0..n {
                    let mut d = dispatched(&c, 500, &[0.0, 1.0], u64::from(i));
                    ours += d.kth_delivery(k).unwrap() / f64::from(n);
                    let mut all: Vec<f64> = (0..1_000)
                        .map(|j| f64::from(u8::from(j >= 500)) + to_resident.sample(&mut rng))
                        .collect();
                    all.sort_unstable_by(f64::total_cmp);
                    every += all[usize::try_from(k - 1).unwrap()] / f64::from(n);
                }
                assert!(
                    (ours - every).abs() < tolerance,
                    "{to_resident:?}, k = {k}: {ours} vs {every}"
                );
            }
        }
    }

    #[test]
    fn constant_pick_ups_count_a_batch_at_once() {
        let c = config(Dist::constant(2.0).unwrap());
        let kth: Vec<f64> = (1..=20)
            .map(|k| {
                dispatched(&c, 10, &[0.0, 100.0], 0)
                    .kth_delivery(k)
                    .unwrap()
            })
            .collect();
        assert_eq!(kth[..10], [2.0; 10]);
        assert_eq!(kth[10..], [102.0; 10]);
        let mut d = Distribution::new(&c, 7, 3);
        d.add_initial(4);
        d.dispatch(1.0);
        assert_eq!(d.kth_delivery(5), None, "only 4 dispatched");
    }
}
