//! The checks before a merge: every shard file whole, sound and of this
//! format; all of one run; each shard exactly once; none missing. Every
//! problem found is named in one error, with its fix, and nothing is written.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::file::{FORMAT, ShardFile, Unreadable};
use super::header::Header;
use super::{EXTENSION, FOLDER, Shard};

/// The shards of one run, checked.
#[derive(Debug)]
pub struct Checked {
    /// The run's header (that of one of its shards: they differ only in
    /// the shard and its ranges).
    pub header: Header,
    /// Every shard's file, in shard order.
    pub files: Vec<(Shard, PathBuf)>,
    /// The `--out` folder.
    pub out: PathBuf,
}

impl Checked {
    /// The command that writes shard `shard` again.
    pub fn rerun(&self, shard: Shard) -> String {
        self.header.command.rerun(&self.out, shard)
    }
}

/// A shard file read as far as its header.
struct Found {
    path: PathBuf,
    result: Result<Header, String>,
    /// Not a file (a folder, say): to be moved out of the way.
    in_the_way: bool,
}

/// Checks the shards of `out` (in `out/shards/`), reading them on `threads`.
pub fn all(out: &Path, threads: usize) -> Result<Checked> {
    let dir = out.join(FOLDER);
    let generic = format!(
        "ktpsim run PATH... --out {} --shard K/N, for K = 0 to N-1",
        out.display()
    );
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "no shards to merge: {} does not exist; write them first with {generic}",
            dir.display()
        ),
        Err(e) => bail!(
            "cannot read {}: {}",
            dir.display(),
            crate::files::fault::words(&e)
        ),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| !n.starts_with('.') && n.ends_with(&format!(".{EXTENSION}")))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!(
            "no shards to merge: {} holds no shard files (*.{EXTENSION}); write them first with \
             {generic}",
            dir.display()
        );
    }
    let found: Vec<Found> = if threads > 1 {
        use rayon::prelude::*;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        pool.install(|| paths.into_par_iter().map(read_header).collect())
    } else {
        paths.into_iter().map(read_header).collect()
    };
    judge(out, found)
}

fn read_header(path: PathBuf) -> Found {
    // Not through a link: a shard is a file in DIR/shards/, never one elsewhere.
    let meta = std::fs::symlink_metadata(&path).ok();
    if let Some(what) = meta.as_ref().and_then(super::in_the_way) {
        return Found {
            path,
            result: Err(format!("is {what}, not a shard file")),
            in_the_way: true,
        };
    }
    let result =
        match crate::files::read::read(&path, u64::MAX, crate::files::read::Links::Refuse) {
            Err(crate::files::read::Unread::NotRegular(what)) => Err(format!(
                "is {what}: ktpsim reads only shard files inside {}, never through a link",
                path.parent().unwrap_or(&path).display()
            )),
            Err(e) => Err(format!("cannot be read: {}", e.words())),
            Ok(bytes) => ShardFile::read(bytes).map(|f| f.header).map_err(|e| {
                match e {
            Unreadable::NotAShard => {
                "is not a shard file (it does not start with \"ktpsim shard format\")".to_owned()
            }
            Unreadable::Format { found, ktpsim } => format!(
                "is in shard format {found}{}; this ktpsim ({}) reads format {FORMAT}",
                ktpsim.map_or_else(String::new, |v| format!(" (written by ktpsim {v})")),
                env!("CARGO_PKG_VERSION"),
            ),
            Unreadable::Incomplete => {
                "is incomplete: it ends before a shard file's last bytes (cut short while written \
                 or copied)"
                    .to_owned()
            }
            Unreadable::Damaged(why) => format!("is damaged: {why}"),
        }
            }),
        };
    Found {
        path,
        result,
        in_the_way: false,
    }
}

