//! The e-KTP printing model of MODEL.md: one file per component, and the
//! replication that runs them together.

pub mod accounting;
pub mod backlog;
pub mod blanks;
pub mod calendar;
pub mod distribution;
pub mod link;
pub mod outcome;
pub mod printing;
pub mod quality;
pub mod recording;
mod replication;
pub mod server;
pub mod waits;
pub mod workload;

use crate::interrupt::Interrupt;
use crate::scenario::Scenario;
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
        }
    }

    /// The same model with runs of cards handled card by card by the general
    /// event loop: for tests that the tight loop changes nothing.
    #[doc(hidden)]
    #[must_use]
    pub fn card_by_card(mut self) -> Self {
        self.runs_of_cards = false;
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

    /// Runs replication `replication` (from 0). Its random numbers depend only on
    /// (seed, replication, component), so the result is the same on any thread.
    pub fn replicate(&self, replication: u64) -> Outcome {
        let mut outcome = replication::Sim::new(self, replication, None).run();
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
        let mut outcome = replication::Sim::new(self, replication, Some(stop)).run();
        if stop.requested() {
            return None;
        }
        outcome.replication = replication;
        Some(outcome)
    }
}
