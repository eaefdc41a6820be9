//! Hostile input, round two: estimates, refusals, distributions, goal options and dates (classes 2, 3, 5, 6 and 7).

use super::Case;

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    vec![]
}
