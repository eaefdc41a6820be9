//! ktpsim: a discrete-event simulator of e-KTP printing throughput.
//!
//! See README.md and docs/ for the model and the scenario format.

#![warn(missing_docs)]

pub mod cli;
pub mod decide;
pub mod dist;
pub mod engine;
pub mod files;
pub mod hash;
pub mod interrupt;
pub mod model;
pub mod names;
pub mod output;
pub mod progress;
pub mod runner;
pub mod scenario;
pub mod shard;
pub mod stats;
pub mod terminal;
pub mod time;
