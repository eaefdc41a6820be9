//! Statistics across replications (docs/model.md, "Across replications").
//!
//! Everything here is streaming and mergeable: an accumulator holds counts, sums
//! and sketches whose size depends on the spread of the values, never on how many
//! replications were seen, and two accumulators over disjoint replications merge
//! into the accumulator of their union. That keeps 100,000 replications in the
//! memory of 1,000, and lets a run be split across machines later.
//!
//! This module owns the arithmetic only. It does not know about threads (the
//! runner feeds it in replication order, which is what makes floating-point sums
//! reproducible) nor about files (output formats its results).

pub mod clearing;
pub mod cost;
pub mod metric;
pub mod moments;
pub mod national;
pub mod paired;
pub mod scenario_stats;
pub mod share;
pub mod sketch;
pub mod student_t;

pub use clearing::Clearing;
pub use cost::{CostBasis, CostPair, CostPart};
pub use metric::{Cause, Metric, Span, Unit};
pub use moments::Moments;
pub use national::NationalStats;
pub use paired::Paired;
pub use scenario_stats::{DayStats, MetricStats, ScenarioStats};
pub use share::Share;
pub use sketch::Sketch;
