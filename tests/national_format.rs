//! National scenarios as written (docs/model.md, "Many offices"): the contract's
//! example files load, offices come out of the template, the offices table and
//! the changes as they should, and every error names its file, line and
//! column with the text underlined.

use std::path::{Path, PathBuf};

use ktpsim::scenario::national::{Allocation, LotMax, Timezone};
use ktpsim::scenario::{Scenario, load};

const TEMPLATE: &str = r#"[calendar]
hours = ["07:30", "16:00"]

[backlog]
initial = 1000

[printing]
printers = 2
cards_per_day = 100

[blanks]
initial = 500

[blanks.reorder]
below = 100
quantity = 1000
"#;

const NATIONAL: &str = r#"[scenario]
name = "nat"
start = 2018-01-02T07:30:00
horizon = "365d"
deadline = 2018-06-27
replications = 10

[offices]
template = "office.toml"
table = "offices.csv"

[pool]
initial = 100000

[pool.allocation]
policy = "fifo"
transit = "5d"
"#;

const TABLE: &str = "name,region,backlog.initial,printing.printers\n\
                     kab-jember,Jawa Timur,80000,3\n\
                     kota-makassar,Sulawesi Selatan,30000,\n";

/// A folder with `n.toml`, `office.toml` and `offices.csv` (each replaced by
/// `files` where named), and the national scenario loaded from it; errors
/// rendered with the folder left out of their paths.
fn with<S: AsRef<str>>(files: &[(&str, S)]) -> (tempfile::TempDir, Result<Scenario, String>) {
    let dir = tempfile::tempdir().unwrap();
    let defaults = [
        ("n.toml", NATIONAL),
        ("office.toml", TEMPLATE),
        ("offices.csv", TABLE),
    ];
    let given = files.iter().map(|(name, text)| (*name, text.as_ref()));
    for (name, text) in defaults.into_iter().chain(given) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let loaded = load(&dir.path().join("n.toml")).map_err(|e| {
        e.to_string()
            .replace(&format!("{}/", dir.path().display()), "")
    });
    (dir, loaded)
}

fn loads<S: AsRef<str>>(files: &[(&str, S)]) -> Scenario {
    match with(files).1 {
        Ok(s) => s,
        Err(e) => panic!("an error:\n{e}"),
    }
}

fn error<S: AsRef<str>>(files: &[(&str, S)]) -> String {
    match with(files).1 {
        Ok(_) => panic!("loaded, but an error was expected"),
        Err(e) => e,
    }
}

/// The national file with `extra` appended.
fn national(extra: &str) -> String {
    format!("{NATIONAL}{extra}")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/national")
        .join(name)
}

#[test]
fn the_contract_example_loads() {
    let s = load(&fixture("national-format.example.toml")).unwrap();
    assert_eq!(s.name, "national-example");
    let n = s.national.as_ref().expect("a national scenario");
    let names: Vec<&str> = n.offices.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "kab-bojonegoro",
            "kab-jember",
            "kota-surabaya",
            "kab-indramayu",
            "kota-makassar",
            "kota-jayapura"
        ]
    );
    assert_eq!(n.template, fixture("national-office-template.example.toml"));
    assert_eq!(n.table, Some(fixture("national-offices.example.csv")));
    let jayapura = &n.offices[5];
    assert_eq!(jayapura.region, "Papua");
    assert_eq!(jayapura.timezone, Timezone::Wit);
    assert_eq!(jayapura.scenario.backlog.as_ref().unwrap().initial, 9000);
    assert_eq!(jayapura.scenario.printing.printers, 2);
    assert_eq!(jayapura.scenario.name, "kota-jayapura");
    assert_eq!(jayapura.scenario.source, s.source);
    assert!(
        jayapura
            .scenario
            .blanks
            .as_ref()
            .unwrap()
            .reorder
            .as_ref()
            .unwrap()
            .lead_time
            .is_none()
    );
    assert!(jayapura.transit.is_some());
    let pool = n.pool.as_ref().unwrap();
    assert_eq!(pool.initial, 2_700_000);
    assert_eq!(pool.deliveries.len(), 1);
    assert_eq!(pool.allocation, Allocation::LargestBacklog);
    assert_eq!(pool.lot_max, LotMax::Days(30.0));
    let central = n.central.as_ref().unwrap();
    assert_eq!(central.states.len(), 2);
    assert_eq!(central.outages.len(), 1);
    // The national head, the template's office fields.
    assert_eq!(s.replications, 1000);
    assert_eq!(s.backlog.as_ref().unwrap().initial, 20000);
    assert_eq!(s.timezone, Some(Timezone::Wib));
    assert!(s.merged_toml.contains("[offices]"));
}

