use super::*;

fn path(p: &str) -> KeyPath {
    KeyPath::parse(p).unwrap()
}

fn named(p: &str) -> String {
    name(&path(p))
}

#[test]
fn settings_read_as_words() {
    for (path, expected) in [
        ("printing.printers", "printers"),
        (
            "printing.cards_per_day.min",
            "cards per printer per working day, min",
        ),
        (
            "printing.cards_per_day",
            "cards per printer per working day",
        ),
        ("printing.card_time.mean", "time per card, on average"),
        ("printing.reject_rate", "reject rate"),
        ("backlog.initial", "records waiting at the start"),
        ("backlog.mix.elderly", "share of elderly in the backlog"),
        (
            "recording.per_workday.mean",
            "new records per working day, on average",
        ),
        ("recording.pool", "residents still to record"),
        ("network.states.up.throughput", "link throughput when up"),
        (
            "network.states.degraded.stay.median",
            "time the link stays degraded, median",
        ),
        (
            "network.states.up.next.down",
            "chance the link goes from up to down",
        ),
        (
            "network.outages[0].duration",
            "link outage duration (outage 1)",
        ),
        (
            "server.outages[0].duration.mode",
            "server outage duration, mode (outage 1)",
        ),
        (
            "server.outages[1].every.mean",
            "time between server outages, on average (outage 2)",
        ),
        ("blanks.initial", "blanks on hand at the start"),
        (
            "blanks.shipments[0].quantity",
            "blank lot size (shipment 1)",
        ),
        (
            "blanks.shipments[0].delay.max",
            "shipment delay, max (shipment 1)",
        ),
        ("blanks.reorder.below", "reorder point"),
        ("blanks.reorder.quantity", "reorder lot size"),
        ("blanks.reorder.lead_time.mode", "reorder lead time, mode"),
        (
            "distribution.to_district.max",
            "transport to the district, max",
        ),
        (
            "distribution.to_resident.mean",
            "delivery to the resident, on average",
        ),
        ("calendar.hours[1]", "closing time"),
        ("scenario.horizon", "horizon"),
        ("printing.card_time.values[2]", "time per card, value 3"),
        ("printing.card_time.value", "time per card"),
    ] {
        assert_eq!(named(path), expected, "{path}");
    }
}

#[test]
fn unknown_paths_keep_their_spelling() {
    for p in [
        "printing.speed",
        "printing.printers.mean",
        "blanks.shipments[0].colour",
        "network.states.up.throughput.mean",
        "server.outages",
        "calendar.hours[2]",
        "x",
    ] {
        assert_eq!(named(p), p);
        assert_eq!(known_name(&path(p)), None, "{p}");
    }
    let paths = [
        path("printing.printers"),
        path("blanks.reorder.below"),
        path("blanks.reorder.quantity"),
    ];
    assert_eq!(names(&paths[..1]), "printers");
    assert_eq!(names(&paths[..2]), "printers and reorder point");
    assert_eq!(
        names(&paths),
        "printers, reorder point and reorder lot size"
    );
}

#[test]
fn values_read_as_words() {
    let v = |p: &str, x: f64, about: bool| value(&path(p), x, about);
    assert_eq!(
        v("blanks.initial", 15000.0, true).unwrap(),
        "about 15,000 blanks on hand at the start"
    );
    assert_eq!(v("printing.printers", 1.0, false).unwrap(), "1 printer");
    assert_eq!(
        v("blanks.shipments[2].quantity", 2500.0, false).unwrap(),
        "2,500 blanks in the shipment"
    );
    assert_eq!(
        v("recording.per_workday.mean", 120.0, false).unwrap(),
        "120 new records per working day on average"
    );
    assert_eq!(
        v("printing.cards_per_day.mean", 1.0, false).unwrap(),
        "1 card per printer per working day on average"
    );
    assert_eq!(v("printing.cards_per_day.min", 300.0, false), None);
    assert_eq!(v("server.outages[0].every.mean", 3.0, false), None);
}

#[test]
fn thousands_are_grouped() {
    assert_eq!(grouped(15000.0), "15,000");
    assert_eq!(grouped(999.0), "999");
    assert_eq!(grouped(1_234_567.25), "1,234,567.25");
    assert_eq!(grouped(-4500.0), "-4,500");
    assert_eq!(grouped(0.015), "0.015");
}

#[test]
fn every_pattern_names_itself_and_every_list_is_named() {
    for s in SETTINGS {
        let p = s.key.replace("[]", "[0]").replace('*', "x");
        assert!(known_name(&path(&p)).is_some(), "{}", s.key);
        if let Some(list) = s.key.split_once("[]").map(|(l, _)| l) {
            assert!(LISTS.iter().any(|(l, _)| *l == list), "{}", s.key);
        }
        if s.random {
            assert!(known_name(&path(&format!("{p}.mean"))).is_some(), "{p}");
        }
    }
}

/// The keys of docs/scenario-format.md: rows of the tables under a
/// `## [section]` heading (`states.NAME.…` with the state `up`), and the
/// fields of each `[[list]]` named in backticks, as element 0.
fn documented_keys() -> Vec<String> {
    let doc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md");
    let text = std::fs::read_to_string(doc).unwrap();
    let fields = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(str::to_owned)
            .collect()
    };
    let mut keys = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        for line in block.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                sections = heading
                    .split("`[")
                    .skip(1)
                    .filter_map(|s| s.split_once("]`").map(|(s, _)| s.to_owned()))
                    .filter(|s| s != "sweep")
                    .collect();
            } else if line.starts_with("### ") {
                sections.clear();
            }
        }
        let Some(section) = sections.first() else {
            continue;
        };
        if let Some(list) = block.strip_prefix("`[[") {
            let (list, rest) = list.split_once("]]`").unwrap();
            keys.extend(fields(rest).iter().map(|f| format!("{list}[0].{f}")));
            continue;
        }
        for row in block.lines().filter_map(|l| l.strip_prefix("| `")) {
            let (key, rest) = row.split_once('`').unwrap();
            if let Some(list) = key.strip_prefix("[[").and_then(|k| k.strip_suffix("]]")) {
                let cell = rest.split('|').nth(1).unwrap();
                keys.extend(fields(cell).iter().map(|f| format!("{list}[0].{f}")));
                continue;
            }
            let key = key.replace("NAME", "up");
            let first = key.split('.').next().unwrap();
            if sections.iter().any(|s| s == first) {
                keys.push(key);
            } else {
                keys.push(format!("{section}.{key}"));
            }
        }
    }
    keys
}

#[test]
fn every_key_of_the_scenario_format_has_a_name() {
    let keys = documented_keys();
    // The walk itself reads the whole format, lists and paragraphs included.
    for k in [
        "scenario.deadline",
        "calendar.holidays",
        "backlog.initial",
        "recording.pool",
        "printing.reject_rate",
        "network.states.up.next",
        "network.outages[0].name",
        "server.outages[0].every",
        "blanks.shipments[0].count",
        "blanks.reorder.lead_time",
        "distribution.to_resident",
    ] {
        assert!(keys.iter().any(|d| d == k), "{k} not found in {keys:?}");
    }
    assert!(keys.len() >= 40, "{keys:?}");
    for k in &keys {
        let p = path(k);
        assert!(known_name(&p).is_some(), "{k} has no name");
        assert_ne!(name(&p), *k, "{k}");
    }
}
