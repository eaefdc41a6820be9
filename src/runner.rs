//! Running a scenario's replications (the runner itself follows).

#[cfg(test)]
pub(crate) mod fake;
