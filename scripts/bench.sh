#!/usr/bin/env bash
# Benchmark: throughput (MB/s) and peak RSS of `steward scan` over generated exports in the
# formats steward reads (bank CSV, OFX, Google My Activity JSON), as a folder and as one zip
# of the same files, at two sizes so that memory growth with input size would show.
# MB/s counts uncompressed input bytes. Usage: scripts/bench.sh STEWARD_BINARY [SCALE]
# (scale 2000 ≈ 104 MB of exports).
set -euo pipefail
bin=${1:?usage: bench.sh STEWARD_BINARY [SCALE]}
scale=${2:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/bench-data"
rm -rf "$data"; mkdir -p "$data"

run() { # label path uncompressed-bytes
  local label=$1 path=$2 bytes=$3 out secs kb
  out=$( { /usr/bin/time -f "%e %M" "$bin" scan "$path" --no-db --no-progress --format json --rules "$root/rules" >/dev/null; } 2>&1 | tail -1)
  read -r secs kb <<<"$out"
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v k="$kb" 'BEGIN {
    mb = b / 1e6; printf "%-24s %8.1f MB  %7.2f s  %7.1f MB/s  peak RSS %6.1f MB\n", l, mb, s, (s > 0 ? mb / s : 0), k / 1024 }'
}

echo "steward scan (release), $(nproc) cores, $(date -u +%Y-%m-%d)"
for factor in 1 2; do
  dir="$data/exports-x$factor"
  "$bin" demo sam --write-only --takeout-folder --scale $((scale * factor)) --dir "$dir" >/dev/null 2>&1
  bytes=$(du -sb "$dir" | cut -f1)
  (cd "$dir" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for base, _, files in os.walk("."):
        for f in sorted(files): z.write(os.path.join(base, f))' "$data/exports-x$factor.zip")
  run "folder x$factor" "$dir" "$bytes"
  run "zip x$factor" "$data/exports-x$factor.zip" "$bytes"
done
