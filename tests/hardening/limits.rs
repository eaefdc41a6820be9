//! Hostile input, round two: estimates, refusals, distributions, goal options and dates (classes 2, 3, 5, 6 and 7).

use super::{Case, case, scenario};

/// A scenario file `a.toml` that is the blink-fast scenario with `extra` appended
/// (inside `[printing]` unless `extra` opens a table).
fn a(extra: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![("a.toml", scenario("a", extra).into_bytes())]
}

/// A `[sweep]` of three keys with `n` values each.
fn sweep(n: usize) -> String {
    let values = (1..=n)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "[sweep]\n\"printing.printers\" = [{values}]\n\"backlog.initial\" = [{values}]\n\
         \"blanks.initial\" = [{values}]\n"
    )
}

/// `ktpsim goal a.toml --vary KEY` with `more` after it.
fn goal(key: &'static str, more: &[&'static str]) -> Vec<&'static str> {
    let mut args = vec!["goal", "a.toml", "--no-plots", "--vary", key];
    args.extend(more);
    args
}

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let server =
        |every: &str| format!("[server]\noutages = [{{ every = {every}, duration = \"1h\" }}]\n");
    // A mean of about 1e-316 days: above 0, but no clock could step through it.
    let subnormal = format!("\"0.{}1s\"", "0".repeat(305));
    let to_9999 = scenario("a", "")
        .replace("2017-09-25T08:00:00", "9999-06-01T00:00:00")
        .replace("\"30d\"", "\"3653d\"");
    let link = "[network]\ninitial = \"up\"\n[network.states.up]\nthroughput = 1\nstay = \"0s\"\n\
                next = { down = 1 }\n[network.states.down]\nthroughput = 0\nstay = \"1d\"\n\
                next = { up = 1 }\n";
    let deadline = |extra: &str| {
        let text = scenario("a", extra).replace(
            "replications = 10",
            "replications = 10\ndeadline = 2017-10-05",
        );
        vec![("a.toml", text.into_bytes())]
    };
    let target = "deadline >= 0.9";
    // 40 × 25 variants of ten years each.
    let list = |n: usize| {
        (1..=n)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ten_years = scenario("a", "").replace("\"30d\"", "\"3653d\"")
        + &format!(
            "[sweep]\n\"printing.printers\" = [{}]\n\"backlog.initial\" = [{}]\n",
            list(40),
            list(25)
        );
    vec![
        // Class 2: a sweep is sized and estimated before anything is built.
        case(
            "sweep-too-big",
            a(&sweep(100)),
            &["run", "--no-plots", "a.toml"],
            1,
        ),
        case(
            "sweep-too-big-check",
            a(&sweep(11)),
            &["check", "a.toml"],
            1,
        ),
        case(
            "sweep-too-long",
            a("[sweep]\n\"printing.printers\" = [1, 2]\n"),
            &[
                "run",
                "--no-plots",
                "--threads",
                "1",
                "--replications",
                "10000000000",
                "a.toml",
            ],
            1,
        ),
        case(
            "sweep-out-of-memory",
            vec![("a.toml", ten_years.into_bytes())],
            &["run", "--no-plots", "--threads", "2", "a.toml"],
            1,
        ),
        case(
            "sweep-changes-nothing",
            a("[sweep]\n\"scenario.seed\" = [1, 2]\n"),
            &["run", "--no-plots", "a.toml"],
            1,
        ),
        // Class 3: threads.
        case(
            "threads-20000",
            vec![],
            &["run", "--threads", "20000", "a.toml"],
            2,
        ),
        // Class 5: distributions and goal options.
        case(
            "gamma-mean-overflow",
            a("[recording]\nper_workday = { dist = \"gamma\", shape = 1e300, scale = 1e300 }\n"),
            &["check", "a.toml"],
            1,
        ),
        case(
            "weibull-tiny-shape",
            a(&server(
                "{ dist = \"weibull\", shape = 0.001, scale = \"1d\" }",
            )),
            &["check", "a.toml"],
            1,
        ),
        case(
            "goal-fractional-printers",
            deadline("printers = 1\n"),
            &goal(
                "printing.printers",
                &["--from", "1.5", "--to", "4.5", "--target", target],
            ),
            1,
        ),
        case(
            "goal-nan-target",
            deadline(""),
            &goal(
                "printing.printers",
                &["--from", "1", "--to", "4", "--target", "p90 <= nan"],
            ),
            1,
        ),
        case(
            "goal-max-replications-0",
            deadline(""),
            &goal(
                "printing.printers",
                &[
                    "--from",
                    "1",
                    "--to",
                    "4",
                    "--target",
                    target,
                    "--max-replications",
                    "0",
                ],
            ),
            2,
        ),
        case(
            "goal-negative-tolerance",
            deadline(""),
            &goal(
                "printing.reject_rate",
                &[
                    "--from",
                    "0",
                    "--to",
                    "0.5",
                    "--target",
                    target,
                    "--tolerance",
                    "-1",
                ],
            ),
            2,
        ),
        case(
            "goal-tolerance-too-fine",
            deadline(""),
            &goal(
                "printing.reject_rate",
                &[
                    "--from",
                    "0",
                    "--to",
                    "0.5",
                    "--target",
                    target,
                    "--tolerance",
                    "1e-300",
                ],
            ),
            1,
        ),
        case(
            "goal-reversed",
            deadline(""),
            &goal(
                "printing.printers",
                &["--from", "4", "--to", "1", "--target", target],
            ),
            1,
        ),
        case(
            "goal-changes-nothing",
            deadline(""),
            &goal(
                "scenario.replications",
                &["--from", "1", "--to", "4", "--target", target],
            ),
            1,
        ),
        // Class 6: dates past the calendar.
        case(
            "start-9999",
            vec![("a.toml", to_9999.into_bytes())],
            &["check", "a.toml"],
            1,
        ),
        // Class 7: intervals of recurring processes.
        case("every-zero", a(&server("\"0s\"")), &["check", "a.toml"], 1),
        case("stay-zero", a(link), &["check", "a.toml"], 1),
        case(
            "every-subnormal",
            a(&server(&subnormal)),
            &["run", "--no-plots", "a.toml"],
            1,
        ),
    ]
}

