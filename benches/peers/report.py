"""Turns benches/peers/run.sh's log into results/benchmarks.md (markdown on stdout).

Usage: report.py LOG WORKDIR   (WORKDIR holds criterion.txt and the callgrind files)
"""

import math
import re
import shlex
import statistics
import sys
from collections import defaultdict
from pathlib import Path

SIMPY_TARGET = 300.0  # baseline, one core: ktpsim >= 300x SimPy's replications/s
BARE_TARGET = 0.70  # M/M/1: ktpsim >= 70% of the bare heap's events/s
WRAPPERS = re.compile(r"rayon|std::sys|thread_start|start_thread|call_once|__rust_begin|"
                      r"lang_start|^main$|^_start$|__libc_start|^clone|ktpsim_probe::main")


def kv(text):
    return dict(tok.split("=", 1) for tok in shlex.split(text) if "=" in tok)


def parse(log):
    out = {"machine": [], "info": {}, "agree": {}, "rounds": defaultdict(dict), "cmd": [],
           "other": []}
    for line in Path(log).read_text().splitlines():
        head, _, rest = line.partition(" ")
        if head == "machine":
            out["machine"].append((rest.split(" ", 1)[0], kv(rest)))
        elif head == "info":
            out["info"].update(kv(rest))
        elif head == "cmd":
            out["cmd"].append(rest)
        elif head == "agree":
            # A run's first line (with replications=) opens an entry; its second adds to it.
            runs = out["agree"].setdefault("ktpsim" if rest.startswith("probe") else "simpy", [])
            if "replications" in kv(rest) or not runs:
                runs.append({})
            runs[-1].update(kv(rest))
        elif head == "round":
            r, _, what = rest.partition(" ")
            d = kv(what)
            if what.startswith("simpy") and "reps_per_s" in d:
                out["rounds"][r]["simpy"] = float(d["reps_per_s"])
            elif what.startswith("probe baseline") and "reps_per_s" in d:
                out["rounds"][r][f"ktpsim_{d['threads']}t"] = float(d["reps_per_s"])
            elif what.startswith("bare_heap"):
                out["rounds"][r]["bare"] = float(d["events_per_s"])
            elif what.startswith("probe mm1"):
                out["rounds"][r]["mm1"] = float(d["events_per_s"])
        else:
            out["other"].append(line)
    return out


def minor_faults(time_file):
    """Minor page faults from a `/usr/bin/time -v` report, or '-'."""
    if time_file.exists():
        m = re.search(r"Minor \(reclaiming a frame\) page faults: (\d+)", time_file.read_text())
        if m:
            return f"{int(m.group(1)):,}"
    return "-"


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def callgrind_top(path, inclusive, n=10):
    """Top functions of callgrind_annotate's table. Inlined code shows as one row per
    source file of a function: self cost sums them; inclusive rows overlap, so the
    largest is kept."""
    by_fn = defaultdict(int)
    total, in_table = None, False
    for line in Path(path).read_text().splitlines():
        if line.rstrip().endswith("file:function"):
            in_table = True
            continue
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
        if m and m.group(2) == "PROGRAM TOTALS":
            total = int(m.group(1).replace(",", ""))
        if not in_table or not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        where = re.sub(r" \[.*\]$", "", m.group(2))
        fn = where.split(":", 1)[1] if ":" in where else where
        by_fn[fn] = max(by_fn[fn], ir) if inclusive else by_fn[fn] + ir
    rows = sorted(((ir, fn) for fn, ir in by_fn.items() if not WRAPPERS.search(fn)), reverse=True)
    return total, rows[:n]


