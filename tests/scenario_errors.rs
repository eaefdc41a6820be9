//! Every validation error, with its exact rendered text: message, `-->` file:line:col,
//! the source line with the offending text underlined, and the help line.
//!
//! Each case writes a scenario inline and reads it as if from `x.toml`.

use std::path::Path;

use ktpsim::scenario::{ScenarioError, load_str};

/// The rendered error for `text`; panics if it loads.
fn error(text: &str) -> String {
    match load_str(text, Path::new("x.toml")) {
        Ok(_) => panic!("loaded, but an error was expected:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn unknown_top_level_key_lists_the_tables() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[printer]
printers = 2
"#;
    let expected = r#"unknown key `printer` in the top level
 --> x.toml:8:2
  |
8 | [printer]
  |  ^^^^^^^
  = help: accepted keys: `extends`, `scenario`, `calendar`, `backlog`, `recording`, `printing`, `network`, `server`, `blanks`, `distribution`, `costs`, `sweep`, `offices`, `central`, `pool`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unknown_key_in_a_table_lists_accepted_keys() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
speed = 3
"#;
    let expected = r#"unknown key `speed` in [printing]
 --> x.toml:7:1
  |
7 | speed = 3
  | ^^^^^
  = help: accepted keys: `printers`, `cards_per_day`, `card_time`, `reject_rate`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn wrong_type_says_found_and_expected() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
printers = "two"
"#;
    let expected = r#"`printers` must be a whole number of at least 0, found a string
 --> x.toml:7:12
  |
7 | printers = "two"
  |            ^^^^^
  = help: identical printers, e.g. printers = 2"#;
    assert_eq!(error(text), expected);
}

#[test]
fn negative_count() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
printers = -1
"#;
    let expected = r#"`printers` must be a whole number of at least 0, got -1
 --> x.toml:7:12
  |
7 | printers = -1
  |            ^^
  = help: identical printers, e.g. printers = 2"#;
    assert_eq!(error(text), expected);
}

#[test]
fn non_integer_count() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 35000.5
"#;
    let expected = r#"`initial` must be a whole number of at least 0, got 35000.5
 --> x.toml:9:11
  |
9 | initial = 35000.5
  |           ^^^^^^^
  = help: records ready to print at the start, e.g. 35000"#;
    assert_eq!(error(text), expected);
}

#[test]
fn reject_rate_above_one() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
reject_rate = 1.5
"#;
    let expected = r#"`reject_rate` must be a probability in [0, 1), got 1.5
 --> x.toml:7:15
  |
7 | reject_rate = 1.5
  |               ^^^
  = help: a share of printed cards, e.g. 0.009"#;
    assert_eq!(error(text), expected);
}

#[test]
fn reject_rate_of_one_never_finishes() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
reject_rate = 1
"#;
    let expected = r#"`reject_rate` must be a probability in [0, 1), got 1: at 1 every card is rejected and the backlog never clears
 --> x.toml:7:15
  |
7 | reject_rate = 1
  |               ^
  = help: a share of printed cards, e.g. 0.009"#;
    assert_eq!(error(text), expected);
}

#[test]
fn mix_share_outside_zero_one() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 10
mix = { a = 1.2, b = -0.2 }
"#;
    let expected = r#"`mix.a` must be a probability in [0, 1], got 1.2
  --> x.toml:10:13
   |
10 | mix = { a = 1.2, b = -0.2 }
   |             ^^^
   = help: the share of each class, e.g. mix = { first_time = 0.5, elderly = 0.1, regular = 0.4 }"#;
    assert_eq!(error(text), expected);
}

#[test]
fn backlog_mix_must_sum_to_one() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 10
mix = { a = 0.5, b = 0.4 }
"#;
    let expected = r#"`mix` must add up to 1, got 0.9
  --> x.toml:10:7
   |
10 | mix = { a = 0.5, b = 0.4 }
   |       ^^^^^^^^^^^^^^^^^^^^
   = help: the shares of all classes together make 1"#;
    assert_eq!(error(text), expected);
}

#[test]
fn recording_mix_must_sum_to_one() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[recording]
per_workday = 60
mix = { a = 0.7, b = 0.7 }
"#;
    let expected = r#"`mix` must add up to 1, got 1.4
  --> x.toml:10:7
   |
