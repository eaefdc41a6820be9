//! The comparison's section: the paired differences in a sentence per
//! scenario, then as tables with the numbers `ktpsim compare` prints.

use std::fmt::Write as _;

use crate::decide::compare::Comparison;
use crate::output::compare::sooner_or_later;
use crate::output::report::html::{Table, escape, key};
use crate::output::report::words::{self, signed};
use crate::stats::Moments;
use crate::stats::metric::{Cause, Span};
use crate::stats::paired::Paired;

/// Said for a quantile of a difference among pairs where one never cleared.
const UNDEFINED: &str = "–";

/// The sentence for one scenario against the base (plain text).
fn sentence(base: &str, other: &str, p: &Paired) -> String {
    let mut s = match (p.days.mean(), p.days.ci95()) {
        (Some(mean), ci) => {
            let ci = ci.map_or_else(String::new, |(lo, hi)| {
                format!(" (95% CI {} to {} days)", signed(lo, 1), signed(hi, 1))
            });
            format!(
                "“{other}” clears {} than “{base}” on average{ci}, over the {} pairs of runs \
                 in which both clear.",
                sooner_or_later(mean),
                words::count(p.days.count() as i64)
            )
        }
        (None, _) => format!(
            "“{other}” and “{base}” never both clear within the horizon in the same run, so \
             no difference in days is known."
        ),
    };
    if let (Some(m), Some(b), Some(o)) = (&p.deadline, p.deadline_share(0), p.deadline_share(1)) {
        let ci = m.ci95().map_or_else(String::new, |(lo, hi)| {
            format!(
                ", 95% CI {} to {}",
                signed(lo * 100.0, 1),
                signed(hi * 100.0, 1)
            )
        });
        if b == o {
            let _ = write!(
                s,
                " Both clear by the deadline in {} of the runs.",
                words::percent(b)
            );
        } else {
            let _ = write!(
                s,
                " The share of runs that clear by the deadline goes from {} to {} ({} \
                 points{ci}).",
                words::percent(b),
                words::percent(o),
                signed((o - b) * 100.0, 1)
            );
        }
    }
    s
}

fn mean_and_ci(m: &Moments, places: usize) -> [String; 2] {
    [
        m.mean()
            .map_or_else(|| UNDEFINED.to_owned(), |x| signed(x, places)),
        m.ci95().map_or_else(
            || UNDEFINED.to_owned(),
            |(lo, hi)| format!("{} to {}", signed(lo, places), signed(hi, places)),
        ),
    ]
}

