//! Holiday sets bundled with ktpsim, named in `[calendar] holidays`: Indonesia's
//! national public holidays and collective leave (cuti bersama) of 2017, 2018
//! and 2019, as decreed.
//!
//! Each year has two lists. National holidays (hari libur nasional) are those of
//! the joint decree (SKB) of the Ministers of Religious Affairs, of Manpower and
//! of Administrative Reform for the year, plus the election days the President
//! declared national holidays. Collective leave is the civil servants' cuti
//! bersama, set by presidential decree (Keppres) since Government Regulation
//! 11/2017, following the SKB; a civil registry office is staffed by civil
//! servants, so it closes on those days too. Holidays on a weekend are listed
//! as decreed: they change nothing in an office closed on weekends.
//!
//! Sets by name: `indonesia-YEAR` (both lists), `indonesia-national-YEAR` and
//! `indonesia-cuti-bersama-YEAR`, for YEAR 2017, 2018, 2019 and 2017-2019.

use jiff::civil::{Date, date};

/// One year's decreed days off, as (month, day).
struct Year {
    year: i16,
    national: &'static [(i8, i8)],
    collective_leave: &'static [(i8, i8)],
}

const YEARS: [Year; 3] = [
    // 2017. National holidays: SKB No. 135/2016, No. SKB 109/2016 and
    // No. 01/SKB/MENPANRB/04/2016 of 14 April 2016, as amended by SKB
    // No. 684/2016, No. 302/2016 and No. SKB/02/MENPAN-RB/11/2016 of
    // 21 November 2016 (adding Pancasila Day, 1 June, after Keppres 24/2016);
    // 15 February, the regional elections, by Keppres 3/2017.
    // Collective leave: 2 January by the amended SKB; 23 and 27-30 June and
    // 26 December by Keppres 18/2017 of 15 June 2017.
    Year {
        year: 2017,
        national: &[
            (1, 1),   // New Year
            (1, 28),  // Chinese New Year 2568
            (2, 15),  // regional elections (Pilkada)
            (3, 28),  // Nyepi, Saka 1939
            (4, 14),  // Good Friday
            (4, 24),  // Isra Mi'raj
            (5, 1),   // Labour Day
            (5, 11),  // Vesak 2561
            (5, 25),  // Ascension Day
            (6, 1),   // Pancasila Day
            (6, 25),  // Eid al-Fitr 1438
            (6, 26),  // Eid al-Fitr 1438, second day
            (8, 17),  // Independence Day
            (9, 1),   // Eid al-Adha 1438
            (9, 21),  // Islamic New Year 1439
            (12, 1),  // the Prophet's birthday
            (12, 25), // Christmas
        ],
        collective_leave: &[
            (1, 2),
            (6, 23),
            (6, 27),
            (6, 28),
            (6, 29),
            (6, 30),
            (12, 26),
        ],
    },
    // 2018. National holidays: SKB No. 707/2017, No. 256/2017 and
    // No. 01/SKB/MENPAN-RB/09/2017 of 22 September 2017; 27 June, the
    // regional elections, by Keppres 15/2018.
    // Collective leave: 13, 14, 18 and 19 June and 24 December by that SKB,
    // 11, 12 and 20 June added by SKB No. 223/2018, No. 46/2018 and No. 13/2018
    // of 18 April 2018; for civil servants, Keppres 13/2018.
    Year {
        year: 2018,
        national: &[
            (1, 1),   // New Year
            (2, 16),  // Chinese New Year 2569
            (3, 17),  // Nyepi, Saka 1940
            (3, 30),  // Good Friday
            (4, 14),  // Isra Mi'raj
            (5, 1),   // Labour Day
            (5, 10),  // Ascension Day
            (5, 29),  // Vesak 2562
            (6, 1),   // Pancasila Day
            (6, 15),  // Eid al-Fitr 1439
            (6, 16),  // Eid al-Fitr 1439, second day
            (6, 27),  // regional elections (Pilkada)
            (8, 17),  // Independence Day
            (8, 22),  // Eid al-Adha 1439
            (9, 11),  // Islamic New Year 1440
            (11, 20), // the Prophet's birthday
            (12, 25), // Christmas
        ],
        collective_leave: &[
            (6, 11),
            (6, 12),
            (6, 13),
            (6, 14),
            (6, 18),
            (6, 19),
            (6, 20),
            (12, 24),
        ],
    },
    // 2019. National holidays: SKB No. 617/2018, No. 262/2018 and No. 16/2018
    // of 2 November 2018; 17 April, the general election, by Keppres 10/2019.
    // Collective leave: 3, 4 and 7 June and 24 December by that SKB; for civil
    // servants, Keppres 13/2019 of 27 May 2019.
    Year {
        year: 2019,
        national: &[
            (1, 1),   // New Year
            (2, 5),   // Chinese New Year 2570
            (3, 7),   // Nyepi, Saka 1941
            (4, 3),   // Isra Mi'raj
            (4, 17),  // general election (Pemilu)
            (4, 19),  // Good Friday
            (5, 1),   // Labour Day
            (5, 19),  // Vesak 2563
            (5, 30),  // Ascension Day
            (6, 1),   // Pancasila Day
            (6, 5),   // Eid al-Fitr 1440
            (6, 6),   // Eid al-Fitr 1440, second day
            (8, 11),  // Eid al-Adha 1440
            (8, 17),  // Independence Day
            (9, 1),   // Islamic New Year 1441
            (11, 9),  // the Prophet's birthday
            (12, 25), // Christmas
        ],
        collective_leave: &[(6, 3), (6, 4), (6, 7), (12, 24)],
    },
];

