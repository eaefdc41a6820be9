#!/usr/bin/env bash
# The national model and the whole command: called by run.sh (which writes the log and
# the report), or alone:
#
#   benches/peers/national.sh LOG [--replications N] [--rounds R]
#
# Appends `national ...` and `e2e ...` lines to LOG:
# - `ktpsim run scenarios/national/indonesia-2018.toml --replications N` end to end
#   (plots included), wall and CPU seconds, peak memory; the same at N/10 replications
#   (memory flat in replications);
# - cost per office-replication at 38, 128, 257 and 514 offices (subsets of the
#   indonesia-2018 table, one thread, no plots) against a single-office run of the
#   average office (the template with the table's mean settings, its lots after the
#   pool's transit instead of asking the pool);
# - the single-office baseline through `ktpsim run` (1 thread, plots included, as a user
#   waits for it), interleaved with SimPy on the same scenario, for the end-to-end ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG=$1; shift
REPS=1000
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --replications) REPS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
note() { echo "$*" | tee -a "$LOG"; }
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --bin ktpsim 2>/dev/null
BIN=./target/release/ktpsim
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# `measure NAME ARGS...`: runs the binary under /usr/bin/time, notes wall, CPU, RSS.
measure() {
  local name=$1; shift
  note "cmd /usr/bin/time -v $BIN $*"
  /usr/bin/time -v "$BIN" "$@" > /dev/null 2> "$TMP/time.txt"
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  user=$(awk -F': ' '/User time/ {print $2}' "$TMP/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$TMP/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  note "$name wall=$wall user=$user sys=$sys max_rss_kb=$rss"
}

NAT=scenarios/national/indonesia-2018.toml
TABLE=scenarios/national/data/indonesia-2018.csv

# --- the national run as a user starts it ---------------------------------------------
measure "national run replications=$REPS offices=514" run "$NAT" --replications "$REPS" --quiet --out "$TMP/full"
measure "national run replications=$((REPS / 10)) offices=514" run "$NAT" --replications "$((REPS / 10))" --quiet --out "$TMP/tenth"

# --- scaling in offices, and the average office alone --------------------------------
# Subsets of the table: the first office of every region, then offices evenly spaced
# through the rest of the table up to N (every region keeps an office: transit_by_region names them),
# the pool as in indonesia-2018.
for n in 38 128 257 514; do
  python3 - "$TABLE" "$n" > "$TMP/offices-$n.csv" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
header, rows, n = lines[0], lines[1:], int(sys.argv[2])
seen, first = set(), []
for i, row in enumerate(rows):
    region = row.split(",")[1]
    if region not in seen:
        seen.add(region)
        first.append(i)
rest = [i for i in range(len(rows)) if i not in set(first)]
k = max(0, n - len(first))
# Evenly spaced through the rest, so that every subset has the table's mix of sizes.
keep = sorted(first + [rest[j * len(rest) // k] for j in range(k)] if k else first)
print("\n".join([header] + [rows[i] for i in keep]))
PY
  cat > "$TMP/national-$n.toml" <<EOF
extends = "$PWD/$NAT"
[scenario]
name = "offices-$n"
[offices]
table = "offices-$n.csv"
EOF
done
# The average office: the template with the table's mean of each column, its reorder
# lots arriving after the pool's transit (as a lead time) instead of asking the pool.
python3 - "$TABLE" scenarios/national/data/office-2018.toml "$NAT" > "$TMP/average-office.toml" <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
mean = lambda k: sum(float(r[k]) for r in rows) / len(rows)
text = open(sys.argv[2]).read()
nat = open(sys.argv[3]).read()
transit = re.search(r'^transit = (\{.*?\})', nat, re.M).group(1)
start = re.search(r'^start = (\S+)', nat, re.M).group(1)
sets = {
    ("backlog", "initial"): round(mean("backlog.initial")),
    ("recording", "pool"): round(mean("recording.pool")),
    ("printing", "printers"): round(mean("printing.printers")),
    ("blanks", "initial"): round(mean("blanks.initial")),
    ("blanks.reorder", "below"): round(mean("blanks.reorder.below")),
    ("blanks.reorder", "quantity"): round(mean("blanks.reorder.quantity")),
}
out, table = [], None
for line in text.splitlines():
    m = re.match(r'^\[([^\]]+)\]', line)
    if m:
        table = m.group(1)
    key = line.split("=")[0].strip() if "=" in line else None
    if (table, key) in sets:
        line = f"{key} = {sets[(table, key)]}"
    if table == "recording" and key == "per_workday":
        line = f'per_workday = {{ dist = "poisson", mean = {mean("recording.per_workday.mean"):.2f} }}'
    if table == "calendar" and key == "timezone":
        continue
    out.append(line)
    if line.startswith("[blanks.reorder]"):
        out.append(f"lead_time = {transit}")
print(f'[scenario]\nname = "average-office"\nstart = {start}\nhorizon = "365d"\n'
      f'deadline = 2018-06-27\nreplications = 1000\nseed = 1\n')
print("\n".join(out))
PY
for ((r = 1; r <= ROUNDS; r++)); do
  for n in 38 128 257 514; do
    measure "national scaling round=$r offices=$n replications=20" run "$TMP/national-$n.toml" --replications 20 --threads 1 --no-plots --quiet --out "$TMP/s-$n"
  done
  measure "national single round=$r offices=1 replications=2000" run "$TMP/average-office.toml" --replications 2000 --threads 1 --no-plots --quiet --out "$TMP/avg"
done

# --- the single-office baseline end to end, against SimPy -----------------------------
VENV=target/peers-venv
for ((r = 1; r <= ROUNDS; r++)); do
  "$VENV/bin/python" benches/peers/simpy_baseline.py 10 $((7000 + 1000 * r)) | sed "s/^/e2e round=$r /" | tee -a "$LOG"
  measure "e2e round=$r ktpsim replications=1000" run scenarios/bojonegoro-2017.toml --replications 1000 --threads 1 --quiet --out "$TMP/e2e"
done
