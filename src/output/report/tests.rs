//! The report escapes scenario text, links only files that exist, reads as a
//! briefing (headline first, words for metrics, titles) and stays
//! well-formed.

use super::*;
use crate::model::fake;
use crate::scenario::BacklogConfig;

fn stats_of(scenario: &Scenario) -> ScenarioStats {
    let mut stats = ScenarioStats::new(scenario);
    (0..20).for_each(|i| stats.add(&fake::outcome(scenario, i)));
    stats
}

fn scenario(name: &str) -> Scenario {
    let mut sc = fake::scenario(name);
    sc.backlog = Some(BacklogConfig {
        initial: 35_000,
        mix: vec![0.5, 0.5],
    });
    sc
}

fn page_of(results: &[(&Scenario, &ScenarioStats)], charts: bool) -> String {
    render(results, charts, "", &[], &Leftovers::default())
}

#[test]
fn hostile_title_and_settings_are_escaped() {
    let mut sc = scenario("evil");
    sc.title = "<script>alert(1)</script> & \"quotes\"".to_owned();
    sc.merged_toml = "# </pre><img src=x onerror=alert(2)>\n".to_owned();
    let stats = stats_of(&sc);
    let html = page_of(&[(&sc, &stats), (&sc, &stats)], true);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(html.contains("# &lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;"));
}

#[test]
fn without_charts_the_page_has_no_images() {
    let sc = scenario("a");
    let stats = stats_of(&sc);
    let html = page_of(&[(&sc, &stats), (&sc, &stats)], false);
    assert!(!html.contains("<img"));
    assert!(html.contains("seed 1, 20 replications"));
}

#[test]
fn the_headline_comes_first_and_metrics_read_as_words() {
    let sc = scenario("a");
    let stats = stats_of(&sc);
    let html = page_of(&[(&sc, &stats)], true);
    let headline = headline::headline(&sc, &stats);
    assert!(
        headline.starts_with("The 35,000 waiting records are printed by "),
        "{headline}"
    );
    let first = html.find("<p class=\"headline\">").unwrap();
    assert!(first < html.find("<table").unwrap());
    assert!(html[first..].starts_with(&format!(
        "<p class=\"headline\"><strong>a (test)</strong>: {headline}</p>"
    )));
    assert!(html.contains(
        "<td class=\"text\">Hours without blanks, until the backlog cleared\
         <code class=\"key\">stockout_hours_to_clearing</code></td>"
    ));
    // Shares as percentages; a censored quantile in words, never a number.
    assert!(
        html.contains("<td>90.0%</td><td>69.9% – 97.2%</td>"),
        "{html}"
    );
    assert!(html.contains("<td>beyond the horizon</td>"));
    // The title names the scenario in headings and chart captions.
    assert!(html.contains("<h2>a (test)</h2>"));
    assert!(html.contains(
        "<figcaption>Printing capacity lost, in cards, by first cause — a (test)</figcaption>"
    ));
    // Settings under a closed disclosure.
    assert!(html.contains("<details>\n<summary>Settings it ran with"));
}

#[test]
fn the_page_is_well_formed() {
    let a = scenario("a");
    let mut b = scenario("b");
    b.title = "b & <c>".to_owned();
    let (sa, sb) = (stats_of(&a), stats_of(&b));
    let html = page_of(&[(&a, &sa), (&b, &sb)], true);
    // HTML void elements aside, the page parses as XML: every tag closed,
    // every attribute quoted, nothing unescaped.
    let xml = html
        .trim_start_matches("<!DOCTYPE html>\n")
        .replace("<meta charset=\"utf-8\">", "")
        .replace(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "",
        )
        .replace(
            &format!(
                "<meta name=\"generator\" content=\"ktpsim {}\">",
                env!("CARGO_PKG_VERSION")
            ),
            "",
        )
        .replace("<br>", "<br/>");
    let xml = regex_free_img_close(&xml);
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("{e}\n{xml}");
    }
}

/// `<img ...>` as `<img .../>`, for the XML parser.
fn regex_free_img_close(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<img ") {
        let end = i + rest[i..].find('>').unwrap();
        out.push_str(&rest[..end]);
        out.push_str("/>");
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
