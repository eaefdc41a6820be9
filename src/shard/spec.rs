//! `--shard K/N` and `--shard auto`: which shard this process runs, given or
//! read from a batch engine's job-array variables.
//!
//! The rule for `auto` is that the array index is the shard number K, as
//! given; N is the number of shards of the whole run. Slurm tells N for an
//! array that runs 0 to N − 1 (`--array=0-7`: `SLURM_ARRAY_TASK_COUNT` 8);
//! an array that starts elsewhere or steps (`--array=1-8`, `--array=0-7:2`,
//! or `--array=3,5` to rerun two shards) says nothing reliable about N, so
//! it needs `--shards N` or `KTPSIM_SHARDS`. Kubernetes Indexed Jobs and AWS
//! Batch arrays do not say N: it comes from `--shards N` or `KTPSIM_SHARDS`.

use std::str::FromStr;

use super::Shard;

/// The variable that tells `--shard auto` how many shards the run has, where
/// `--shards` is not given.
pub const SHARDS_VARIABLE: &str = "KTPSIM_SHARDS";

/// What `--shard` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardSpec {
    /// `K/N`.
    Given(Shard),
    /// `auto`: from the environment.
    Auto,
}

impl FromStr for ShardSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text == "auto" {
            return Ok(Self::Auto);
        }
        let expected = "expected K/N, shard K of N counted from 0 (e.g. 3/8), or auto (from a job array's variables)";
        let (k, n) = text.split_once('/').ok_or(expected)?;
        let number = |s: &str| s.trim().parse::<u64>().map_err(|_| expected.to_owned());
        Shard::new(number(k)?, number(n)?).map(Self::Given)
    }
}

/// The shard a process runs: `spec` with `shards` (`--shards`), reading
/// variables through `var`; the second value says where K and N came from,
/// for the log line.
pub fn resolve(
    spec: ShardSpec,
    shards: Option<u64>,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<(Shard, String), String> {
    let auto_only = "--shards N goes with --shard auto (with --shard K/N, N is the count)";
    match spec {
        ShardSpec::Given(_) if shards.is_some() => Err(auto_only.into()),
        ShardSpec::Given(s) => Ok((s, "--shard".into())),
        ShardSpec::Auto => from_environment(shards, var),
    }
}

/// A whole number from variable `name`, if set. A value that is not UTF-8
/// comes as its lossy text, with U+FFFD where a byte did not read.
fn number(var: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<u64>, String> {
    var(name)
        .map(|v| {
            let text = v.trim();
            text.parse::<u64>().map_err(|_| {
                let shown = v.escape_debug();
                if v.contains(char::REPLACEMENT_CHARACTER) {
                    format!("{name} is not UTF-8 text (\"{shown}\", a byte that did not read as U+FFFD): set it to a whole number, such as 3")
                } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{name} is \"{shown}\", more than {}, the largest whole number ktpsim reads", u64::MAX)
                } else {
                    format!("{name} is \"{shown}\", not a whole number")
                }
            })
        })
        .transpose()
}

