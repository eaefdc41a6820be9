//! Tests of [`super`]: the thresholds, the estimates and their words.

use super::*;
use crate::scenario::load_str;

fn scenario(reps: u64, body: &str) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"w\"\nstart = 2017-09-25T00:00:00\nhorizon = \"365d\"\n\
         replications = {reps}\n{body}"
    );
    load_str(&text, "w.toml".as_ref()).expect("valid")
}

#[test]
fn ordinary_runs_pass_silently() {
    let s = scenario(
        1000,
        "[backlog]\ninitial = 35000\n[printing]\ncards_per_day = 450",
    );
    let mut notes = Vec::new();
    check(&[s], 2, &mut notes).unwrap();
    assert!(notes.is_empty());
}

#[test]
fn a_long_run_gets_a_note_with_the_fix() {
    let s = scenario(
        1000000,
        "[backlog]\ninitial = 35000\n[printing]\ncards_per_day = 450",
    );
    let mut notes = Vec::new();
    check(&[s], 2, &mut notes).unwrap();
    let text = String::from_utf8(notes).unwrap();
    assert!(
        text.starts_with("note: scenario w (w.toml) will take roughly "),
        "{text}"
    );
    assert!(text.contains("--replications "), "{text}");
}

#[test]
fn one_replication_past_the_limit_names_what_makes_it_long() {
    // A second between outages over a year: 63 million onsets and ends.
    let s = scenario(
        1,
        "[printing]\ncards_per_day = 450\n[server]\n\
         outages = [{ every = \"0.0000001s\", duration = \"0s\" }]",
    );
    let err = check(&[s], 1, &mut Vec::new()).unwrap_err().to_string();
    assert_eq!(
        err,
        "scenario w (w.toml) would run for about 146 days: one replication alone has \
         about 6.3e14 events, most of them server outages; nothing was run. Give the \
         server outages a longer `every`, or lower `horizon`"
    );
}

#[test]
fn a_replication_longer_than_a_minute_is_not_offered_as_a_minute() {
    let s = scenario(
        100_000,
        "[printing]\ncards_per_day = 450\n[server]\n\
         outages = [{ every = \"0.01s\", duration = \"0s\" }]",
    );
    let err = check(&[s], 1, &mut Vec::new()).unwrap_err().to_string();
    assert!(
        err.ends_with("Lower --replications (one alone takes about 2 min) or `horizon`"),
        "{err}"
    );
}

#[test]
fn threads_past_the_cores_or_the_batches_do_not_speed_the_estimate() {
    assert_eq!(
        Cores::of(64, 2, 1_000_000).to_string(),
        "the machine's 2 cores"
    );
    assert_eq!(Cores::of(2, 16, 1_000_000).to_string(), "2 threads");
    // 20 replications are two batches: two threads at most are busy.
    assert_eq!(Cores::of(64, 16, 20).to_string(), "2 threads");
    assert_eq!(Cores::of(8, 16, 1).to_string(), "1 thread");
}

#[test]
fn thread_counts_from_one_to_the_batches_of_a_chunk() {
    assert_eq!(thread_count("64"), Ok(64));
    assert_eq!(thread_count("0").unwrap_err(), "must be at least 1");
    assert!(
        thread_count("20000")
            .unwrap_err()
            .starts_with("must be at most 64: ")
    );
    assert!(thread_count("-1").is_err());
}

#[test]
fn durations_read_in_the_unit_that_fits() {
    assert_eq!(duration(59.4), "59 s");
    assert_eq!(duration(600.0), "10 min");
    assert_eq!(duration(36_000.0), "10 h");
    assert_eq!(duration(864_000.0), "10 days");
    assert_eq!(duration(3.2e9), "101 years");
    assert_eq!(duration(1e300), "3.2e292 years");
    assert_eq!(for_about(f64::INFINITY), "for ever");
    assert_eq!(count(35_000.0), "35000");
    assert_eq!(count(1.25e9), "1.2 billion");
    assert_eq!(count(2.5e6), "2.5 million");
    assert_eq!(count(3.0e300), "3.0e300");
    assert_eq!(gigabytes(2e21), "about 2.0e12 GB");
    assert_eq!(gigabytes(f64::INFINITY), "more than any machine has");
}