/// What the sets are called, for messages.
pub const SETS_HELP: &str = "bundled holiday sets: \"indonesia-YEAR\" (national holidays and cuti bersama, the collective leave), \"indonesia-national-YEAR\" and \"indonesia-cuti-bersama-YEAR\", for YEAR 2017, 2018, 2019 or 2017-2019";

/// The dates of the set called `name`, if there is one.
pub fn set(name: &str) -> Option<Vec<Date>> {
    let rest = name.strip_prefix("indonesia-")?;
    let (national, leave, years) = if let Some(y) = rest.strip_prefix("national-") {
        (true, false, y)
    } else if let Some(y) = rest.strip_prefix("cuti-bersama-") {
        (false, true, y)
    } else {
        (true, true, rest)
    };
    let years: Vec<&Year> = match years {
        "2017-2019" => YEARS.iter().collect(),
        y => vec![YEARS.iter().find(|year| year.year.to_string() == y)?],
    };
    let mut dates = Vec::new();
    for y in years {
        let lists = [(national, y.national), (leave, y.collective_leave)];
        for (_, days) in lists.iter().filter(|(wanted, _)| *wanted) {
            dates.extend(days.iter().map(|&(m, d)| date(y.year, m, d)));
        }
    }
    Some(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_is_in_its_year_and_listed_once() {
        for y in &YEARS {
            let mut all: Vec<(i8, i8)> = y.national.to_vec();
            all.extend(y.collective_leave);
            let count = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), count, "{}", y.year);
            for (m, d) in all {
                assert!(Date::new(y.year, m, d).is_ok(), "{}-{m}-{d}", y.year);
            }
        }
    }

    #[test]
    fn sets_combine_lists_and_years() {
        let len = |name: &str| set(name).map(|d| d.len());
        assert_eq!(len("indonesia-national-2018"), Some(17));
        assert_eq!(len("indonesia-cuti-bersama-2018"), Some(8));
        assert_eq!(len("indonesia-2018"), Some(25));
        assert_eq!(len("indonesia-2017-2019"), Some(17 + 7 + 25 + 17 + 4));
        assert_eq!(len("indonesia-cuti-bersama-2017-2019"), Some(7 + 8 + 4));
        for unknown in [
            "indonesia-2016",
            "indonesia",
            "Indonesia-2018",
            "national-2018",
            "",
        ] {
            assert_eq!(set(unknown), None, "{unknown}");
        }
    }
}
