//! The goal's section: the answer in a sentence, then every value tried as
//! a table row with its estimate, interval and verdict.

use crate::decide::goal::{Answer, Search};
use crate::decide::target::{Target, Verdict};
use crate::dist::num;
use crate::output::report::html::{Table, code, escape};
use crate::output::report::words;

/// The target in words: "at least 90.0% of the runs clear by the deadline".
fn target(t: Target) -> String {
    // 0.9 · 100 is 90.00000000000001 in floating point.
    let pct = |q: f64| num((q * 1e8).round() / 1e6);
    match t {
        Target::Deadline(share) => format!(
            "at least {} of the runs clear by the deadline",
            words::percent(share)
        ),
        Target::ClearedBy(by, share) => format!(
            "at least {} of the runs clear by {}",
            words::percent(share),
            words::date(by.date)
        ),
        Target::Quantile(q, days) => {
            format!("{}% of the runs clear within {} days", pct(q), num(days))
        }
        Target::QuantileBy(q, by) => {
            format!("{}% of the runs clear by {}", pct(q), words::date(by.date))
        }
    }
}

/// An estimate or bound in the target's terms.
fn estimate(t: Target, x: f64) -> String {
    match t {
        Target::Deadline(_) | Target::ClearedBy(..) if x.is_finite() => words::percent(x),
        Target::Deadline(_) | Target::ClearedBy(..) => words::UNKNOWN.to_owned(),
        Target::Quantile(..) | Target::QuantileBy(..) if x == f64::NEG_INFINITY => {
            "below the fewest runs".to_owned()
        }
        Target::Quantile(..) => words::days(Some(x)),
        Target::QuantileBy(_, by) if x.is_finite() => {
            words::date(crate::time::date_at(by.start, x))
        }
        Target::QuantileBy(..) => words::days(Some(x)),
    }
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met, with 95% confidence",
        Verdict::NotMet => "not met, with 95% confidence",
        Verdict::Unclear => "not clear at these runs",
    }
}

/// The answer as a sentence (plain text).
fn answer(s: &Search, a: &Answer) -> String {
    let range = format!("from {} to {}", num(s.from), num(s.to));
    let goal = target(s.target);
    match a.value {
        Some(v) => {
            let sure = a
                .steps
                .iter()
                .rev()
                .find(|st| st.value == v)
                .is_some_and(|st| st.verdict == Verdict::Met);
            let how = if sure {
                "met with 95% confidence".to_owned()
            } else {
                format!(
                    "met on the estimate, not clear at the cap of {} runs",
                    words::count(s.cap as i64)
                )
            };
            format!(
                "The smallest {} {range} for which {goal} is {} ({how}).",
                s.path,
                num(v)
            )
        }
        None => format!(
            "No value of {} {range} is enough: even {} does not make {goal}.",
            s.path,
            num(s.to)
        ),
    }
}

/// The section's body (HTML).
pub fn body(s: &Search, a: &Answer) -> String {
    let mut h = format!("<p class=\"headline\">{}</p>\n", escape(&answer(s, a)));
    let path = s.path.to_string();
    let costs = a.steps.iter().any(|st| st.clearing.cost().is_some());
    let mut head = vec![
        "Value tried",
        "Estimate",
        "95% CI",
        "Runs",
        "Verdict",
        "The answer",
    ];
    if costs {
        head.push("Mean cost to clearing, Rp");
    }
    let mut t = Table::new(&head);
    for st in &a.steps {
        let (x, ci) = match s.target.estimate(&st.clearing) {
            Some((x, (lo, hi))) => (
                estimate(s.target, x),
                format!("{} to {}", estimate(s.target, lo), estimate(s.target, hi)),
            ),
            None => (words::UNKNOWN.to_owned(), words::UNKNOWN.to_owned()),
        };
        let mut row = vec![
            format!("{} = {}", code(&path), escape(&num(st.value))),
            x,
            ci,
            words::count(st.clearing.replications() as i64),
            verdict(st.verdict).to_owned(),
            if a.value == Some(st.value) { "yes" } else { "" }.to_owned(),
        ];
        if costs {
            let mean = st.clearing.cost().and_then(crate::stats::Moments::mean);
            row.push(mean.map_or_else(|| "–".to_owned(), words::whole));
        }
        t.row(row);
    }
    h.push_str("<h3>Every value tried, in order</h3>\n");
    h.push_str(&t.html());
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infinite_estimates_are_words() {
        let q = Target::Quantile(0.9, 120.0);
        assert_eq!(
            estimate(q, f64::INFINITY),
            "never cleared within the horizon"
        );
        assert_eq!(estimate(q, 118.04), "118.0 days");
        assert_eq!(estimate(Target::Deadline(0.9), 0.925), "92.5%");
        assert_eq!(target(q), "90% of the runs clear within 120 days");
    }
}
