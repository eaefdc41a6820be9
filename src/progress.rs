//! The progress bar on stderr: a thin wrapper over indicatif that is silent
//! when stderr is not a terminal or `--quiet` is given, so piped output and
//! logs never see control codes.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const TEMPLATE: &str = "{msg:24!} [{bar:40}] {pos}/{len} replications ({eta} left)";

/// The deciding commands' bar: its message says what runs ("value 3 of at
/// most 9: blanks.initial = 14000"), so it is not cut.
const DECIDE_TEMPLATE: &str = "{msg} [{bar:30}] {pos}/{len} replications ({eta} left)";

/// Progress over all replications of a run.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` replications, drawn only when `visible`.
    pub fn new(total: u64, visible: bool) -> Self {
        Self::with_template(TEMPLATE, total, visible)
    }

    /// A bar for a deciding command (`compare`, `goal`, `sensitivity`), drawn
    /// only when `visible`: `total` replications, the message in full.
    pub fn decide(total: u64, visible: bool) -> Self {
        Self::with_template(DECIDE_TEMPLATE, total, visible)
    }

    fn with_template(template: &str, total: u64, visible: bool) -> Self {
        let bar = if visible {
            let style = ProgressStyle::with_template(template)
                .expect("the template is valid")
                .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(style)
        } else {
            ProgressBar::hidden()
        };
        Self { bar }
    }

    /// Shows which scenario is running.
    pub fn scenario(&self, name: &str) {
        self.bar.set_message(name.to_owned());
    }

    /// Starts over at 0 of `total` for `what` (the next value of a goal search).
    pub fn restart(&self, what: &str, total: u64) {
        self.bar.set_message(what.to_owned());
        self.bar.set_length(total);
        self.bar.reset();
    }

    /// Counts `n` more replications done.
    pub fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Removes the bar, leaving the terminal for the results table.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
