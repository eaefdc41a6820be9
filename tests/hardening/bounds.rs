//! Hostile input, round three: every cost that grows with a setting counted
//! before the run, and sums of the offices' counts that cannot wrap (issue 18,
//! parts 2 and 5).

use super::{Case, case};

/// An office template, `office.toml`: a backlog of 100 on one printer.
const OFFICE: &str = "[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n";

/// A national scenario `n.toml` of a year over the offices table `table`
/// (`offices.csv`), with `extra` appended and the template `office`.
fn national(table: &str, office: &str, extra: &str) -> Vec<(&'static str, Vec<u8>)> {
    let n = format!(
        "[scenario]\nname = \"n\"\nstart = 2017-09-25T08:00:00\nhorizon = \"365d\"\n\
         replications = 2\n[offices]\ntemplate = \"office.toml\"\ntable = \"offices.csv\"\n{extra}"
    );
    vec![
        ("n.toml", n.into_bytes()),
        ("office.toml", office.as_bytes().to_vec()),
        ("offices.csv", table.as_bytes().to_vec()),
    ]
}

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let max = i64::MAX;
    let three = "name,region\na,R\nb,R\nc,R\n";
    let pool = |policy: &str| {
        format!("[pool]\ninitial = 1000000000\n[pool.allocation]\ntransit = \"1d\"\n{policy}\n")
    };
    // An office that prints 5·10⁷ cards in the year, asking the pool for
    // blanks a million at a time.
    let reorders = "[backlog]\ninitial = 50000000\n[printing]\nprinters = 100\n\
                    cards_per_day = 100000\n[blanks]\ninitial = 0\n[blanks.reorder]\n\
                    below = 1000000\nquantity = 1000000\n";
    let central = "[central]\ninitial = \"up\"\n[central.states.up]\nthroughput = 1\n\
                   stay = \"0.01s\"\nnext = { down = 1 }\n[central.states.down]\n\
                   throughput = 0\nstay = \"1d\"\nnext = { up = 1 }\n";
    // 1001 offices and 1000 changes of every office: 1001000 values set.
    let many: String = std::iter::once("name,region\n".to_owned())
        .chain((0..1001).map(|i| format!("o{i},R\n")))
        .collect();
    let changes = "[[offices.change]]\nadd = { \"printing.printers\" = 0 }\n".repeat(1000);
    vec![
        case(
            "changes-times-offices",
            national(&many, OFFICE, &changes),
            &["check", "n.toml"],
            1,
        ),
        case(
            "review-every-second",
            national(
                three,
                OFFICE,
                &pool("policy = \"proportional\"\nreview = \"1s\""),
            ),
            &["check", "n.toml"],
            1,
        ),
        case(
            "pool-lots-of-one",
            national(three, reorders, &pool("policy = \"fifo\"\nlot_max = 1")),
            &["run", "--threads", "1", "n.toml"],
            1,
        ),
        case(
            "central-stay-tiny",
            national(three, OFFICE, central),
            &["run", "--threads", "1", "n.toml"],
            1,
        ),
        case(
            "national-backlog-wraps",
            national(
                &format!("name,region,backlog.initial\na,R,{max}\nb,R,{max}\nc,R,{max}\n"),
                OFFICE,
                "",
            ),
            &["check", "n.toml"],
            1,
        ),
        case(
            "national-blanks-wrap",
            national(
                &format!("name,region,blanks.initial\na,R,{max}\nb,R,1\n"),
                OFFICE,
                "",
            ),
            &["check", "n.toml"],
            1,
        ),
    ]
}