/// Sorts the found files into the run, or names what is wrong.
fn judge(out: &Path, found: Vec<Found>) -> Result<Checked> {
    // The run: the one most shards belong to (the first file's, on a tie).
    let headers: Vec<(&Path, &Header)> = found
        .iter()
        .filter_map(|f| f.result.as_ref().ok().map(|h| (f.path.as_path(), h)))
        .collect();
    let members = |h: &Header| headers.iter().filter(|(_, o)| o.same_run(h)).count();
    let run: Option<&Header> =
        headers
            .iter()
            .map(|(_, h)| *h)
            .fold(None, |best: Option<&Header>, h| match best {
                Some(b) if members(b) >= members(h) => Some(b),
                _ => Some(h),
            });

    let mut problems: Vec<String> = Vec::new();
    let mut move_away: Vec<String> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    let mut rerun: BTreeMap<Shard, ()> = BTreeMap::new();
    let mut by_shard: BTreeMap<Shard, Vec<&Path>> = BTreeMap::new();
    let n = run.map(|h| h.shards);
    let named = |path: &Path| {
        path.file_name()
            .and_then(|n| Shard::from_file_name(&n.to_string_lossy()))
            .filter(|s| Some(s.n) == n)
    };
    for f in &found {
        let p = f.path.display();
        match &f.result {
            Err(why) => {
                problems.push(format!("{p} {why}"));
                match named(&f.path) {
                    Some(s) => {
                        rerun.insert(s, ());
                    }
                    None if f.in_the_way => {}
                    None => remove.push(p.to_string()),
                }
                if f.in_the_way {
                    move_away.push(p.to_string());
                }
            }
            Ok(h) => {
                let run = run.expect("a readable shard makes a run");
                if !h.same_run(run) {
                    let others = members(run);
                    problems.push(format!(
                        "{p} is from another run than the other {others} shard{}: {}",
                        if others == 1 { "" } else { "s" },
                        h.differences(run).join("; ")
                    ));
                    remove.push(p.to_string());
                    continue;
                }
                let shard = h.shard().filter(|s| fits(h, *s));
                match shard {
                    Some(s) => by_shard.entry(s).or_default().push(&f.path),
                    None => {
                        problems.push(format!(
                            "{p} is damaged: its replication ranges are not those of shard {}/{}",
                            h.shard, h.shards
                        ));
                        remove.push(p.to_string());
                    }
                }
            }
        }
    }
    let mut files = Vec::new();
    if let Some(n) = n {
        for k in 0..n {
            let s = Shard { k, n };
            match by_shard.get(&s).map(Vec::as_slice) {
                Some([one]) => files.push((s, one.to_path_buf())),
                Some(many) => {
                    let names: Vec<String> = many.iter().map(|p| p.display().to_string()).collect();
                    let all = if many.len() == 2 { "both" } else { "all" };
                    problems.push(format!("{} are {all} shard {s}", names.join(" and ")));
                    remove.push(format!("all but one of {}", names.join(", ")));
                }
                None if rerun.contains_key(&s) => {}
                None => {
                    problems.push(format!(
                        "shard {s} is missing (no {})",
                        out.join(FOLDER).join(s.file_name()).display()
                    ));
                    rerun.insert(s, ());
                }
            }
        }
    }
    if problems.is_empty() {
        let header = run.expect("a run").clone();
        return Ok(Checked {
            header,
            files,
            out: out.to_owned(),
        });
    }
    let mut text = format!(
        "cannot merge the shards in {}: nothing was written",
        out.join(FOLDER).display()
    );
    for p in &problems {
        let _ = write!(text, "\n  {p}");
    }
    text.push_str("\nto fix it:");
    for m in &move_away {
        let _ = write!(text, "\n  move {m} out of the way first");
    }
    for r in &remove {
        let _ = write!(text, "\n  remove {r}");
    }
    for s in rerun.keys() {
        let command = match run {
            Some(h) => h.command.rerun(out, *s),
            None => format!("ktpsim run PATH... --out {} --shard {s}", out.display()),
        };
        let _ = write!(text, "\n  rerun: {command}");
    }
    if run.is_none() && rerun.is_empty() {
        let _ = write!(
            text,
            "\n  rerun every shard: ktpsim run PATH... --out {} --shard K/N, for K = 0 to N-1",
            out.display()
        );
    }
    bail!(text)
}

/// Whether the ranges of `h` are shard `s`'s.
fn fits(h: &Header, s: Shard) -> bool {
    h.scenarios
        .iter()
        .chain(&h.sweeps)
        .all(|p| s.range(p.replications) == (p.first..p.end))
}
