//! The e-KTP printing model of docs/model.md: one file per component, and the
//! replication that runs them together.

pub mod accounting;
pub mod backlog;
pub mod blanks;
pub mod calendar;
pub mod distribution;
#[cfg(test)]
pub(crate) mod fake;
pub mod link;
pub mod national;
pub mod outcome;
pub mod printing;
pub mod quality;
pub mod recording;
mod replication;
pub mod server;
pub mod waits;
pub mod workload;

use crate::interrupt::Interrupt;
use crate::scenario::national::LotMax;
use crate::scenario::{Scenario, Speed};
use calendar::Calendar;
use link::LinkModel;
pub use outcome::Outcome;

/// A scenario prepared for simulation: tables precomputed, shared read-only by
/// every replication (and every thread).
#[derive(Debug, Clone)]
pub struct Model {
    scenario: Scenario,
    calendar: Calendar,
    link: Option<LinkModel>,
    initial_by_class: Vec<u64>,
    /// Whether runs of cards take the tight loop (`replication/runs.rs`).
    runs_of_cards: bool,
    /// The seed the office's random streams are keyed by: the scenario's, or
    /// for an office of a national scenario one derived from the national
    /// seed and the office's name.
    streams_seed: u64,
    /// `Some(cap)` when the office's reorders ask a national pool for lots of
    /// at most `cap` blanks.
    pool_lot: Option<u64>,
    /// Whether each replication keeps every wait for the 90th percentile; an
    /// office of a national scenario keeps counts and sums only (the national
    /// percentile is not given, docs/national.md).
    wait_percentiles: bool,
    /// The offices and shared parts of a national scenario.
    national: Option<Box<national::NationalModel>>,
}

impl Model {
    /// Prepares a checked scenario for simulation.
    pub fn new(scenario: &Scenario) -> Self {
        let calendar = Calendar::new(scenario.calendar.as_ref(), scenario.start, scenario.horizon);
        let initial_by_class = scenario.backlog.as_ref().map_or_else(
            || vec![0; scenario.classes.len()],
            |b| backlog::split_by_mix(b.initial, &b.mix),
        );
        Self {
            scenario: scenario.clone(),
            calendar,
            link: scenario.network.as_ref().map(LinkModel::new),
            initial_by_class,
            runs_of_cards: true,
            streams_seed: scenario.seed,
            pool_lot: None,
            wait_percentiles: true,
            national: scenario
                .national
                .as_ref()
                .map(|n| Box::new(national::NationalModel::new(scenario, n))),
        }
    }

    /// An office of a national scenario: its random streams keyed by
    /// `streams_seed` (the national seed and the office's name), waits kept as
    /// counts and sums only, and, with a national pool, reorders that ask the
    /// pool for lots of at most `lot_max`.
    pub fn national_office(
        scenario: &Scenario,
        streams_seed: u64,
        lot_max: Option<LotMax>,
    ) -> Self {
        let mut model = Self::new(scenario);
        model.streams_seed = streams_seed;
        model.wait_percentiles = false;
        model.pool_lot = lot_max.map(|m| model.lot_cap(m));
        model
    }

    /// The most blanks one lot from the pool may hold: `lot_max` as a count,
    /// or in days of the office's nominal capacity (at least one blank).
    fn lot_cap(&self, lot_max: LotMax) -> u64 {
        match lot_max {
            LotMax::None => u64::MAX,
            LotMax::Count(n) => n,
            LotMax::Days(days) => {
                let printers = f64::from(self.scenario.printing.printers);
                let per_day = match &self.scenario.printing.speed {
                    Speed::CardsPerDay(d) => d.mean(),
                    Speed::CardTime(d) => self.calendar.open_length() / d.mean(),
                };
                ((days * printers * per_day).round() as u64).max(1)
            }
        }
    }

    /// The same model with runs of cards handled card by card by the general
    /// event loop: for tests that the tight loop changes nothing.
    #[doc(hidden)]
    #[must_use]
    pub fn card_by_card(mut self) -> Self {
        self.runs_of_cards = false;
        if let Some(n) = &mut self.national {
            n.card_by_card();
        }
        self
    }

    /// The scenario this model runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The office calendar from the start date to the horizon's date.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// One replication: the office, or every office of a national scenario.
    fn simulate(&self, replication: u64, stop: Option<&Interrupt>) -> Outcome {
        match &self.national {
            None => replication::Sim::new(self, replication, stop).run(),
            Some(n) => n.replicate(self, replication, stop),
        }
    }

    /// Runs replication `replication` (from 0). Its random numbers depend only on
    /// (seed, replication, component), so the result is the same on any thread.
    pub fn replicate(&self, replication: u64) -> Outcome {
        let mut outcome = self.simulate(replication, None);
        outcome.replication = replication;
        outcome
    }

    /// [`Model::replicate`], cut short once `stop` is requested: the loop looks
    /// at the flag every 65,536 cards or events or so, about a
    /// millisecond, so that a single long replication
    /// does not hold up a Ctrl-C. `None` when it was cut short (its outcome
    /// would describe a part of the run only); also `None` when `stop` was
    /// requested before it began.
    pub fn replicate_until(&self, replication: u64, stop: &Interrupt) -> Option<Outcome> {
        if stop.requested() {
            return None;
        }
        let mut outcome = self.simulate(replication, Some(stop));
        if stop.requested() {
            return None;
        }
        outcome.replication = replication;
        Some(outcome)
    }
}
