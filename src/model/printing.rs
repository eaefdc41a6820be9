//! The printers: cards in progress, their speed, and when each next finishes.
//!
//! A card needs an amount of work: 1 card-unit when speed is given as
//! `cards_per_day`, or a drawn card time when it is given as `card_time`. A
//! printer works at `speed` units per day at full throughput, scaled by the
//! running factor (0 while the office is closed, the server down or the link
//! down; the link's throughput otherwise). A change of factor only re-times the
//! cards in progress: progress is kept (preempt-resume).

use super::backlog::Record;
use crate::time::Days;

/// One printer.
#[derive(Debug, Clone)]
pub struct Printer {
    /// The card in progress, if any.
    pub job: Option<Record>,
    /// Work units per day at full throughput.
    pub speed: Days,
    /// Cards per day this printer would print at full throughput: its lost
    /// capacity is counted at this rate.
    pub nominal: f64,
    remaining: f64,
    since: Days,
    rate: f64,
    finish_at: Days,
}

impl Printer {
    fn new() -> Self {
        Self {
            job: None,
            speed: 0.0,
            nominal: 0.0,
            remaining: 0.0,
            since: 0.0,
            rate: 0.0,
            finish_at: f64::INFINITY,
        }
    }
}

/// All printers of the office.
#[derive(Debug, Clone, Default)]
pub struct Printers {
    printers: Vec<Printer>,
    factor: f64,
    /// Bit `i` is set when printer `i` has a card, for offices of at most 64
    /// printers (`masked`): the scans visit only the printers that can
    /// matter, in index order. Larger offices scan them all.
    busy: u64,
    /// The bits of all printers (`masked` only).
    all: u64,
    masked: bool,
}

/// The indices of the set bits of a word, in increasing order.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }
}

impl Printers {
    /// `count` idle printers, stopped, each with the given speed.
    pub fn reset(&mut self, count: usize, speed: f64, nominal: f64) {
        self.printers.clear();
        self.printers.resize_with(count, Printer::new);
        for p in &mut self.printers {
            p.speed = speed;
            p.nominal = nominal;
        }
        self.factor = 0.0;
        self.masked = count <= 64;
        self.all = if count >= 64 {
            u64::MAX
        } else {
            (1 << count) - 1
        };
        self.busy = 0;
    }

    /// Calls `f` on each printer without a card, in index order.
    #[inline(always)]
    pub fn for_each_idle(&self, mut f: impl FnMut(&Printer)) {
        if self.masked {
            for i in Bits(!self.busy & self.all) {
                f(&self.printers[i]);
            }
        } else {
            for p in self.printers.iter().filter(|p| p.job.is_none()) {
                f(p);
            }
        }
    }

    /// Printer `index`.
    #[inline]
    pub fn get(&self, index: usize) -> &Printer {
        &self.printers[index]
    }

    #[inline]
    fn mark_busy(&mut self, index: usize) {
        if self.masked {
            self.busy |= 1 << index;
        }
    }

    #[inline]
    fn mark_idle(&mut self, index: usize) {
        if self.masked {
            self.busy &= !(1 << index);
        }
    }

    /// The printers.
    pub fn iter(&self) -> impl Iterator<Item = &Printer> {
        self.printers.iter()
    }

    /// Number of printers.
    pub fn len(&self) -> usize {
        self.printers.len()
    }

    /// Whether there are no printers at all.
    pub fn is_empty(&self) -> bool {
        self.printers.is_empty()
    }

    /// The running factor now in force.
    pub fn factor(&self) -> f64 {
        self.factor
    }

    /// Sets a printer's speed at time `t` (a new working day's draw), keeping
    /// the progress of its card.
    pub fn set_speed(&mut self, t: Days, index: usize, speed: f64, nominal: f64) {
        let p = &mut self.printers[index];
        p.speed = speed;
        p.nominal = nominal;
        retime(p, t, self.factor);
    }

    /// Sets the running factor at time `t`, re-timing every card in progress.
    pub fn set_factor(&mut self, t: Days, factor: f64) {
        if factor == self.factor {
            return;
        }
        self.factor = factor;
        for p in &mut self.printers {
            retime(p, t, factor);
        }
    }

    /// Starts `record` on idle printer `index` at `t`; the card needs `work` units.
    pub fn start(&mut self, t: Days, index: usize, record: Record, work: f64) {
        let p = &mut self.printers[index];
        debug_assert!(p.job.is_none(), "printer {index} is busy");
        p.job = Some(record);
        p.remaining = work;
        p.since = t;
        p.rate = 0.0;
        retime(p, t, self.factor);
        self.mark_busy(index);
    }

    /// Replaces the card that just finished on printer `index` with `record`,
    /// which needs `work` units, at the rate in force (a restart at the moment
    /// of a finish changes neither speed nor factor).
    #[inline]
    pub fn restart(&mut self, t: Days, index: usize, record: Record, work: f64) {
        let p = &mut self.printers[index];
        debug_assert!(p.job.is_some(), "restart() on an idle printer");
        p.job = Some(record);
        p.remaining = work;
        p.since = t;
        p.finish_at = if p.rate > 0.0 {
            t + work / p.rate
        } else {
            f64::INFINITY
        };
    }