10 | mix = { a = 0.7, b = 0.7 }
   |       ^^^^^^^^^^^^^^^^^^^^
   = help: the shares of all classes together make 1"#;
    assert_eq!(error(text), expected);
}

#[test]
fn next_row_must_sum_to_one() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { up = 0.9 }
"#;
    let expected = r#"`next` of state `down` must add up to 1, got 0.9
  --> x.toml:19:8
   |
19 | next = { up = 0.9 }
   |        ^^^^^^^^^^^^
   = help: the chance of moving to each other state, adding up to 1, e.g. next = { up = 1.0 }; known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn transition_to_unknown_state() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { upp = 1.0 }
"#;
    let expected = r#"`next` of state `down` names an unknown state `upp`
  --> x.toml:19:10
   |
19 | next = { upp = 1.0 }
   |          ^^^
   = help: known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn state_without_way_out() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { up = 0.0 }
"#;
    let expected = r#"state `down` has no way out: `next` gives no other state
  --> x.toml:19:8
   |
19 | next = { up = 0.0 }
   |        ^^^^^^^^^^^^
   = help: the chance of moving to each other state, adding up to 1, e.g. next = { up = 1.0 }; known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn state_without_next() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
"#;
    let expected = r#"state `down` has no way out: `next` gives no other state
  --> x.toml:16:1
   |
16 | [network.states.down]
   | ^^^^^^^^^^^^^^^^^^^^^
   = help: the chance of moving to each other state, adding up to 1, e.g. next = { up = 1.0 }; known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn transition_to_itself() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { down = 0.5, up = 0.5 }
"#;
    let expected = r#"state `down` cannot move to itself
  --> x.toml:19:10
   |
19 | next = { down = 0.5, up = 0.5 }
   |          ^^^^
   = help: a longer `stay` is how the link stays in a state"#;
    assert_eq!(error(text), expected);
}

#[test]
fn initial_state_unknown() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "online"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { up = 1.0 }
"#;
    let expected = r#"`initial` names an unknown state "online"
 --> x.toml:9:11
  |
9 | initial = "online"
  |           ^^^^^^^^
  = help: known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn transition_probability_out_of_range() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = 0.0
stay = "5h"
next = { up = 2 }
"#;
    let expected = r#"`next.up` must be a probability in [0, 1], got 2
  --> x.toml:19:15
   |
19 | next = { up = 2 }
   |               ^
   = help: the chance of moving to each other state, adding up to 1, e.g. next = { up = 1.0 }; known states: `up`, `down`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn throughput_out_of_range() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = "4d"
next = { down = 1.0 }

[network.states.down]
throughput = -0.5
stay = "5h"
next = { up = 1.0 }
"#;
    let expected = r#"`throughput` must be a probability in [0, 1], got -0.5
  --> x.toml:17:14
   |
17 | throughput = -0.5
   |              ^^^^
   = help: the share of full printing speed in this state, from 0 (down) to 1 (up)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn hours_close_before_open() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[calendar]
hours = ["16:00", "07:30"]
"#;
    let expected = r#"`hours` closes at "07:30" but opens at "16:00"
 --> x.toml:9:19
  |
9 | hours = ["16:00", "07:30"]
  |                   ^^^^^^^
  = help: the closing time must be after the opening time, on the same day"#;
    assert_eq!(error(text), expected);
}

#[test]
fn hours_not_hh_mm() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[calendar]
hours = ["7.30", "16:00"]
"#;
    let expected = r#"`hours`: "7.30" is not a time "HH:MM"
 --> x.toml:9:10
  |
9 | hours = ["7.30", "16:00"]
  |          ^^^^^^
  = help: opening and closing time, "HH:MM" (24-hour clock), e.g. hours = ["07:30", "16:00"]"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unknown_weekday() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[calendar]
workdays = ["mon", "tues"]
"#;
    let expected = r#"unknown weekday "tues" in `workdays`
 --> x.toml:9:20
  |
9 | workdays = ["mon", "tues"]
  |                    ^^^^^^
  = help: weekdays are `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun` (or full names), e.g. ["mon", "fri"]"#;
    assert_eq!(error(text), expected);
}