#[test]
fn the_start_is_local_and_the_deadline_ends_the_local_date() {
    let s = loads(&[(
        "n.toml",
        &national(
            "\n[[offices.office]]\nname = \"kota-jayapura\"\nregion = \"Papua\"\ncalendar.timezone = \"WIT\"\n\n[[offices.office]]\nname = \"kota-denpasar\"\n\"calendar.timezone\" = \"WITA\"\n",
        ),
    )]);
    let n = s.national.as_ref().unwrap();
    let [jember, makassar, jayapura, denpasar] = &n.offices[..] else {
        panic!("four offices")
    };
    assert_eq!(jember.timezone, Timezone::Wib);
    assert_eq!(jember.scenario.start.to_string(), "2018-01-02T07:30:00");
    assert_eq!(makassar.timezone, Timezone::Wib);
    assert_eq!(jayapura.timezone, Timezone::Wit);
    assert_eq!(jayapura.scenario.start.to_string(), "2018-01-02T09:30:00");
    assert_eq!(denpasar.scenario.start.to_string(), "2018-01-02T08:30:00");
    // 2018-06-28T00:00 local, from each office's local start.
    let at = |o: &ktpsim::scenario::national::Office| o.scenario.deadline.unwrap().at;
    assert_eq!(at(jember), s.deadline.unwrap().at);
    assert!((at(jember) - at(jayapura) - 2.0 / 24.0).abs() < 1e-9);
    assert_eq!(s.start.to_string(), "2018-01-02T07:30:00");
}

#[test]
fn rows_set_their_keys_and_empty_cells_keep_the_template() {
    let s = loads::<&str>(&[]);
    let n = s.national.as_ref().unwrap();
    assert_eq!(n.offices[0].scenario.printing.printers, 3);
    assert_eq!(
        n.offices[0].scenario.backlog.as_ref().unwrap().initial,
        80000
    );
    assert_eq!(n.offices[1].scenario.printing.printers, 2);
    assert_eq!(n.offices[1].region, "Sulawesi Selatan");
}

#[test]
fn cells_are_toml_values_or_text() {
    let table = "name,blanks.reorder.below,transit,printing.cards_per_day\n\
                 a,200,\"{ dist = \"\"uniform\"\", min = \"\"3d\"\", max = \"\"9d\"\" }\",\"\"\"50\"\"\"\n";
    let e = error(&[("offices.csv", table)]);
    assert!(e.starts_with("`cards_per_day` must be "), "{e}");
    assert!(e.contains("offices.csv:2:"), "{e}");
    let table = "\u{feff}name,blanks.reorder.below,transit\r\n\
                 a,200,\"{ dist = \"\"uniform\"\", min = \"\"3d\"\", max = \"\"9d\"\" }\"\r\n";
    let s = loads(&[("offices.csv", table)]);
    let o = &s.national.as_ref().unwrap().offices[0];
    assert_eq!(
        o.scenario
            .blanks
            .as_ref()
            .unwrap()
            .reorder
            .as_ref()
            .unwrap()
            .below,
        200
    );
    assert!(o.transit.is_some());
}

#[test]
fn changes_add_to_and_set_the_offices_they_select() {
    let s = loads(&[(
        "n.toml",
        &national(
            "\n[[offices.change]]\nregion = \"Jawa Timur\"\nadd = { \"printing.printers\" = 2, \"backlog.initial\" = 500 }\n\n[[offices.change]]\noffices = [\"kota-makassar\"]\nset = { \"printing.cards_per_day\" = 250 }\n\n[[offices.change]]\nadd = { \"printing.printers\" = 1 }\n",
        ),
    )]);
    let n = s.national.as_ref().unwrap();
    let jember = &n.offices[0].scenario;
    assert_eq!(jember.printing.printers, 6, "3 + 2 + 1");
    assert_eq!(jember.backlog.as_ref().unwrap().initial, 80500);
    let makassar = &n.offices[1].scenario;
    assert_eq!(makassar.printing.printers, 3, "2 + 1");
    assert!(
        matches!(&makassar.printing.speed, ktpsim::scenario::Speed::CardsPerDay(d) if d.mean() == 250.0)
    );
}

