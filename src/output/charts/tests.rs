//! Every chart rendered from a fake run: PNGs decode at the chart size, SVGs
//! parse and hold their titles and axis texts.

use std::path::Path;

use super::*;
use crate::model::fake;

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

/// The box of every unrotated text of an SVG, in pixels: (text, left, top,
/// right, bottom), measured with the bundled font as the PNG draws it.
fn text_boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("transform").is_none())
        .filter_map(|n| {
            let words = n.text()?.trim().to_owned();
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
            // plotters writes a size of `px` pixels as `px / 1.24` in the SVG.
            let px = num("font-size")? * 1.24;
            let mut font = style::text(px);
            if n.attribute("font-weight") == Some("bold") {
                font = ("sans-serif", px, plotters::style::FontStyle::Bold)
                    .into_font()
                    .into();
            }
            let w = f64::from(style::width(&font, &words));
            let (x, y) = (num("x")?, num("y")?);
            let left = match n.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            let top = match n.attribute("dy") {
                Some("0.76em") => y,
                Some("0.5ex") => y - px / 2.0,
                Some("-0.5ex") => y - px,
                _ => y - 0.76 * px,
            };
            Some((words, left, top, left + w, top + px))
        })
        .collect()
}

/// The first two texts of an SVG that cover each other (a pixel of
/// anti-aliasing allowed).
fn first_overlap(svg: &str) -> Option<(String, String)> {
    let boxes = text_boxes(svg);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart =
                a.3 <= b.1 + 1.0 || b.3 <= a.1 + 1.0 || a.4 <= b.2 + 1.0 || b.4 <= a.2 + 1.0;
            if !apart {
                return Some((format!("{a:?}"), format!("{b:?}")));
            }
        }
    }
    None
}

fn assert_no_text_overlaps(r: &Rendered, what: &str) {
    assert!(!text_boxes(&r.svg).is_empty(), "{what}: no text");
    if let Some((a, b)) = first_overlap(&r.svg) {
        panic!("{what}: {a} covers {b}");
    }
}

#[test]
fn the_overlap_check_sees_overlaps() {
    let svg = |second_x: u32| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg"><text x="100" y="50" dy="0.76em" font-size="11.29">median 2 Mar 2018</text><text x="{second_x}" y="55" dy="0.76em" font-size="11.29">p90 2 Apr 2018</text></svg>"#
        )
    };
    assert!(first_overlap(&svg(150)).is_some());
    assert!(first_overlap(&svg(300)).is_none());
}

/// Date tick labels along the x axis: "2018", "Nov 2017", "26 Sep", "06:00".
fn date_labels(svg: &str) -> Vec<String> {
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let is_date = |t: &str| {
        let parts: Vec<&str> = t.split(' ').collect();
        let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        match parts[..] {
            [year] => year.len() == 4 && number(year),
            [a, b] => {
                (months.contains(&a) && b.len() == 4 && number(b))
                    || (number(a) && months.contains(&b))
            }
            _ => false,
        }
    };
    svg_texts(svg)
        .lines()
        .map(str::trim)
        .filter(|t| is_date(t))
        .map(str::to_owned)
        .collect()
}

/// A run of `days` days: the fake outcomes stretched over the horizon, with
/// scheduled outages and shipments, so every marker and label is drawn.
fn long_run(days: u32) -> (Scenario, ScenarioStats) {
    use crate::dist::Dist;
    use crate::scenario::{BlanksConfig, OutageTiming, ServerConfig, ServerOutage, Shipment};
    let mut scenario = fake::scenario("long");
    scenario.title = "A deliberately long title: ten years of a small office, \
                      with every scheduled event the format allows"
        .into();
    scenario.horizon = f64::from(days);
    let constant = |d: f64| Dist::constant(d).unwrap();
    let outage = |name: &str, at: f64| ServerOutage {
        name: name.into(),
        when: OutageTiming::At(at),
        duration: constant(2.0),
    };
    scenario.server = Some(ServerConfig {
        outages: vec![
            outage("AC leak", -0.3),
            outage("move", 500.0),
            outage("power works", 510.0),
        ],
    });
    let shipment = |at: f64| Shipment {
        at,
        quantity: 10_000,
        delay: Some(constant(5.0)),
    };
    scenario.blanks = Some(BlanksConfig {
        initial: 36_000,
        shipments: vec![shipment(70.0), shipment(505.0), shipment(1500.0)],
        reorder: None,
    });
    let mut stats = ScenarioStats::new(&scenario);
    for i in 0..50 {
        let mut o = fake::outcome(&scenario, i);
        let n = u64::from(days);
        o.daily = (0..n)
            .map(|d| {
                let left = 35_000 * n.saturating_sub(2 * d) / n;
                crate::model::outcome::DailyPoint {
                    awaiting: left + i * 10,
                    initial_unprinted: left,
                    printed: 35_000 - left,
                    blanks: 36_000 - (35_000 - left),
                }
            })
            .collect();
        stats.add(&o);
    }
    (scenario, stats)
}

