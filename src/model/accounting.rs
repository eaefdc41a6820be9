//! Time-weighted accounts of one replication: hours of each condition and the
//! printing capacity lost to each cause.
//!
//! Causes overlap, so each moment of opening hours is attributed to the first
//! cause that applies, in docs/model.md's order: closed office (not a loss), server
//! down, link down, no blanks, link degraded (the lost fraction), no work.

use super::outcome::{Hours, LostCards};
use super::printing::Printers;
use crate::time::{Days, HOURS_PER_DAY};

/// The conditions in force over a stretch of time.
#[derive(Debug, Clone, Copy)]
pub struct Conditions {
    /// The office is open.
    pub open: bool,
    /// The server is down.
    pub server_down: bool,
    /// The link's throughput factor (0 down, 1 full).
    pub link: f64,
    /// Blank stock is empty.
    pub stocked_out: bool,
    /// No record is waiting for a printer.
    pub no_work: bool,
}

/// Running totals, in days (hours) and cards (losses).
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    days: Hours,
    lost: LostCards,
}

impl Accounts {
    /// Adds a stretch of `dt` days under conditions `c`.
    // Always inlined into the one hot caller (`Sim::settle`): a second caller,
    // the snapshot at clearing, must not make the compiler keep it out of line.
    #[inline(always)]
    pub fn accrue(&mut self, dt: Days, c: Conditions, printers: &Printers) {
        if dt <= 0.0 {
            return;
        }
        let h = &mut self.days;
        if c.server_down {
            h.server_down += dt;
            if c.open {
                h.certificate_service_lost += dt;
            }
        }
        if c.link == 0.0 {
            h.link_down += dt;
        } else if c.link < 1.0 {
            h.link_degraded += dt;
        }
        if c.stocked_out {
            h.stockout += dt;
        }
        if !c.open {
            return;
        }
        let l = &mut self.lost;
        if c.server_down || c.link == 0.0 {
            let all: f64 = printers.iter().map(|p| p.nominal).sum::<f64>() * dt;
            if c.server_down {
                l.server += all;
            } else {
                l.link_down += all;
            }
            return;
        }
        if c.link == 1.0 {
            // The common case, at full throughput: a busy printer loses
            // nothing and an idle one loses no link share, so the general
            // loop below would add exactly +0 to `link_degraded` (a sum of
            // non-negative terms, never -0, which +0 leaves as it is) and
            // `1 * cards` (that is, `cards`) to `no_work`. Only the idle
            // printers are visited, with the same sums in the same order,
            // each carried in a local through the loop (the shelf's state
            // chosen once, outside it).
            if c.stocked_out {
                let mut blanks = l.blanks;
                printers.for_each_idle(|p| blanks += p.nominal * dt);
                l.blanks = blanks;
            } else {
                debug_assert!(
                    c.no_work || printers.iter().all(|p| p.job.is_some()),
                    "an idle printer with work and blanks"
                );
                let (mut no_work, mut idle) = (l.no_work, h.idle_no_work);
                printers.for_each_idle(|p| {
                    no_work += p.nominal * dt;
                    idle += dt;
                });
                l.no_work = no_work;
                h.idle_no_work = idle;
            }
            return;
        }
        for p in printers.iter() {
            let cards = p.nominal * dt;
            if p.job.is_some() {
                l.link_degraded += (1.0 - c.link) * cards;
            } else if c.stocked_out {
                l.blanks += cards;
            } else {
                debug_assert!(c.no_work, "an idle printer with work and blanks");
                l.link_degraded += (1.0 - c.link) * cards;
                l.no_work += c.link * cards;
                h.idle_no_work += dt;
            }
        }
    }

    /// Hours of each condition and the lost cards as they would stand after a
    /// further stretch of `dt` days under `c`, leaving these accounts as they
    /// are: a snapshot between two settlements (the clearing moment) that does
    /// not split the running sums, so the whole-run figures keep their bits.
    #[inline(never)]
    pub fn finish_after(&self, dt: Days, c: Conditions, printers: &Printers) -> (Hours, LostCards) {
        let mut ahead = self.clone();
        ahead.accrue(dt, c, printers);
        ahead.finish()
    }

    /// Hours of each condition and the lost cards.
    pub fn finish(&self) -> (Hours, LostCards) {
        let d = &self.days;
        let hours = Hours {
            server_down: d.server_down * HOURS_PER_DAY,
            certificate_service_lost: d.certificate_service_lost * HOURS_PER_DAY,
            link_down: d.link_down * HOURS_PER_DAY,
            link_degraded: d.link_degraded * HOURS_PER_DAY,
            stockout: d.stockout * HOURS_PER_DAY,
            idle_no_work: d.idle_no_work * HOURS_PER_DAY,
        };
        (hours, self.lost)
    }
}
