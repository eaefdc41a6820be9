//! Runs of cards, handled in tight loops instead of the event loop:
//!
//! - the common stretch in which one printer, at a rate set per working day,
//!   prints the initial backlog card after card with nothing else happening;
//! - a busy stretch on several printers, while at least two records wait;
//! - once the queue is empty, light traffic: each new record finds a printer
//!   idle and is printed at once, and no record waits between two steps.
//!
//! Each loop does exactly what the event loop would do, in the same
//! floating-point order, and stops before any step after which the event loop
//! would do anything else: a reject, a card that empties the queue or the
//! shelf, a reorder, a class change, 90% or the end of the initial backlog, the
//! next event, or a record that finds every printer busy. Records arriving
//! during a run join the queue inside the loop; one of a class ahead of the
//! run's is printed next, inside the loop too. So a replication gives the same
//! bytes with and without them (tested on every bundled scenario); they only
//! skip the checks.

use super::{STEPS_BETWEEN_STOP_CHECKS, Sim};
use crate::model::backlog::Record;
use crate::time::Days;

impl Sim<'_> {
    /// How many cards may go by in a tight loop as far as the shelf, quality
    /// control and the stop flag are concerned; `None` when the loops do not
    /// apply (turned off, more than one printer for a loop that drives one,
    /// or a refresh due at this moment).
    #[inline]
    fn quiet_cards(&self, any_printers: bool) -> Option<u64> {
        if !self.model.runs_of_cards
            || (!any_printers && self.printers.len() != 1)
            || self.refresh_due
        {
            return None;
        }
        Some(
            self.blanks
                .spare()
                .min(self.quality.passes_left())
                .min(STEPS_BETWEEN_STOP_CHECKS),
        )
    }

    /// Handles the card finishing at `finish` and as many following cards as
    /// may go by without a change, before `event_at` (the next queued event).
    /// Records arriving meanwhile join the queue as the event loop would let
    /// them; one of a class ahead of the run's is printed next, as the event
    /// loop would take it, and the run goes on after it. Returns `false`,
    /// having done nothing, when the card needs the event loop's general path.
    pub(super) fn run_of_cards(&mut self, finish: Days, event_at: Days) -> bool {
        if self.card_time.is_some() {
            return false;
        }
        // The cheaper check first: most offices have several printers.
        let Some(quiet) = self.quiet_cards(false) else {
            return false;
        };
        let Some((class, initial_left)) = self.backlog.head_initial() else {
            return false;
        };
        // Each bound keeps the general path's checks quiet for every card of
        // the run: see the module docs. Arrivals only add to the queue.
        let most = (self.backlog.waiting().saturating_sub(1))
            .min(initial_left)
            .min(quiet)
            // The card that brings the initial backlog down to the next
            // mark (90% printed, cleared) goes by the general path.
            .min(
                self.initial_unprinted
                    .saturating_sub(self.mark)
                    .saturating_sub(1),
            );
        if most == 0 {
            return false;
        }
        let rate = self.printers.rate(0);
        let first = self.printers.job(0);
        let mut f = finish;
        self.waits.push(first.class, f - first.joined);
        // Cards finished in the run (`first` included); each is followed at
        // once by the start of the next.
        let mut cards = 1;
        let mut initial_done = u64::from(first.initial);
        let mut initial_started = 0;
        // Records of classes ahead of the run's that joined and wait: the
        // next card takes one of them before the run's class.
        let mut ahead = 0u64;
        let mut clock = f;
        let on_printer = loop {
            // A card finished at `f`; the next starts now: `None` stands for
            // the run class's next initial-backlog record.
            let current = if ahead > 0 {
                ahead -= 1;
                Some(self.backlog.take().expect("a record ahead waits"))
            } else {
                initial_started += 1;
                None
            };
            if cards == most {
                break current;
            }
            // The same expression the printer uses for a card of one unit.
            let next = f + 1.0 / rate;
            // Records that arrive before this card is done, as the event loop
            // takes them: strictly before it, and before the next event.
            while self.next_arrival < next && self.next_arrival < event_at {
                clock = self.next_arrival;
                self.now = clock;
                if self.arrive() < class {
                    ahead += 1;
                }
            }
            if next > event_at {
                break current;
            }
            f = next;
            cards += 1;
            match current {
                None => {
                    initial_done += 1;
                    self.waits.class(class).push(f);
                }
                Some(r) => self.waits.push(r.class, f - r.joined),
            }
        };
        self.now = clock.max(f);
        self.steps += cards;
        self.printed += cards;
        self.quality.pass_many(cards);
        self.initial_unprinted -= initial_done;
        if let Some(d) = &mut self.distribution {
            d.add_initial(initial_done);
        }
        self.backlog.take_initial(class, initial_started);
        self.blanks.take_many(cards);
        self.blanks_taken += cards;
        let next = on_printer.unwrap_or(Record {
            class,
            joined: 0.0,
            initial: true,
        });
        self.printers.restart(f, 0, next, 1.0);
        true
    }

    /// Handles the card finishing at `finish` on printer `p` and the
    /// following ones, on any printer, while at least two records wait at each
    /// finish (so the queue never empties and every printer stays busy), as
    /// the event loop's general path would, card by card: any record, with a
    /// drawn card time or not. Records arriving meanwhile join the queue. Stops
    /// before the next event, a reject, a card that would leave the shelf with
    /// fewer than two blanks or call for a reorder. Returns `false`, having
    /// done nothing, when the card needs the general path.
    pub(super) fn busy_run(&mut self, p: usize, finish: Days, event_at: Days) -> bool {
        if self.backlog.waiting() < 2 {
            return false;
        }
        let Some(most) = self.quiet_cards(true) else {
            return false;
        };
        let (mut p, mut f) = (p, finish);
        let mut cards = 0;
        while cards < most && self.backlog.waiting() >= 2 {
            // The card done at `f`, as `card_done` handles it.
            self.now = f;
            let passed = self.quality.passes();
            debug_assert!(passed, "bounded by the passes left");
            self.passed(self.printers.job(p));
            // The next card, as `next_card` starts it.
            let next = self.backlog.take().expect("two records were waiting");
            self.blanks.take();
            self.blanks_taken += 1;
            let work = self.card_work();
            self.printers.restart(f, p, next, work);
            cards += 1;
            let (next_p, done) = self.printers.next_finish();
            p = next_p;
            while self.next_arrival < done && self.next_arrival < event_at {
                self.now = self.next_arrival;
                let _ = self.arrive();
            }
            if done > event_at {
                break;
            }
            f = done;
        }
        self.steps += cards;
        cards > 0
    }

    /// Handles, in time order, the records arriving before `event_at` and the
    /// cards finishing up to it, while no record waits at any step: light
    /// traffic, where each record finds a printer idle and is printed at once,
    /// on any number of printers, busy or not. Steps as the event loop's
    /// general path takes them:
    ///
    /// - a card done (at or before the next arrival) settles the accounts,
    ///   passes, and leaves its printer idle, since no record waits;
    /// - a record arriving settles the accounts, joins, and the refresh after
    ///   it (the factor unchanged: nothing but arrivals and cards happened
    ///   since the last refresh) starts it on the first idle printer.
    ///
    /// Stops before the next event, a reject, a blank that would leave the
    /// shelf with fewer than two or call for a reorder, a record that finds
    /// every printer busy (it waits, as the event loop leaves it), or a
    /// second record at the same moment (the refresh waits for it). Returns
    /// `false`, having done nothing, when the next step needs the general path.
    pub(super) fn light_traffic(&mut self, event_at: Days) -> bool {
        // Without recording the run may end between two cards (`done`).
        if self.recording.is_none() || self.backlog.waiting() > 0 || self.printers.factor() == 0.0 {
            return false;
        }
        // Every card takes a blank and passes: no shelf, reorder or reject
        // changes anything during the steps.
        let Some(most) = self.quiet_cards(true).filter(|&n| n > 0) else {
            return false;
        };
        // Nothing the conditions depend on changes during the steps: no
        // event, the shelf never empties, and at each settlement no record
        // waits.
        let conditions = self.conditions();
        debug_assert!(conditions.no_work && !conditions.stocked_out);
        let mut steps = 0;
        // The next card to finish: scanned for after a card is done, and
        // after a start only compared with the card that just started.
        let mut next = self.printers.next_finish();
        while steps < most {
            let (p, finish) = next;
            let at = self.next_arrival;
            if finish <= at {
                if finish > event_at {
                    break;
                }
                self.now = finish;
                self.settle_under(conditions);
                let passed = self.quality.passes();
                debug_assert!(passed, "bounded by the passes left");
                self.passed(self.printers.job(p));
                self.printers.finish(p);
                next = self.printers.next_finish();
            } else {
                if at >= event_at {
                    break;
                }
                self.now = at;
                self.settle_under(conditions);
                let _ = self.arrive();
                steps += 1;
                if self.next_arrival <= at {
                    // Another record at the same moment: the event loop takes
                    // it before the refresh.
                    self.refresh_due = true;
                    break;
                }
                let Some(i) = self.printers.idle() else {
                    break;
                };
                let record = self.backlog.take().expect("a record just arrived");
                self.blanks.take();
                self.blanks_taken += 1;
                let work = self.card_work();
                self.printers.start(at, i, record, work);
                // As the scan would find it: the earliest, the lower index
                // among equals, and no index when nothing finishes.
                let f = self.printers.finish_of(i);
                if f < next.1 || (f == next.1 && f < f64::INFINITY && i < next.0) {
                    next = (i, f);
                }
            }
            steps += 1;
        }
        self.steps += steps;
        steps > 0
    }
}
