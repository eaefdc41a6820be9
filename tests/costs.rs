//! `[costs]`: the cost of a replication against a case worked out by hand, the
//! columns it adds, and the errors of a bad table.

use std::path::Path;

use ktpsim::decide::compare;
use ktpsim::engine::executor::Executor;
use ktpsim::model::Model;
use ktpsim::output;
use ktpsim::scenario::{self, load_str};
use ktpsim::stats::{CostBasis, CostPart, Metric};

const OFFICE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/costs/office.toml"
);

/// Days in a costing month (docs/decisions.md).
const MONTH: f64 = 30.4375;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn a_constant_office_costs_what_is_counted_by_hand() {
    let s = scenario::load(Path::new(OFFICE)).unwrap();
    let o = Model::new(&s).replicate(0);
    // Two printers at a card an hour around the clock: 48 cards a day, so
    // 4,800 records clear at day 100, using 4,800 blanks.
    let cleared = o.cleared.expect("cleared").day;
    assert!(close(cleared, 100.0), "cleared at {cleared}");
    let months = 100.0 / MONTH;
    let printers = 2.0 * 4_500_000.0 * months;
    let blanks = 4_800.0 * 15_000.0;
    let stocked = 6_000.0 * 1_000.0;
    let backup = 2_000_000.0 * months;
    let fixed = 10_000_000.0;
    let basis = CostBasis::of(&s).expect("costs");
    let expected = [
        (
            CostPart::Total,
            printers + blanks + stocked + backup + fixed,
        ),
        (CostPart::Printers, printers),
        (CostPart::Blanks, blanks),
        (CostPart::StockedBlanks, stocked),
        (CostPart::BackupLink, backup),
        (CostPart::Fixed, fixed),
    ];
    for (part, want) in expected {
        let got = basis.part(part, &o);
        assert!(close(got, want), "{part:?}: {got} != {want}");
    }
}

#[test]
fn a_replication_that_does_not_clear_is_charged_to_the_horizon() {
    let text = std::fs::read_to_string(OFFICE)
        .unwrap()
        .replace("horizon = \"365d\"", "horizon = \"50d\"");
    let s = load_str(&text, Path::new(OFFICE)).unwrap();
    let o = Model::new(&s).replicate(0);
    assert!(o.cleared.is_none());
    let basis = CostBasis::of(&s).unwrap();
    let want = 2.0 * 4_500_000.0 * 50.0 / MONTH;
    assert!(close(basis.part(CostPart::Printers, &o), want));
    // Blanks used to the horizon: 48 a day for 50 days.
    assert!(close(basis.part(CostPart::Blanks, &o), 2_400.0 * 15_000.0));
}

#[test]
fn cost_columns_come_last_and_only_with_costs() {
    let s = scenario::load(Path::new(OFFICE)).unwrap();
    let names: Vec<String> = Metric::of(&s).iter().map(|m| m.name().to_owned()).collect();
    let plain = Metric::all(&s.classes).len();
    assert_eq!(
        names[plain..],
        [
            "cost_total",
            "cost_printers",
            "cost_blanks",
            "cost_stocked_blanks",
            "cost_backup_link",
            "cost_fixed"
        ]
    );
    let mut without = s.clone();
    without.costs = None;
    assert_eq!(Metric::of(&without).len(), plain);
    assert!(CostBasis::of(&without).is_none());
}