#[test]
fn deadline_before_start() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"
deadline = 2017-09-01

[printing]
cards_per_day = 450
"#;
    let expected = r#"`deadline` is before the start (2017-09-25T08:00:00)
 --> x.toml:4:12
  |
4 | deadline = 2017-09-01
  |            ^^^^^^^^^^
  = help: a deadline is a date the backlog should be cleared by, after `start`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn speed_given_twice() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
card_time = "1min"
"#;
    let expected = r#"`card_time` and `cards_per_day` are both given
 --> x.toml:7:13
  |
7 | card_time = "1min"
  |             ^^^^^^
  = help: give exactly one of `cards_per_day` (cards per printer per working day) and `card_time` (time per card)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn speed_missing() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
printers = 1
"#;
    let expected = r#"[printing] gives no printing speed
 --> x.toml:5:1
  |
5 | [printing]
  | ^^^^^^^^^^
  = help: give exactly one of `cards_per_day` (cards per printer per working day) and `card_time` (time per card)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn priority_misses_a_class() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 10
mix = { a = 0.5, b = 0.5 }
priority = ["a"]
"#;
    let expected = r#"class `b` is in a `mix` but not in `priority`
  --> x.toml:10:18
   |
10 | mix = { a = 0.5, b = 0.5 }
   |                  ^
   = help: `priority` must list every class; it lists `a`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn priority_lists_a_class_twice() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 10
mix = { a = 0.5, b = 0.5 }
priority = ["a", "b", "a"]
"#;
    let expected = r#"class "a" appears twice in `priority`
  --> x.toml:11:23
   |
11 | priority = ["a", "b", "a"]
   |                       ^^^
   = help: list each class once"#;
    assert_eq!(error(text), expected);
}

#[test]
fn mix_missing_with_several_classes() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[backlog]
initial = 10
mix = { a = 0.5, b = 0.5 }

[recording]
per_workday = 60
"#;
    let expected = r#"give `mix`: there are several classes
  --> x.toml:12:1
   |
12 | [recording]
   | ^^^^^^^^^^^
   = help: the share of each class, e.g. mix = { a = 0.5, b = 0.5 }"#;
    assert_eq!(error(text), expected);
}

#[test]
fn offset_datetime_rejected() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00+07:00
horizon = "365d"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`start` has a time zone offset: write a local date-time without offset
 --> x.toml:2:9
  |
2 | start = 2017-09-25T08:00:00+07:00
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: times are the office's local time, e.g. 2017-09-25T08:00:00"#;
    assert_eq!(error(text), expected);
}

#[test]
fn quoted_date_rejected() {
    let text = r#"[scenario]
start = "2017-09-25T08:00:00"
horizon = "365d"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`start` must be a date, found a string: remove the quotes
 --> x.toml:2:9
  |
2 | start = "2017-09-25T08:00:00"
  |         ^^^^^^^^^^^^^^^^^^^^^
  = help: dates are TOML dates, e.g. 2017-09-25T08:00:00"#;
    assert_eq!(error(text), expected);
}

#[test]
fn bare_number_for_duration() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = 365

[printing]
cards_per_day = 450
"#;
    let expected = r#"`horizon` is a duration and needs a unit, got a bare number 365
 --> x.toml:3:11
  |
3 | horizon = 365
  |           ^^^
  = help: a period is a duration (a number with a unit: s, min, h, d or w, e.g. "36h", "2w") or whole calendar months or years (mo or y, e.g. "1mo", "18 months", "1y")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn duration_without_known_unit() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365 hari"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`horizon` is not a duration: "365 hari" has an unknown unit "hari"
 --> x.toml:3:11
  |
3 | horizon = "365 hari"
  |           ^^^^^^^^^^
  = help: a period is a duration (a number with a unit: s, min, h, d or w, e.g. "36h", "2w") or whole calendar months or years (mo or y, e.g. "1mo", "18 months", "1y")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn poisson_for_a_duration() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[server.outages]]
every = { dist = "poisson", mean = 30 }
duration = "1d"
"#;
    let expected = r#"`every` is a duration, but "poisson" is for counts
 --> x.toml:9:18
  |
