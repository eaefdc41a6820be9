//! Hostile input, round two: output as one unit, signals and OS errors (classes 4, 7 and 9).

use super::Case;

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    vec![]
}
