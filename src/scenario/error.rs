//! Errors from reading a scenario.

/// A scenario could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ScenarioError(pub String);