#[test]
fn date_axes_are_labelled_from_a_week_to_ten_years() {
    for days in [7, 30, 365, 1000, 3300, 3653] {
        let (scenario, stats) = long_run(days);
        for r in [
            render(&fan::Backlog {
                scenario: &scenario,
                stats: &stats,
            })
            .unwrap(),
            render(&blanks::Blanks {
                scenario: &scenario,
                stats: &stats,
            })
            .unwrap(),
        ] {
            let labels = date_labels(&r.svg);
            assert!(
                (4..=dates::MAX_LABELS).contains(&labels.len()),
                "{days} days: {labels:?}"
            );
        }
    }
}

#[test]
fn no_label_covers_another_at_any_horizon() {
    for days in [7, 365, 3300] {
        let (scenario, stats) = long_run(days);
        let what = |stem: &str| format!("{stem} over {days} days");
        let backlog = render(&fan::Backlog {
            scenario: &scenario,
            stats: &stats,
        })
        .unwrap();
        assert_no_text_overlaps(&backlog, &what("backlog"));
        let blanks = render(&blanks::Blanks {
            scenario: &scenario,
            stats: &stats,
        })
        .unwrap();
        assert_no_text_overlaps(&blanks, &what("blanks"));
        let texts = svg_texts(&backlog.svg);
        assert!(texts.contains("AC leak (server)"), "{texts}");
        assert!(texts.contains("…"), "the long title is cut: {texts}");
    }
    let (scenario, stats) = fake_stats("a");
    let clear = render(&clear_days::ClearDays {
        scenario: &scenario,
        stats: &stats,
    })
    .unwrap();
    assert_no_text_overlaps(&clear, "clear-days");
}

#[test]
fn ten_scenarios_compare_by_title_on_a_fitted_axis() {
    let runs: Vec<(Scenario, ScenarioStats)> = (0..10)
        .map(|k| {
            let (mut s, stats) = fake_stats(&format!("s{k}"));
            if k == 3 {
                s.title = "A scenario whose title is far too long to fit beside its row \
                           even on two lines of the comparison chart"
                    .into();
            }
            (s, stats)
        })
        .collect();
    let results: Vec<(&Scenario, &ScenarioStats)> = runs.iter().map(|(s, st)| (s, st)).collect();
    let r = check(
        &comparison::Comparison { results: &results },
        &[
            "s0 (test)",
            "s9 (test)",
            "A scenario whose title is far too",
        ],
    );
    assert_no_text_overlaps(&r, "comparison");
    // The fake clearing days run from 60 to 100: the axis starts near them,
    // not at 0.
    let texts = svg_texts(&r.svg);
    assert!(!texts.lines().any(|t| t.trim() == "0"), "{texts}");
}

/// A sweep of the bundled baseline over `keys`, run with a few replications.
fn swept(keys: &str) -> (crate::decide::sweep::Sweep, Vec<crate::stats::Clearing>) {
    let dir = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/bojonegoro-2017.toml");
    let path = dir.path().join("sw.toml");
    let text = format!(
        "extends = {:?}\n[scenario]\nname = \"sw\"\nhorizon = \"200d\"\n\n[sweep]\n{keys}",
        base.display().to_string()
    );
    std::fs::write(&path, text).unwrap();
    let sweep = crate::decide::sweep::read(&path).unwrap().unwrap();
    let stats =
        crate::decide::sweep::run(&sweep, 1, 4, &crate::engine::executor::Executor::serial())
            .unwrap();
    (sweep, stats)
}

#[test]
fn sweep_charts_name_settings_in_words() {
    let (sweep, stats) =
        swept("\"printing.printers\" = [1, 2, 3]\n\"network.states.up.throughput\" = [0.6, 1.0]\n");
    let r = check(
        &sweep::SweepChart {
            sweep: &sweep,
            stats: &stats,
        },
        &[
            "printers and link throughput when up",
            "link throughput when up",
            "cleared by the deadline (%)",
            // The colour scale's ends.
            "days",
        ],
    );
    assert!(!svg_texts(&r.svg).contains("network.states"));
    assert_no_text_overlaps(&r, "heat maps");

    let (sweep, stats) = swept("\"blanks.shipments[0].quantity\" = [5000, 10000, 20000]\n");
    let r = check(
        &sweep::SweepChart {
            sweep: &sweep,
            stats: &stats,
        },
        &["blank lot size (shipment 1)", "days to clear", "10000"],
    );
    // The charts name a key as goal and the other commands do.
    let name = crate::scenario::words::name(&sweep.axes[0].path);
    assert!(svg_texts(&r.svg).contains(&name), "{name}");
    assert_no_text_overlaps(&r, "sweep lines");
}

