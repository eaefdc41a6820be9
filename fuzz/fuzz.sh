#!/usr/bin/env bash
# Fuzzes one target on one core at low priority, e.g. `fuzz/fuzz.sh scenario 1800`.
# Stable Rust: cargo-fuzz passes nightly flags, which RUSTC_BOOTSTRAP=1 allows;
# `--sanitizer none` because AddressSanitizer needs a nightly standard library
# (safe Rust needs it little: the target looks for panics, hangs and memory).
# Crashes land in artifacts/<target>/; the corpus grows in corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-scenario}"
seconds="${2:-600}"
mkdir -p "corpus/$target"
RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run "$target" --sanitizer none \
    "corpus/$target" seeds -- \
    -jobs=1 -workers=1 -timeout=5 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -dict=scenario.dict -print_final_stats=1
