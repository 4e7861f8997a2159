#!/usr/bin/env bash
# Benchmark (docs/performance.md, "How to measure"): throughput, CPU seconds and peak RSS of
# `steward scan` per export format and end to end, over generated inputs in the real formats.
#
# - A Google Takeout written by the persona writer (`steward demo sam --write-only
#   --takeout-folder --scale SCALE`): Records.json, Semantic Location History, My Activity
#   (Search and YouTube), Chrome BrowserHistory.json; each member alone, then the folder and a
#   deflate-6 zip of it end to end (and the folder once more with the database), and ripgrep
#   counting steward's lexicon phrases over the same folder as the yardstick.
# - Bank statements (a German bank CSV and a card OFX) from the same writer at BENCH_MB
#   (`steward demo lena --write-only --statements-only`).
# - The formats the writer does not produce at size (Apple Health, Spotify, X, Messenger,
#   TikTok, WhatsApp, Chrome's History database, SMS Backup & Restore, Telegram, Gmail mbox, ChatGPT,
#   Firefox places.sqlite, GPX tracks; since stop 40 also Semantic Location History month files,
#   the on-device Timeline.json, My Activity HTML, Facebook and Instagram JSON, WhatsApp's
#   msgstore.db, Apple Messages' chat.db, SMS Import / Export, Signal, CAMT.053, MT940, QIF and
#   PayPal; then Google Calendar .ics, Garmin TCX, Reddit's and LinkedIn's CSVs and YouTube
#   comments) from scripts/bench-formats.py, BENCH_MB each.
# - A Google Photos Takeout zip (JPEG with Exif, HEIC, MP4, JSON sidecars) of BENCH_PHOTOS_MB.
#
# MB counts uncompressed input bytes; inputs are in the page cache, so this is CPU cost. On a
# shared machine wall time varies with the load (printed at start and end); CPU s
# (user+sys) and MB per CPU-second vary less.
#
# Usage: scripts/bench.sh STEWARD_BINARY [SCALE] [JOBS]
# Environment: BENCH_MB (per format, default 200), BENCH_PHOTOS_MB (default 1000; 5000 for
# issue 17's figure), BENCH_X2=1 (the Takeout once more at twice the scale: memory growth),
# BENCH_ONLY=takeout,bank,formats,photos (parts to run), BENCH_DATA (work folder, default
# ./bench-data, removed afterwards).
set -euo pipefail
bin=$(realpath "${1:?usage: bench.sh STEWARD_BINARY [SCALE] [JOBS]}")
scale=${2:-2200}
jobs=${3:-$(nproc)}
mb=${BENCH_MB:-200}
photos_mb=${BENCH_PHOTOS_MB:-1000}
only=${BENCH_ONLY:-takeout,bank,formats,photos}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BENCH_DATA:-$root/bench-data}
rm -rf "$data"; mkdir -p "$data"
trap 'rm -rf "$data"' EXIT
wants() { [[ ",$only," == *",$1,"* ]]; }

row() { # label bytes secs kb user sys
  awk -v l="$1" -v b="$2" -v s="$3" -v k="$4" -v u="$5" -v y="$6" 'BEGIN {
    mb = b / 1e6; c = u + y
    printf "| %-34s | %8.1f | %7.2f | %7.1f | %7.2f | %7.1f | %7.1f |\n", l, mb, s, (s > 0 ? mb / s : 0), c, (c > 0 ? mb / c : 0), k / 1024 }'
}

timed() { # label bytes command...: one run under GNU time, its output thrown away
  local label=$1 bytes=$2 out secs kb user sys
  shift 2
  if ! /usr/bin/time -o "$data/time" -f "%e %M %U %S" "$@" >/dev/null 2>"$data/stderr"; then
    echo "| $label | failed: $(tail -2 "$data/stderr" | tr '\n' ' ') |"; return
  fi
  read -r secs kb user sys <"$data/time"
  row "$label" "$bytes" "$secs" "$kb" "$user" "$sys"
}

scan() { # label path bytes [extra scan options]
  local label=$1 path=$2 bytes=$3
  shift 3
  timed "$label" "$bytes" "$bin" scan "$path" --jobs "$jobs" --no-progress --format json --rules "$root/rules" "$@"
}

size() { du -sb "$1" | cut -f1; }

echo "steward scan (release), $(nproc) cores, --jobs $jobs, $(date -u +%Y-%m-%dT%H:%MZ), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | MB | wall s | MB/s | CPU s | MB/CPU-s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"

