//! Parsing durations and periods, and moving dates by them.

use super::*;

#[test]
fn durations_convert_to_days() {
    assert_eq!(parse_duration("2d").unwrap(), 2.0);
    assert_eq!(parse_duration("2.5d").unwrap(), 2.5);
    assert_eq!(parse_duration("36h").unwrap(), 1.5);
    assert_eq!(parse_duration("90min").unwrap(), 90.0 / 1440.0);
    assert_eq!(parse_duration("2w").unwrap(), 14.0);
    assert_eq!(parse_duration("0d").unwrap(), 0.0);
    assert_eq!(parse_duration("43200s").unwrap(), 0.5);
}

#[test]
fn long_unit_names_are_the_short_ones() {
    for (long, short) in [
        ("3 days", "3d"),
        ("1 day", "1d"),
        ("2 weeks", "2w"),
        ("36 hours", "36h"),
        ("90 minutes", "90min"),
        ("30 seconds", "30s"),
    ] {
        assert_eq!(parse_duration(long), parse_duration(short), "{long}");
    }
}

#[test]
fn months_are_refused_as_days_and_read_as_periods() {
    assert_eq!(
        parse_duration("3mo").unwrap_err(),
        DurationError::Calendar(
            "\"3mo\" counts calendar months, which are 28 to 31 days long; write days instead, e.g. \"90d\""
                .into()
        )
    );
    assert!(matches!(
        parse_duration("1 year"),
        Err(DurationError::Calendar(r)) if r.ends_with("e.g. \"365d\"")
    ));
    assert_eq!(parse_period("1mo"), Ok(Period::Months(1)));
    assert_eq!(parse_period("18 months"), Ok(Period::Months(18)));
    assert_eq!(parse_period("2y"), Ok(Period::Months(24)));
    assert_eq!(parse_period("2 weeks"), Ok(Period::Days(14.0)));
    assert_eq!(
        parse_period("1.5mo").unwrap_err(),
        DurationError::Fractional(
            "\"1.5mo\" is not a whole number of months; for a part of a month write days, e.g. \"45d\""
                .into()
        )
    );
    assert!(matches!(
        parse_period("0.5y"),
        Err(DurationError::Fractional(_))
    ));
    assert!(matches!(
        parse_period("40000mo"),
        Err(DurationError::TooLarge(_))
    ));
    assert!(matches!(
        parse_period("1e300y"),
        Err(DurationError::Malformed(_))
    ));
    assert!(parse_period("0mo").unwrap().is_zero());
}

#[test]
fn a_month_later_is_the_same_day_or_the_last_of_a_shorter_month() {
    let at = jiff::civil::date(2018, 1, 31).at(7, 30, 0, 0);
    let month = Period::Months(1);
    let dates: Vec<Date> = (0..4).map(|i| month.after(at, i).unwrap().date()).collect();
    let d = jiff::civil::date;
    assert_eq!(
        dates,
        [
            d(2018, 1, 31),
            d(2018, 2, 28),
            d(2018, 3, 31),
            d(2018, 4, 30)
        ]
    );
    assert_eq!(month.after(at, 1).unwrap().time(), at.time());
    let leap = jiff::civil::date(2020, 2, 29).at(0, 0, 0, 0);
    assert_eq!(
        Period::Months(12).after(leap, 1).unwrap().date(),
        d(2021, 2, 28)
    );
    assert_eq!(
        Period::Months(12).after(leap, 4).unwrap().date(),
        d(2024, 2, 29)
    );
    assert_eq!(Period::Months(1).after(DateTime::MAX, 1), None);
}

#[test]
fn fixed_periods_add_up_without_rounding_drift() {
    let at = jiff::civil::date(2018, 1, 1).at(0, 0, 0, 0);
    let eight_hours = parse_period("8h").unwrap();
    assert_eq!(
        eight_hours.after(at, 3),
        Some(jiff::civil::date(2018, 1, 2).at(0, 0, 0, 0))
    );
    assert_eq!(Period::Days(MAX_DURATION_DAYS).after(at, 10_000), None);
}

#[test]
fn bad_durations_say_what_is_accepted() {
    assert_eq!(
        parse_duration("12").unwrap_err().to_string(),
        format!("\"12\" has no unit; {DURATION_HELP}")
    );
    assert_eq!(
        parse_duration("3 hari").unwrap_err().to_string(),
        format!("\"3 hari\" has an unknown unit \"hari\"; {DURATION_HELP}")
    );
    assert_eq!(
        parse_duration("5m").unwrap_err().to_string(),
        format!(
            "\"5m\" has the unit \"m\", which could be minutes or months: write \"min\" or \"mo\"; {DURATION_HELP}"
        )
    );
    assert!(parse_duration("-2d").is_err());
    // 10^308 weeks overflow as days: too large; a negative zero is zero.
    let weeks = format!("1{}w", "0".repeat(308));
    assert!(matches!(
        parse_duration(&weeks),
        Err(DurationError::TooLarge(_))
    ));
    assert!(parse_duration("-0d").unwrap().is_sign_positive());
}

#[test]
fn overlong_durations_are_too_large_not_negative() {
    assert_eq!(parse_duration("1000000d").unwrap(), MAX_DURATION_DAYS);
    assert_eq!(parse_duration("86400000000s").unwrap(), MAX_DURATION_DAYS);
    let digits = format!("{}d", "9".repeat(400));
    assert_eq!(
        parse_duration(&digits).unwrap_err(),
        DurationError::TooLarge(format!(
            "\"{digits}\" is more than 1000000d (about 2,700 years), the longest duration accepted"
        ))
    );
    for long in ["142858w", "1000000.001d"] {
        assert!(matches!(
            parse_duration(long),
            Err(DurationError::TooLarge(_))
        ));
    }
}

#[test]
fn clock_round_trips_through_civil_time() {
    let start: DateTime = "2017-09-25T08:00:00".parse().unwrap();
    let at: DateTime = "2017-09-27T20:00:00".parse().unwrap();
    assert_eq!(days_between(start, at), 2.5);
    assert_eq!(datetime_at(start, 2.5), at);
}
