#!/usr/bin/env bash
# Benchmark: throughput (MB/s) and peak RSS of `steward scan` over generated exports: a Google
# Takeout (Records.json, Semantic Location History, My Activity Search and YouTube JSON, Chrome
# BrowserHistory.json) as a folder and as one zip of the same files, and the bank set (CSV +
# OFX), at two sizes so that memory growth with input size would show.
# MB/s counts uncompressed input bytes; the data is in the page cache, so this is CPU cost.
# Usage: scripts/bench.sh STEWARD_BINARY [SCALE] [JOBS]
# (scale 2200 ≈ 1.05 GB of Takeout + 80 MB of bank files; the second size is twice that).
set -euo pipefail
bin=${1:?usage: bench.sh STEWARD_BINARY [SCALE] [JOBS]}
scale=${2:-2200}
jobs=${3:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/bench-data"
rm -rf "$data"; mkdir -p "$data"

run() { # label path uncompressed-bytes
  local label=$1 path=$2 bytes=$3 out secs kb user sys
  out=$( { /usr/bin/time -f "%e %M %U %S" "$bin" scan "$path" --jobs "$jobs" --no-db --no-progress --format json --rules "$root/rules" >/dev/null; } 2>&1 | tail -1)
  read -r secs kb user sys <<<"$out"
  # CPU seconds too: on a machine shared with other work, wall time varies, CPU time less so.
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v k="$kb" -v c="$(awk -v u="$user" -v y="$sys" 'BEGIN { print u + y }')" 'BEGIN {
    mb = b / 1e6; printf "%-24s %8.1f MB  %7.2f s  %7.1f MB/s  cpu %6.2f s  peak RSS %6.1f MB\n", l, mb, s, (s > 0 ? mb / s : 0), c, k / 1024 }'
}

echo "steward scan (release), $(nproc) cores, --jobs $jobs, $(date -u +%Y-%m-%d)"
for factor in 1 2; do
  dir="$data/exports-x$factor"
  "$bin" demo sam --write-only --takeout-folder --scale $((scale * factor)) --dir "$dir" >/dev/null 2>&1
  takeout_bytes=$(du -sb "$dir/Takeout" | cut -f1)
  bank_bytes=$(du -sb "$dir/bank" | cut -f1)
  # Deflate level 6, as Takeout's own archives.
  (cd "$dir" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for base, dirs, files in os.walk("Takeout"):
        dirs.sort()
        for f in sorted(files): z.write(os.path.join(base, f))' "$data/takeout-x$factor.zip")
  run "takeout folder x$factor" "$dir/Takeout" "$takeout_bytes"
  run "takeout zip x$factor" "$data/takeout-x$factor.zip" "$takeout_bytes"
  run "bank csv+ofx x$factor" "$dir/bank" "$bank_bytes"
  rm -rf "$dir" "$data/takeout-x$factor.zip"
done
