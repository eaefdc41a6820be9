//! Sections put, replaced, kept and marked stale.

use super::*;
use crate::model::fake;

fn scenario(name: &str, settings: &str) -> Scenario {
    let mut s = fake::scenario(name);
    s.merged_toml = settings.to_owned();
    s
}

fn at() -> Option<Timestamp> {
    Some("2025-12-02T10:04:00Z".parse().unwrap())
}

fn compare(a: &Scenario, b: &Scenario) -> String {
    let inputs = Inputs::of([a, b], "seed 1, 20 replications".to_owned());
    section(
        "compare",
        DECISION,
        "Compared with a & co",
        &inputs,
        at(),
        "<p>numbers</p>\n",
    )
}

fn page_with(sections: &[String]) -> String {
    format!("<body>\n<h1>t</h1>\n{}</body>\n", sections.concat())
}

#[test]
fn a_section_says_what_it_was_computed_from() {
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let html = compare(&a, &b);
    assert_eq!(
        html,
        format!(
            "<section id=\"compare\" class=\"decision\" data-inputs=\"a:{:016x};b:{:016x}\" \
             data-ktpsim=\"{}\" data-computed=\"2025-12-02T10:04:00Z\">\n<h2>Compared with a \
             &amp; co</h2>\n<p class=\"meta\">Computed on 2 December 2025 at 10:04 UTC by \
             ktpsim {} from <code>a.toml</code>, <code>b.toml</code>; seed 1, 20 \
             replications.</p>\n<p>numbers</p>\n</section>\n",
            fingerprint(&a),
            fingerprint(&b),
            env!("CARGO_PKG_VERSION"),
            env!("CARGO_PKG_VERSION"),
        )
    );
}

#[test]
fn the_fingerprint_ignores_the_sweep_table() {
    let plain = scenario("a", "[printing]\nprinters = 1\n");
    let swept = scenario(
        "a",
        "[printing]\nprinters = 1\n\n[sweep]\n\"printing.printers\" = [1, 2]\n",
    );
    let other = scenario("a", "[printing]\nprinters = 2\n");
    assert_eq!(fingerprint(&plain), fingerprint(&swept));
    assert_ne!(fingerprint(&plain), fingerprint(&other));
}

#[test]
fn put_replaces_the_same_id_and_adds_before_the_leftovers() {
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let once = put(&page_with(&[]), &compare(&a, &b));
    let twice = put(&once, &compare(&a, &b).replace("numbers", "again"));
    assert_eq!(twice.matches("<section id=\"compare\"").count(), 1);
    assert!(twice.contains("again") && !twice.contains("numbers"));
    assert!(twice.ends_with("</section>\n</body>\n"));
    let leftovers = format!(
        "<section id=\"{}\">\n</section>\n",
        super::super::inputs::LEFTOVERS
    );
    let page = put(
        &page_with(std::slice::from_ref(&leftovers)),
        &compare(&a, &b),
    );
    assert!(
        page.contains(&format!("</section>\n{leftovers}</body>")),
        "{page}"
    );
}

#[test]
fn a_run_keeps_decisions_and_marks_them_stale_when_a_scenario_changed() {
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let page = page_with(&[compare(&a, &b)]);
    let same = kept(&page, &[&a, &b]);
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].note, None);
    assert_eq!(same[0].html, compare(&a, &b));

    let mut changed = a.clone();
    changed.merged_toml = "x = 3\n".to_owned();
    let stale = kept(&page, &[&changed, &b]);
    assert_eq!(
        stale[0].note.as_deref(),
        Some(
            "Stale: the scenario “a (test)” changed since this was computed (2 December \
             2025). Run its command again."
        )
    );
    assert!(
        stale[0]
            .html
            .contains("</h2>\n<p class=\"stale\">Stale: the scenario")
    );
    // Worked out afresh, never stacked: back to the first settings, no note.
    let again = kept(&page_with(&[stale[0].html.clone()]), &[&a, &b]);
    assert_eq!(again[0].html, compare(&a, &b));

    // Stale stays stale while a scenario it came from is not checked.
    let unchecked = kept(&page_with(&[stale[0].html.clone()]), &[&b]);
    assert_eq!(unchecked[0].note, stale[0].note);

    let partial = kept(&page, &[&a]);
    assert_eq!(
        partial[0].note.as_deref(),
        Some(
            "Not checked: computed from b, which this run did not include, so whether it \
             changed since this was computed (2 December 2025) is not known."
        )
    );
}

#[test]
fn sections_of_earlier_versions_are_stale() {
    let old = "<body>\n<section id=\"compare\">\n<h2>Compared</h2>\n<pre>x</pre>\n</section>\n\
               <section>\n<h2>a sweep</h2>\n</section>\n</body>\n";
    let k = kept(old, &[]);
    assert_eq!(k.len(), 1, "the sweep is the run's own, not kept");
    assert!(
        k[0].note
            .as_deref()
            .unwrap()
            .starts_with("Stale: made by an earlier ktpsim")
    );
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let other = compare(&a, &b).replace(
        &format!("data-ktpsim=\"{}\"", env!("CARGO_PKG_VERSION")),
        "data-ktpsim=\"0.0.1\"",
    );
    let k = kept(&page_with(&[other]), &[&a, &b]);
    assert!(
        k[0].note
            .as_deref()
            .unwrap()
            .starts_with("Stale: computed by ktpsim 0.0.1;"),
        "{k:?}"
    );
}

#[test]
fn a_decision_marks_what_it_contradicts() {
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let run_a = section(
        "scenario-a",
        SCENARIO,
        "a",
        &Inputs::of([&a], "seed 1".to_owned()),
        None,
        "",
    );
    let run_b = run_a.replace("scenario-a", "scenario-b").replace(
        &format!("a:{:016x}", fingerprint(&a)),
        &format!("b:{:016x}", fingerprint(&b)),
    );
    let mut newer = a.clone();
    newer.merged_toml = "x = 3\n".to_owned();
    let page = put(&page_with(&[run_a, run_b.clone()]), &compare(&newer, &b));
    assert!(page.contains(
        "<h2>a</h2>\n<p class=\"stale\">Stale: one of its scenarios has changed since; the \
         section “Compared with a &amp; co” was computed from the newer settings.</p>"
    ));
    assert!(page.contains(&run_b), "b did not change");
}

#[test]
fn the_brief_lists_what_follows() {
    let a = scenario("a", "x = 1\n");
    let b = scenario("b", "x = 2\n");
    let page = "<body>\n<section id=\"brief\">\n<p class=\"contents\"></p>\n</section>\n</body>\n";
    let page = put(page, &compare(&a, &b));
    assert!(page.contains("<p class=\"contents\">Further below: Compared with a &amp; co.</p>\n"));
    let stale = with_note(&compare(&a, &b), Some("Stale: x"));
    let page = put(&page, &stale);
    assert!(
        page.contains(
            "<p class=\"contents\">Further below: Compared with a &amp; co (stale).</p>\n"
        )
    );
}
