//! A time-ordered event queue with deterministic tie-breaking.
//!
//! Events at the same time leave in the order they were scheduled (a sequence
//! number breaks ties), so a replication is a pure function of its random
//! streams, whatever the heap's internal layout. The heap is kept between
//! replications ([`EventQueue::clear`]) so that steady state allocates nothing.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::time::Days;

struct Entry<E> {
    time: Days,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<E> Eq for Entry<E> {}

impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Entry<E> {
    // Reversed: BinaryHeap is a max-heap and we want the earliest event on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .time
            .total_cmp(&self.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Pending events ordered by (time, insertion order).
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        Self {
            heap: BinaryHeap::with_capacity(64),
            seq: 0,
        }
    }

    /// Schedules `event` at `time`. `time` must not be NaN.
    #[inline]
    pub fn schedule(&mut self, time: Days, event: E) {
        debug_assert!(!time.is_nan(), "event scheduled at NaN");
        self.heap.push(Entry {
            time,
            seq: self.seq,
            event,
        });
        self.seq += 1;
    }

    /// Time of the earliest pending event, or infinity when there is none.
    #[inline]
    pub fn next_time(&self) -> Days {
        self.heap.peek().map_or(f64::INFINITY, |e| e.time)
    }

    /// Removes and returns the earliest event.
    #[inline]
    pub fn pop(&mut self) -> Option<(Days, E)> {
        self.heap.pop().map(|e| (e.time, e.event))
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Drops every pending event, keeping the allocation.
    pub fn clear(&mut self) {
        self.heap.clear();
        self.seq = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_insertion_order() {
        let mut q = EventQueue::new();
        q.schedule(2.0, "c");
        q.schedule(1.0, "a");
        q.schedule(2.0, "d");
        q.schedule(1.0, "b");
        q.schedule(0.5, "first");
        let order: Vec<_> = std::iter::from_fn(|| q.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, ["first", "a", "b", "c", "d"]);
    }

    #[test]
    fn next_time_is_infinite_when_empty() {
        let mut q: EventQueue<()> = EventQueue::new();
        assert_eq!(q.next_time(), f64::INFINITY);
        q.schedule(3.0, ());
        assert_eq!(q.next_time(), 3.0);
        q.clear();
        assert!(q.is_empty());
    }
}
