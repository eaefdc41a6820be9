//! Hostile input, round two: reading scenario files: extends chains, sizes, nesting, messages (classes 2, 7 and 8).

use super::Case;

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    vec![]
}
