//! Scenarios: what a planner writes (TOML), checked into the types the model runs on.
//!
//! Reading is two-phase. [`document`] parses TOML into a tree that remembers, for
//! every value, the file and byte span it came from, and merges `extends` parents
//! into it. [`validate`] walks that tree into the checked [`Scenario`] below, or
//! returns a [`ScenarioError`] that points at the file, line and column with the
//! offending text underlined and says what would be accepted.
//!
//! After validation nothing in the engine can fail on user input: every type here
//! holds only values that make sense (probabilities in [0, 1], mixes that sum to 1,
//! transitions to states that exist, opening before closing, ...).

pub mod costs;
pub mod dist_reader;
pub mod document;
pub mod error;
pub mod fields;
pub mod key_path;
pub mod national;
pub mod overrides;
pub mod sources;
pub mod validate;
pub mod words;

use std::path::Path;

pub use costs::CostsConfig;
pub use error::ScenarioError;
use jiff::civil::{Date, DateTime};
pub use national::{NationalConfig, Timezone};
pub use sources::Sources;

use crate::dist::Dist;
use crate::time::Days;

/// Reads, merges (`extends`) and validates one scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    load_from(path, &Sources::disk())
}

/// [`load`], reading every file from `sources`.
pub fn load_from(path: &Path, sources: &Sources) -> Result<Scenario, ScenarioError> {
    let tracked = sources.tracking();
    let doc = document::Document::load_from(path, &tracked)?;
    let mut scenario = validate::validate(&doc)?;
    scenario.inputs = tracked.paths_read();
    Ok(scenario)
}

/// Reads, merges and validates scenario text as if read from `path`: parents named
/// by `extends` are looked up beside `path`, and errors name `path`.
pub fn load_str(text: &str, path: &Path) -> Result<Scenario, ScenarioError> {
    let doc = document::Document::from_text(text, path)?;
    validate::validate(&doc)
}

/// A checked scenario, ready to run.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// `scenario.name`: a short identifier, used as the output folder name.
    pub name: String,
    /// `scenario.title`: a human title for reports (the name when absent).
    pub title: String,
    /// `scenario.start`: local date-time at which the simulated clock reads 0.
    pub start: DateTime,
    /// `scenario.horizon` in days: no replication runs past it.
    pub horizon: Days,
    /// `scenario.replications` (at least 1).
    pub replications: u64,
    /// `scenario.seed`.
    pub seed: u64,
    /// `scenario.deadline`, if any.
    pub deadline: Option<Deadline>,
    /// Priority classes of records, highest priority first. Never empty: a scenario
    /// without classes has the single class "all".
    pub classes: Vec<String>,
    /// `[calendar]`; absent means open around the clock every day.
    pub calendar: Option<CalendarConfig>,
    /// `[backlog]`; absent means no initial backlog.
    pub backlog: Option<BacklogConfig>,
    /// `[recording]`; absent means nobody new records.
    pub recording: Option<RecordingConfig>,
    /// `[printing]` (required).
    pub printing: PrintingConfig,
    /// `[network]`; absent means the link is always up at full throughput.
    pub network: Option<NetworkConfig>,
    /// `[server]`; absent means the server never fails.
    pub server: Option<ServerConfig>,
    /// `[blanks]`; absent means blanks are unlimited.
    pub blanks: Option<BlanksConfig>,
    /// `[distribution]`; absent means a card counts as delivered when printed.
    pub distribution: Option<DistributionConfig>,
    /// `[costs]`; absent means no cost is reported.
    pub costs: Option<CostsConfig>,
    /// `calendar.timezone`, if written. A single office's clock is its own
    /// local time whatever the zone; a national scenario shifts each office.
    pub timezone: Option<Timezone>,
    /// `[offices]`, `[central]` and `[pool]`: set for a national scenario, whose
    /// office fields above are then its template office's.
    pub national: Option<Box<NationalConfig>>,
    /// The merged scenario as TOML text, for `ktpsim check` and the report.
    pub merged_toml: String,
    /// The file this scenario was read from (the child, for `extends`).
    pub source: std::path::PathBuf,
    /// Every file read from the disk to make it: [`Self::source`], its
    /// `extends` parents, a national template with its parents, the offices
    /// table. No command writes over them.
    pub inputs: Vec<std::path::PathBuf>,
}

/// A date the backlog should be cleared by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    /// The date as written (or the date part of a date-time).
    pub date: Date,
    /// Days since start of the moment the deadline passes: the end of `date`
    /// (midnight after it) for a date, the moment itself for a date-time.
    pub at: Days,
}

/// Working calendar of the office.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarConfig {
    /// Which weekdays are working days, Monday first.
    pub workdays: [bool; 7],
    /// Opening time, minutes after midnight.
    pub open_minute: u32,
    /// Closing time, minutes after midnight; always after `open_minute`.
    pub close_minute: u32,
    /// Dates the office is closed although they fall on a working weekday. Sorted.
    pub holidays: Vec<Date>,
}