#[test]
fn the_tornado_names_settings_in_words_with_their_values() {
    let text = r#"
[scenario]
name = "tiny"
start = 2024-01-01T00:00:00
horizon = "60d"
seed = 3

[backlog]
initial = 50

[printing]
printers = 1
cards_per_day = 10
reject_rate = 0.1

[[blanks.shipments]]
at = 2024-01-03T00:00:00
quantity = 100
"#;
    let doc = crate::scenario::document::Document::from_text(text, Path::new("tiny.toml")).unwrap();
    let plan = crate::decide::sensitivity::plan(&doc, 0.2).unwrap();
    let s =
        crate::decide::sensitivity::run(plan, 3, 10, &crate::engine::executor::Executor::serial())
            .unwrap();
    let r = check(
        &tornado::Tornado { s: &s },
        &[
            "records waiting at the start = 50",
            "cards per printer per working day = 10",
            "p50 days to clear",
        ],
    );
    assert!(!svg_texts(&r.svg).contains("backlog.initial"));
    assert_no_text_overlaps(&r, "tornado");
}

/// The national charts of a national fixture run of `offices` offices.
fn national_charts(offices: usize, per_region: usize, reps: u64) -> Vec<(&'static str, Rendered)> {
    use crate::output::national_fixture as fixture;
    let scenario = fixture::national(offices, per_region, 1_500, true);
    let stats = fixture::run(&scenario, reps);
    let national = stats.national().unwrap();
    let (s, st, n) = (&scenario, &stats, national);
    vec![
        (
            "offices",
            render(&national::offices::Offices {
                scenario: s,
                stats: st,
                national: n,
            })
            .unwrap(),
        ),
        (
            "regions",
            render(&national::regions::Regions {
                scenario: s,
                stats: st,
                national: n,
            })
            .unwrap(),
        ),
        (
            "offices-cleared",
            render(&national::cleared::OfficesCleared {
                scenario: s,
                stats: st,
                national: n,
            })
            .unwrap(),
        ),
        (
            "pool",
            render(&national::pool::Pool {
                scenario: s,
                stats: st,
                national: n,
            })
            .unwrap(),
        ),
        (
            "backlog",
            render(&fan::Backlog {
                scenario: s,
                stats: st,
            })
            .unwrap(),
        ),
        (
            "clear-days",
            render(&clear_days::ClearDays {
                scenario: s,
                stats: st,
            })
            .unwrap(),
        ),
    ]
}

/// Writes the national charts at 3, 38 and 514 offices under
/// `$KTPSIM_CHART_DIR` to look at: `cargo test --release -- --ignored look_at`.
#[test]
#[ignore = "writes PNG files to look at"]
fn look_at_national_charts() {
    let dir = std::path::PathBuf::from(std::env::var("KTPSIM_CHART_DIR").unwrap());
    for (offices, per_region, reps) in [(3, 2, 10), (38, 1, 10), (514, 15, 4)] {
        for (stem, r) in national_charts(offices, per_region, reps) {
            std::fs::write(dir.join(format!("{stem}-{offices}.png")), &r.png).unwrap();
        }
    }
}

#[test]
fn national_charts_render_without_overlapping_labels() {
    for (offices, per_region, reps) in [(3, 2, 5), (38, 1, 5), (514, 15, 2)] {
        let charts = national_charts(offices, per_region, reps);
        for (stem, r) in &charts {
            assert_eq!(png_size(&r.png), style::SIZE, "{stem}");
            assert_no_text_overlaps(r, &format!("{stem} at {offices} offices"));
        }
        let text = |stem: &str| svg_texts(&charts.iter().find(|c| c.0 == stem).unwrap().1.svg);
        let offices_text = text("offices");
        assert!(offices_text.contains("date cleared"), "{offices_text}");
        assert!(offices_text.contains("deadline 31 Mar 2018"));
        assert!(offices_text.contains(&format!("Latest {}", offices.min(10))));
        assert!(text("regions").contains("date the region's last office clears"));
        assert!(text("offices-cleared").contains("offices cleared (%)"));
        assert!(text("offices-cleared").contains("of offices cleared (mean)"));
        assert!(text("backlog").contains(&format!("in all {offices} offices together")));
        let pool = text("pool");
        assert!(pool.contains("in transit to offices: p10-p90"), "{pool}");
        assert!(pool.contains("blanks due"), "{pool}");
    }
}
