#!/usr/bin/env python3
"""Renders the demo's HTML report in a real browser (headless Chromium) and checks what a
person would see (docs/reports.md, "Tested in a browser"):

- no console message at all: a Content-Security-Policy violation (any attempted request, any
  script other than the report's own) and every script error show up there;
- the screenshot is not blank: enough of it differs from the page background;
- after the page's script ran, the DOM holds the ladders, a waterfall, the timeline and the map;
- the PDF (the printed handout) keeps every table on one page, as the print stylesheet asks:
  a table cut across pages prints its header again on the next page, so every kind of table
  must print its header line exactly as many times as the report has such tables;
- the comparison of every persona (`steward demo --compare --format html`) loads nothing,
  has no console message, is not blank and holds one table per model.

Usage: check-html-report.py STEWARD_BINARY WORK_DIR [LANG ...]   (default languages: en zh)
Exit 0 when every check passes; each failure is printed with the language and what failed.
"""
import html.parser
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngtool  # noqa: E402

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0"]
WINDOW = (1280, 2400)
# Share of sampled pixels that must differ from the background for a screenshot to count as
# showing something. The demo's first screen (title, six score cards with ladders) is ~12 %.
MINIMUM_INK = 0.03


class Tables(html.parser.HTMLParser):
    """The header cells of every table the print stylesheet keeps on one page (inside a
    div.keep), in document order; long lists (the files read) may run over pages."""

    def __init__(self):
        super().__init__()
        self.headers, self.current, self.cell, self.divs = [], None, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.divs.append("keep" in (dict(attrs).get("class") or "").split())
        elif tag == "thead" and any(self.divs):
            self.current = []
        elif tag == "th" and self.current is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()
        elif tag == "th" and self.cell is not None:
            self.current.append(self.cell.strip())
            self.cell = None
        elif tag == "thead" and self.current is not None:
            self.headers.append(tuple(self.current))
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def run(arguments, timeout=120):
    return subprocess.run(arguments, capture_output=True, text=True, timeout=timeout)


def console_lines(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def blank_screenshot(png, what):
    """A failure when too few sampled pixels differ from the page background."""
    width, height, channels, rows = pngtool.read(png)
    background = tuple(rows[5][:3])
    sampled = inked = 0
    for row in rows[::8]:
        for x in range(0, width * channels, channels * 8):
            sampled += 1
            if sum(abs(row[x + i] - background[i]) for i in range(3)) > 60:
                inked += 1
    if inked / max(1, sampled) < MINIMUM_INK:
        return [f"{what} is blank or nearly so ({inked} of {sampled} sampled pixels differ from the background)"]
    return []


def check(steward, work, language):
    failures = []
    page = os.path.join(work, f"report-{language}.html")
    made = run([steward, "demo", "--no-db", "--format", "html", "--out", page, "--lang", language])
    if made.returncode != 0:
        return [f"steward demo --format html --lang {language} failed: {made.stderr.strip()}"]
    url = "file://" + os.path.abspath(page)
    source = open(page, encoding="utf-8").read()
    for match in re.finditer(r'(?:src|href)\s*=\s*"([^"#][^"]*)"', source):
        failures.append(f"{language}: the page refers to {match.group(1)!r}: a report must load nothing")

    png = os.path.join(work, f"report-{language}.png")
    shot = run(CHROMIUM + [f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={png}", url])
    failures += [f"{language}: browser console: {line}" for line in console_lines(shot.stderr)]
    if not os.path.exists(png):
        failures.append(f"{language}: no screenshot was written: {shot.stderr[-500:]}")
    else:
        failures += blank_screenshot(png, f"{language}: the screenshot")

    dom = run(CHROMIUM + ["--dump-dom", url])
    failures += [f"{language}: browser console: {line}" for line in console_lines(dom.stderr)]
    for selector, wanted in (('class="ladder"', "a ladder"), ('class="waterfall"', "a waterfall"),
                             ('class="timeline"', "the timeline"), ('class="map"', "the map")):
        if selector not in dom.stdout:
            failures.append(f"{language}: the rendered page has no {wanted} ({selector})")

    pdf = os.path.join(work, f"report-{language}.pdf")
    printed = run(CHROMIUM + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url])
    failures += [f"{language}: browser console while printing: {line}" for line in console_lines(printed.stderr)]
    if not os.path.exists(pdf):
        return failures + [f"{language}: no PDF was written: {printed.stderr[-500:]}"]
    text = run(["pdftotext", "-layout", pdf, "-"]).stdout
    pages = text.split("\f")
    # A table cut across pages repeats its header on the next page (thead is a
    # table-header-group): so each kind of table must show its header line exactly as often
    # as the page has such tables.
    parser = Tables()
    parser.feed(source)
    expected = {}
    for header in parser.headers:
        words = [cell.split()[0] for cell in header if cell.split()]
        if len(words) >= 2:
            expected[tuple(words)] = expected.get(tuple(words), 0) + 1
    checked = 0
    for words, count in sorted(expected.items()):
        pattern = re.compile(r"(^|\s)" + r"\s+".join(re.escape(word) for word in words) + r"(\s|$)")
        found = sum(1 for line in text.splitlines() if pattern.search(line))
        if found:
            checked += count
        if found > count:
            failures.append(f"{language}: {found - count} of the {count} tables headed {' | '.join(words)} are cut across pages (their header is printed {found} times)")
    if checked == 0:
        failures.append(f"{language}: no table header of the report was found in the PDF text")
    print(f"check-html-report: {language}: {len(pages) - 1} printed pages, {checked} tables checked, screenshot and DOM checked")
    return failures


def check_comparison(steward, work, language):
    failures = []
    page = os.path.join(work, f"comparison-{language}.html")
    made = run([steward, "demo", "--compare", "--no-db", "--format", "html", "--out", page, "--lang", language], timeout=600)
    if made.returncode != 0:
        return [f"steward demo --compare --format html --lang {language} failed: {made.stderr.strip()}"]
    url = "file://" + os.path.abspath(page)
    source = open(page, encoding="utf-8").read()
    for match in re.finditer(r'(?:src|href)\s*=\s*"([^"#][^"]*)"', source):
        failures.append(f"{language}: the comparison refers to {match.group(1)!r}: it must load nothing")
    png = os.path.join(work, f"comparison-{language}.png")
    shot = run(CHROMIUM + [f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={png}", url])
    failures += [f"{language}: comparison, browser console: {line}" for line in console_lines(shot.stderr)]
    if not os.path.exists(png):
        failures.append(f"{language}: no screenshot of the comparison was written")
    else:
        failures += blank_screenshot(png, f"{language}: the comparison's screenshot")
    dom = run(CHROMIUM + ["--dump-dom", url]).stdout
    tables = dom.count('class="compare"')
    models = dom.count('class="model"')
    if tables == 0 or tables != models:
        failures.append(f"{language}: the comparison shows {tables} model tables for {models} models")
    print(f"check-html-report: {language}: comparison of {tables} models checked")
    return failures


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    steward, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    failures = []
    for language in sys.argv[3:] or ["en", "zh"]:
        failures += check(steward, work, language)
        failures += check_comparison(steward, work, language)
    for failure in failures:
        print("check-html-report: FAIL " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
