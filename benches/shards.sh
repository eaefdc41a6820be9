#!/usr/bin/env bash
# Shards against one run (docs/shards.md), measured with the release binary; writes the
# "Shards" section of results/benchmarks.md (between its markers, the rest untouched):
#
#   benches/shards.sh [--replications N] [--rounds R]
#
# (a) CPU seconds (user + sys, /usr/bin/time) of `ktpsim run
#     scenarios/national/indonesia-2018.toml --replications N` on one machine, against
#     the sum of its 8 shards (`--shard K/8`) and `ktpsim merge`; both 1 thread per
#     process, plots included; R rounds, medians. The merged files are checked to be
#     byte-identical to the one-machine run's.
# (b) wall and CPU seconds of `ktpsim merge` of 100 shards of
#     scenarios/bojonegoro-2017.toml at 1,000 replications (with and without plots).
# (c) shard bytes per 1,000 replications, single office and national: the growth of one
#     shard's file from S to 2S replications (S = 1,000 single office, 8 national),
#     scaled to 1,000; and the fixed part of each shard (header, scenario texts,
#     accumulators), its size at S less S times the growth per replication.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=100
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --replications) REPS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --bin ktpsim 2>/dev/null
BIN=./target/release/ktpsim
NATIONAL=scenarios/national/indonesia-2018.toml
OFFICE=scenarios/bojonegoro-2017.toml
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
COMMANDS=()