9 | every = { dist = "poisson", mean = 30 }
  |                  ^^^^^^^^^
  = help: use a distribution of durations, e.g. { dist = "exponential", mean = "4d" }; accepted distributions: `constant`, `uniform`, `triangular`, `pert`, `normal`, `lognormal`, `exponential`, `gamma`, `weibull`, `empirical`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unknown_distribution() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = { dist = "beta", min = 400, max = 500 }
"#;
    let expected = r#"unknown distribution "beta"
 --> x.toml:6:26
  |
6 | cards_per_day = { dist = "beta", min = 400, max = 500 }
  |                          ^^^^^^
  = help: accepted distributions: `constant`, `uniform`, `triangular`, `pert`, `normal`, `lognormal`, `exponential`, `gamma`, `weibull`, `poisson`, `empirical`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unknown_distribution_parameter() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = { dist = "uniform", low = 400, max = 500 }
"#;
    let expected = r#"unknown parameter `low` for distribution "uniform"
 --> x.toml:6:37
  |
6 | cards_per_day = { dist = "uniform", low = 400, max = 500 }
  |                                     ^^^
  = help: "uniform" takes `min`, `max`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn missing_distribution_parameter() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = { dist = "triangular", min = 400, max = 500 }
"#;
    let expected = r#"distribution "triangular" of `cards_per_day` needs `mode`
 --> x.toml:6:17
  |
6 | cards_per_day = { dist = "triangular", min = 400, max = 500 }
  |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: "triangular" takes `min`, `mode`, `max`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn distribution_constructor_error() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = { dist = "uniform", min = 500, max = 400 }
"#;
    let expected = r#"invalid distribution "uniform" for `cards_per_day`: `max` (400) must be at least `min` (500)
 --> x.toml:6:17
  |
6 | cards_per_day = { dist = "uniform", min = 500, max = 400 }
  |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"#;
    assert_eq!(error(text), expected);
}

#[test]
fn duration_parameter_needs_unit() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[server.outages]]
at = 2017-10-01T00:00:00
duration = { dist = "uniform", min = 1, max = "2d" }
"#;
    let expected = r#"`min` is a duration and needs a unit, got a bare number 1
  --> x.toml:10:38
   |
10 | duration = { dist = "uniform", min = 1, max = "2d" }
   |                                      ^
   = help: a duration is a number with a unit: s, min, h, d or w (e.g. "90min", "36h", "2.5d", "2w")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn missing_printing_table() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"
"#;
    let expected = r#"missing [printing] table
 --> x.toml:1:1
  |
1 | [scenario]
  | ^
  = help: add a [printing] table: printers = 1, cards_per_day = 450 (or card_time = "1min")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn missing_start() {
    let text = r#"[scenario]
horizon = "365d"

[printing]
cards_per_day = 450
"#;
    let expected = r#"missing key `start` in [scenario]
 --> x.toml:1:1
  |
1 | [scenario]
  | ^^^^^^^^^^
  = help: the local date-time at which the simulation starts, e.g. start = 2017-09-25T08:00:00"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unsafe_name() {
    let text = r#"[scenario]
name = "../results"
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`name` must be a safe folder name, got "../results"
 --> x.toml:2:8
  |
2 | name = "../results"
  |        ^^^^^^^^^^^^
  = help: a folder name for the results: letters, digits, `.`, `_` and `-`, not starting or ending with `.`, e.g. "bojonegoro-2017""#;
    assert_eq!(error(text), expected);
}

#[test]
fn zero_replications() {
    let text = r#"[scenario]
replications = 0
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`replications` must be a whole number of at least 1, got 0
 --> x.toml:2:16
  |
2 | replications = 0
  |                ^
  = help: how many replications to run, e.g. 1000"#;
    assert_eq!(error(text), expected);
}

#[test]
fn toml_syntax_error() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450
printers = 
"#;
    let expected = r#"invalid TOML: string values must be quoted, expected literal string
 --> x.toml:7:12
  |
7 | printers = 
  |            ^"#;
    assert_eq!(error(text), expected);
}

#[test]
fn outage_with_at_and_every() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[server.outages]]
at = 2017-10-01T00:00:00
every = "30d"
duration = "1d"
"#;
    let expected = r#"an outage has both `at` and `every`
  --> x.toml:10:9
   |
