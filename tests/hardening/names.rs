//! Hostile input, round two: names and output paths (issue 10, class 1 and the naming parts of class 7).

use super::Case;

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    vec![]
}
