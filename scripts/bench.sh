#!/usr/bin/env bash
# Benchmark: throughput (MB/s) and peak RSS of `steward scan` over generated exports in the
# formats steward reads (bank CSV, OFX, Google My Activity JSON), as a folder and as a zip,
# at two sizes so that memory growth with input size would show.
# Usage: scripts/bench.sh path/to/steward [scale]   (scale 1700 ≈ 100 MB)
set -euo pipefail
bin=${1:?usage: bench.sh STEWARD_BINARY [SCALE]}
scale=${2:-1700}
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/bench-data"
rm -rf "$data"; mkdir -p "$data"

run() { # label path
  local label=$1 path=$2 bytes out
  bytes=$(du -sb "$path" | cut -f1)
  out=$( { /usr/bin/time -f "%e %M" "$bin" scan "$path" --no-db --no-progress --format json --rules "$root/rules" >/dev/null; } 2>&1 | tail -1)
  read -r secs kb <<<"$out"
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v k="$kb" 'BEGIN {
    mb = b / 1e6; printf "%-28s %8.1f MB  %7.2f s  %8.1f MB/s  peak RSS %6.1f MB\n", l, mb, s, (s > 0 ? mb / s : 0), k / 1024 }'
}

for factor in 1 2; do
  s=$((scale * factor))
  "$bin" demo sam --write-only --scale "$s" --dir "$data/folder-$factor" --takeout-folder >/dev/null 2>&1
  "$bin" demo sam --write-only --scale "$s" --dir "$data/zip-$factor" >/dev/null 2>&1
  rm -rf "$data/zip-$factor/bank"   # the zip run measures the archive path alone
done
echo "steward scan, release build, $(nproc) cores"
for factor in 1 2; do
  run "folder (scale x$factor)" "$data/folder-$factor"
  run "takeout zip (scale x$factor)" "$data/zip-$factor"
done