/// The section's body (HTML).
pub fn body(c: &Comparison) -> String {
    let base = c.base();
    let mut h = String::from("<ul class=\"brief\">\n");
    for (k, p) in c.pairs.iter().enumerate() {
        let other = &c.scenarios[k + 1];
        let _ = writeln!(
            h,
            "<li>{}</li>",
            escape(&sentence(&base.title, &other.title, p))
        );
    }
    h.push_str("</ul>\n");
    let scenario = |k: usize| {
        let s = &c.scenarios[k + 1];
        format!("{}{}", escape(&s.title), key(&s.name))
    };
    let mut days = Table::new(&[
        "Scenario",
        "Days to clear, difference: mean",
        "95% CI",
        "p10",
        "Median",
        "p90",
        "Pairs in which both clear",
        "Only the base clears",
        "Only this one clears",
        "Neither clears",
    ]);
    let mut deadline = Table::new(&[
        "Scenario",
        "By the deadline: base",
        "This one",
        "Difference, points",
        "95% CI",
    ]);
    let mut cost = Table::new(&[
        "Scenario",
        "Cost to clearing, base (Rp per run)",
        "This one",
        "Difference: mean",
        "95% CI",
        "Per day sooner",
    ]);
    let mut lost_head = vec!["Scenario"];
    lost_head.extend(Cause::ALL.iter().map(|c| c.label()));
    let mut lost = Table::new(&lost_head);
    for (k, p) in c.pairs.iter().enumerate() {
        let [mean, ci] = mean_and_ci(&p.days, 1);
        let q = |x: f64| {
            p.days_quantile(x)
                .map_or_else(|| UNDEFINED.to_owned(), |d| signed(d, 1))
        };
        let n = |x: u64| words::count(x as i64);
        days.row(vec![
            scenario(k),
            mean,
            ci,
            q(0.1),
            q(0.5),
            q(0.9),
            n(p.days.count()),
            n(p.only_base()),
            n(p.only_other()),
            n(p.neither),
        ]);
        if let (Some(m), Some(b), Some(o)) = (&p.deadline, p.deadline_share(0), p.deadline_share(1))
        {
            let ci = m.ci95().map_or_else(
                || UNDEFINED.to_owned(),
                |(lo, hi)| format!("{} to {}", signed(lo * 100.0, 1), signed(hi * 100.0, 1)),
            );
            deadline.row(vec![
                scenario(k),
                words::percent(b),
                words::percent(o),
                signed((o - b) * 100.0, 1),
                ci,
            ]);
        }
        if let Some(c) = &p.cost {
            let rupiah = |x: Option<f64>| x.map_or_else(|| UNDEFINED.to_owned(), words::whole);
            let [mean, ci] = mean_and_ci(&c.difference, 0);
            let per_day = match c.per_day_sooner(p.days.mean()) {
                None => "not sooner".to_owned(),
                Some(x) if x < 0.0 => format!("{} saved", words::whole(-x)),
                Some(x) => words::whole(x),
            };
            cost.row(vec![
                scenario(k),
                rupiah(c.base.mean()),
                rupiah(c.other.mean()),
                mean,
                ci,
                per_day,
            ]);
        }
        let mut row = vec![scenario(k)];
        row.extend(Cause::ALL.iter().map(|&c| {
            let m = &p.lost(Span::ToClearing, c).difference;
            signed(m.mean().unwrap_or(0.0), 0)
        }));
        lost.row(row);
    }
    h.push_str("<h3>Days to clear the initial backlog: each scenario minus the base</h3>\n");
    h.push_str(&days.html());
    let _ = writeln!(
        h,
        "<p class=\"meta\">Negative: sooner than the base. Mean and interval over the pairs \
         in which both clear; the quantiles count a run that never clears within the horizon \
         as later than any that does, and show {UNDEFINED} where they fall among those.</p>"
    );
    if !deadline.is_empty() {
        h.push_str("<h3>Runs that clear by the deadline</h3>\n");
        h.push_str(&deadline.html());
    }
    if !cost.is_empty() {
        h.push_str("<h3>Cost until the initial backlog clears, rupiah per run</h3>\n");
        h.push_str(&cost.html());
        h.push_str(
            "<p class=\"meta\">Per day sooner: the mean difference in cost over the mean \
             days sooner; \"saved\" when the sooner scenario is also cheaper.</p>\n",
        );
    }
    h.push_str(
        "<h3>Printing capacity lost per run until the initial backlog clears, in cards: \
         each scenario minus the base</h3>\n",
    );
    h.push_str(&lost.html());
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fake;

    fn paired(shift: f64) -> Paired {
        let sc = fake::scenario("a");
        let at = sc.deadline.map(|d| d.at);
        let mut p = Paired::new(at, at);
        for i in 0..6 {
            let base = fake::outcome(&sc, i);
            let mut other = base.clone();
            if let Some(m) = &mut other.cleared {
                m.day += shift + 0.1 * i as f64;
            }
            p.add(&base, &other);
        }
        p
    }

    #[test]
    fn the_difference_in_a_sentence() {
        assert_eq!(
            sentence("Base", "Two printers", &paired(-20.0)),
            "“Two printers” clears 19.8 days sooner than “Base” on average (95% CI -19.9 to \
             -19.6 days), over the 6 pairs of runs in which both clear. The share of runs \
             that clear by the deadline goes from 50.0% to 100.0% (+50.0 points, 95% CI -7.5 \
             to +107.5)."
        );
        assert_eq!(
            sentence("Base", "Same", &paired(0.0)),
            "“Same” clears 0.2 days later than “Base” on average (95% CI +0.1 to +0.4 days), \
             over the 6 pairs of runs in which both clear. Both clear by the deadline in 50.0% \
             of the runs."
        );
    }
}