10 | every = "30d"
   |         ^^^^^
   = help: give exactly one of `at`, `every`: `at` a date-time (once), `every` the time between onsets"#;
    assert_eq!(error(text), expected);
}

#[test]
fn reorder_quantity_zero() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[blanks.reorder]
below = 10
quantity = 0
lead_time = "7d"
"#;
    let expected = r#"`quantity` must be a whole number of at least 1, got 0
  --> x.toml:10:12
   |
10 | quantity = 0
   |            ^
   = help: the lot size, e.g. 10000"#;
    assert_eq!(error(text), expected);
}

#[test]
fn empty_dispatch() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[distribution]
dispatch = []
to_district = "1d"
to_resident = "1d"
"#;
    let expected = r#"`dispatch` must name at least one weekday
 --> x.toml:9:12
  |
9 | dispatch = []
  |            ^^
  = help: weekdays are `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun` (or full names), e.g. ["mon", "fri"]"#;
    assert_eq!(error(text), expected);
}

#[test]
fn located_errors_carry_structured_fields() {
    let text = "[scenario]\nstart = 2017-09-25T08:00:00\nhorizon = \"365d\"\n\n[printing]\ncards_per_day = 450\nreject_rate = 1.5\n";
    let e = load_str(text, Path::new("x.toml")).unwrap_err();
    let l = e.located().expect("a located error");
    assert_eq!(l.path, Path::new("x.toml"));
    assert_eq!((l.line, l.column, l.width), (7, 15, 3));
    assert_eq!(
        l.message,
        "`reject_rate` must be a probability in [0, 1), got 1.5"
    );
    assert_eq!(
        l.help.as_deref(),
        Some("a share of printed cards, e.g. 0.009")
    );
    assert_eq!(l.source_line, "reject_rate = 1.5");
}

#[test]
fn a_missing_file_says_so() {
    let e = ktpsim::scenario::load(Path::new("tests/fixtures/no-such-file.toml")).unwrap_err();
    assert!(matches!(e, ScenarioError::Io { .. }));
    assert_eq!(
        e.to_string(),
        "cannot read `tests/fixtures/no-such-file.toml`: file not found"
    );
}