#[test]
fn transit_is_the_offices_then_the_regions_then_the_pools() {
    let table = "name,region,transit\nown,Papua,1d\nregional,Papua,\nplain,Bali,\n";
    let s = loads(&[
        ("offices.csv", table),
        (
            "n.toml",
            &national("transit_by_region = { \"Papua\" = \"20d\" }\n"),
        ),
    ]);
    let n = s.national.as_ref().unwrap();
    let mean = |i: usize| n.offices[i].transit.as_ref().unwrap().mean();
    assert_eq!([mean(0), mean(1), mean(2)], [1.0, 20.0, 5.0]);
}

#[test]
fn without_a_pool_an_office_has_no_transit() {
    let template = TEMPLATE.replace("[blanks.reorder]\nbelow = 100\nquantity = 1000\n", "");
    let text = NATIONAL[..NATIONAL.find("[pool]").unwrap()].to_owned();
    let s = loads(&[("office.toml", &template), ("n.toml", &text)]);
    let n = s.national.as_ref().unwrap();
    assert!(n.pool.is_none() && n.offices.iter().all(|o| o.transit.is_none()));
}

#[test]
fn error_bad_cell() {
    let files: Vec<(&str, String)> = vec![(
        "offices.csv",
        "name,region,backlog.initial\na,X,35000\nb,Y,lots\n".into(),
    )];
    let expected = r#"`initial` must be a whole number of at least 0, found a string
 --> offices.csv:3:5
  |
3 | b,Y,lots
  |     ^^^^
  = help: records ready to print at the start, e.g. 35000"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_unknown_column() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "name,printing.printerz\na,3\n".into())];
    let expected = r#"unknown key path `printing.printerz`: unknown key `printerz` in [printing]
 --> offices.csv:1:6
  |
1 | name,printing.printerz
  |      ^^^^^^^^^^^^^^^^^
  = help: accepted keys: `printers`, `cards_per_day`, `card_time`, `reject_rate`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_scenario_column() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "name,scenario.horizon\na,3d\n".into())];
    let expected = r#"column `scenario.horizon` cannot be set per office: [scenario] is the national file's, the same for every office
 --> offices.csv:1:6
  |
1 | name,scenario.horizon
  |      ^^^^^^^^^^^^^^^^
  = help: set an office's settings here, e.g. backlog.initial or printing.printers; the national [scenario] holds for every office"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_seed_column() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "name,scenario.seed\na,3\n".into())];
    let expected = r#"column `scenario.seed` cannot be set per office: [scenario] is the national file's, the same for every office
 --> offices.csv:1:6
  |
1 | name,scenario.seed
  |      ^^^^^^^^^^^^^
  = help: set an office's settings here, e.g. backlog.initial or printing.printers; the national [scenario] holds for every office"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_dup_name_table() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "name\na\nb\na\n".into())];
    let expected = r#"office `a` is listed twice: first at offices.csv:2
 --> offices.csv:4:1
  |
4 | a
  | ^
  = help: every office needs a unique name: it keys the office's random streams and its results, e.g. kab-jember"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_dup_name_inline() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.office]]\nname = \"kab-jember\"\n"),
    )];
    let expected = r#"office `kab-jember` is listed twice: first at offices.csv:2
  --> n.toml:20:8
   |
20 | name = "kab-jember"
   |        ^^^^^^^^^^^^
   = help: every office needs a unique name: it keys the office's random streams and its results, e.g. kab-jember"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_dup_column() {
    let files: Vec<(&str, String)> = vec![(
        "offices.csv",
        "name,backlog.initial,printing.printers,backlog.initial\na,1,2,3\n".into(),
    )];
    let expected = r#"column `backlog.initial` is given twice: columns 2 and 4
 --> offices.csv:1:40
  |