    /// Work units per day printer `index` does now (0 when stopped).
    #[inline]
    pub fn rate(&self, index: usize) -> f64 {
        self.printers[index].rate
    }

    /// The card on printer `index`.
    #[inline]
    pub fn job(&self, index: usize) -> Record {
        self.printers[index].job.expect("job() on an idle printer")
    }

    /// The printer that finishes first and when; infinity when none is running.
    #[inline]
    pub fn next_finish(&self) -> (usize, Days) {
        // An idle printer's finish is infinite, so it never wins the strict
        // comparison: visiting only the busy ones, in index order, gives the
        // same answer as a scan of all.
        let mut best = (usize::MAX, f64::INFINITY);
        if self.masked {
            for i in Bits(self.busy) {
                let f = self.printers[i].finish_at;
                if f < best.1 {
                    best = (i, f);
                }
            }
            return best;
        }
        for (i, p) in self.printers.iter().enumerate() {
            if p.finish_at < best.1 {
                best = (i, p.finish_at);
            }
        }
        best
    }

    /// When printer `index`'s card is done (infinity when it has none or is
    /// stopped).
    #[inline]
    pub fn finish_of(&self, index: usize) -> Days {
        self.printers[index].finish_at
    }

    /// Takes the finished card off printer `index`, leaving it idle.
    #[inline]
    pub fn finish(&mut self, index: usize) -> Record {
        let p = &mut self.printers[index];
        p.finish_at = f64::INFINITY;
        p.rate = 0.0;
        p.remaining = 0.0;
        let record = p.job.take().expect("finish() on an idle printer");
        self.mark_idle(index);
        record
    }

    /// Whether printer `index` has no card.
    #[inline]
    pub fn is_idle(&self, index: usize) -> bool {
        self.printers[index].job.is_none()
    }

    /// Index of an idle printer, if any.
    #[inline]
    pub fn idle(&self) -> Option<usize> {
        if self.masked {
            let idle = !self.busy & self.all;
            return (idle != 0).then(|| idle.trailing_zeros() as usize);
        }
        self.printers.iter().position(|p| p.job.is_none())
    }
}

fn retime(p: &mut Printer, t: Days, factor: f64) {
    if p.job.is_none() {
        return;
    }
    p.remaining = (p.remaining - (t - p.since) * p.rate).max(0.0);
    p.since = t;
    p.rate = p.speed * factor;
    p.finish_at = if p.rate > 0.0 {
        t + p.remaining / p.rate
    } else {
        f64::INFINITY
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Record {
        Record {
            class: 0,
            joined: 0.0,
            initial: true,
        }
    }

    #[test]
    fn an_interrupted_card_keeps_its_progress() {
        let mut p = Printers::default();
        p.reset(1, 10.0, 10.0); // 10 cards a day: a card takes 0.1 day.
        p.set_factor(0.0, 1.0);
        p.start(0.0, 0, card(), 1.0);
        assert!((p.next_finish().1 - 0.1).abs() < 1e-12);
        p.set_factor(0.04, 0.0); // closing time after 40% of the card
        assert_eq!(p.next_finish().1, f64::INFINITY);
        p.set_factor(1.0, 0.5); // reopens at half speed: 0.06 day of work left
        assert!((p.next_finish().1 - 1.12).abs() < 1e-12);
        p.set_speed(1.02, 0, 20.0, 20.0); // a faster day: 0.05 left / (20 * 0.5)
        assert!((p.next_finish().1 - 1.07).abs() < 1e-12);
        assert_eq!(p.finish(0), card());
        assert_eq!(p.idle(), Some(0));
    }

    #[test]
    fn the_earliest_printer_finishes_first() {
        let mut p = Printers::default();
        p.reset(3, 1.0, 1.0);
        p.set_factor(0.0, 1.0);
        p.start(0.0, 0, card(), 3.0);
        p.start(0.0, 1, card(), 1.0);
        p.start(0.0, 2, card(), 2.0);
        assert_eq!(p.next_finish(), (1, 1.0));
    }

    #[test]
    fn the_scans_see_every_printer_past_a_word() {
        let mut p = Printers::default();
        p.reset(130, 1.0, 1.0);
        assert_eq!(p.idle(), Some(0));
        p.set_factor(0.0, 1.0);
        for i in 0..130 {
            assert_eq!(p.idle(), Some(i));
            p.start(0.0, i, card(), 200.0 - i as f64);
        }
        assert_eq!(p.idle(), None);
        assert_eq!(p.next_finish(), (129, 71.0));
        p.finish(129);
        p.finish(64);
        p.finish(3);
        let mut idle = Vec::new();
        p.for_each_idle(|q| idle.push(q.nominal));
        assert_eq!(idle.len(), 3);
        assert_eq!(p.next_finish(), (128, 72.0));
        assert_eq!(p.idle(), Some(3));
    }
}