#[test]
fn a_file_that_is_not_utf8_says_where() {
    let e = ktpsim::scenario::load(Path::new("tests/fixtures/extends/not-utf8.toml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot read `tests/fixtures/extends/not-utf8.toml`: not UTF-8 text: invalid byte at line 1, column 9 (byte offset 8)"
    );
}

/// A scenario that loads, with `extra` appended.
fn valid(extra: &str) -> String {
    format!(
        "[scenario]\nstart = 2017-09-25T08:00:00\nhorizon = \"30d\"\n\n[printing]\ncards_per_day = 450\n{extra}"
    )
}

#[test]
fn nesting_too_deep_points_at_the_level_past_the_limit() {
    // 200 levels of dotted keys were reported at line 1, column 1.
    let keys = vec!["k"; 200].join(".");
    let text = valid(&format!("\n{keys} = 1\n"));
    let expected = format!(
        "tables and arrays nest more than 32 levels deep here
 --> x.toml:8:63
  |
8 | …{}…
  |                                ^
  = help: each part of a dotted key or [header], each {{ }} and each [ ] is a level; a scenario needs about 4, e.g. [network.states.up] with next = {{ down = 1.0 }}",
        &keys[32..152]
    );
    assert_eq!(error(&text), expected);
    // In `[printing]` (level 1), the 32nd `{` or `[` opens level 33.
    let text = valid(&format!(
        "x = {}1{}\n",
        "{ a = ".repeat(40),
        " }".repeat(40)
    ));
    assert!(
        error(&text).contains(" --> x.toml:7:191\n"),
        "{}",
        error(&text)
    );
    let text = valid(&format!("x = [{}]\n", "[".repeat(40)));
    assert!(
        error(&text).contains(" --> x.toml:7:36\n"),
        "{}",
        error(&text)
    );
}

#[test]
fn control_characters_in_a_line_are_shown_escaped_under_aligned_carets() {
    // Raw escape sequences in a comment: the TOML reader refuses them, and its
    // error shows them escaped, the carets under the escaped ESC.
    let text = valid("reject_rate = 2 # \u{1b}[2J\u{1b}]0;title\u{7}\n");
    let got = error(&text);
    assert_eq!(
        got,
        "invalid TOML: invalid comment character, expected printable characters
 --> x.toml:7:19
  |
7 | reject_rate = 2 # \\u{1b}[2J\\u{1b}]0;title\\u{7}
  |                   ^^^^^^"
    );
    // Where TOML allows them (escaped in a string), they are refused as such,
    // for keys and strings alike.
    let text = valid("\"\\u001b[2J\" = 1\n");
    assert_eq!(
        error(&text),
        "this key holds the control character \\u{1b}, which tables, reports and terminals cannot show
 --> x.toml:7:1
  |
7 | \"\\u001b[2J\" = 1
  | ^^^^^^^^^^^
  = help: remove it: names and values are one line of visible text"
    );
    let text = valid("").replacen("horizon", "title = \"Line\\none\"\nhorizon", 1);
    assert_eq!(
        error(&text),
        "this value holds the control character \\u{a}, which tables, reports and terminals cannot show
 --> x.toml:3:9
  |
3 | title = \"Line\\none\"
  |         ^^^^^^^^^^^
  = help: remove it: names and values are one line of visible text"
    );
}

#[test]
fn a_duration_of_400_digits_is_too_large_and_its_message_stays_short() {
    let digits = "9".repeat(400);
    let text = valid("").replace("\"30d\"", &format!("\"{digits}d\""));
    let got = error(&text);
    let first = got.lines().next().unwrap();
    assert!(
        first.starts_with("`horizon` is too large: \"9999"),
        "{first}"
    );
    assert!(
        first.ends_with(
            "999d\" is more than 1000000d (about 2,700 years), the longest duration accepted"
        ),
        "{first}"
    );
    assert_eq!(first.chars().count(), 300);
    assert!(
        got.ends_with("= help: anything past the horizon (at most 3653d) never happens in a run")
    );
}

#[test]
fn the_hint_for_a_missing_mix_is_a_mix_that_loads() {
    let text = valid(
        "[backlog]\ninitial = 10\nmix = { first_time = 0.2, elderly = 0.3, \"walk in\" = 0.5 }\n\
         [recording]\nper_workday = 5\n",
    );
    let expected = "give `mix`: there are several classes
  --> x.toml:10:1
   |
10 | [recording]
   | ^^^^^^^^^^^
   = help: the share of each class, e.g. mix = { first_time = 0.34, elderly = 0.33, \"walk in\" = 0.33 }";
    let got = error(&text);
    assert_eq!(got, expected);
    let hint = got.split("e.g. ").nth(1).unwrap();
    let fixed = format!("{text}{hint}\n");
    let s = load_str(&fixed, Path::new("x.toml")).expect("the hint loads");
    assert_eq!(s.classes, ["first_time", "elderly", "walk in"]);
    assert_eq!(s.recording.unwrap().mix, [0.34, 0.33, 0.33]);
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let text = format!("\u{feff}{}nam = 1\n", "");
    let text = text + &valid("");
    assert_eq!(
        error(&text),
        "unknown key `nam` in the top level
 --> x.toml:1:1
  |
1 | nam = 1
  | ^^^
  = help: accepted keys: `extends`, `scenario`, `calendar`, `backlog`, `recording`, `printing`, `network`, `server`, `blanks`, `distribution`, `costs`, `sweep`, `offices`, `central`, `pool`"
    );
}

#[test]
fn windows_line_endings_leave_columns_as_they_are() {
    let text = valid("reject_rate = 2\n").replace('\n', "\r\n");
    assert_eq!(
        error(&text),
        "`reject_rate` must be a probability in [0, 1), got 2
 --> x.toml:7:15
  |
7 | reject_rate = 2
  |               ^
  = help: a share of printed cards, e.g. 0.009"
    );
}

#[test]
fn a_key_of_a_megabyte_gives_a_short_message() {
    let key = "k".repeat(1_000_000);
    let got = error(&valid(&format!("{key} = 1\n")));
    assert!(got.len() < 1_000, "{}", got.len());
    assert!(got.starts_with("unknown key `kkk"), "{got}");
    assert!(got.lines().next().unwrap().ends_with("kkk` in [printing]"));
}

#[test]
fn a_shipment_with_until_and_count() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1mo"
until = 2018-06-01
count = 6
"#;
    let expected = r#"`until` and `count` are both given
  --> x.toml:13:9
   |
13 | count = 6
   |         ^
   = help: give exactly one of `until` (the date of the last delivery) and `count` (how many deliveries)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn a_repeating_shipment_needs_an_end() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1mo"
"#;
    let expected = r#"a shipment repeated `every` needs an end: `until` or `count`
  --> x.toml:11:9
   |
11 | every = "1mo"
   |         ^^^^^
   = help: give exactly one of `until` (the date of the last delivery) and `count` (how many deliveries)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn count_without_every() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
count = 6
"#;
    let expected = r#"`count` repeats a shipment, but it has no `every`
  --> x.toml:11:9
   |
11 | count = 6
   |         ^
   = help: add `every`, the time from one delivery to the next, e.g. every = "1mo"; or remove `count`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn every_of_zero() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "0d"
count = 6
"#;
    let expected = r#"`every` must be longer than 0, got "0d": every delivery would arrive at once
  --> x.toml:11:9
   |
11 | every = "0d"
   |         ^^^^
   = help: the time from one delivery to the next: whole months land on `at`'s day of the month (the last day of a shorter month), e.g. every = "1mo"; or a duration, e.g. every = "2w""#;
    assert_eq!(error(text), expected);
}

#[test]
fn until_before_at() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1mo"
until = 2017-11-30
"#;
    let expected = r#"`until` 2017-11-30 is before `at` 2017-12-01T07:30:00: the last delivery would come before the first
  --> x.toml:12:9
   |
12 | until = 2017-11-30
   |         ^^^^^^^^^^
   = help: `until` is the date of the last delivery, on or after `at`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn every_in_a_fraction_of_a_month() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1.5mo"
count = 4
"#;
    let expected = r#"`every` must count whole months or years: "1.5mo" is not a whole number of months; for a part of a month write days, e.g. "45d"
  --> x.toml:11:9
   |
11 | every = "1.5mo"
   |         ^^^^^^^
   = help: a period is a duration (a number with a unit: s, min, h, d or w, e.g. "36h", "2w") or whole calendar months or years (mo or y, e.g. "1mo", "18 months", "1y")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn count_past_the_deliveries_limit() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1d"
count = 10001
"#;
    let expected = r#"`count` must be at most 10000, got 10001
  --> x.toml:12:9
   |
12 | count = 10001
   |         ^^^^^
   = help: repeating shipments make at most 10000 deliveries in a scenario (a delivery a day for ten years is 3653): repeat less often or stop earlier"#;
    assert_eq!(error(text), expected);
}

