//! Blank card stock: what is on hand, what is on order, and when more arrives.
//!
//! A printer takes a blank when it starts a card (so a card interrupted by
//! closing time or an outage keeps its blank); the blank counts as used when the
//! card comes off the printer, passed or rejected. Reorders follow an (s, Q)
//! policy on inventory position: on hand + on order (reorder lots only; the
//! ministry's scheduled shipments are not counted as on order).

use crate::engine::streams::{Stream, stream};
use crate::scenario::BlanksConfig;
use crate::time::Days;

/// Blank stock in one replication. Without a `[blanks]` table, stock is unlimited.
#[derive(Debug)]
pub struct Blanks<'m> {
    config: Option<&'m BlanksConfig>,
    on_hand: u64,
    on_order: u64,
    /// `below` of the reorder policy; 0 without one, so that nothing is below it.
    reorder_point: u64,
    shipment_rng: Stream,
    reorder_rng: Stream,
}

impl<'m> Blanks<'m> {
    /// The stock at the start of replication `replication`.
    pub fn new(config: Option<&'m BlanksConfig>, seed: u64, replication: u64) -> Self {
        Self {
            config,
            on_hand: config.map_or(0, |c| c.initial),
            on_order: 0,
            reorder_point: config
                .and_then(|c| c.reorder.as_ref())
                .map_or(0, |r| r.below),
            shipment_rng: stream(seed, replication, "blanks-shipments"),
            reorder_rng: stream(seed, replication, "blanks-reorder"),
        }
    }

    /// Whether stock is limited at all.
    pub fn limited(&self) -> bool {
        self.config.is_some()
    }

    /// Blanks on hand (0 when unlimited).
    pub fn on_hand(&self) -> u64 {
        self.on_hand
    }

    /// Whether a blank is available to start a card.
    pub fn available(&self) -> bool {
        self.config.is_none() || self.on_hand > 0
    }

    /// Whether the stock is empty (never, when unlimited).
    pub fn stocked_out(&self) -> bool {
        self.config.is_some() && self.on_hand == 0
    }

    /// Arrival times and quantities of the scheduled shipments, each delayed by
    /// its own draw; arrivals before the start land at the start.
    pub fn shipments(&mut self) -> Vec<(Days, u64)> {
        let Some(c) = self.config else {
            return Vec::new();
        };
        c.shipments
            .iter()
            .map(|s| {
                let delay = s
                    .delay
                    .as_ref()
                    .map_or(0.0, |d| d.sample(&mut self.shipment_rng));
                ((s.at + delay).max(0.0), s.quantity)
            })
            .collect()
    }

    /// Whether the inventory position is below the reorder point (never
    /// without a reorder policy): [`Blanks::reorder`] would order.
    #[inline]
    pub fn below_reorder_point(&self) -> bool {
        self.on_hand + self.on_order < self.reorder_point
    }

    /// How many blanks cards may take one after another while the shelf keeps
    /// at least two before each take and no reorder falls due: unlimited
    /// without a `[blanks]` table.
    pub fn spare(&self) -> u64 {
        if self.config.is_none() {
            return u64::MAX;
        }
        let shelf = self.on_hand.saturating_sub(1);
        if self.reorder_point == 0 {
            return shelf;
        }
        shelf.min((self.on_hand + self.on_order).saturating_sub(self.reorder_point))
    }

    /// Takes `n` blanks at once, as `n` calls of [`Blanks::take`] would.
    pub fn take_many(&mut self, n: u64) {
        if self.config.is_some() {
            self.on_hand -= n;
        }
    }

    /// Takes one blank for a card that starts printing.
    pub fn take(&mut self) {
        if self.config.is_some() {
            self.on_hand -= 1;
        }
    }

    /// Blanks arrive; `reorder` when they are a reorder lot (leaving on order).
    pub fn receive(&mut self, quantity: u64, reorder: bool) {
        self.on_hand += quantity;
        if reorder {
            self.on_order -= quantity;
        }
    }

    /// Asks a national pool for lots of at most `cap` while the inventory
    /// position is below the reorder point; `ask` hears each lot's size. The
    /// lots count as on order until they arrive.
    pub fn ask_pool(&mut self, cap: u64, mut ask: impl FnMut(u64)) {
        let Some(r) = self.config.and_then(|c| c.reorder.as_ref()) else {
            return;
        };
        let lot = r.quantity.min(cap).max(1);
        while self.on_hand + self.on_order < r.below {
            self.on_order += lot;
            ask(lot);
        }
    }

    /// Orders lots while the inventory position is below the reorder point,
    /// returning each lot's arrival time and size through `place`.
    pub fn reorder(&mut self, t: Days, mut place: impl FnMut(Days, u64)) {
        let Some(r) = self.config.and_then(|c| c.reorder.as_ref()) else {
            return;
        };
        while self.on_hand + self.on_order < r.below {
            self.on_order += r.quantity;
            let lead = r
                .lead_time
                .as_ref()
                .expect("a single office's reorder has a lead time");
            place(t + lead.sample(&mut self.reorder_rng), r.quantity);
        }
    }
}
