#!/usr/bin/env python3
"""Where each format's scan spends its CPU (docs/performance.md, "Where the time goes, per format").

Generates the inputs of scripts/bench-formats.py (PROFILE_MB each, default 100), scans each one
under `perf record -e cpu-clock` with the given release binary (`--jobs 2 --no-db`, as
`make bench` does) and sorts every sample's function into one part of the work:

  load      reading the rules and compiling the lexicon automaton (paid once per scan)
  parse     the format's own parser and readers (Importers, Formats, Archives, SQLite, zlib)
  lexicons  folding text and running the lexicon automaton over it
  rules     the rest of rule matching (conditions, subjects, topics, findings)
  analyzers the statistical analyzers (places, bank patterns, overlap ledger)
  runtime   the Swift runtime and C library: reference counts, allocation, copies
  kernel    the operating system (reading files, page faults, threads)
  other     everything else (the pipeline, the standard library's generic code)

Usage: scripts/profile-formats.py STEWARD_BINARY [FORMAT,...]
Environment: PROFILE_MB (default 100), PROFILE_DATA (work folder, default ./profile-data,
removed afterwards). Needs perf (Debian package linux-perf).
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# A sample belongs to the load when any frame of its stack is loading the rules; otherwise to
# the first frame, from the leaf up, that is not the runtime, the C library or the standard
# library's generic code (so a reference count or an allocation is charged to whoever asked
# for it). First match wins; a Swift symbol names its module after `$s` with its name's length.
LOAD = re.compile(r"RuleSetV4load|RuleSetLoader|RulesOptionV4load")
BUCKETS = [
    ("lexicons", re.compile(r"LexiconAutomaton|FoldedFieldCache|TextFolder|HanSimplification|SearchSpellingIndex")),
    ("analyzers", re.compile(r"Analyzer|TransactionTextScanner|BankCodes|PayeeWords|Overlap|LocationEvidence|PlaceHour|"
                             r"PaymentMirrors")),
    ("parse", re.compile(r"\$s9Importers|\$s7Formats|\$s8Archives|sqlite3|inflate|crc32|adler32|ZIPFoundation")),
    ("rules", re.compile(r"\$s5Rules")),
]
RUNTIME = re.compile(r"^(swift_|_swift_|swift::|\$ss|\$sS|malloc|free|_int_|__memmove|__memcpy|__memset|__memcmp|"
                     r"__strlen|cfree|realloc|calloc|__lll_|pthread_|_dl_|__GI_|\[unknown\])")
ORDER = ["load", "parse", "lexicons", "rules", "analyzers", "runtime", "kernel", "other"]


def bucket(frames):
    """frames: (symbol, is_kernel) from the leaf up."""
    if not frames:
        return "other"
    if any(LOAD.search(symbol) for symbol, _ in frames):
        return "load"
    if frames[0][1]:
        return "kernel"
    for symbol, is_kernel in frames:
        if is_kernel or RUNTIME.search(symbol):
            continue
        for name, pattern in BUCKETS:
            if pattern.search(symbol):
                return name
        return "other"
    return "runtime"


def profile(binary, path, work):
    data = os.path.join(work, "perf.data")
    scan = [binary, "scan", path, "--jobs", "2", "--no-progress", "--format", "json",
            "--rules", os.path.join(ROOT, "rules"), "--no-db"]
    subprocess.run(["perf", "record", "-q", "-g", "-e", "cpu-clock", "-F", "999", "-o", data, "--"] + scan,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"], check=True,
                            capture_output=True, text=True, errors="replace").stdout
    counts = dict.fromkeys(ORDER, 0)
    frame = re.compile(r"^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)$")
    for block in script.split("\n\n"):
        frames = []
        for text in block.splitlines():
            m = frame.match(text)
            if m:
                frames.append((m.group(1), m.group(2) == "[kernel.kallsyms]"))
        if frames:
            counts[bucket(frames)] += 1
    total = max(1, sum(counts.values()))
    return {k: 100.0 * v / total for k, v in counts.items()}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.realpath(sys.argv[1])
    if shutil.which("perf") is None:
        sys.exit("profile-formats: perf is missing (apt-get install linux-perf)")
    mb = os.environ.get("PROFILE_MB", "100")
    work = os.environ.get("PROFILE_DATA", os.path.join(ROOT, "profile-data"))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    try:
        generate = [sys.executable, os.path.join(HERE, "bench-formats.py"), "--mb", mb, "--photos-mb", mb]
        if len(sys.argv) > 2:
            generate += ["--formats", sys.argv[2]]
        generated = subprocess.run(generate + [work, os.path.join(ROOT, "rules")], check=True,
                                   capture_output=True, text=True).stdout
        print(f"Share of CPU samples (perf cpu-clock), `steward scan --jobs 2 --no-db`, {mb} MB per input")
        print()
        print("| input | " + " | ".join(ORDER) + " |")
        print("|---|" + "---|" * len(ORDER))
        for row in generated.splitlines():
            name, path, _size, label = row.split("\t")
            shares = profile(binary, path, work)
            print(f"| {label} | " + " | ".join(f"{shares[k]:.0f} %" for k in ORDER) + " |", flush=True)
            shutil.rmtree(os.path.join(work, name), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