#[test]
fn until_past_the_deliveries_left() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1d"
count = 6000

[[blanks.shipments]]
at = 2017-12-01T07:30:00
quantity = 20000
every = "1h"
until = 2018-12-01
"#;
    let expected = r#"`until` 2018-12-01 with `every` "1h" makes more than the 4000 deliveries left: the repeating shipments above make 6000 of the 10000 accepted
  --> x.toml:18:9
   |
18 | until = 2018-12-01
   |         ^^^^^^^^^^
   = help: repeating shipments make at most 10000 deliveries in a scenario (a delivery a day for ten years is 3653): repeat less often or stop earlier"#;
    assert_eq!(error(text), expected);
}

#[test]
fn months_in_a_distribution() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[blanks.reorder]
below = 5000
quantity = 10000
lead_time = { dist = "uniform", min = "1 month", max = "60d" }
"#;
    let expected = r#"`min` cannot be in months or years: "1 month" counts calendar months, which are 28 to 31 days long; write days instead, e.g. "30d"
  --> x.toml:11:39
   |
11 | lead_time = { dist = "uniform", min = "1 month", max = "60d" }
   |                                       ^^^^^^^^^
   = help: months and years count on the calendar from a date, so they are accepted only in `horizon` (from `start`) and in a shipment's `every` (from its `at`)"#;
    assert_eq!(error(text), expected);
}