# `cpu ARGS...`: runs the binary, prints "wall cpu" in seconds (commands are listed
# by hand: this runs in a subshell).
cpu() {
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$BIN" "$@" > /dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$TMP/t"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
size() { stat -c %s "$@" | awk '{ s += $1 } END { print s }'; }
load() { uptime | sed 's/.*load average/load average/'; }

LOAD_START=$(load)
# (a) national: one run against 8 shards and the merge.
COMMANDS+=("$BIN run $NATIONAL --replications $REPS --threads 1 -q --out ONE")
COMMANDS+=("$BIN run $NATIONAL --replications $REPS --threads 1 -q --out EIGHT --shard K/8   # K = 0..7")
COMMANDS+=("$BIN merge EIGHT --threads 1")
ONE=() SPLIT=() MERGE=()
one_run() {
  ONE+=("$(cpu run $NATIONAL --replications "$REPS" --threads 1 -q --out "$TMP/one" | cut -d' ' -f2)")
}
for ((r = 1; r <= ROUNDS; r++)); do
  rm -rf "$TMP/one" "$TMP/eight"
  # Which goes first alternates, so that a neighbour's build starting mid-round
  # weighs on both sides alike.
  ((r % 2)) && one_run
  total=0
  for k in 0 1 2 3 4 5 6 7; do
    c=$(cpu run $NATIONAL --replications "$REPS" --threads 1 -q --out "$TMP/eight" --shard "$k/8" | cut -d' ' -f2)
    total=$(echo "$total + $c" | bc)
  done
  m=$(cpu merge "$TMP/eight" --threads 1 | cut -d' ' -f2)
  SPLIT+=("$total")
  MERGE+=("$m")
  ((r % 2)) || one_run
  diff -r -x shards "$TMP/one" "$TMP/eight" > /dev/null || { echo "merge differs from one run" >&2; exit 1; }
done
one=$(printf '%s\n' "${ONE[@]}" | median)
split=$(printf '%s\n' "${SPLIT[@]}" | median)
merge=$(printf '%s\n' "${MERGE[@]}" | median)
both=$(for ((i = 0; i < ROUNDS; i++)); do echo "${SPLIT[i]} + ${MERGE[i]}" | bc; done | median)
ROUND_OVERHEADS=$(for ((i = 0; i < ROUNDS; i++)); do printf '%.1f%% ' "$(echo "scale=4; (${SPLIT[i]} + ${MERGE[i]} - ${ONE[i]}) * 100 / ${ONE[i]}" | bc)"; done)
overhead=$(for ((i = 0; i < ROUNDS; i++)); do echo "scale=4; (${SPLIT[i]} + ${MERGE[i]} - ${ONE[i]}) * 100 / ${ONE[i]}" | bc; done | median)
overhead=$(printf '%.2f' "$overhead")
national_bytes=$(size "$TMP"/eight/shards/*.ktpshard)
# What a shard costs beyond its replications: an empty one (loading, the file).
empty=$(for ((r = 1; r <= ROUNDS; r++)); do rm -rf "$TMP/empty"; cpu run $NATIONAL --replications 1 --threads 1 -q --out "$TMP/empty" --shard 0/2 | cut -d' ' -f2; done | median)
COMMANDS+=("$BIN run $NATIONAL --replications 1 --threads 1 -q --out EMPTY --shard 0/2   # an empty shard")

# (b) 100 shards of the single office, 1,000 replications.
rm -rf "$TMP/hundred"
for ((k = 0; k < 100; k++)); do
  "$BIN" run $OFFICE --replications 1000 --threads 1 -q --out "$TMP/hundred" --shard "$k/100" > /dev/null
done
COMMANDS+=("$BIN run $OFFICE --replications 1000 --threads 1 -q --out DIR --shard K/100   # K = 0..99")
cpu run $OFFICE --replications 1000 --threads 1 -q --out "$TMP/hundred-one" > /dev/null
COMMANDS+=("$BIN run $OFFICE --replications 1000 --threads 1 -q --out ONE   # to check the merge against")
COMMANDS+=("$BIN merge DIR --no-plots; $BIN merge DIR")
MW=() MC=() NW=() NC=()
# The last merge draws the charts, as the one-machine run did, for the check below.
for ((r = 1; r <= ROUNDS; r++)); do
  read -r w c < <(cpu merge "$TMP/hundred" --no-plots)
  NW+=("$w") NC+=("$c")
  read -r w c < <(cpu merge "$TMP/hundred")
  MW+=("$w") MC+=("$c")
done
diff -r -x shards "$TMP/hundred" "$TMP/hundred-one" > /dev/null || { echo "the merge of 100 differs from one run" >&2; exit 1; }
office_bytes=$(size "$TMP"/hundred/shards/*.ktpshard)

# (c) one shard at S and at 2S replications.
# `growth SCENARIO S`: prints "bytes-at-S bytes-per-replication".
growth() {
  local at=()
  for r in "$2" "$(($2 * 2))"; do
    rm -rf "$TMP/size"
    "$BIN" run "$1" --replications "$r" -q --out "$TMP/size" --shard 0/1 > /dev/null
    at+=("$(size "$TMP"/size/shards/*.ktpshard)")
  done
  echo "${at[0]} $(echo "scale=3; (${at[1]} - ${at[0]}) / $2" | bc)"
}
read -r office_at office_per < <(growth $OFFICE 1000)
read -r national_at national_per < <(growth $NATIONAL 8)
COMMANDS+=("$BIN run $OFFICE --replications R -q --out SIZE --shard 0/1   # R = 1000, 2000")
COMMANDS+=("$BIN run $NATIONAL --replications R -q --out SIZE --shard 0/1   # R = 8, 16")
LOAD_END=$(load)

mib_per_1000() { printf '%.2f' "$(echo "scale=4; $1 * 1000 / 1048576" | bc)"; }
kb_per() { printf '%.1f' "$(echo "scale=4; $1 / 1024" | bc)"; }
fixed() { echo "scale=0; ($1 - $2 * $3) / 1024" | bc; }
kib() { echo "scale=0; $1 / 1024" | bc; }
SECTION=$(cat <<EOF
<!-- shards: written by benches/shards.sh; rerun it after benches/peers/run.sh -->
## Shards (\`run --shard K/N\` and \`merge\`, docs/shards.md)

Measured by \`benches/shards.sh --replications $REPS --rounds $ROUNDS\` on $(date -u '+%Y-%m-%d %H:%M') UTC, commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes to src/)'), $(nproc) cores shared with other engineers' builds (start: $LOAD_START; end: $LOAD_END). Every process runs on 1 thread, so that CPU time counts work and not idle threads; medians of $ROUNDS rounds.

| \`scenarios/national/indonesia-2018.toml\`, $REPS replications, plots included | CPU seconds (user + sys) |
|---|---|
| one run on one machine | $one |
| 8 shards (\`--shard K/8\`), summed | $split |
| \`merge\` of the 8 | $merge |
| 8 shards + merge | $both |
| **overhead of sharding** (median of the rounds' ratios) | **${overhead}%** |

Overhead in each round: ${ROUND_OVERHEADS% }. What sharding adds by itself is an empty shard's cost (loading the scenario and its 514 offices, writing the file), ${empty} CPU s, eight times, and the merge; the rest of the spread between rounds is the noise of a shared machine.

The merged files were byte-identical to the one-machine run's in every round (\`diff -r\`).

| \`merge\` of 100 shards of \`$OFFICE\`, 1,000 replications | wall s | CPU s |
|---|---|---|
| plots included | $(printf '%s\n' "${MW[@]}" | median) | $(printf '%s\n' "${MC[@]}" | median) |
| \`--no-plots\` | $(printf '%s\n' "${NW[@]}" | median) | $(printf '%s\n' "${NC[@]}" | median) |

| shard file size | per replication | per 1,000 replications | fixed part of each shard |
|---|---|---|---|
| single office (\`$OFFICE\`) | $(kb_per "$office_per") KiB | $(mib_per_1000 "$office_per") MiB | $(fixed "$office_at" 1000 "$office_per") KiB |
| national, 514 offices (\`$NATIONAL\`) | $(kb_per "$national_per") KiB | $(mib_per_1000 "$national_per") MiB | $(fixed "$national_at" 8 "$national_per") KiB |

Per replication, a shard holds its row of replications.csv and the values its means receive (\`src/shard/tape.rs\`): about 40 for a single office (one per metric), 9 per office and per region for a national scenario, most of them whole numbers of a few bytes, the fractional ones (waiting days, lost capacity summed over a region) 9 bytes each. The fixed part is the header, the copies of the scenario files (the national one with its template and its table of 514 offices) and the accumulators (quantile sketches of every metric, of every office and region, and of every day of the horizon), written once per shard (measured at S replications; the sketches grow slowly with the replications, as more of their buckets fill): the 100 single-office shards of 10 replications above hold $(kib "$office_bytes") KiB in all, the 8 national shards of $REPS replications $(kib "$national_bytes") KiB.

Commands:

\`\`\`text
$(printf '%s\n' "${COMMANDS[@]}")
\`\`\`
<!-- shards: end -->
EOF
)
FILE=results/benchmarks.md
python3 - "$FILE" "$SECTION" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- shards: written.*?<!-- shards: end -->\n?", re.S)
text = pattern.sub("", text).rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "wrote the Shards section of $FILE"