def main():
    log, work = sys.argv[1], Path(sys.argv[2])
    d = parse(log)
    info = d["info"]
    p = print
    p("# ktpsim benchmarks\n")
    p("Written by `benches/peers/run.sh` (do not edit by hand: rerun it). Every number below")
    p(f"is a measurement from one run of that script, on {info.get('date', '?')}, commit "
      f"`{info.get('commit', '?')}`.\n")
    p("## Machine\n")
    p(f"- {info.get('nproc')} cores: {info.get('cpu')}; {info.get('rustc')}; "
      f"{info.get('python')}, SimPy {info.get('simpy')}.")
    p("- Shared with other engineers' builds while measuring; load, and the busiest "
      "processes by current CPU (`top`; 100% = one core):")
    for stage, m in d["machine"]:
        if "uptime" in m:
            p(f"  - {stage}: `{m['uptime'].strip()}`")
        if "busiest" in m:
            p(f"  - {stage}, busiest processes: {m['busiest']}")
    p("")

    runs = [("ktpsim (`Model::replicate`, seed 2017)", a) for a in d["agree"].get("ktpsim", [])]
    runs += [("SimPy (`simpy_baseline.py`, seeds from 1)", a) for a in d["agree"].get("simpy", [])]
    p("## Do SimPy and ktpsim simulate the same system?\n")
    p("Clearing day of the initial backlog (calendar days since the start), baseline "
      "`scenarios/bojonegoro-2017.toml`, mean and 95% CI (normal approximation). The two "
      "programs draw different random numbers (ChaCha8 streams vs Python's Mersenne "
      "Twister), so they can agree only statistically.\n")
    p("| program | replications | cleared | mean clearing day | 95% CI | mean cards printed "
      "| mean blank-stockout hours (95% CI half-width) |")
    p("|---|---|---|---|---|---|---|")
    for name, a in runs:
        if "clearing_day_mean" in a:
            mu, h = float(a["clearing_day_mean"]), float(a["ci95_half"])
            p(f"| {name} | {a['replications']} | {a['cleared']} | {mu:.2f} | "
              f"[{mu - h:.2f}, {mu + h:.2f}] | {a.get('printed_mean', '?')} | "
              f"{a.get('stockout_hours_mean', '?')} ({a.get('stockout_ci95_half', '?')}) |")
    ks = [a for n, a in runs if n.startswith("ktpsim") and "clearing_day_mean" in a]
    ss = [a for n, a in runs if n.startswith("SimPy") and "clearing_day_mean" in a]
    p("")
    agrees = {}
    for a_k in ks:
        for a_s in ss:
            diff = float(a_s["clearing_day_mean"]) - float(a_k["clearing_day_mean"])
            half = math.hypot(float(a_s["ci95_half"]), float(a_k["ci95_half"]))
            agrees[a_k["replications"]] = abs(diff) <= half
            verdict = "agree (the 95% CI of the difference contains 0)" if abs(diff) <= half \
                else "disagree (the 95% CI of the difference excludes 0)"
            p(f"- SimPy ({a_s['replications']}) - ktpsim ({a_k['replications']}): {diff:+.2f} "
              f"days, 95% CI half-width {half:.2f}: {verdict}.")
    if agrees:
        most = max(agrees, key=int)
        p(f"- **Verdict** (from the ktpsim run with the most replications, {most}): "
          + ("SimPy and ktpsim agree on the clearing day." if agrees[most] else
             "SimPy and ktpsim DISAGREE on the clearing day: find out why before trusting "
             "either."))
    p("")

    rounds = d["rounds"]
    get = lambda k: [r[k] for r in rounds.values() if k in r]  # noqa: E731
    ratio = lambda a, b: [r[a] / r[b] for r in rounds.values() if a in r and b in r]  # noqa: E731
    sp, k1, k2, bare, mm1 = (get(k) for k in ("simpy", "ktpsim_1t", "ktpsim_2t", "bare", "mm1"))
    r_sp, r_mm, r_sc = ratio("ktpsim_1t", "simpy"), ratio("mm1", "bare"), ratio("ktpsim_2t", "ktpsim_1t")
    p(f"## Peer comparison ({len(rounds)} interleaved rounds, medians)\n")
    p("Each round runs every program once, back to back; ratios are taken within a round, "
      "then the median over rounds is reported (min-max in brackets).\n")
    p("| figure | median | min-max |")
    p("|---|---|---|")
    rows = [("SimPy, baseline, replications/s", sp, "{:.3f}"),
            ("ktpsim, baseline, 1 thread, replications/s", k1, "{:.1f}"),
            ("**ktpsim / SimPy, baseline, one core**", r_sp, "{:.0f}x"),
            ("bare `BinaryHeap` M/M/1, events/s", bare, "{:,.0f}"),
            ("ktpsim M/M/1 (`benches/scenarios/mm1.toml`), events/s", mm1, "{:,.0f}"),
            ("**ktpsim M/M/1 / bare heap**", [x * 100 for x in r_mm], "{:.0f}%")]
    for label, xs, fmt in rows:
        if xs:
            p(f"| {label} | {fmt.format(med(xs))} | {fmt.format(min(xs))} - {fmt.format(max(xs))} |")
    p("")
    if r_sp:
        ok = "met" if med(r_sp) >= SIMPY_TARGET else "NOT met"
        p(f"- Target baseline one core >= {SIMPY_TARGET:.0f}x SimPy: {ok} ({med(r_sp):.0f}x).")
    if r_mm:
        ok = "met" if med(r_mm) >= BARE_TARGET else "NOT met"
        p(f"- Target ktpsim M/M/1 >= {BARE_TARGET:.0%} of the bare heap loop: {ok} ({med(r_mm):.0%}).")
    p("- The SimPy model leaves out the hours and lost-capacity accounting that ktpsim does "
      "on every event (outputs only), which favours SimPy.")
    p("- The bare heap draws from ChaCha8 like ktpsim, and its M/M/1 draws exponential "
      "inter-arrival times; ktpsim's scenario draws a Poisson count per day and that many "
      "uniform moments in order, from exponential spacings (the same process), and also "
      "runs a calendar (midnight events). ktpsim's tight loops for busy stretches and "
      "idle cycles take most of these events; they give the same bytes as the event "
      "loop card by card (`tests/model_runs_of_cards.rs`, this scenario included).\n")

    p("## Parallel scaling (baseline, rayon pool, replications/s)\n")
    p("| threads | replications/s (median) | speed-up over 1 thread (median of per-round ratios) |")
    p("|---|---|---|")
    if k1:
        p(f"| 1 | {med(k1):.1f} | 1.00 |")
    if k2:
        p(f"| 2 | {med(k2):.1f} | {med(r_sc):.2f} (rounds: {', '.join(f'{x:.2f}' for x in r_sc)}) |")
    p("| 16 | not measured: no 16-core machine was lent to this session "
      "(`benches/peers/scaling.sh` is the one-go run to take to one) | - |")
    p("\nOn this 2-core machine shared with other builds, the 2-thread figure is bounded by "
      "what the other processes leave free (see the load above).\n")

    p("## Memory (peak RSS of `ktpsim run` on the baseline)\n")
    mem = [line for line in d["other"] if line.startswith(("memory", "cli"))]
    if any(line.startswith("memory") for line in mem):
        p("| replications | max RSS | minor page faults |")
        p("|---|---|---|")
        for line in mem:
            if line.startswith("memory"):
                m = kv(line)
                p(f"| {m['replications']} | {int(m['max_rss_kb']) / 1024:.1f} MiB "
                  f"| {minor_faults(work / ('time-' + m['replications'] + '.txt'))} |")
        for line in mem:
            if line.startswith("cli all-scenarios"):
                p(f"\nWhole bundled set (`cargo run --release -- run scenarios/ --quiet`): "
                  f"{kv(line)['seconds']} s.")
    else:
        p("**TODO (lead):** not measured: the `ktpsim run` CLI is not on this branch yet. Once it "
          "is, `benches/peers/run.sh` measures it by itself (`/usr/bin/time -v ktpsim run "
          "scenarios/bojonegoro-2017.toml --replications N --quiet --out DIR` for "
          "N in `--replications \"1000 100000\"`) and times the whole bundled set.")
        for line in mem:
            p(f"\n> {line}")
    p("")

    national_section(d, p)

    crit = work / "criterion.txt"
    if crit.exists():
        p("## Criterion (`cargo bench --bench engine`; small samples, for regressions)\n")
        p("| benchmark | time (median estimate) | throughput |")
        p("|---|---|---|")
        name, rows = None, {}
        for line in crit.read_text().splitlines():
            m = re.match(r"^([\w-]+/[\w.-]+)", line)
            if m:
                name = m.group(1)
            for key in ("time", "thrpt"):
                m = re.search(key + r":\s+\[\S+ \S+ (\S+ \S+) \S+ \S+\]", line)
                if m and name:
                    rows.setdefault(name, {})[key] = m.group(1)
        for name, r in rows.items():
            p(f"| `{name}` | {r.get('time', '')} | {r.get('thrpt', '-')} |")
        p("")

    self_f, incl_f = work / "callgrind.self.txt", work / "callgrind.inclusive.txt"
    if self_f.exists() and incl_f.exists():
        cmd = next((c for c in d["cmd"] if c.startswith("valgrind")), "valgrind ...")
        p("## Profile of the hot path (callgrind, baseline)\n")
        p(f"`{cmd}`, then `callgrind_annotate [--inclusive=yes]`; lines of one function "
          "(its inlined code, one row per source file) are summed for self cost, the largest "
          "kept for inclusive cost; thread and rayon wrappers are left out.\n")
        for title, f in (("Inclusive", incl_f), ("Self", self_f)):
            total, top = callgrind_top(f, title == "Inclusive")
            p(f"{title} Ir (program total {total:,}):\n")
            p("| Ir | share | function |")
            p("|---|---|---|")
            for ir, fn in top:
                p(f"| {ir:,} | {ir / total:.1%} | `{fn}` |")
            p("")

    p("Reading the profile: `Model::replicate` holds the inlined event loop, the "
      "printers and the runs of cards (`src/model/replication/runs.rs`); `next_card` takes "
      "a record and a blank for a card started outside a run; `Sim::arrive`, "
      "`Recording::arrive` and `Recording::open_day` (with `Exp1::sample`, the spacings "
      "that give each day's sorted arrival moments) are the 60 new records a working day; "
      "`summary` selects the 90th-percentile wait; `settle` is the hours and lost-capacity "
      "accounting, settled only when a condition changes.\n")
    p("## What the profile led to\n")
    p("Instructions for 20 baseline replications through `ktpsim run --threads 1` "
      "(callgrind, same inputs; this counts the CSV and statistics too), after each change:\n")
    p("| change | instructions |")
    p("|---|---|")
    for change, ir in [
        ("first working engine: every arrival on the heap, accounts at every card, one reject draw per card, one pick-up draw per card, arrivals sorted per day", "720 M"),
        ("arrivals off the heap; accounts settled only when a condition may change; the latest pick-up of a batch drawn as one maximum; unstable sort", "504 M"),
        ("next record from a class cursor; restart a printer without a scan; arrivals to a non-empty queue without a settle", "435 M"),
        ("quality control as geometric runs of passes; wait percentile by integer selection; day's arrival moments from exponential spacings (no sort)", "422 M"),
        ("wait percentile found by bucket counts kept while pushing", "410 M"),
        ("runs of cards: a tight loop over the stretches where one printer prints the initial backlog with nothing else happening (bit-identical outcomes, tested)", "324 M"),
        ("runs of cards take in arrivals of their own class or behind it; the percentile's bucket selected by bit range", "303 M"),
        ("waits stored bucket by bucket, so that the percentile needs no pass over them (slower in wall time: kept one commit)", "279 M"),
        ("idle cycles: once the queue is empty, a new record that finds the printer idle is printed in a tight loop", "246 M"),
        ("waits back to one vector per class, reused across a thread's replications; one pass gathers both percentile buckets", "254 M"),
        ("runs of cards go on past a record of a class ahead of the run's", "255 M"),
        ("busy runs: any records, drawn card times too, while two or more wait at each finish", "253 M"),
        ("a look at the Ctrl-C flag every 65,536 steps (the tight loops take at most that many cards at a time); one guard shared by the tight loops", "257 M"),
    ]:
        p(f"| {change} | {ir} |")
    p("")
    p("Wall time that instruction counts do not show: until the reuse of the wait vectors, "
      "every replication allocated its waits afresh (about 0.3 MB for the baseline), and "
      "the allocator gave the freed memory back to the system, so each replication took "
      "about 118 minor page faults. `perf stat -e page-faults,task-clock` on the probe "
      "(baseline, 1,000 replications, 1 thread) counted 119,214 faults and 1,138 ms at "
      "`af51b0b` (before this round of changes), 118,534 faults and 1,107 ms at `09e432f` "
      "(just before the reuse) and 303 faults and 840 ms at `88d6da2` (the reuse). "
      "`09e432f` with glibc told not to trim (`GLIBC_TUNABLES=glibc.malloc.trim_threshold="
      "268435456:glibc.malloc.mmap_threshold=33554432`) took 562 faults and 850 ms, which "
      "is how the cause was found. The memory "
      "table above now counts the faults of every run. The waits stored bucket by bucket "
      "had 8% fewer instructions than the commit before them and were 4% slower in wall "
      "time (their many small vectors grew by reallocation), so the next commit went back "
      "to one vector per class.\n")
    p("What is left: `Recording::open_day` and `Recording::arrive` (the exponential "
      "spacings of each day's arrival moments and the class draw of each record) are now "
      "the largest entries after the event loop itself; the spacings could come from "
      "sorted uniforms, at the price of new random streams (every result would change).\n")
    p("## Commands\n")
    p("```sh\nbenches/peers/run.sh   # all of the above, then this file\n```\n")
    p("Individual runs, as the script made them. It runs the bench binaries directly, "
      "so that cargo stays out of the timings; `cargo bench --bench NAME -- ARGS` runs the "
      "same thing.\n")
    p("```text")
    for c in d["cmd"]:
        c = c.replace(str(Path.cwd()) + "/", "")
        if not c.startswith("valgrind"):
            c = re.sub(r"\S*/(ktpsim_probe|bare_heap)-[0-9a-f]+", r"cargo bench --bench \1 --", c)
        p(c)
    p("```")


