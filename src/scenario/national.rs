//! The checked form of a national scenario (docs/model.md, "Many offices"): offices
//! over a template office scenario, the central link shared by all of them and
//! the ministry's blank pool.
//!
//! A national scenario is an ordinary [`Scenario`] whose `national` field is
//! set: its own office fields hold the template office as validated (so every
//! command that reads a scenario's settings still finds an office there), and
//! the offices, each a complete office scenario, are here.

use std::path::PathBuf;

use super::{NetworkConfig, Scenario, Shipment};
use crate::dist::Dist;
use crate::time::{Days, HOURS_PER_DAY};

/// Indonesia's three time zones; none keeps daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timezone {
    /// Western Indonesia Time, UTC+7 (Java, Sumatra, West and Central
    /// Kalimantan). The data centre in Jakarta keeps it.
    Wib,
    /// Central Indonesia Time, UTC+8 (Bali, Nusa Tenggara, Sulawesi, South,
    /// East and North Kalimantan).
    Wita,
    /// Eastern Indonesia Time, UTC+9 (Maluku, Papua).
    Wit,
}

impl Timezone {
    /// Every zone, west to east.
    pub const ALL: [Timezone; 3] = [Timezone::Wib, Timezone::Wita, Timezone::Wit];

    /// The zone's name as written in a scenario.
    pub fn name(self) -> &'static str {
        match self {
            Timezone::Wib => "WIB",
            Timezone::Wita => "WITA",
            Timezone::Wit => "WIT",
        }
    }

    /// Hours ahead of UTC.
    pub fn utc_offset_hours(self) -> i64 {
        match self {
            Timezone::Wib => 7,
            Timezone::Wita => 8,
            Timezone::Wit => 9,
        }
    }

    /// Hours ahead of the national clock (the data centre's, WIB): 0, 1 or 2.
    pub fn hours_ahead_of_national(self) -> i64 {
        self.utc_offset_hours() - Timezone::Wib.utc_offset_hours()
    }

    /// The same in days: how much earlier, on the national clock, each of
    /// the zone's dates ends (so an office's deadline is the national one
    /// less this).
    pub fn days_ahead_of_national(self) -> Days {
        self.hours_ahead_of_national() as f64 / HOURS_PER_DAY
    }

    /// The zone named `text` (as written: `WIB`, `WITA`, `WIT`).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|z| z.name() == text)
    }
}

/// The national parts of a scenario.
#[derive(Debug, Clone)]
pub struct NationalConfig {
    /// The offices, in the order written: the table's rows first, then the
    /// inline `[[offices.office]]` rows. Never empty; names are unique.
    pub offices: Vec<Office>,
    /// `[central]`: the data centre and the national network. `None`: always
    /// up at full throughput.
    pub central: Option<NetworkConfig>,
    /// `[pool]`: the ministry's blank stock. `None`: no pool (then no office
    /// has a reorder policy).
    pub pool: Option<PoolConfig>,
    /// The template office scenario file, as resolved (a folder scan skips it).
    pub template: PathBuf,
    /// The offices table file, as resolved, if there is one.
    pub table: Option<PathBuf>,
}

/// One office of a national scenario.
#[derive(Debug, Clone)]
pub struct Office {
    /// Unique within the scenario; keys the office's random streams.
    pub name: String,
    /// The region (province) it belongs to; empty when none is given.
    pub region: String,
    /// Its time zone (`calendar.timezone`, WIB when not given).
    pub timezone: Timezone,
    /// The office as a complete scenario: `name` is the office's name, `start`
    /// is the national start in the office's local time, `horizon`, `seed`,
    /// `replications` and `deadline` (the end of the deadline's date in local
    /// time) are the national scenario's. Its reorder policy, if any, asks the
    /// pool (`blanks.reorder.lead_time` is `None`).
    pub scenario: Scenario,
    /// Transit from the pool to this office: the office's own override, else
    /// its region's, else the pool's. `None` without a pool.
    pub transit: Option<Dist>,
}

/// The ministry's blank pool.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// `pool.initial`: blanks in the pool at the start.
    pub initial: u64,
    /// `[[pool.deliveries]]`: procurement arriving at the pool (same shape and
    /// rules as an office's `[[blanks.shipments]]`, repeating ones expanded).
    pub deliveries: Vec<Shipment>,
    /// `[pool.allocation]`: how requests are served.
    pub allocation: Allocation,
    /// `pool.allocation.lot_max`: the most one lot holds.
    pub lot_max: LotMax,
}

/// How the pool serves offices' requests for lots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allocation {
    /// `"fifo"`: a request is served at once if the pool has stock, else it
    /// waits; waiting requests are served in the order they were made.
    Fifo,
    /// `"largest-backlog"`: as `Fifo`, but when stock arrives the waiting
    /// requests are served largest print-ready backlog first.
    LargestBacklog,
    /// `"proportional"`: requests wait for the next review; every `review` days
    /// from the start the stock is shared out among the offices waiting, in
    /// proportion to their print-ready backlogs.
    Proportional {
        /// Days between two rounds (`pool.allocation.review`).
        review: Days,
    },
}

/// The cap on one lot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LotMax {
    /// No cap: a lot is what the office's reorder policy asks for.
    None,
    /// At most this many blanks (`lot_max = 5000`).
    Count(u64),
    /// At most this many days of the office's nominal printing capacity
    /// (`lot_max = "30d"`): days × printers × mean cards per working day.
    Days(Days),
}
