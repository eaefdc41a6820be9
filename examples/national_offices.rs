//! Writes the offices table of a national scenario from the committed list of
//! Indonesia's 514 regencies and cities of 2018 (`regencies-2018.csv`), by the
//! rule documented in `docs/national-data.md`. No randomness: the same input
//! gives the same bytes.
//!
//! ```text
//! cargo run --example national_offices -- INPUT OUTPUT [--region NAME] [--summary]
//! ```
//!
//! `--region` keeps the offices of one province only (their figures are the
//! ones the whole country gets: the rule is applied nationally first).
//! `--summary` prints a Markdown table of provinces to stdout.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;

/// Print-ready records nationally at the start, 2 January 2018 (assumed; see
/// docs/national-data.md: carried forward from 4.2 M in April 2017).
const NATIONAL_BACKLOG: u64 = 3_000_000;
/// The carry-forward factor from April 2017 to January 2018 (3.0 M / 4.2 M),
/// applied to provincial and office figures reported in 2017.
const CARRY_NUM: u64 = 30;
const CARRY_DEN: u64 = 42;
/// Provinces with a reported print-ready count of April 2017.
const PROVINCE_BACKLOG_2017: &[(&str, u64)] = &[("Jawa Timur", 1_041_068)];

/// Not yet recorded at the start: 9.3 M (Sep 2017) to 4.5 M (end 2018),
/// interpolated to 2 January 2018 and rounded.
const UNRECORDED: u64 = 8_200_000;
/// Of them in Papua and Papua Barat (assumed: 1.9 M still there in March 2019).
const PAPUA_UNRECORDED: u64 = 2_200_000;
const PAPUA_REGIONS: &[&str] = &["Papua", "Papua Barat"];
/// Recorded during 2018 (thousands): Papua 300 of 2,200; elsewhere 3,400 of
/// 6,000, so that 4.5 M remain at the end of 2018.
const PAPUA_RECORDED_2018: u64 = 300_000;
const OTHER_RECORDED_2018: u64 = 3_400_000;
/// Working days of an office in 2018: 261 weekdays less 23 weekday holidays
/// and collective leave days of the `indonesia-2018` set.
const WORKDAYS_2018: f64 = 238.0;

/// Printers: one per this many residents, plus one, within [2, 17].
const RESIDENTS_PER_PRINTER: u64 = 350_000;
const PRINTERS_MIN: u64 = 2;
const PRINTERS_MAX: u64 = 17;
/// A lot is about ten working days of practical output (100 cards a printer a
/// day), rounded to 500, within [500, 10,000].
const CARDS_PER_PRINTER_DAY: u64 = 100;
const LOT_DAYS: u64 = 10;
const LOT_MIN: u64 = 500;
const LOT_MAX: u64 = 10_000;

struct Regency {
    province: String,
    timezone: String,
    kind: String,
    name: String,
    population: u64,
    backlog_reported: Option<u64>,
    printers_reported: Option<u64>,
}

struct Office<'a> {
    slug: String,
    regency: &'a Regency,
    backlog: u64,
    pool: u64,
    per_workday: f64,
    printers: u64,
    lot: u64,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut paths = Vec::new();
    let mut region = None;
    let mut summary = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--region" => region = Some(args.next().ok_or("--region needs a province name")?),
            "--summary" => summary = true,
            _ => paths.push(a),
        }
    }
    let [input, output] = paths.as_slice() else {
        return Err("usage: national_offices INPUT OUTPUT [--region NAME] [--summary]".into());
    };
    let regencies = read(input)?;
    let offices = offices(&regencies)?;
    let kept: Vec<&Office> = offices
        .iter()
        .filter(|o| region.as_deref().is_none_or(|r| o.regency.province == r))
        .collect();
    if kept.is_empty() {
        return Err(format!("no office in region {region:?}").into());
    }
    std::fs::write(output, table(&kept))?;
    if summary {
        print!("{}", provinces(&kept));
    }
    Ok(())
}