1 | name,backlog.initial,printing.printers,backlog.initial
  |                                        ^^^^^^^^^^^^^^^
  = help: one column per setting: remove one of them"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_cell_count() {
    let files: Vec<(&str, String)> =
        vec![("offices.csv", "name,backlog.initial\na,1\nb,2,3\n".into())];
    let expected = r#"this row has 3 cells, but the header names 2 columns
 --> offices.csv:3:1
  |
3 | b,2,3
  | ^^^^^
  = help: one cell per column, separated by commas; an empty cell keeps the template's value; quote a cell that holds a comma, e.g. "{ dist = ""uniform"", min = ""3d"", max = ""9d"" }""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_unbalanced() {
    let files: Vec<(&str, String)> =
        vec![("offices.csv", "name,backlog.initial\na,\"1\nb,2\n".into())];
    let expected = r#"a quoted cell is not closed: this `"` has no closing `"`
 --> offices.csv:2:3
  |
2 | a,"1
  |   ^
  = help: a quoted cell starts and ends with " and writes a quote inside it as "", e.g. "{ dist = ""uniform"", min = ""3d"", max = ""9d"" }""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_after_quote() {
    let files: Vec<(&str, String)> =
        vec![("offices.csv", "name,backlog.initial\na,\"1\"2\n".into())];
    let expected = r#"text after the closing quote of a quoted cell
 --> offices.csv:2:6
  |
2 | a,"1"2
  |      ^
  = help: a quoted cell starts and ends with " and writes a quote inside it as "", e.g. "{ dist = ""uniform"", min = ""3d"", max = ""9d"" }""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_no_name_col() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "region\nX\n".into())];
    let expected = r#"the offices table has no `name` column
 --> offices.csv:1:1
  |
1 | region
  | ^^^^^^
  = help: the first line names the columns, `name` among them: every office needs a unique name"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_bad_name() {
    let files: Vec<(&str, String)> = vec![("offices.csv", "name\nkab jember\n".into())];
    let expected = r#"office name "kab jember" must be letters, digits, `.`, `_` and `-`, not starting or ending with `.`
 --> offices.csv:2:1
  |
2 | kab jember
  | ^^^^^^^^^^
  = help: every office needs a unique name: it keys the office's random streams and its results, e.g. kab-jember; here: "kab-jember""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_reorder_no_pool() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        NATIONAL[..NATIONAL.find("[pool]").unwrap()].to_owned(),
    )];
    let expected = r#"office `kab-jember` asks the pool for blanks ([blanks.reorder]) but the scenario has no [pool]
  --> office.toml:14:1
   |
14 | [blanks.reorder]
   | ^^^^^^^^^^^^^^^^
   = help: add a [pool] table to the national scenario, or remove [blanks.reorder] from the template or the office's row"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_lead_time() {
    let files: Vec<(&str, String)> =
        vec![("office.toml", format!("{TEMPLATE}lead_time = \"5d\"\n"))];
    let expected = r#"`lead_time` does not apply to an office of a national scenario: its lots come from the pool
  --> office.toml:17:13
   |
17 | lead_time = "5d"
   |             ^^^^
   = help: the pool's transit replaces it (pool.allocation.transit, transit_by_region, or the office's `transit`): remove `lead_time` from [blanks.reorder]"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_bad_tz() {
    let files: Vec<(&str, String)> =
        vec![("offices.csv", "name,calendar.timezone\na,CET\n".into())];
    let expected = r#"`timezone` must be one of "WIB" (UTC+7), "WITA" (UTC+8), "WIT" (UTC+9), got CET
 --> offices.csv:2:3
  |
2 | a,CET
  |   ^^^
  = help: Indonesia's three zones, written in capitals; an office keeps its own local time"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_proportional_no_review() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        NATIONAL.replace("policy = \"fifo\"", "policy = \"proportional\""),
    )];
    let expected = r#"missing key `review` in [pool.allocation]
  --> n.toml:15:1
   |
15 | [pool.allocation]
   | ^^^^^^^^^^^^^^^^^
   = help: policy = "proportional" shares the stock out every `review`: e.g. review = "14d""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_review_fifo() {
    let files: Vec<(&str, String)> = vec![("n.toml", national("review = \"14d\"\n"))];
    let expected = r#"`review` does not apply to policy = "fifo", which serves requests in the order they were made as stock comes in
  --> n.toml:18:10
   |