def national_section(d, p):
    """The national model and the whole command (`benches/peers/national.sh`)."""
    lines = [line for line in d["other"] if line.startswith(("national ", "e2e "))]
    if not lines:
        return
    def secs(m):
        return float(m["user"]) + float(m["sys"])
    runs, scaling, single, e2e_k, e2e_s = [], defaultdict(list), [], [], []
    for line in lines:
        m = kv(line)
        if line.startswith("national run"):
            runs.append(m)
        elif line.startswith("national scaling"):
            scaling[int(m["offices"])].append(secs(m) / (int(m["offices"]) * int(m["replications"])))
        elif line.startswith("national single"):
            single.append(secs(m) / int(m["replications"]))
        elif line.startswith("e2e") and " ktpsim " in line:
            e2e_k.append(int(m["replications"]) / float(m["wall"]))
        elif line.startswith("e2e") and "reps_per_s" in m:
            e2e_s.append(float(m["reps_per_s"]))
    p("## The national model (`scenarios/national/indonesia-2018.toml`, 514 offices)\n")
    p("Measured by `benches/peers/national.sh` (called by `run.sh`).\n")
    p("| command | replications | wall | CPU (user + sys) | peak RSS |")
    p("|---|---|---|---|---|")
    for m in runs:
        p(f"| `ktpsim run scenarios/national/indonesia-2018.toml` (plots included) | "
          f"{m['replications']} | {float(m['wall']):.1f} s | {secs(m):.1f} s | "
          f"{int(m['max_rss_kb']) / 1024:.1f} MiB |")
    p("")
    if scaling and single:
        one = med(single)
        p("Cost per office-replication (CPU seconds / (offices x replications), one thread, "
          "no plots; median of rounds), for N offices of the table (the first of every region, "
          "then evenly spaced through the rest), against a "
          "single-office run of the average office (the template with the table's mean "
          "settings, 2,000 replications):\n")
        p("| offices | µs per office-replication | relative to the average office alone |")
        p("|---|---|---|")
        for n in sorted(scaling):
            x = med(scaling[n])
            p(f"| {n} | {x * 1e6:.0f} | {x / one:.2f}x |")
        p(f"| 1 (average office, single-office run) | {one * 1e6:.0f} | 1.00x |")
        p("")
    if e2e_k and e2e_s:
        k, sp = med(e2e_k), med(e2e_s)
        p("Single office end to end (`ktpsim run scenarios/bojonegoro-2017.toml "
          "--replications 1000 --threads 1`, process start, loading, CSVs, charts and report "
          "included) against SimPy on the same scenario, interleaved rounds, medians: "
          f"ktpsim {k:.0f} replications/s, SimPy {sp:.2f} replications/s: "
          f"**{k / sp:.0f}x**.\n")


if __name__ == "__main__":
    main()
