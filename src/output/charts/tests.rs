//! Every chart rendered from a fake run: PNGs decode at the chart size, SVGs
//! parse and hold their titles and axis texts.

use super::*;
use crate::runner::fake;

fn fake_stats(name: &str) -> (Scenario, ScenarioStats) {
    let scenario = fake::scenario(name);
    let mut stats = ScenarioStats::new(&scenario);
    (0..50).for_each(|i| stats.add(&fake::outcome(&scenario, i)));
    (scenario, stats)
}

/// Decodes a PNG and returns its size.
pub(crate) fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    (info.width, info.height)
}

/// Parses an SVG and returns all its text, joined by newlines.
pub(crate) fn svg_texts(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(figure: &impl Figure, expected: &[&str]) -> Rendered {
    let r = render(figure).unwrap();
    assert_eq!(png_size(&r.png), style::SIZE, "{}", figure.stem());
    let texts = svg_texts(&r.svg);
    for t in expected {
        assert!(texts.contains(t), "{} lacks {t:?}:\n{texts}", figure.stem());
    }
    r
}

#[test]
fn backlog_chart() {
    let (scenario, stats) = fake_stats("a");
    check(
        &fan::Backlog {
            scenario: &scenario,
            stats: &stats,
        },
        &[
            "a (test)",
            "50 replications",
            "records",
            "date (end of day)",
            "awaiting print: median",
        ],
    );
}

#[test]
fn clear_days_chart() {
    let (scenario, stats) = fake_stats("a");
    check(
        &clear_days::ClearDays {
            scenario: &scenario,
            stats: &stats,
        },
        &[
            "a (test)",
            "date cleared",
            "median",
            "p90",
            "deadline 23 Dec 2017",
            "not cleared by the horizon",
        ],
    );
}

#[test]
fn losses_chart() {
    let (scenario, stats) = fake_stats("a");
    check(
        &losses::Losses {
            scenario: &scenario,
            stats: &stats,
        },
        &[
            "a (test)",
            "server down",
            "no blanks",
            "cards that could have been printed",
        ],
    );
}

#[test]
fn blanks_chart_with_and_without_a_blank_stock() {
    let (mut scenario, stats) = fake_stats("a");
    check(
        &blanks::Blanks {
            scenario: &scenario,
            stats: &stats,
        },
        &["a (test)", "Blanks are unlimited"],
    );
    scenario.blanks = Some(crate::scenario::BlanksConfig {
        initial: 36_000,
        shipments: Vec::new(),
        reorder: None,
    });
    check(
        &blanks::Blanks {
            scenario: &scenario,
            stats: &stats,
        },
        &[
            "blanks on hand",
            "blanks / week",
            "reorder lots (mean per run)",
        ],
    );
}

#[test]
fn comparison_chart() {
    let (a, sa) = fake_stats("first");
    let (b, sb) = fake_stats("second");
    check(
        &comparison::Comparison {
            results: &[(&a, &sa), (&b, &sb)],
        },
        &[
            "Scenarios compared",
            "first",
            "second",
            "days to clear (from the start)",
            "cleared by the deadline",
        ],
    );
}