18 | review = "14d"
   |          ^^^^^
   = help: remove `review`, or choose policy = "proportional" (stock shared out every `review`)"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_bad_policy() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        NATIONAL.replace("policy = \"fifo\"", "policy = \"random\""),
    )];
    let expected = r#"unknown allocation policy "random"
  --> n.toml:16:10
   |
16 | policy = "random"
   |          ^^^^^^^^
   = help: `fifo`, `largest-backlog`, `proportional`: first come first served, the largest print-ready backlog first, or shared out in proportion to the backlogs every `review`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_region_unknown() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("transit_by_region = { \"Papua\" = \"20d\" }\n"),
    )];
    let expected = r#"`transit_by_region` names the region `Papua`, which no office is in
  --> n.toml:18:23
   |
18 | transit_by_region = { "Papua" = "20d" }
   |                       ^^^^^^^
   = help: the offices' regions: `Jawa Timur`, `Sulawesi Selatan`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_region_none() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national(
            "\n[[offices.change]]\nregion = [\"Jawa Timur\", \"Bali\"]\nadd = { \"printing.printers\" = 1 }\n",
        ),
    )];
    let expected = r#"no office is in the region "Bali": this change would select nothing
  --> n.toml:20:25
   |
20 | region = ["Jawa Timur", "Bali"]
   |                         ^^^^^^
   = help: the offices' regions: `Jawa Timur`, `Sulawesi Selatan`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_office_none() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national(
            "\n[[offices.change]]\noffices = [\"kab-jembr\"]\nset = { \"printing.printers\" = 1 }\n",
        ),
    )];
    let expected = r#"no office is named "kab-jembr": this change would select nothing
  --> n.toml:20:12
   |
20 | offices = ["kab-jembr"]
   |            ^^^^^^^^^^^
   = help: the offices: `kab-jember`, `kota-makassar`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_add_missing() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.change]]\nadd = { \"recording.pool\" = 1 }\n"),
    )];
    let expected = r#"`add` has nothing to add to: office `kab-jember` has no `recording.pool`
  --> n.toml:20:9
   |
20 | add = { "recording.pool" = 1 }
   |         ^^^^^^^^^^^^^^^^
   = help: `add` adds to a number the template or the office's row gives; to give one, use `set`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_add_below0() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.change]]\nadd = { \"printing.printers\" = -3 }\n"),
    )];
    let expected = r#"`add` takes `printing.printers` of office `kota-makassar` below 0: 2 + -3 = -1
  --> n.toml:20:31
   |
20 | add = { "printing.printers" = -3 }
   |                               ^^
   = help: a change adds the same number to every office it selects; select fewer offices, or add less"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_office_table_top() {
    let files: Vec<(&str, String)> = vec![("n.toml", national("\n[printing]\nprinters = 3\n"))];
    let expected = r#"[printing] is an office's table: in a national scenario it belongs in the office template
  --> n.toml:19:2
   |
19 | [printing]
   |  ^^^^^^^^
   = help: every office starts from `offices.template`: write [printing] there; to vary it by office, give a column of the offices table (e.g. printing.…) or a key of an [[offices.office]] row"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_template_scenario() {
    let files: Vec<(&str, String)> = vec![(
        "office.toml",
        format!("[scenario]\nstart = 2018-01-01T00:00:00\n{TEMPLATE}"),
    )];
    let expected = r#"an office template has no [scenario] table: the national scenario's holds for every office
 --> office.toml:1:2
  |
1 | [scenario]
  |  ^^^^^^^^
  = help: remove [scenario] from the template: start, horizon, deadline, replications and seed are those of n.toml, and each office is named by its row"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_template_missing() {
    let files: Vec<(&str, String)> =
        vec![("n.toml", NATIONAL.replace("office.toml", "ofice.toml"))];
    let expected = r#"cannot read the office template `ofice.toml`: file not found
 --> n.toml:9:12
  |
9 | template = "ofice.toml"
  |            ^^^^^^^^^^^^
  = help: the office scenario every office starts from, relative to this file, e.g. template = "office.toml""#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_no_transit() {
    let files: Vec<(&str, String)> = vec![("n.toml", NATIONAL.replace("transit = \"5d\"\n", ""))];
    let expected = r#"office `kab-jember` asks the pool for blanks, but no transit time applies to it: [pool.allocation] has no `transit`
  --> n.toml:15:1
   |
