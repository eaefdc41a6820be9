//! What happens on a scenario's calendar, marked on its time charts: the
//! deadline, scheduled server and link outages, and scheduled blank shipments.
//!
//! Only scheduled events are marked: random outages and reorders differ from one
//! replication to the next, and the bands already show their effect.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::DrawResult;
use super::dates::DateAxis;
use super::style::{self, DEADLINE, EVENT, EVENT_ALPHA};
use crate::scenario::{OutageTiming, Scenario};
use crate::time::Days;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A chart whose x axis is days since the start with date ticks.
pub type DateChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<DateAxis, RangedCoordf64>>;

/// A scheduled event: a span of time (a point when `to == from`) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Onset, days since start.
    pub from: Days,
    /// End (the mean duration after the onset), days since start.
    pub to: Days,
    /// What it is, for the chart.
    pub label: String,
}

/// Scheduled server and link outages, spanning their mean duration.
pub fn outages(scenario: &Scenario) -> Vec<Event> {
    let server = scenario.server.iter().flat_map(|s| &s.outages);
    let server = server.filter_map(|o| match o.when {
        OutageTiming::At(at) => Some(Event {
            from: at,
            to: at + o.duration.mean(),
            label: format!("{} (server)", o.name),
        }),
        OutageTiming::Every(_) => None,
    });
    let link = scenario.network.iter().flat_map(|n| &n.outages);
    let link = link.map(|o| Event {
        from: o.at,
        to: o.at + o.duration.mean(),
        label: if o.name.is_empty() {
            "link outage".to_owned()
        } else {
            format!("{} (link)", o.name)
        },
    });
    server.chain(link).collect()
}

/// Scheduled blank shipments at their planned arrival.
pub fn shipments(scenario: &Scenario) -> Vec<Event> {
    let shipments = scenario.blanks.iter().flat_map(|b| &b.shipments);
    shipments
        .map(|s| Event {
            from: s.at.max(0.0),
            to: s.at.max(0.0) + s.delay.as_ref().map_or(0.0, |d| d.mean()),
            label: format!("{} blanks due", style::thousands(s.quantity as f64)),
        })
        .collect()
}

/// Shades each event's span, draws a line at its onset and writes its label
/// near the top, one row below the previous label so close events stay legible.
pub fn draw_events<DB: DrawingBackend>(
    chart: &mut DateChart<'_, DB>,
    events: &[Event],
    top: f64,
    row: f64,
    first_row: usize,
) -> DrawResult<DB> {
    for (k, e) in events.iter().enumerate() {
        let span = Rectangle::new(
            [(e.from, 0.0), (e.to, top)],
            EVENT.mix(EVENT_ALPHA).filled(),
        );
        chart.draw_series(std::iter::once(span))?;
        let onset = PathElement::new(vec![(e.from, 0.0), (e.from, top)], style::line(EVENT, 1));
        chart.draw_series(std::iter::once(onset))?;
        let y = top - row * (first_row + k) as f64;
        chart.draw_series(std::iter::once(Text::new(
            format!(" {}", e.label),
            (e.from, y),
            style::text(style::TICK_PX).color(&EVENT),
        )))?;
    }
    Ok(())
}

/// Draws the deadline as a dashed vertical line with its date, when it lies on
/// the chart.
pub fn draw_deadline<DB: DrawingBackend>(
    chart: &mut DateChart<'_, DB>,
    scenario: &Scenario,
    top: f64,
) -> DrawResult<DB> {
    let Some(deadline) = scenario.deadline else {
        return Ok(());
    };
    let x = chart.x_range();
    if deadline.at < x.start || deadline.at > x.end {
        return Ok(());
    }
    chart.draw_series(DashedLineSeries::new(
        [(deadline.at, 0.0), (deadline.at, top)],
        8,
        5,
        style::line(DEADLINE, 2),
    ))?;
    let label = format!("deadline {} ", deadline.date.strftime("%-d %b %Y"));
    chart.draw_series(std::iter::once(Text::new(
        label,
        (deadline.at, top),
        style::text(style::TICK_PX)
            .color(&DEADLINE)
            .pos(Pos::new(HPos::Right, VPos::Top)),
    )))?;
    Ok(())
}
