//! Hostile input, round three: national scenarios, their offices table and
//! their changes (issue 18). Every case is a national file `n.toml`, its
//! template `office.toml` and its table `offices.csv`, one of them replaced.

use super::{Case, case};

const NATIONAL: &str = "[scenario]\nname = \"n\"\nstart = 2018-01-02T07:30:00\nhorizon = \"30d\"\n\
                        replications = 10\n[offices]\ntemplate = \"office.toml\"\ntable = \"offices.csv\"\n";

/// The three files: `table` as the offices table, `extra` at the end of the
/// national file (which has a pool), `template` as the template.
fn files(table: &[u8], extra: &str, template: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "n.toml",
            format!(
                "{NATIONAL}[pool]\ninitial = 100000\n[pool.allocation]\npolicy = \"fifo\"\ntransit = \"5d\"\n{extra}"
            )
            .into_bytes(),
        ),
        ("office.toml", template.as_bytes().to_vec()),
        ("offices.csv", table.to_vec()),
    ]
}

fn table(text: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    files(text, "", TEMPLATE_OK)
}

const TEMPLATE_OK: &str = "[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n";

const CHECK: &[&str] = &["check", "n.toml"];

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let reorder = "[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n[blanks]\n\
                   initial = 500\n[blanks.reorder]\nbelow = 100000\nquantity = 10000\n";
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("name\r\na\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    let no_bom: Vec<u8> = "name\r\na\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let long_region = format!("name,region\na,{}\n", "R".repeat(15 << 20));
    vec![
        case(
            "table-cell-meets-template",
            files(b"name,blanks.reorder.quantity\na,10000\nb,1\n", "", reorder),
            CHECK,
            1,
        ),
        case(
            "table-overlapping-columns",
            table(b"name,backlog,backlog.initial\na,,3\n"),
            CHECK,
            1,
        ),
        case(
            "table-semicolons",
            table(b"name;region;backlog.initial\na;Jawa Timur;3\n"),
            CHECK,
            1,
        ),
        case(
            "table-tabs",
            table(b"name\tregion\na\tJawa Timur\n"),
            CHECK,
            1,
        ),
        case(
            "table-cr-line-ends",
            table(b"name,region\ra,Jawa Timur\r"),
            CHECK,
            1,
        ),
        case("table-utf16", table(&utf16), CHECK, 1),
        case("table-utf16-no-bom", table(&no_bom), CHECK, 1),
        case(
            "table-region-too-long",
            table(long_region.as_bytes()),
            CHECK,
            1,
        ),
        case(
            "change-empty-region-list",
            files(
                b"name\na\n",
                "[[offices.change]]\nregion = []\nadd = { \"printing.cards_per_day\" = 1 }\n",
                TEMPLATE_OK,
            ),
            CHECK,
            1,
        ),
        case(
            "change-add-makes-0",
            files(
                b"name\na\n",
                "[[offices.change]]\nadd = { \"blanks.reorder.quantity\" = -10000 }\n",
                reorder,
            ),
            CHECK,
            1,
        ),
        case(
            "template-costs",
            files(
                b"name\na\n",
                "",
                "[printing]\ncards_per_day = 50\n[costs]\nstaff_per_hour = 1\n",
            ),
            CHECK,
            1,
        ),
        case("template-empty", files(b"name\na\n", "", ""), CHECK, 1),
        case(
            "pool-time-offset",
            files(
                b"name\na\n",
                "[[pool.deliveries]]\nat = 2018-02-01T00:00:00+07:00\nquantity = 5\n",
                TEMPLATE_OK,
            ),
            CHECK,
            1,
        ),
        case(
            "office-name-suggested",
            table(b"name\nKab. J\xc3\xa9mber\n"),
            CHECK,
            1,
        ),
        case(
            "goal-vary-missing-table",
            table(b"name\na\n"),
            &[
                "goal",
                "n.toml",
                "--no-plots",
                "--vary",
                "central.states.up.stay",
                "--from",
                "1",
                "--to",
                "9",
                "--target",
                "p90 <= 20",
            ],
            1,
        ),
    ]
}