fn from_environment(
    shards: Option<u64>,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<(Shard, String), String> {
    let given = match shards {
        Some(n) => Some((n, format!("--shards {n}"))),
        None => number(var, SHARDS_VARIABLE)?.map(|n| (n, format!("{SHARDS_VARIABLE}={n}"))),
    };
    let shard = |k: u64, index: &str, (n, count): (u64, String)| {
        Shard::new(k, n)
            .map(|s| (s, format!("{index}={k}, {count}")))
            .map_err(|why| format!("--shard auto: {index}={k} with {count}: {why}"))
    };
    if let Some(k) = number(var, "SLURM_ARRAY_TASK_ID")? {
        let count = match given {
            Some(g) => g,
            None => slurm_count(var)?,
        };
        return shard(k, "SLURM_ARRAY_TASK_ID", count);
    }
    for (index, engine) in [
        ("JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job"),
        ("AWS_BATCH_JOB_ARRAY_INDEX", "an AWS Batch array job"),
    ] {
        if let Some(k) = number(var, index)? {
            let count = given.ok_or_else(|| {
                format!(
                    "--shard auto: {index}={k} ({engine}) does not say how many shards there are: \
                     give --shards N or set {SHARDS_VARIABLE}"
                )
            })?;
            return shard(k, index, count);
        }
    }
    Err(format!(
        "--shard auto found no job-array index: it looks for SLURM_ARRAY_TASK_ID (Slurm, with \
         SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX), \
         JOB_COMPLETION_INDEX (Kubernetes Indexed Job) and AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), \
         with --shards N or {SHARDS_VARIABLE} for the count; outside a job array give --shard K/N"
    ))
}

/// N from a Slurm array that runs 0 to N − 1.
fn slurm_count(var: &dyn Fn(&str) -> Option<String>) -> Result<(u64, String), String> {
    let count = number(var, "SLURM_ARRAY_TASK_COUNT")?;
    let min = number(var, "SLURM_ARRAY_TASK_MIN")?;
    let max = number(var, "SLURM_ARRAY_TASK_MAX")?;
    let step = number(var, "SLURM_ARRAY_TASK_STEP")?.unwrap_or(1);
    let n = match (count, min, max) {
        (Some(c), None | Some(0), None) if step <= 1 => Some(c),
        (c, Some(0), Some(max)) if step <= 1 && c.is_none_or(|c| c == max + 1) => Some(max + 1),
        _ => None,
    };
    let words = |v: Option<u64>| v.map_or_else(|| "unset".to_owned(), |v| v.to_string());
    match n {
        Some(n) if count.is_some() => Ok((n, format!("SLURM_ARRAY_TASK_COUNT={n}"))),
        Some(n) => Ok((n, format!("SLURM_ARRAY_TASK_MAX={}", n - 1))),
        None => Err(format!(
            "--shard auto: the Slurm array does not run 0 to N-1 (SLURM_ARRAY_TASK_MIN {}, \
             SLURM_ARRAY_TASK_MAX {}, SLURM_ARRAY_TASK_COUNT {}, SLURM_ARRAY_TASK_STEP {}), so it \
             does not say how many shards the run has: give --shards N or set {SHARDS_VARIABLE} \
             (each task runs the shard of its own index)",
            words(min),
            words(max),
            words(count),
            words(Some(step)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    fn auto(shards: Option<u64>, pairs: &[(&str, &str)]) -> Result<(Shard, String), String> {
        resolve(ShardSpec::Auto, shards, &env(pairs))
    }

    #[test]
    fn an_index_not_utf8_or_past_the_largest_number_says_so() {
        assert_eq!(
            auto(Some(4), &[("SLURM_ARRAY_TASK_ID", "3\u{fffd}")]).unwrap_err(),
            "SLURM_ARRAY_TASK_ID is not UTF-8 text (\"3\u{fffd}\", a byte that did not read as U+FFFD): set it to a whole number, such as 3"
        );
        assert_eq!(
            auto(None, &[("KTPSIM_SHARDS", "99999999999999999999")]).unwrap_err(),
            "KTPSIM_SHARDS is \"99999999999999999999\", more than 18446744073709551615, the largest whole number ktpsim reads"
        );
        assert_eq!(
            auto(Some(4), &[("SLURM_ARRAY_TASK_ID", "x")]).unwrap_err(),
            "SLURM_ARRAY_TASK_ID is \"x\", not a whole number"
        );
    }

    #[test]
    fn given_shards_parse_or_say_what_is_expected() {
        assert_eq!(
            "3/8".parse(),
            Ok(ShardSpec::Given(Shard::new(3, 8).unwrap()))
        );
        assert_eq!("auto".parse(), Ok(ShardSpec::Auto));
        for bad in ["x", "3", "3/", "/8", "-1/8", "3/8/1"] {
            assert!(
                bad.parse::<ShardSpec>()
                    .unwrap_err()
                    .starts_with("expected K/N"),
                "{bad}"
            );
        }
        assert!(
            "3/2"
                .parse::<ShardSpec>()
                .unwrap_err()
                .starts_with("there is no shard 3 of 2")
        );
    }

    #[test]
    fn slurm_arrays_from_zero_tell_the_count() {
        let s = |k, n| Shard::new(k, n).unwrap();
        let got = auto(
            None,
            &[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_COUNT", "8"),
            ],
        );
        assert_eq!(
            got,
            Ok((
                s(3, 8),
                "SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=8".into()
            ))
        );
        let got = auto(
            None,
            &[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_MIN", "0"),
                ("SLURM_ARRAY_TASK_MAX", "7"),
            ],
        );
        assert_eq!(got.unwrap().0, s(3, 8));
        // --shards wins over the array's count: a rerun of shard 3 alone.
        let got = auto(
            Some(8),
            &[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_COUNT", "1"),
            ],
        );
        assert_eq!(
            got,
            Ok((s(3, 8), "SLURM_ARRAY_TASK_ID=3, --shards 8".into()))
        );
    }

    #[test]
    fn offset_or_stepped_slurm_arrays_need_the_count() {
        let stepped = [
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_MAX", "6"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
        ];
        assert!(
            auto(None, &stepped)
                .unwrap_err()
                .contains("does not run 0 to N-1")
        );
        let with_var: Vec<_> = stepped
            .iter()
            .copied()
            .chain([("KTPSIM_SHARDS", "8")])
            .collect();
        assert_eq!(auto(None, &with_var).unwrap().0, Shard::new(2, 8).unwrap());
        let offset = [
            ("SLURM_ARRAY_TASK_ID", "8"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "8"),
        ];
        assert!(
            auto(None, &offset)
                .unwrap_err()
                .contains("SLURM_ARRAY_TASK_MIN 1")
        );
        assert_eq!(
            auto(Some(8), &offset).unwrap_err(),
            "--shard auto: SLURM_ARRAY_TASK_ID=8 with --shards 8: there is no shard 8 of 8: K goes \
             from 0 to 7 (counted from 0, like job-array indices)"
        );
    }

    #[test]
    fn kubernetes_and_aws_need_the_count() {
        let k8s = [("JOB_COMPLETION_INDEX", "5")];
        assert_eq!(
            auto(None, &k8s).unwrap_err(),
            "--shard auto: JOB_COMPLETION_INDEX=5 (a Kubernetes Indexed Job) does not say how many \
             shards there are: give --shards N or set KTPSIM_SHARDS"
        );
        assert_eq!(auto(Some(6), &k8s).unwrap().0, Shard::new(5, 6).unwrap());
        let aws = [("AWS_BATCH_JOB_ARRAY_INDEX", "0"), ("KTPSIM_SHARDS", "2")];
        assert_eq!(
            auto(None, &aws),
            Ok((
                Shard::new(0, 2).unwrap(),
                "AWS_BATCH_JOB_ARRAY_INDEX=0, KTPSIM_SHARDS=2".into()
            ))
        );
        assert_eq!(
            auto(None, &[("JOB_COMPLETION_INDEX", "five")]).unwrap_err(),
            "JOB_COMPLETION_INDEX is \"five\", not a whole number"
        );
    }

    #[test]
    fn no_variable_lists_every_one_looked_for() {
        let e = auto(None, &[]).unwrap_err();
        for v in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_COUNT",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_MAX",
            "JOB_COMPLETION_INDEX",
            "AWS_BATCH_JOB_ARRAY_INDEX",
            "KTPSIM_SHARDS",
        ] {
            assert!(e.contains(v), "{v}: {e}");
        }
        let given = ShardSpec::Given(Shard::new(1, 2).unwrap());
        assert_eq!(
            resolve(given, Some(2), &env(&[])).unwrap_err(),
            "--shards N goes with --shard auto (with --shard K/N, N is the count)"
        );
    }
}