fn read(path: &str) -> Result<Vec<Regency>, Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(path)?;
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row?;
        let opt = |i: usize| -> Result<Option<u64>, Box<dyn Error>> {
            let s = &row[i];
            Ok(if s.is_empty() { None } else { Some(s.parse()?) })
        };
        out.push(Regency {
            province: row[1].to_string(),
            timezone: row[2].to_string(),
            kind: row[3].to_string(),
            name: row[4].to_string(),
            population: row[5].parse()?,
            backlog_reported: opt(6)?,
            printers_reported: opt(7)?,
        });
    }
    Ok(out)
}

/// `kab-bojonegoro`, `kota-surabaya`: lower-case ASCII letters, digits and `-`.
fn slug(r: &Regency) -> String {
    let mut s = format!("{}-", r.kind);
    for c in r.name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Shares `total` out in proportion to `weights`, in whole units that sum to
/// `total` exactly: floors first, then one more to the largest remainders
/// (earlier entries first on ties).
fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(u64, u128)> = weights
        .iter()
        .map(|&w| {
            let p = u128::from(total) * u128::from(w);
            ((p / sum) as u64, p % sum)
        })
        .collect();
    let mut out: Vec<u64> = exact.iter().map(|e| e.0).collect();
    let left = total - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(left as usize) {
        out[i] += 1;
    }
    out
}

fn offices(regencies: &[Regency]) -> Result<Vec<Office<'_>>, Box<dyn Error>> {
    let is_papua = |r: &Regency| PAPUA_REGIONS.contains(&r.province.as_str());

    // Backlog: provinces with a reported 2017 figure, carried forward; the
    // rest of the national total by population.
    let mut province_pop: BTreeMap<&str, u64> = BTreeMap::new();
    for r in regencies {
        *province_pop.entry(&r.province).or_default() += r.population;
    }
    let reported: BTreeMap<&str, u64> = PROVINCE_BACKLOG_2017
        .iter()
        .map(|&(p, n)| (p, n * CARRY_NUM / CARRY_DEN))
        .collect();
    let rest: Vec<&str> = province_pop
        .keys()
        .copied()
        .filter(|p| !reported.contains_key(p))
        .collect();
    let rest_total = NATIONAL_BACKLOG - reported.values().sum::<u64>();
    let shares = apportion(
        rest_total,
        &rest.iter().map(|p| province_pop[p]).collect::<Vec<_>>(),
    );
    let mut province_backlog: BTreeMap<&str, u64> = rest.into_iter().zip(shares).collect();
    province_backlog.extend(reported);

    // Within a province: offices with a reported figure keep it, carried
    // forward; the others share the remainder by population.
    let mut backlog = vec![0; regencies.len()];
    for (&province, &total) in &province_backlog {
        let idx: Vec<usize> = (0..regencies.len())
            .filter(|&i| regencies[i].province == province)
            .collect();
        let mut left = total;
        for &i in &idx {
            if let Some(b) = regencies[i].backlog_reported {
                backlog[i] = b * CARRY_NUM / CARRY_DEN;
                left = left
                    .checked_sub(backlog[i])
                    .ok_or("reported backlogs exceed the province's")?;
            }
        }
        let free: Vec<usize> = idx
            .into_iter()
            .filter(|&i| regencies[i].backlog_reported.is_none())
            .collect();
        let weights: Vec<u64> = free.iter().map(|&i| regencies[i].population).collect();
        for (i, b) in free.into_iter().zip(apportion(left, &weights)) {
            backlog[i] = b;
        }
    }

    // Recording: Papua's unrecorded and the rest's, each by population.
    let mut pool = vec![0; regencies.len()];
    for papua in [true, false] {
        let idx: Vec<usize> = (0..regencies.len())
            .filter(|&i| is_papua(&regencies[i]) == papua)
            .collect();
        let total = if papua {
            PAPUA_UNRECORDED
        } else {
            UNRECORDED - PAPUA_UNRECORDED
        };
        let weights: Vec<u64> = idx.iter().map(|&i| regencies[i].population).collect();
        for (i, p) in idx.into_iter().zip(apportion(total, &weights)) {
            pool[i] = p;
        }
    }

    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for (i, r) in regencies.iter().enumerate() {
        let s = slug(r);
        if let Some(other) = seen.insert(s.clone(), i) {
            return Err(format!("two offices named {s} (rows {other} and {i})").into());
        }
        let (recorded, unrecorded) = if is_papua(r) {
            (PAPUA_RECORDED_2018, PAPUA_UNRECORDED)
        } else {
            (OTHER_RECORDED_2018, UNRECORDED - PAPUA_UNRECORDED)
        };
        // One decimal: enough for a Poisson mean, and exact in the CSV.
        let per_workday =
            (pool[i] as f64 * recorded as f64 / unrecorded as f64 / WORKDAYS_2018 * 10.0).round()
                / 10.0;
        let printers = r.printers_reported.unwrap_or_else(|| {
            ((r.population + RESIDENTS_PER_PRINTER / 2) / RESIDENTS_PER_PRINTER + 1)
                .clamp(PRINTERS_MIN, PRINTERS_MAX)
        });
        let lot = ((printers * CARDS_PER_PRINTER_DAY * LOT_DAYS + 250) / 500 * 500)
            .clamp(LOT_MIN, LOT_MAX);
        out.push(Office {
            slug: s,
            regency: r,
            backlog: backlog[i],
            pool: pool[i],
            per_workday,
            printers,
            lot,
        });
    }
    Ok(out)
}

