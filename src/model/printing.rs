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
        let mut best = (usize::MAX, f64::INFINITY);
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
        p.job.take().expect("finish() on an idle printer")
    }

    /// Whether printer `index` has no card.
    #[inline]
    pub fn is_idle(&self, index: usize) -> bool {
        self.printers[index].job.is_none()
    }

    /// Index of an idle printer, if any.
    pub fn idle(&self) -> Option<usize> {
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
}
