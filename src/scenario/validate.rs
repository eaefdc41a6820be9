//! Placeholder, replaced by the scenario reader.
use super::{Scenario, ScenarioError, document::Document};
/// Validates.
pub fn validate(_d: &Document) -> Result<Scenario, ScenarioError> {
    Err(ScenarioError("not yet".into()))
}