#[test]
fn a_zero_interval_is_underlined_where_it_is_written() {
    let text = scenario(
        "a",
        "[server]\noutages = [{ every = \"0s\", duration = \"1h\" }]\n",
    );
    let err = ktpsim::scenario::load_str(&text, std::path::Path::new("a.toml")).unwrap_err();
    let expected = r#"`every` must have a mean above 0, got "0s": the outage would start again and again without end at one moment
  --> a.toml:11:22
   |
11 | outages = [{ every = "0s", duration = "1h" }]
   |                      ^^^^
   = help: the time from one onset to the next, e.g. every = { dist = "exponential", mean = "30d" }"#;
    assert_eq!(err.to_string(), expected);
}

#[test]
fn the_calendar_ends_on_9999_12_31_exactly() {
    let at = |start: &str, horizon: &str| {
        let text = scenario("a", "")
            .replace("2017-09-25T08:00:00", start)
            .replace("\"30d\"", &format!("\"{horizon}\""));
        ktpsim::scenario::load_str(&text, std::path::Path::new("a.toml")).map(|_| ())
    };
    assert!(at("9999-12-21T00:00:00", "10d").is_ok());
    assert!(at("9999-12-31T23:59:59", "0d").is_ok());
    assert!(at("9999-12-31T23:59:59", "1s").is_err());
}

#[test]
fn goal_tries_and_answers_whole_numbers_for_a_whole_key() {
    let dir = tempfile::tempdir().unwrap();
    // 1,000 records at 50 a day: 20 days on one printer, 10 on two.
    let text = scenario("a", "printers = 1\n")
        .replace(
            "replications = 10",
            "replications = 10\ndeadline = 2017-10-05",
        )
        .replace("initial = 100", "initial = 1000");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(goal("printing.printers", &["--from", "1", "--to", "9"]))
        .args(["--target", "deadline >= 0.9", "--max-replications", "200"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let words = String::from_utf8(out.stdout).unwrap();
    let tried: Vec<&str> = words
        .lines()
        .filter_map(|l| l.strip_prefix("  printing.printers = "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert!(tried.len() >= 3, "{words}");
    for v in &tried {
        assert!(v.parse::<u32>().is_ok(), "tried {v}:\n{words}");
    }
    let answer = words.lines().find(|l| l.starts_with("answer: ")).unwrap();
    assert!(
        answer.starts_with("answer: printing.printers = 2 "),
        "{words}"
    );
}

#[test]
fn the_most_threads_give_the_same_bytes_as_one() {
    let dir = tempfile::tempdir().unwrap();
    // 40 replications: three batches, so 64 threads mostly wait.
    let text = scenario("a", "").replace("replications = 10", "replications = 40");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let csv = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
            .args(["run", "--no-plots", "--quiet", "--threads", threads])
            .args(["--out", threads, "a.toml"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(dir.path().join(threads).join("a/replications.csv")).unwrap()
    };
    assert_eq!(csv("1"), csv("64"));
}
