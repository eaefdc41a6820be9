//! The sections of DIR/index.html that other commands put there (`compare`,
//! `goal`, `sensitivity`, and `run`'s sweeps), what each was computed from,
//! and what becomes of them when the page is written again.
//!
//! Every section says what it was computed from in its opening tag:
//! `data-inputs="name:hash;…"` (each scenario's name and a hash of its merged
//! settings, see [`fingerprint`]), `data-ktpsim` (the version) and
//! `data-computed` (when, UTC). A reader sees the same in words under the
//! heading.
//!
//! - A deciding command puts its section into the report already in DIR,
//!   replacing one with the same id, or makes a page of its own. Any other
//!   section computed from a different version of one of its scenarios is
//!   marked stale there and then.
//! - `run` writes the page anew. It keeps every decision section ([`kept`]),
//!   with a note worked out afresh each time: none when each of its scenarios
//!   ran now with the same settings and version; "stale" when one changed (or
//!   the version did, or the section is from a ktpsim that recorded nothing);
//!   "not checked" when one did not run now. The run's own sweeps are
//!   rewritten, so earlier sweep sections are dropped.
//!
//! The note is one `<p class="stale">` line right after the heading, so it is
//! replaced, never stacked.

use std::ops::Range;

use jiff::Timestamp;

use super::html::escape;
pub use super::inputs::{DECISION, Inputs, SCENARIO, SWEEP, fingerprint, section};
use super::words;
use crate::scenario::Scenario;

/// One section found in a page.
#[derive(Debug, Clone)]
struct Found<'a> {
    /// Where it is in the page, its closing line included.
    at: Range<usize>,
    /// Its opening tag.
    tag: &'a str,
    /// Its whole text.
    text: &'a str,
}

impl Found<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        let key = format!(" {name}=\"");
        let start = self.tag.find(&key)? + key.len();
        let len = self.tag[start..].find('"')?;
        Some(&self.tag[start..start + len])
    }

    fn id(&self) -> Option<&str> {
        self.attr("id")
    }

    /// A deciding command's: marked so, or (from before the mark) by its id.
    fn is_decision(&self) -> bool {
        match self.attr("class") {
            Some(class) => class == DECISION,
            None => self.id().is_some_and(|id| {
                id == "compare" || id == "goal" || id.starts_with("sensitivity-")
            }),
        }
    }

    /// The (name, hash) pairs of `data-inputs`; `None` when it has none.
    fn inputs(&self) -> Option<Vec<(&str, u64)>> {
        let text = self.attr("data-inputs")?;
        Some(
            text.split(';')
                .filter_map(|pair| {
                    let (name, hash) = pair.split_once(':')?;
                    Some((name, u64::from_str_radix(hash, 16).ok()?))
                })
                .collect(),
        )
    }
}

/// The sections of `html`, in order.
fn sections(html: &str) -> Vec<Found<'_>> {
    const CLOSE: &str = "</section>\n";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<section") {
        let start = from + i;
        let Some(tag_len) = html[start..].find('>') else {
            break;
        };
        let end = html[start..]
            .find(CLOSE)
            .map_or(html.len(), |e| start + e + CLOSE.len());
        found.push(Found {
            at: start..end,
            tag: &html[start..=start + tag_len],
            text: &html[start..end],
        });
        from = end;
    }
    found
}

/// `section` (its whole text) with its stale note replaced by `note` (plain
/// text), or removed when `note` is `None`.
fn with_note(section: &str, note: Option<&str>) -> String {
    const OPEN: &str = "<p class=\"stale\">";
    let mut s = section.to_owned();
    if let Some(at) = s.find(OPEN) {
        let end = s[at..]
            .find("</p>\n")
            .map_or(s.len(), |e| at + e + "</p>\n".len());
        s.replace_range(at..end, "");
    }
    if let Some(note) = note {
        let line = format!("{OPEN}{}</p>\n", escape(&note.replace('\n', " ")));
        let at = s.find("</h2>\n").map_or(0, |e| e + "</h2>\n".len());
        s.insert_str(at, &line);
    }
    s
}

/// The note a section carries, as text.
fn note(found: &Found) -> Option<String> {
    let (_, rest) = found.text.split_once("<p class=\"stale\">")?;
    Some(unescape(rest.split_once("</p>")?.0))
}

/// The date a section was computed, in words, if it says.
fn computed(found: &Found) -> Option<String> {
    let t: Timestamp = found.attr("data-computed")?.parse().ok()?;
    Some(words::date(
        t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
    ))
}