/// The rendered error for a `[costs]` table written as `costs`.
fn error(costs: &str) -> String {
    let text = format!(
        "[scenario]\nstart = 2017-09-25T08:00:00\nhorizon = \"365d\"\n\n\
         [printing]\ncards_per_day = 450\n\n[costs]\n{costs}\n"
    );
    match load_str(&text, Path::new("x.toml")) {
        Ok(_) => panic!("loaded, but an error was expected:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_negative_rate_is_refused() {
    let expected = r#"`per_blank` must be at least 0, got -5
 --> x.toml:9:13
  |
9 | per_blank = -5
  |             ^^
  = help: an amount in rupiah of at least 0, e.g. 4500000"#;
    assert_eq!(error("per_blank = -5"), expected);
}

#[test]
fn a_currency_other_than_rupiah_is_refused() {
    let expected = r#"`currency` must be "IDR", got "USD"
 --> x.toml:9:12
  |
9 | currency = "USD"
  |            ^^^^^
  = help: costs are in Indonesian rupiah: currency = "IDR", or leave the key out"#;
    assert_eq!(error("currency = \"USD\""), expected);
}

#[test]
fn an_unknown_cost_key_lists_the_accepted_ones() {
    let expected = r#"unknown key `per_overtime_hour` in [costs]
 --> x.toml:9:1
  |
9 | per_overtime_hour = 1
  | ^^^^^^^^^^^^^^^^^
  = help: accepted keys: `per_printer_month`, `per_blank`, `per_stocked_blank`, `per_backup_link_month`, `fixed`, `currency`"#;
    assert_eq!(error("per_overtime_hour = 1"), expected);
}

fn fixture(name: &str) -> scenario::Scenario {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/costs");
    scenario::load(&dir.join(name)).unwrap()
}

#[test]
fn compare_gives_the_cost_difference_and_the_cost_per_day_sooner() {
    let scenarios = vec![fixture("office.toml"), fixture("three-printers.toml")];
    let c = compare::run(scenarios, 1, 3, &Executor::serial()).unwrap();
    let p = &c.pairs[0];
    let cost = p.cost.as_ref().expect("both have costs");
    // A third printer: the same printer-months (3 x 66 2/3 days = 2 x 100),
    // 33 1/3 fewer backup-link days, Rp 40 million more fixed.
    let days = 100.0 / 3.0;
    let difference = 40_000_000.0 - 2_000_000.0 * days / MONTH;
    assert!(close(cost.difference.mean().unwrap(), difference));
    let per_day = cost.per_day_sooner(p.days.mean()).unwrap();
    assert!(close(per_day, difference / days), "{per_day}");
    let text = String::from_utf8(output::compare::write_to(Vec::new(), &c).unwrap()).unwrap();
    let row = |measure: &str| {
        text.lines()
            .find(|l| l.contains(&format!(",{measure},")))
            .unwrap_or_else(|| panic!("no {measure} row in\n{text}"))
            .to_owned()
    };
    assert!(row("cost_total").starts_with("costed-office,three-printers,cost_total,3,37809719,"));
    assert!(row("cost_per_day_sooner").contains(",cost_per_day_sooner,3,1134292,,,"));
    let words = output::compare::render(&c);
    assert!(
        words.contains(
            "  cost to clearing, mean per replication: Rp 124,139,630 -> Rp 161,949,350 \
             (+Rp 37,809,719, 95% CI +Rp 37,809,719 to +Rp 37,809,719); \
             Rp 1,134,292 per day sooner"
        ),
        "{words}"
    );
}

#[test]
fn compare_the_other_way_is_not_sooner() {
    let scenarios = vec![fixture("three-printers.toml"), fixture("office.toml")];
    let c = compare::run(scenarios, 1, 3, &Executor::serial()).unwrap();
    let p = &c.pairs[0];
    assert_eq!(p.cost.unwrap().per_day_sooner(p.days.mean()), None);
    assert!(output::compare::render(&c).contains("; not sooner"));
}

#[test]
fn compare_says_which_scenario_lacks_costs() {
    let mut plain = fixture("office.toml");
    plain.costs = None;
    plain.name = "plain".into();
    let c = compare::run(
        vec![plain, fixture("office.toml")],
        1,
        2,
        &Executor::serial(),
    )
    .unwrap();
    assert!(c.pairs[0].cost.is_none());
    let words = output::compare::render(&c);
    assert!(
        words.contains("  cost: plain has no [costs] table"),
        "{words}"
    );
    let text = String::from_utf8(output::compare::write_to(Vec::new(), &c).unwrap()).unwrap();
    assert!(!text.contains("cost_"));
}

/// The mean cost of `office.toml` with `printers` printers: the backlog clears
/// at 200 / printers days.
fn office_cost(printers: f64) -> f64 {
    let months = 200.0 / printers / MONTH;
    printers * 4_500_000.0 * months
        + 72_000_000.0
        + 6_000_000.0
        + 2_000_000.0 * months
        + 10_000_000.0
}

#[test]
fn a_sweep_gives_the_mean_cost_of_each_variant_in_its_file_and_table() {
    let out = std::env::temp_dir().join(format!("ktpsim-costs-sweep-{}", std::process::id()));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/costs/sweep.toml");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["run", "--no-plots", "--quiet", "--out"])
        .arg(&out)
        .arg(&fixture)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = std::fs::read_to_string(out.join("costed-sweep/sweep.csv")).unwrap();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    // The report's sweep table has the cost too.
    assert!(
        html.contains("<th>Mean cost to clearing, Rp</th>"),
        "{html}"
    );
    assert!(html.contains("<td>124,139,630</td>"), "{html}");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].ends_with(",share_cleared_by_horizon,cost_mean"),
        "{csv}"
    );
    for (line, printers) in lines[1..].iter().zip([1.0, 2.0]) {
        let want = format!(",{:.0}", office_cost(printers));
        assert!(line.ends_with(&want), "{line} should end {want}");
    }
    assert!(stdout.contains("mean cost"), "{stdout}");
    assert!(stdout.contains("Rp 130,710,472"), "{stdout}");
    assert!(stdout.contains("Rp 124,139,630"), "{stdout}");
}