fn table(offices: &[&Office]) -> String {
    let mut s = String::from(
        "name,region,calendar.timezone,backlog.initial,recording.pool,recording.per_workday.mean,\
         printing.printers,blanks.initial,blanks.reorder.below,blanks.reorder.quantity\n",
    );
    for o in offices {
        let r = o.regency;
        // Blanks on the shelf at the start: half a lot (assumed). The office
        // asks for its next lot when stock plus lots on the way fall below one lot.
        let _ = writeln!(
            s,
            "{},{},{},{},{},{:.1},{},{},{},{}",
            o.slug,
            r.province,
            r.timezone,
            o.backlog,
            o.pool,
            o.per_workday,
            o.printers,
            o.lot / 2,
            o.lot,
            o.lot
        );
    }
    s
}

fn provinces(offices: &[&Office]) -> String {
    #[derive(Default)]
    struct Row {
        tz: String,
        offices: u64,
        backlog: u64,
        pool: u64,
        recorded: f64,
        printers: u64,
        blanks: u64,
    }
    let mut rows: Vec<(String, Row)> = Vec::new();
    for o in offices {
        let p = &o.regency.province;
        // Papua's regencies come in two runs of codes: aggregate by name.
        let at = match rows.iter().position(|(name, _)| name == p) {
            Some(at) => at,
            None => {
                rows.push((
                    p.clone(),
                    Row {
                        tz: o.regency.timezone.clone(),
                        ..Row::default()
                    },
                ));
                rows.len() - 1
            }
        };
        let row = &mut rows[at].1;
        row.offices += 1;
        row.backlog += o.backlog;
        row.pool += o.pool;
        row.recorded += o.per_workday * WORKDAYS_2018;
        row.printers += o.printers;
        row.blanks += o.lot / 2;
    }
    let mut s = String::from(
        "| province | offices | time zone | backlog | recording pool | recorded in 2018 (mean) | printers | blanks on shelves |\n\
         |---|---:|---|---:|---:|---:|---:|---:|\n",
    );
    let mut total = Row::default();
    for (name, r) in &rows {
        let _ = writeln!(
            s,
            "| {name} | {} | {} | {} | {} | {:.0} | {} | {} |",
            r.offices, r.tz, r.backlog, r.pool, r.recorded, r.printers, r.blanks
        );
        total.offices += r.offices;
        total.backlog += r.backlog;
        total.pool += r.pool;
        total.recorded += r.recorded;
        total.printers += r.printers;
        total.blanks += r.blanks;
    }
    let _ = writeln!(
        s,
        "| **total** | {} | | {} | {} | {:.0} | {} | {} |",
        total.offices, total.backlog, total.pool, total.recorded, total.printers, total.blanks
    );
    s
}