15 | [pool.allocation]
   | ^^^^^^^^^^^^^^^^^
   = help: the time a lot travels from the pool to an office, e.g. transit = { dist = "triangular", min = "3d", mode = "10d", max = "30d" }; or per region in transit_by_region, or per office in a `transit` column or key"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_inline_unknown() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.office]]\nname = \"x\"\n\"printing.speed\" = 3\n"),
    )];
    let expected = r#"unknown key path `printing.speed`: unknown key `speed` in [printing]
  --> n.toml:21:1
   |
21 | "printing.speed" = 3
   | ^^^^^^^^^^^^^^^^
   = help: accepted keys: `printers`, `cards_per_day`, `card_time`, `reject_rate`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_nested_inline() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.office]]\nname = \"x\"\n[offices.office.printing]\nprinterz = 3\n"),
    )];
    let expected = r#"unknown key path `printing.printerz`: unknown key `printerz` in [printing]
  --> n.toml:22:1
   |
22 | printerz = 3
   | ^^^^^^^^
   = help: accepted keys: `printers`, `cards_per_day`, `card_time`, `reject_rate`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_empty_offices() {
    let files: Vec<(&str, String)> =
        vec![("n.toml", NATIONAL.replace("table = \"offices.csv\"\n", ""))];
    let expected = r#"[offices] lists no office
 --> n.toml:8:1
  |
8 | [offices]
  | ^^^^^^^^^
  = help: give `table`, a CSV file with a row per office, or [[offices.office]] rows"#;
    assert_eq!(error(&files), expected);
}