/// The note for a section of an earlier command, against the scenarios of
/// this run; `None` when it is current.
fn note_against_run(found: &Found, run: &[&Scenario]) -> Option<String> {
    let Some(inputs) = found.inputs() else {
        return Some(
            "Stale: made by an earlier ktpsim that did not record what it was computed from; \
             run its command again to check it."
                .to_owned(),
        );
    };
    let ours = env!("CARGO_PKG_VERSION");
    if let Some(v) = found.attr("data-ktpsim").filter(|v| *v != ours) {
        return Some(format!(
            "Stale: computed by ktpsim {v}; this report is from ktpsim {ours}, whose numbers \
             may differ. Run its command again."
        ));
    }
    let date = computed(found).map_or_else(String::new, |d| format!(" ({d})"));
    let mut changed = Vec::new();
    let mut absent = Vec::new();
    for (name, hash) in inputs {
        match run.iter().find(|s| s.name == name) {
            Some(s) if fingerprint(s) != hash => changed.push(format!("“{}”", s.title)),
            Some(_) => {}
            None => absent.push(name.to_owned()),
        }
    }
    if !changed.is_empty() {
        let what = if changed.len() == 1 {
            "scenario"
        } else {
            "scenarios"
        };
        return Some(format!(
            "Stale: the {what} {} changed since this was computed{date}. Run its command again.",
            changed.join(", ")
        ));
    }
    if !absent.is_empty() {
        // Found stale before: it stays so until every scenario is checked.
        if let Some(earlier) = note(found).filter(|n| n.starts_with("Stale:")) {
            return Some(earlier);
        }
        return Some(format!(
            "Not checked: computed from {}, which this run did not include, so whether it \
             changed since this was computed{date} is not known.",
            absent.join(", ")
        ));
    }
    None
}

/// The decision sections of an earlier page, in their order, each with its
/// note worked out against the scenarios of this run.
pub fn kept(old: &str, run: &[&Scenario]) -> Vec<KeptSection> {
    sections(old)
        .into_iter()
        .filter(Found::is_decision)
        .map(|f| {
            let note = note_against_run(&f, run);
            KeptSection {
                id: f.id().unwrap_or_default().to_owned(),
                html: with_note(&old[f.at.clone()], note.as_deref()),
                note,
            }
        })
        .collect()
}

/// A decision section kept by `run`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptSection {
    /// Its id (`compare`, `goal`, `sensitivity-<name>`).
    pub id: String,
    /// Its HTML, with the note.
    pub html: String,
    /// Why it is stale or not checked; `None` when current.
    pub note: Option<String>,
}

/// `html` with `section` (from [`section`]) in it: in place of the section
/// with the same id, or else before the list of leftover files, or else at
/// the end of the body. Every other section computed from a different
/// version of one of its scenarios is marked stale.
pub fn put(html: &str, section: &str) -> String {
    let new = sections(section);
    let Some(new) = new.first() else {
        return html.to_owned();
    };
    let id = new.id().unwrap_or_default();
    let inputs = new.inputs().unwrap_or_default();
    let title = section
        .split_once("<h2>")
        .and_then(|(_, rest)| rest.split_once("</h2>"))
        .map_or("", |(h, _)| h);
    let mut out = String::with_capacity(html.len() + section.len());
    let mut placed = false;
    let mut last = 0;
    for f in sections(html) {
        out.push_str(&html[last..f.at.start]);
        last = f.at.end;
        let text = &html[f.at.clone()];
        if f.id() == Some(id) {
            if !placed {
                out.push_str(section);
                placed = true;
            }
            continue;
        }
        if !placed && f.id() == Some(super::inputs::LEFTOVERS) {
            out.push_str(section);
            placed = true;
        }
        let conflict = f
            .inputs()
            .unwrap_or_default()
            .into_iter()
            .any(|(name, hash)| inputs.iter().any(|&(n, h)| n == name && h != hash));
        if conflict {
            // The heading is already escaped HTML: say it as the reader sees it.
            let note = format!(
                "Stale: one of its scenarios has changed since; the section “{}” was \
                 computed from the newer settings.",
                unescape(title)
            );
            out.push_str(&with_note(text, Some(&note)));
        } else {
            out.push_str(text);
        }
    }
    let rest = &html[last..];
    if placed {
        out.push_str(rest);
    } else {
        let at = rest.rfind("</body>").unwrap_or(rest.len());
        out.push_str(&rest[..at]);
        out.push_str(section);
        out.push_str(&rest[at..]);
    }
    refresh_contents(&out)
}

/// The class of the paragraph in the brief that lists the sections below.
const CONTENTS: &str = "<p class=\"contents\">";

/// `html` with its list of the sections that follow the scenarios (sweeps
/// and decisions, stale ones said so) brought up to date.
pub fn refresh_contents(html: &str) -> String {
    let Some(at) = html.find(CONTENTS) else {
        return html.to_owned();
    };
    let end = html[at..]
        .find("</p>\n")
        .map_or(html.len(), |e| at + e + "</p>\n".len());
    let below: Vec<String> = sections(html)
        .iter()
        .filter(|f| f.is_decision() || f.attr("class") == Some(SWEEP))
        .filter_map(|f| {
            let (_, rest) = f.text.split_once("<h2>")?;
            let heading = rest.split_once("</h2>")?.0;
            let stale = match note(f) {
                Some(n) if n.starts_with("Not checked") => " (not checked)",
                Some(_) => " (stale)",
                None => "",
            };
            Some(format!("{heading}{stale}"))
        })
        .collect();
    let line = if below.is_empty() {
        format!("{CONTENTS}</p>\n")
    } else {
        format!("{CONTENTS}Further below: {}.</p>\n", below.join("; "))
    };
    format!("{}{line}{}", &html[..at], &html[end..])
}

/// The text of escaped HTML (the five entities of [`escape`]).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
#[path = "sections_tests.rs"]
mod tests;
