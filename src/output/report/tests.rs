//! The report escapes scenario text and links only files that exist.

use super::*;
use crate::runner::fake;

fn stats_of(scenario: &Scenario) -> ScenarioStats {
    let mut stats = ScenarioStats::new(scenario);
    (0..20).for_each(|i| stats.add(&fake::outcome(scenario, i)));
    stats
}

#[test]
fn hostile_title_and_settings_are_escaped() {
    let mut sc = fake::scenario("evil");
    sc.title = "<script>alert(1)</script> & \"quotes\"".to_owned();
    sc.merged_toml = "# </pre><img src=x onerror=alert(2)>\n".to_owned();
    let stats = stats_of(&sc);
    let html = render(&[(&sc, &stats)], true);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(html.contains("# &lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;"));
}

#[test]
fn folder_names_are_url_encoded() {
    assert_eq!(url_segment("a b/c?d"), "a%20b%2Fc%3Fd");
    assert_eq!(url_segment("bojonegoro-2017"), "bojonegoro-2017");
}

#[test]
fn without_charts_the_page_has_no_images() {
    let sc = fake::scenario("a");
    let stats = stats_of(&sc);
    let html = render(&[(&sc, &stats), (&sc, &stats)], false);
    assert!(!html.contains("<img"));
    assert!(html.contains("seed 1, 20 replications"));
}
