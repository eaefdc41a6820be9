//! What a section of the report was computed from, and the section itself:
//! its opening tag records the scenarios (name and [`fingerprint`]), the
//! ktpsim version and when; a line under its heading says the same in words.
//! [`super::sections`] reads these back to keep, replace or mark sections.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::html::escape;
use super::words;
use crate::scenario::Scenario;

/// The class of a deciding command's section: kept by `run`.
pub const DECISION: &str = "decision";

/// The class of a sweep's section: rewritten by every `run`.
pub const SWEEP: &str = "sweep";

/// The class of a scenario's section of `run`.
pub const SCENARIO: &str = "scenario";

/// The id of the section listing files of earlier commands
/// ([`super::leftovers`]): always the last, whoever wrote the page.
pub const LEFTOVERS: &str = "leftovers";

/// What a section was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// Each scenario: name, file it came from, [`fingerprint`] of its settings.
    pub scenarios: Vec<(String, String, u64)>,
    /// The rest, in words for the reader: seed, replications, options.
    pub detail: String,
}

impl Inputs {
    /// The inputs of `scenarios`, with `detail` in words.
    pub fn of<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>, detail: String) -> Self {
        Self {
            scenarios: scenarios
                .into_iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        s.source.display().to_string(),
                        fingerprint(s),
                    )
                })
                .collect(),
            detail,
        }
    }

    fn attribute(&self) -> String {
        let pairs: Vec<String> = self
            .scenarios
            .iter()
            .map(|(name, _, hash)| format!("{name}:{hash:016x}"))
            .collect();
        pairs.join(";")
    }
}

/// A hash of a scenario's merged settings (FNV-1a, 64 bits, the same in every
/// build), without its `[sweep]` table, which changes the sweep and not the
/// scenario: two loads of an unchanged file agree, whichever command loaded it.
pub fn fingerprint(sc: &Scenario) -> u64 {
    let text = match sc.merged_toml.parse::<toml::Table>() {
        Ok(mut table) => {
            table.remove("sweep");
            toml::to_string(&table).unwrap_or_else(|_| sc.merged_toml.clone())
        }
        Err(_) => sc.merged_toml.clone(),
    };
    crate::hash::Fnv64::of(text.as_bytes())
}

/// A section: its opening tag with what it was computed from, the heading,
/// a line saying the same in words, then `body` (HTML).
pub fn section(
    id: &str,
    class: &str,
    heading: &str,
    inputs: &Inputs,
    computed: Option<Timestamp>,
    body: &str,
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<section id=\"{}\" class=\"{class}\" data-inputs=\"{}\" data-ktpsim=\"{}\"",
        escape(id),
        escape(&inputs.attribute()),
        env!("CARGO_PKG_VERSION"),
    );
    if let Some(t) = computed {
        let _ = write!(h, " data-computed=\"{}\"", t.strftime("%Y-%m-%dT%H:%M:%SZ"));
    }
    let _ = write!(h, ">\n<h2>{}</h2>\n", escape(heading));
    let files: Vec<String> = inputs
        .scenarios
        .iter()
        .map(|(_, file, _)| format!("<code>{}</code>", escape(file)))
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"meta\">Computed {}by ktpsim {} from {}; {}.</p>",
        computed.map_or_else(String::new, |t| when(t) + " "),
        env!("CARGO_PKG_VERSION"),
        files.join(", "),
        escape(&inputs.detail)
    );
    h.push_str(body);
    h.push_str("</section>\n");
    h
}

/// "on 2 December 2025 at 10:04 UTC".
fn when(t: Timestamp) -> String {
    let utc = t.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    format!(
        "on {} at {} UTC",
        words::date(utc.date()),
        utc.strftime("%H:%M")
    )
}