#[test]
fn goal_gives_the_mean_cost_at_the_answer() {
    let out = std::env::temp_dir().join(format!("ktpsim-costs-goal-{}", std::process::id()));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .arg("goal")
        .arg(OFFICE)
        .args(["--vary", "printing.printers", "--from", "1", "--to", "4"])
        .args(["--target", "p90 <= 120", "--replications", "10"])
        .args(["--max-replications", "20", "--quiet", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = std::fs::read_to_string(out.join("goal.csv")).unwrap();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    assert!(
        html.contains("<th>Mean cost to clearing, Rp</th>"),
        "{html}"
    );
    assert!(html.contains("<td>yes</td><td>124,139,630</td>"), "{html}");
    let answer = stdout.lines().find(|l| l.starts_with("answer:")).unwrap();
    assert!(
        answer.ends_with("; mean cost Rp 124,139,630 per replication at printing.printers = 2"),
        "{answer}"
    );
    assert!(
        csv.starts_with(
            "key,value,replications,estimate,ci_low,ci_high,verdict,answer,cost_mean\n"
        )
    );
    // The answer's row ends with its mean cost.
    let row = csv
        .lines()
        .find(|l| l.starts_with("printing.printers,2,"))
        .unwrap();
    assert!(
        row.ends_with(&format!(",true,{:.0}", office_cost(2.0))),
        "{row}"
    );
}

#[test]
fn the_report_gives_the_cost_of_each_scenario_in_its_compare_section() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/costs");
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .arg("compare")
        .args([dir.join("office.toml"), dir.join("three-printers.toml")])
        .args([
            "--replications",
            "3",
            "--seed",
            "1",
            "--no-plots",
            "--quiet",
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        html.contains("<h3>Cost until the initial backlog clears, rupiah per run</h3>"),
        "{html}"
    );
    // Each side's mean, the paired difference and the cost of a day sooner,
    // as compare.csv has them (see the test above).
    for cell in [
        "<td>124,139,630</td><td>161,949,350</td><td>+37,809,719</td>",
        "<td>1,134,292</td>",
    ] {
        assert!(html.contains(cell), "{cell} not in\n{html}");
    }
}