takeout() { # factor
  local factor=$1 dir="$data/exports-x$1" t
  "$bin" demo sam --write-only --takeout-folder --scale $((scale * factor)) --dir "$dir" >/dev/null 2>&1
  t="$dir/Takeout"
  if [[ $factor == 1 ]]; then
    local loc="$t/Location History (Timeline)"
    scan "Location Records.json" "$loc/Records.json" "$(size "$loc/Records.json")" --no-db
    scan "Semantic Location History" "$loc/Semantic Location History" "$(size "$loc/Semantic Location History")" --no-db
    # Search and YouTube watch history: the two My Activity JSON files of a Takeout.
    mkdir -p "$data/my-activity"
    # Hard links: steward does not follow a symbolic link out of the folder it scans.
    ln "$t/My Activity/Search/MyActivity.json" "$data/my-activity/MyActivity.json"
    ln "$t/YouTube and YouTube Music/history/watch-history.json" "$data/my-activity/watch-history.json"
    scan "Google My Activity JSON" "$data/my-activity" "$(( $(size "$t/My Activity/Search/MyActivity.json") + $(size "$t/YouTube and YouTube Music/history/watch-history.json") ))" --no-db
    scan "Chrome BrowserHistory.json" "$t/Chrome/BrowserHistory.json" "$(size "$t/Chrome/BrowserHistory.json")" --no-db
  fi
  local bytes; bytes=$(size "$t")
  # Deflate level 6, as Takeout's own archives.
  (cd "$dir" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for base, dirs, files in os.walk("Takeout"):
        dirs.sort()
        for f in sorted(files): z.write(os.path.join(base, f))' "$data/takeout-x$factor.zip")
  scan "Takeout folder x$factor" "$t" "$bytes" --no-db
  scan "Takeout zip x$factor" "$data/takeout-x$factor.zip" "$bytes" --no-db
  if [[ $factor == 1 ]]; then
    scan "Takeout folder x1, with database" "$t" "$bytes" --db "$data/bench.db"
    rm -f "$data/bench.db"*
    # The yardstick: ripgrep counting the lines holding any of steward's lexicon phrases
    # (case-insensitive, fixed strings), the same files, the same number of threads.
    if command -v rg >/dev/null 2>&1; then
      grep -hv '^#' "$root"/rules/lexicons/*.txt | sed 's/#.*//; s/\*$//; s/^ *//; s/ *$//' | awk 'length >= 3' | sort -u >"$data/keywords.txt"
      timed "ripgrep, $(wc -l <"$data/keywords.txt") phrases, Takeout" "$bytes" rg -c -i -F -j "$jobs" -f "$data/keywords.txt" "$t"
    else
      echo "| ripgrep | not installed (make bench installs it) |"
    fi
  fi
  rm -rf "$dir" "$data/takeout-x$factor.zip" "$data/my-activity"
}

if wants takeout; then
  takeout 1
  [[ ${BENCH_X2:-0} == 1 ]] && takeout 2
fi

if wants bank; then
  # Lena's statements (a German Girokonto CSV, dd.mm.yyyy, and a card OFX), about 28.7 KB of
  # CSV and 37 KB of OFX per unit of scale, so the CSV reaches BENCH_MB. Since stop 32 the lines
  # carry the references real statements carry (card time and sequence number, SEPA references,
  # an OFX memo), so no two lines are the same bytes; earlier runs read 17 KB per unit of
  # repeated texts (docs/performance.md, "Bank statements as banks write them").
  bank="$data/bank-only"
  "$bin" demo lena --write-only --statements-only --scale $(( mb * 1000000 / 28700 + 1 )) --dir "$bank" >/dev/null 2>&1
  for f in "$bank"/bank/*; do
    case "$f" in
      *.csv) scan "bank CSV ($(basename "$f"))" "$f" "$(size "$f")" --no-db ;;
      *.ofx) scan "card OFX ($(basename "$f"))" "$f" "$(size "$f")" --no-db ;;
    esac
  done
  rm -rf "$bank"
fi

if wants formats; then
  gen="$data/formats"
  # One format generated at a time, before its scan is timed: reading the generator's output
  # through a pipe let it write the next format while the previous one was scanned, so every
  # scan but the last shared the two cores with it (docs/performance.md, "The latest quiet run").
  for format in apple-health spotify twitter messenger tiktok whatsapp chrome-sqlite sms-backup telegram mbox chatgpt firefox gpx \
                semantic-location timeline my-activity-html facebook instagram whatsapp-msgstore imessage sms-ie signal \
                camt053 mt940 qif paypal calendar-ics tcx reddit linkedin youtube-comments; do
    python3 "$root/scripts/bench-formats.py" "$gen" "$root/rules" --mb "$mb" --formats "$format" >"$data/format.tsv"
    IFS=$'\t' read -r name path bytes label <"$data/format.tsv"
    scan "$label" "$path" "$bytes" --no-db
    rm -rf "${gen:?}/$name"
  done
fi

if wants photos; then
  python3 "$root/scripts/bench-formats.py" "$data/photos" "$root/rules" --photos-mb "$photos_mb" --formats photos |
  while IFS=$'\t' read -r _ path bytes label; do
    scan "$label" "$path" "$bytes" --no-db
  done
  rm -rf "$data/photos"
fi

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); the whole benchmark took $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s"
