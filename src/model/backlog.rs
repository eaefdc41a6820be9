//! The queue of records awaiting print: priority classes, first come first
//! served within a class.
//!
//! The initial backlog all joined at the start, ahead of every later record of
//! its class, so it is kept as a count per class rather than one entry per
//! record: a run over 35,000 records allocates nothing for them.

use std::collections::VecDeque;

use crate::time::Days;

/// One record on its way through the office.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// Class index (priority order, 0 first).
    pub class: u16,
    /// When the record joined the queue.
    pub joined: Days,
    /// Whether it belongs to the initial backlog.
    pub initial: bool,
}

#[derive(Debug, Clone, Default)]
struct Class {
    initial: u64,
    later: VecDeque<Days>,
}

/// Records waiting for a printer.
#[derive(Debug, Clone, Default)]
pub struct Backlog {
    classes: Vec<Class>,
    waiting: u64,
    /// No class before this one has a record: where the search for the next
    /// record starts.
    first: usize,
}

impl Backlog {
    /// Empties the queue and sets the initial backlog of each class.
    pub fn reset(&mut self, initial_by_class: &[u64]) {
        self.classes
            .resize_with(initial_by_class.len(), Class::default);
        for (c, &n) in self.classes.iter_mut().zip(initial_by_class) {
            c.initial = n;
            c.later.clear();
        }
        self.waiting = initial_by_class.iter().sum();
        self.first = 0;
    }

    /// Records waiting (not in a printer).
    pub fn waiting(&self) -> u64 {
        self.waiting
    }

    /// A new record of `class` joins the back of its class.
    pub fn push(&mut self, class: u16, joined: Days) {
        self.classes[usize::from(class)].later.push_back(joined);
        self.waiting += 1;
        self.first = self.first.min(usize::from(class));
    }

    /// The next record to print: the head of the first non-empty class.
    #[inline]
    pub fn take(&mut self) -> Option<Record> {
        while let Some(c) = self.classes.get_mut(self.first) {
            let class = u16::try_from(self.first).expect("class count is checked to fit u16");
            if c.initial > 0 {
                c.initial -= 1;
                self.waiting -= 1;
                return Some(Record {
                    class,
                    joined: 0.0,
                    initial: true,
                });
            }
            if let Some(joined) = c.later.pop_front() {
                self.waiting -= 1;
                return Some(Record {
                    class,
                    joined,
                    initial: false,
                });
            }
            self.first += 1;
        }
        None
    }

    /// The class the next record comes from and how many initial-backlog
    /// records it has left, when the next record is one of those.
    pub fn head_initial(&self) -> Option<(u16, u64)> {
        let (i, c) = self
            .classes
            .iter()
            .enumerate()
            .skip(self.first)
            .find(|(_, c)| c.initial > 0 || !c.later.is_empty())?;
        let class = u16::try_from(i).expect("class count is checked to fit u16");
        (c.initial > 0).then_some((class, c.initial))
    }

    /// Takes `n` initial-backlog records of `class` at once: what `n` calls of
    /// [`Backlog::take`] do when [`Backlog::head_initial`] gave `class` and at
    /// least `n`.
    pub fn take_initial(&mut self, class: u16, n: u64) {
        let c = &mut self.classes[usize::from(class)];
        debug_assert!(c.initial >= n, "taking {n} of {}", c.initial);
        c.initial -= n;
        self.waiting -= n;
    }

    /// A rejected record goes back to the head of its class.
    pub fn requeue(&mut self, record: Record) {
        let c = &mut self.classes[usize::from(record.class)];
        if record.initial {
            c.initial += 1;
        } else {
            c.later.push_front(record.joined);
        }
        self.waiting += 1;
        self.first = self.first.min(usize::from(record.class));
    }
}

/// Splits `total` records over classes by `mix`, by largest remainder, so the
/// parts always add up to `total` and the split is the same in every replication.
pub fn split_by_mix(total: u64, mix: &[f64]) -> Vec<u64> {
    let exact: Vec<f64> = mix.iter().map(|m| m * total as f64).collect();
    let mut parts: Vec<u64> = exact.iter().map(|x| x.floor() as u64).collect();
    let short = total - parts.iter().sum::<u64>().min(total);
    let mut order: Vec<usize> = (0..mix.len()).collect();
    // Largest fractional part first; earlier class first among equals.
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    for &i in order
        .iter()
        .cycle()
        .take(usize::try_from(short).unwrap_or(usize::MAX))
    {
        parts[i] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_served_in_priority_order_fifo_within() {
        let mut b = Backlog::default();
        b.reset(&[0, 1, 0]);
        b.push(2, 0.5);
        b.push(0, 0.7);
        b.push(2, 0.6);
        b.push(0, 0.8);
        let order: Vec<(u16, Days)> = std::iter::from_fn(|| b.take())
            .map(|r| (r.class, r.joined))
            .collect();
        assert_eq!(order, [(0, 0.7), (0, 0.8), (1, 0.0), (2, 0.5), (2, 0.6)]);
        assert_eq!(b.waiting(), 0);
    }

    #[test]
    fn a_rejected_record_goes_back_to_the_head_of_its_class() {
        let mut b = Backlog::default();
        b.reset(&[0, 0]);
        b.push(1, 1.0);
        b.push(1, 2.0);
        let first = b.take().unwrap();
        b.requeue(first);
        assert_eq!(b.take().unwrap().joined, 1.0);
        b.reset(&[2]);
        let r = b.take().unwrap();
        assert!(r.initial);
        b.requeue(r);
        assert_eq!(b.waiting(), 2);
    }

    #[test]
    fn split_keeps_the_total() {
        assert_eq!(
            split_by_mix(35_000, &[0.5, 0.1, 0.4]),
            [17_500, 3_500, 14_000]
        );
        assert_eq!(split_by_mix(10, &[1.0 / 3.0; 3]).iter().sum::<u64>(), 10);
        assert_eq!(split_by_mix(7, &[0.5, 0.5]), [4, 3]);
    }
}