/// The print-ready backlog at the start.
#[derive(Debug, Clone)]
pub struct BacklogConfig {
    /// Records ready to print at the start.
    pub initial: u64,
    /// Share of each class (indexed like `Scenario::classes`); sums to 1.
    pub mix: Vec<f64>,
}

/// New records joining the queue.
#[derive(Debug, Clone)]
pub struct RecordingConfig {
    /// Records per working day (a count distribution; draws are rounded down).
    pub per_workday: Dist,
    /// Share of each class (indexed like `Scenario::classes`); sums to 1.
    pub mix: Vec<f64>,
    /// Cap on the total number of new records, if any.
    pub pool: Option<u64>,
}

/// The printers.
#[derive(Debug, Clone)]
pub struct PrintingConfig {
    /// Identical printers, each printing one card at a time (0 is allowed: nothing prints).
    pub printers: u32,
    /// How fast one printer prints.
    pub speed: Speed,
    /// Probability that a printed card fails quality control.
    pub reject_rate: f64,
}

/// Printing speed of one printer.
#[derive(Debug, Clone)]
pub enum Speed {
    /// Cards per working day, drawn per printer per working day; the card time that
    /// day is the opening hours divided by the draw.
    CardsPerDay(Dist),
    /// Time to print one card, in days, drawn per card.
    CardTime(Dist),
}

/// The central link: a Markov process over named states.
#[derive(Debug, Clone)]
pub struct NetworkConfig {
    /// The states, in the order written.
    pub states: Vec<LinkState>,
    /// Index of the state at the start.
    pub initial: usize,
    /// Scheduled outages forcing the link down.
    pub outages: Vec<ScheduledOutage>,
}

/// One state of the link.
#[derive(Debug, Clone)]
pub struct LinkState {
    /// The state's name.
    pub name: String,
    /// Throughput factor in [0, 1]: 1 full speed, 0 down.
    pub throughput: f64,
    /// How long the link stays in this state, in days.
    pub stay: Dist,
    /// Probability of moving to each state next (indexed like `states`); sums to 1
    /// and is 0 for the state itself.
    pub next: Vec<f64>,
}

/// A one-off outage at a known moment.
#[derive(Debug, Clone)]
pub struct ScheduledOutage {
    /// A name for reports (may be empty).
    pub name: String,
    /// Onset, days since start (may be negative: already going on at the start).
    pub at: Days,
    /// Duration in days.
    pub duration: Dist,
}

/// Server outages.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The outages, in the order written.
    pub outages: Vec<ServerOutage>,
}

/// One source of server outages.
#[derive(Debug, Clone)]
pub struct ServerOutage {
    /// The outage's name (`outage N` when none is written, N counting from 1).
    pub name: String,
    /// When it happens.
    pub when: OutageTiming,
    /// Duration in days.
    pub duration: Dist,
}

/// When a server outage starts.
#[derive(Debug, Clone)]
pub enum OutageTiming {
    /// Once, at this many days since start (may be negative).
    At(Days),
    /// Again and again: the time from one onset to the next, in days, the first
    /// onset one draw after the start.
    Every(Dist),
}

/// Blank card stock.
#[derive(Debug, Clone)]
pub struct BlanksConfig {
    /// Blanks on hand at the start.
    pub initial: u64,
    /// Scheduled deliveries.
    pub shipments: Vec<Shipment>,
    /// Reorder policy, if any.
    pub reorder: Option<Reorder>,
}

/// A scheduled delivery of blanks.
#[derive(Debug, Clone)]
pub struct Shipment {
    /// Planned arrival, days since start (arrivals before the start land at the start).
    pub at: Days,
    /// Blanks delivered.
    pub quantity: u64,
    /// Extra delay after `at`, in days.
    pub delay: Option<Dist>,
}

/// Reorder on inventory position: when on hand + on order falls below `below`,
/// order `quantity`, arriving after `lead_time` (or, in a national scenario,
/// asked of the pool, arriving after the pool's transit).
#[derive(Debug, Clone)]
pub struct Reorder {
    /// Reorder point.
    pub below: u64,
    /// Lot size (at least 1).
    pub quantity: u64,
    /// Days from order to arrival; `None` for an office of a national
    /// scenario, whose lots come from the pool.
    pub lead_time: Option<Dist>,
}

/// Getting printed cards to residents.
#[derive(Debug, Clone)]
pub struct DistributionConfig {
    /// Weekdays, Monday first, on which printed cards leave at closing time.
    pub dispatch: [bool; 7],
    /// Transit to the district office, in days (one draw per dispatch).
    pub to_district: Dist,
    /// From the district office to the resident, in days (one draw per card).
    pub to_resident: Dist,
}
