//! Runs of cards: the common stretch in which one printer, at a rate set per
//! working day, prints the initial backlog card after card with nothing else
//! happening, handled in a tight loop.
//!
//! The loop does exactly what the event loop would do card by card, in the
//! same floating-point order, and stops before any card after which the event
//! loop would do anything else: a reject, a card that empties the queue or the
//! shelf, a reorder, a class change, the end of the initial backlog, the next
//! event, or the arrival of a record of a class ahead of the run's (records of
//! the run's class or behind it join the queue inside the loop). So a replication gives the same bytes with and
//! without it (tested on every bundled scenario); it only skips the checks.

use super::Sim;
use crate::model::backlog::Record;
use crate::time::Days;

impl Sim<'_> {
    /// Handles the card finishing at `finish` and as many following cards as
    /// may go by without a change, before `event_at` (the next queued event).
    /// Records arriving meanwhile join the queue as the event loop would let
    /// them; one of a class ahead of the run's ends the run. Returns `false`,
    /// having done nothing, when the card needs the event loop's general path.
    pub(super) fn run_of_cards(&mut self, finish: Days, event_at: Days) -> bool {
        if !self.model.runs_of_cards || self.printers.len() != 1 || self.card_time.is_some() {
            return false;
        }
        let Some((class, initial_left)) = self.backlog.head_initial() else {
            return false;
        };
        // Each bound keeps the general path's checks quiet for every card of
        // the run: see the module docs. Arrivals only add to the queue.
        let most = (self.backlog.waiting().saturating_sub(1))
            .min(initial_left)
            .min(self.blanks.spare())
            .min(self.quality.passes_left())
            .min(self.initial_unprinted.saturating_sub(1));
        if most == 0 {
            return false;
        }
        let rate = self.printers.rate(0);
        let first = self.printers.job(0);
        let mut f = finish;
        self.waits.push(first.class, f - first.joined);
        let mut cards = 1;
        let mut clock = f;
        'run: while cards < most {
            // The same expression the printer uses for a card of one unit.
            let mut next = f + 1.0 / rate;
            // Records that arrive before the next card is done, as the event
            // loop takes them: strictly before it, and before the next event.
            while self.next_arrival < next && self.next_arrival < event_at {
                clock = self.next_arrival;
                self.now = clock;
                if self.arrive() < class {
                    break 'run;
                }
            }
            let mut waits = self.waits.class(class);
            while next <= event_at && next <= self.next_arrival {
                f = next;
                waits.push(f);
                cards += 1;
                if cards == most {
                    break 'run;
                }
                next = f + 1.0 / rate;
            }
            if next > event_at {
                break;
            }
        }
        let initial_done = cards - 1 + u64::from(first.initial);
        self.now = clock.max(f);
        self.printed += cards;
        self.quality.pass_many(cards);
        self.initial_unprinted -= initial_done;
        if let Some(d) = &mut self.distribution {
            d.add_initial(initial_done);
        }
        self.backlog.take_initial(class, cards);
        self.blanks.take_many(cards);
        self.blanks_taken += cards;
        let next = Record {
            class,
            joined: 0.0,
            initial: true,
        };
        self.printers.restart(f, 0, next, 1.0);
        true
    }
}