/// A single office scenario with `extra` appended.
fn single(extra: &str) -> String {
    let text = format!(
        "[scenario]\nstart = 2018-01-02T07:30:00\nhorizon = \"365d\"\n\n[printing]\ncards_per_day = 100\n{extra}"
    );
    match ktpsim::scenario::load_str(&text, Path::new("x.toml")) {
        Ok(_) => panic!("loaded, but an error was expected"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_single_office_may_name_its_time_zone() {
    let text = "[scenario]\nstart = 2018-01-02T07:30:00\nhorizon = \"365d\"\n\n[printing]\ncards_per_day = 100\n\n[calendar]\ntimezone = \"WITA\"\n";
    let s = ktpsim::scenario::load_str(text, Path::new("x.toml")).unwrap();
    assert_eq!(s.timezone, Some(Timezone::Wita));
    assert!(s.national.is_none());
    let s = ktpsim::scenario::load_str(
        &text.replace("timezone = \"WITA\"\n", ""),
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(s.timezone, None);
}

#[test]
fn error_bad_timezone_in_a_single_office() {
    let expected = r#"`timezone` must be one of "WIB" (UTC+7), "WITA" (UTC+8), "WIT" (UTC+9), got "UTC+7"
 --> x.toml:9:12
  |
9 | timezone = "UTC+7"
  |            ^^^^^^^
  = help: Indonesia's three zones, written in capitals; an office keeps its own local time"#;
    assert_eq!(single("\n[calendar]\ntimezone = \"UTC+7\"\n"), expected);
}

#[test]
fn error_pool_without_offices() {
    let expected = r#"[pool] belongs to a national scenario, and this file has no [offices] table
 --> x.toml:8:2
  |
8 | [pool]
  |  ^^^^
  = help: a national scenario lists its offices in [offices] (template = "office.toml", table = "offices.csv"); a single office's own link is [network], its blank stock [blanks]"#;
    assert_eq!(single("\n[pool]\ninitial = 5\n"), expected);
}

#[test]
fn error_more_than_ten_thousand_offices() {
    let mut table = String::from("name\n");
    for i in 0..=ktpsim::scenario::validate::MAX_OFFICES {
        table.push_str(&format!("o{i}\n"));
    }
    let expected = r#"the offices table lists more than 10000 offices
     --> offices.csv:10002:1
      |
10002 | o10000
      | ^^^^^^
      = help: a national scenario has at most 10000 offices (Indonesia has 514)"#;
    assert_eq!(error(&[("offices.csv", &table)]), expected);
}

#[test]
fn check_prints_the_national_file_and_a_summary() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["check", "tests/fixtures/national"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# tests/fixtures/national/national-format.example.toml\n[scenario]\n")
    );
    assert!(
        !text.contains("# tests/fixtures/national/national-office-template"),
        "the template is no scenario"
    );
    assert!(text.ends_with(
        "# national: 6 offices from the template tests/fixtures/national/national-office-template.example.toml\n\
         #   by region: Jawa Timur 3, Jawa Barat 1, Sulawesi Selatan 1, Papua 1\n\
         #   by time zone: WIB 4, WITA 1, WIT 1\n\
         #   initial backlog: 248000 records in all\n"
    ), "{text}");
}

#[test]
fn error_cell_that_does_not_fit_the_template() {
    // The template's `below` is fine with its own lot; office b's lot of 1
    // makes it 100000 lots: the error is the cell's, with the office named.
    let files: Vec<(&str, String)> = vec![
        (
            "office.toml",
            TEMPLATE.replace("below = 100\n", "below = 100000\n"),
        ),
        (
            "offices.csv",
            "name,region,blanks.reorder.quantity\na,X,1000\nb,Y,1\n".into(),
        ),
    ];
    let expected = r#"office `b`: `below` 100000 takes 100000 lots of `quantity` 1 to reach from an empty shelf: more than the 10000 lots ktpsim orders at once (this value and the one at office.toml:15:9 do not fit together)
 --> offices.csv:3:5
  |
3 | b,Y,1
  |     ^
  = help: the reorder point is a few lots: raise `quantity` to a lot the ministry sends (e.g. 10000) or lower `below`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_that_does_not_fit_the_template() {
    let files: Vec<(&str, String)> = vec![
        (
            "office.toml",
            TEMPLATE.replace("below = 100\n", "below = 100000\n"),
        ),
        (
            "n.toml",
            national(
                "\n[[offices.change]]\nregion = \"Jawa Timur\"\nset = { \"blanks.reorder.quantity\" = 1 }\n",
            ),
        ),
    ];
    let expected = r#"office `kab-jember`: `below` 100000 takes 100000 lots of `quantity` 1 to reach from an empty shelf: more than the 10000 lots ktpsim orders at once (this value and the one at office.toml:15:9 do not fit together)
  --> n.toml:21:37
   |
21 | set = { "blanks.reorder.quantity" = 1 }
   |                                     ^
   = help: the reorder point is a few lots: raise `quantity` to a lot the ministry sends (e.g. 10000) or lower `below`"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_change_add_quotes_the_sum() {
    let files: Vec<(&str, String)> = vec![(
        "n.toml",
        national("\n[[offices.change]]\nadd = { \"blanks.reorder.quantity\" = -1000 }\n"),
    )];
    let expected = r#"`quantity` must be a whole number of at least 1, got 0 (office `kab-jember`: `add` made 1000 + -1000 = 0)
  --> n.toml:20:37
   |
20 | add = { "blanks.reorder.quantity" = -1000 }
   |                                     ^^^^^
   = help: the lot size, e.g. 10000"#;
    assert_eq!(error(&files), expected);
}

#[test]
fn error_template_without_printing_is_the_templates() {
    let expected = r#"the office template is empty: it holds what every office starts from, [printing] at least
 --> office.toml:1:1
  |
1 | 
  | ^
  = help: add a [printing] table: printers = 1, cards_per_day = 450 (or card_time = "1min"); the offices table sets what differs by office"#;
    assert_eq!(error(&[("office.toml", "")]), expected);
    let e = error(&[("office.toml", "[backlog]\ninitial = 5\n")]);
    assert!(
        e.starts_with("missing [printing] table in the office template\n --> office.toml:1:1\n"),
        "{e}"
    );
}

#[test]
fn error_bad_separators_and_encodings_say_how_to_save() {
    let save = "save it as \"CSV UTF-8 (comma delimited)\"";
    let e = error(&[("offices.csv", "name;region\na;X\n")]);
    let expected = r#"the first line has no comma but 1 `;`: this table's cells are separated by `;`, and ktpsim reads cells separated by commas
 --> offices.csv:1:1
  |
1 | name;region
  | ^^^^^^^^^^^
  = help: Excel saves CSV with `;` where the decimal mark is a comma (as in Indonesian, id-ID); in the spreadsheet, save it as "CSV UTF-8 (comma delimited)" (LibreOffice: Text CSV, character set UTF-8, field delimiter `,`)"#;
    assert_eq!(e, expected);
    for (table, starts) in [
        (
            "name\tregion\na\tX\n",
            "the first line has no comma but a tab",
        ),
        (
            "name,region\ra,X\r",
            "a line of this table ends with a carriage return alone",
        ),
        ("n\0a\0m\0e\0\n\0", "this table holds NUL bytes"),
    ] {
        let e = error(&[("offices.csv", table)]);
        assert!(e.starts_with(starts) && e.contains(save), "{e}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("n.toml"), NATIONAL).unwrap();
    std::fs::write(dir.path().join("office.toml"), TEMPLATE).unwrap();
    let mut utf16 = vec![0xfe, 0xff];
    utf16.extend("name\n".encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(dir.path().join("offices.csv"), utf16).unwrap();
    let e = load(&dir.path().join("n.toml")).unwrap_err().to_string();
    assert!(
        e.contains("UTF-16 text (it starts with the byte-order mark FE FF), not UTF-8")
            && e.contains(save),
        "{e}"
    );
}

#[test]
fn error_overlapping_columns_name_both() {
    let e = error(&[(
        "offices.csv",
        "name,backlog.initial,region,backlog\na,3,X,\n",
    )]);
    let expected = r#"columns `backlog.initial` (column 2) and `backlog` (column 4) overlap: `backlog` sets the whole of what `backlog.initial` sets part of
 --> offices.csv:1:29
  |
1 | name,backlog.initial,region,backlog
  |                             ^^^^^^^
  = help: give either `backlog` or the keys inside it, such as `backlog.initial`: remove one of the two columns"#;
    assert_eq!(e, expected);
}

#[test]
fn error_empty_selector_lists() {
    for key in ["region", "offices"] {
        let e = error(&[(
            "n.toml",
            national(&format!(
                "\n[[offices.change]]\n{key} = []\nadd = {{ \"printing.printers\" = 1 }}\n"
            )),
        )]);
        assert!(
            e.starts_with(&format!(
                "`{key}` is an empty list: this change would select nothing\n  --> n.toml:20:"
            )),
            "{e}"
        );
    }
}

#[test]
fn error_costs_in_a_national_scenario() {
    let e = error(&[("office.toml", format!("{TEMPLATE}\n[costs]\nx = 1\n"))]);
    assert!(
        e.starts_with("an office template has no [costs] table: a national scenario reports no costs\n  --> office.toml:18:2"),
        "{e}"
    );
    let e = error(&[("n.toml", national("\n[costs]\nx = 1\n"))]);
    assert!(
        e.starts_with(
            "a national scenario has no [costs] table: it reports no costs\n  --> n.toml:19:2"
        ),
        "{e}"
    );
    let e = error(&[("offices.csv", "name,costs.staff\na,1\n")]);
    assert!(
        e.starts_with(
            "column `costs.staff` cannot be set per office: a national scenario reports no costs"
        ),
        "{e}"
    );
}

#[test]
fn error_region_name_too_long() {
    let table = format!("name,region\na,{}\n", "R".repeat(101));
    let e = error(&[("offices.csv", table)]);
    assert!(
        e.starts_with("region name has 101 characters, more than 100\n --> offices.csv:2:3"),
        "{e}"
    );
    let ok = format!("name,region\na,{}\n", "R".repeat(100));
    loads(&[("offices.csv", ok)]);
}

#[test]
fn check_of_a_child_in_another_folder_prints_paths_that_load() {
    let (dir, _) = with::<&str>(&[]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/child.toml"),
        "extends = \"../n.toml\"\n[scenario]\nname = \"child\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["check", "sub/child.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("template = \"../office.toml\"\ntable = \"../offices.csv\"\n"),
        "{text}"
    );
    // The printed text, saved beside the child, loads.
    let printed: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("sub/printed.toml"), printed).unwrap();
    load(&dir.path().join("sub/printed.toml")).unwrap();
    // In one folder the paths stay as written.
    let s = load(&dir.path().join("n.toml")).unwrap();
    assert!(s.merged_toml.contains("template = \"office.toml\""));
}
