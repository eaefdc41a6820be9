//! The central link of a national scenario: one process for the whole
//! country, drawn once per replication from its own streams and handed to
//! every office as the times its factor changes.
//!
//! The link depends on nothing the offices do, so its whole history can be
//! drawn before they run: the same [`Link`] as an office's own, stepped
//! through its transitions and scheduled outages up to the horizon.

use crate::engine::streams::stream;
use crate::model::link::{Link, LinkModel};
use crate::time::{Days, HOURS_PER_DAY};

/// The central link's history in one replication.
#[derive(Debug, Clone, Default)]
pub struct Trajectory {
    /// `(time, factor)` whenever the factor changes before the horizon; the
    /// first entry is at 0.
    pub changes: Vec<(Days, f64)>,
}

impl Trajectory {
    /// Hours from the start to `until` (at most the horizon) with the factor
    /// at 0, and with it above 0 and below 1. A stretch between changes
    /// that ends by `until` counts whole, so when the link is up from
    /// `until` on, the hours to `until` are the same bits as those to the
    /// horizon.
    pub fn hours(&self, until: Days) -> (f64, f64) {
        let (mut down, mut degraded) = (0.0, 0.0);
        for (i, &(at, factor)) in self.changes.iter().enumerate() {
            let to = self.changes.get(i + 1).map_or(until, |c| c.0.min(until));
            let span = (to - at).max(0.0) * HOURS_PER_DAY;
            if factor == 0.0 {
                down += span;
            } else if factor < 1.0 {
                degraded += span;
            }
        }
        (down, degraded)
    }
}

/// Draws the central link's history up to `horizon` in replication
/// `replication`: streams `central` and `central-outages` under `seed`.
pub fn trajectory(model: &LinkModel, seed: u64, replication: u64, horizon: Days) -> Trajectory {
    let mut link = Link::with_streams(
        model,
        stream(seed, replication, "central"),
        stream(seed, replication, "central-outages"),
    );
    // (time, +1 onset / -1 end) of scheduled outages, in time order.
    let mut forced: Vec<(Days, i8)> = link
        .scheduled_outages()
        .into_iter()
        .flat_map(|(on, off)| [(on, 1), (off, -1)])
        .collect();
    forced.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut forced = forced.into_iter().peekable();
    let mut next_change = link.draw_stay();
    let mut changes = vec![(0.0, link.factor())];
    let mut t = 0.0;
    // Outages already going on at the start.
    while let Some(&(at, step)) = forced.peek() {
        if at > 0.0 {
            break;
        }
        apply(&mut link, step);
        forced.next();
    }
    changes[0].1 = link.factor();
    loop {
        let outage_at = forced.peek().map_or(f64::INFINITY, |&(at, _)| at);
        let change_at = next_change.map_or(f64::INFINITY, |stay| t + stay);
        let at = outage_at.min(change_at);
        if at >= horizon {
            break;
        }
        if outage_at <= change_at {
            let (_, step) = forced.next().expect("peeked");
            apply(&mut link, step);
        } else {
            t = change_at;
            link.transition();
            next_change = link.draw_stay();
        }
        let factor = link.factor();
        if changes.last().is_some_and(|&(_, f)| f != factor) {
            changes.push((at, factor));
        }
    }
    Trajectory { changes }
}

fn apply(link: &mut Link<'_>, step: i8) {
    if step > 0 {
        link.force_down();
    } else {
        link.release();
    }
}