#[test]
fn m_is_minutes_or_months() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[[server.outages]]
at = 2017-10-01T00:00:00
duration = "30m"
"#;
    let expected = r#"`duration` is not a duration: "30m" has the unit "m", which could be minutes or months: write "min" or "mo"
  --> x.toml:10:12
   |
10 | duration = "30m"
   |            ^^^^^
   = help: a duration is a number with a unit: s, min, h, d or w (e.g. "90min", "36h", "2.5d", "2w")"#;
    assert_eq!(error(text), expected);
}

#[test]
fn a_reorder_of_too_many_lots() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[blanks.reorder]
below = 9000000000000000000
quantity = 1
lead_time = "7d"
"#;
    let expected = r#"`below` 9000000000000000000 takes 9000000000000000000 lots of `quantity` 1 to reach from an empty shelf: more than the 10000 lots ktpsim orders at once
 --> x.toml:9:9
  |
9 | below = 9000000000000000000
  |         ^^^^^^^^^^^^^^^^^^^
  = help: the reorder point is a few lots: raise `quantity` to a lot the ministry sends (e.g. 10000) or lower `below`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn unknown_holiday_set() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[calendar]
holidays = ["indonesia-2018", "indonesia-2020"]
"#;
    let expected = r#"unknown holiday set "indonesia-2020" in `holidays`
 --> x.toml:9:31
  |
9 | holidays = ["indonesia-2018", "indonesia-2020"]
  |                               ^^^^^^^^^^^^^^^^
  = help: bundled holiday sets: "indonesia-YEAR" (national holidays and cuti bersama, the collective leave), "indonesia-national-YEAR" and "indonesia-cuti-bersama-YEAR", for YEAR 2017, 2018, 2019 or 2017-2019; or a TOML date, e.g. 2017-12-25"#;
    assert_eq!(error(text), expected);
}

#[test]
fn a_quoted_date_among_holiday_sets() {
    let text = r#"[scenario]
start = 2017-09-25T08:00:00
horizon = "365d"

[printing]
cards_per_day = 450

[calendar]
holidays = ["indonesia-2018", "2018-07-02"]
"#;
    let expected = r#"`holidays` must be a date, found a string: remove the quotes
 --> x.toml:9:31
  |
9 | holidays = ["indonesia-2018", "2018-07-02"]
  |                               ^^^^^^^^^^^^
  = help: dates are TOML dates, e.g. 2017-12-25"#;
    assert_eq!(error(text), expected);
}

#[test]
fn holidays_of_the_wrong_type_say_what_is_accepted() {
    let text = valid("\n[calendar]\nholidays = 2018\n");
    let expected = r#"`holidays` must be an array, found an integer
 --> x.toml:9:12
  |
9 | holidays = 2018
  |            ^^^^
  = help: dates and bundled holiday sets, e.g. holidays = "indonesia-2017-2019" or holidays = ["indonesia-national-2018", 2018-07-02]"#;
    assert_eq!(error(&text), expected);
}

#[test]
fn a_horizon_in_months_past_the_calendar() {
    let text = r#"[scenario]
start = 9999-06-01T00:00:00
horizon = "12mo"

[printing]
cards_per_day = 450
"#;
    let expected = r#"`horizon` "12mo" from `start` 9999-06-01T00:00:00 ends after 9999-12-31, the last date ktpsim can represent
 --> x.toml:3:11
  |
3 | horizon = "12mo"
  |           ^^^^^^
  = help: an earlier `start` or a shorter `horizon`"#;
    assert_eq!(error(text), expected);
}

#[test]
fn an_empirical_delay_copied_to_many_deliveries_is_refused() {
    let values: Vec<String> = (1..=200).map(|d| format!("\"{d}h\"")).collect();
    let text = valid(&format!(
        "\n[[blanks.shipments]]\nat = 2017-12-01T07:30:00\nquantity = 10\nevery = \"1d\"\n\
         count = 6000\ndelay = {{ dist = \"empirical\", values = [{}] }}\n",
        values.join(", ")
    ));
    let shown = error(&text);
    assert_eq!(
        shown.lines().next(),
        Some(
            "`delay` is copied to each of 6000 deliveries with its 200 values and weights: more than 1000000 values in all"
        )
    );
    assert!(shown.contains(" --> x.toml:13:9"), "{shown}");
}
