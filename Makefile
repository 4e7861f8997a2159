# steward — the README's two commands are `make demo` and `make test`.
# Every target installs what it needs when it is missing (Debian packages, as root or via sudo).

SWIFT        ?= swift
BUILD_DIR    ?= .build
BIN          := $(BUILD_DIR)/debug/steward
RELEASE_BIN  := $(BUILD_DIR)/release/steward
# A self-contained release: the Swift runtime and Foundation linked in, so the binary needs only
# C libraries every Debian/Ubuntu system has (README.md, "Install"; checked by make test-install).
RELEASE_FLAGS := -c release --static-swift-stdlib
# Man page and shell completions generated from the release binary's ArgumentParser definitions.
DIST         := $(BUILD_DIR)/dist
# The man page's date: the last commit's, so the same commit gives the same page.
MAN_DATE     ?= $(shell git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
PREFIX       ?= /usr/local
DESTDIR      ?=
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Where `make install` puts each file, under $(DESTDIR)$(PREFIX).
INSTALLED    := bin/steward share/man/man1/steward.1 share/bash-completion/completions/steward \
                share/zsh/site-functions/_steward share/fish/vendor_completions.d/steward.fish

.PHONY: all build release dist demo test test-html browser-deps eval test-install bench fuzz fuzz-build fuzz-smoke install install-files uninstall deb deps clean

all: build

# libsqlite3-dev: the store links the system SQLite; binutils (readelf) and strace: the
# privacy tests prove the binary links no networking library and makes no network call;
# time (GNU time): the adversarial corpus test measures the scan's peak memory.
deps:
	@missing=""; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	command -v readelf >/dev/null 2>&1 || missing="$$missing binutils"; \
	command -v strace >/dev/null 2>&1 || missing="$$missing strace"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "swift not found: this project needs Swift 6.x on PATH"; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product steward

# steward.1 comes from swift-argument-parser's generate-manual plugin, run on the debug build
# (the plugin builds the package itself and cannot pass --static-swift-stdlib, which would relink
# the release binary; the page is the same for both); the completions from the release binary.
dist: release
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE) >/dev/null
	cp $(BUILD_DIR)/plugins/GenerateManual/outputs/steward/steward.1 $(DIST)/steward.1
	$(RELEASE_BIN) --generate-completion-script bash > $(DIST)/steward.bash
	$(RELEASE_BIN) --generate-completion-script zsh > $(DIST)/_steward
	$(RELEASE_BIN) --generate-completion-script fish > $(DIST)/steward.fish

# Writes the built-in synthetic persona's exports (bank CSV, OFX, Google Takeout zip) to a
# temporary folder, scans them and prints the terminal report. No data of yours is read.
demo: build
	$(BIN) demo sam

# Everything the project checks: unit tests, every rule and model example (inside the XCTest
# suite and again through the CLI), CLI end-to-end tests, privacy tests and the conformance
# test over the sample corpus (docs/architecture.md, "Sample exports"; skipped, saying so,
# when that folder is absent), and a few seconds of every fuzz harness (fuzz-smoke, below).
test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	$(BIN) rules lint
	$(BIN) rules test
	$(MAKE) --no-print-directory fuzz-smoke
	$(MAKE) --no-print-directory test-html

# The HTML report in a real browser (docs/reports.md, "Tested in a browser"): headless
# Chromium renders the demo's dossier in English and Chinese to PNG and PDF; any console
# message (a blocked request, a script error), a blank screenshot, a missing chart or a table
# cut across printed pages fails.
test-html: browser-deps
	python3 scripts/check-html-report.py $(BIN) $(BUILD_DIR)/html-check en zh

browser-deps:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-wqy-zenhei; }

# Precision, recall and F1 of the rules on the labelled evaluation set under eval/ (per
# attribute, language and rule) and every error: a measurement, so not part of `make test`
# (its code is built and unit-tested there). docs/rules.md, "Evaluation".
# EVAL_FLAGS passes options, e.g. `make eval EVAL_FLAGS="--require-f1 0.95"`.
eval: build
	$(BUILD_DIR)/debug/steward-eval --rules rules --cases eval $(EVAL_FLAGS)

# Throughput, CPU seconds and peak RSS of a release build per export format (>= 200 MB each in
# its real format) and end to end over a generated Takeout, with ripgrep over the same Takeout
# as the yardstick (docs/performance.md). BENCH_FLAGS passes the environment of scripts/bench.sh,
# e.g. `make bench BENCH_FLAGS="BENCH_PHOTOS_MB=5000 BENCH_X2=1"`.
bench: release
	@missing=""; [ -x /usr/bin/time ] || missing="$$missing time"; command -v rg >/dev/null 2>&1 || missing="$$missing ripgrep"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	env $(BENCH_FLAGS) ./scripts/bench.sh $(RELEASE_BIN)

# libFuzzer over the parsers that read untrusted bytes (Fuzz/, docs/privacy.md "Fuzzing"): the
# streaming JSON parser, the CSV reader, the markup tokenizer (and the XML/HTML importers on it),
# the tar/gzip reader, the Exif reader, the FIT reader, the SQLite importers and the typedstream
# decoder of iMessage's attributedBody. FUZZ_SECONDS per target (default
# 20), seeds from Fuzz/seeds/<name>, a dictionary per format (Fuzz/<name>.dict); the corpus grows
# in .build/fuzz/corpus-*, crashing inputs land in .build/fuzz/crashes/ and fail the target.
# Built in its own build folder so the sanitizers never reach the normal build (-enable-testing:
# the tar harness reaches the internal tar reader). FUZZ_TARGETS picks some of them.
FUZZ_SECONDS ?= 20
FUZZ_BUILD   := $(BUILD_DIR)/fuzz
FUZZ_TARGETS ?= json csv markup tar exif sqlite importer fit typedstream
fuzz_product  = $$(echo $(1) | sed 's/^json$$/JSONFuzzer/;s/^csv$$/CSVFuzzer/;s/^markup$$/MarkupFuzzer/;s/^tar$$/TarFuzzer/;s/^exif$$/ExifFuzzer/;s/^sqlite$$/SQLiteFuzzer/;s/^importer$$/ImporterFuzzer/;s/^fit$$/FITFuzzer/;s/^typedstream$$/TypedStreamFuzzer/')
fuzz: deps fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes
	@for t in $(FUZZ_TARGETS); do \
	  p=$(call fuzz_product,$$t); \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
	  echo "== $$p ($(FUZZ_SECONDS) s)"; \
	  $(FUZZ_BUILD)/release/$$p -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 -timeout=10 -dict=Fuzz/$$t.dict \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- -print_final_stats=1 $(FUZZ_BUILD)/corpus-$$t Fuzz/seeds/$$t || exit 1; \
	done

fuzz-build:
	@for t in $(FUZZ_TARGETS); do \
	  STEWARD_FUZZ=1 $(SWIFT) build -c release --build-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address \
	    -Xswiftc -enable-testing --product $(call fuzz_product,$$t) || exit 1; \
	done

# The fuzz smoke `make test` runs: every harness for FUZZ_SMOKE_SECONDS (default 3) from its seeds,
# plus every input in Fuzz/regressions/<name> (inputs that once crashed, replayed once each), in
# a debug build of its own (about a minute from scratch). Toolchains that cannot build libFuzzer
# harnesses (no -sanitize=fuzzer, as on macOS without a full LLVM) skip it and say so.
FUZZ_SMOKE_SECONDS ?= 3
FUZZ_SMOKE_BUILD   := $(BUILD_DIR)/fuzz-smoke
fuzz-smoke:
	@probe=$$(mktemp -d); echo 'public func probe() {}' > $$probe/probe.swift; \
	if ! $(SWIFT)c -sanitize=fuzzer,address -parse-as-library -emit-object -o $$probe/probe.o $$probe/probe.swift >/dev/null 2>&1; then \
	  rm -rf $$probe; echo "fuzz smoke SKIPPED: this Swift toolchain cannot build libFuzzer harnesses (-sanitize=fuzzer,address)"; exit 0; fi; \
	rm -rf $$probe; \
	for t in $(FUZZ_TARGETS); do \
	  p=$(call fuzz_product,$$t); \
	  STEWARD_FUZZ=1 $(SWIFT) build --build-path $(FUZZ_SMOKE_BUILD) -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
	    --product $$p >$(FUZZ_SMOKE_BUILD).log 2>&1 || { cat $(FUZZ_SMOKE_BUILD).log; exit 1; }; \
	done; \
	for t in $(FUZZ_TARGETS); do \
	  p=$(call fuzz_product,$$t); bin=$(FUZZ_SMOKE_BUILD)/debug/$$p; \
	  if [ -d Fuzz/regressions/$$t ] && [ -n "$$(ls Fuzz/regressions/$$t)" ]; then \
	    $$bin -rss_limit_mb=1024 -timeout=10 Fuzz/regressions/$$t/* >$(FUZZ_SMOKE_BUILD)-$$t.log 2>&1 || { cat $(FUZZ_SMOKE_BUILD)-$$t.log; echo "fuzz smoke: $$p fails on a regression input"; exit 1; }; fi; \
	  rm -rf $(FUZZ_SMOKE_BUILD)/corpus-$$t; mkdir -p $(FUZZ_SMOKE_BUILD)/corpus-$$t $(FUZZ_SMOKE_BUILD)/crashes; \
	  $$bin -max_total_time=$(FUZZ_SMOKE_SECONDS) -rss_limit_mb=1024 -timeout=10 -dict=Fuzz/$$t.dict -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_SMOKE_BUILD)/crashes/$$t- $(FUZZ_SMOKE_BUILD)/corpus-$$t Fuzz/seeds/$$t >$(FUZZ_SMOKE_BUILD)-$$t.log 2>&1 \
	    || { cat $(FUZZ_SMOKE_BUILD)-$$t.log; echo "fuzz smoke: $$p FAILED (input in $(FUZZ_SMOKE_BUILD)/crashes)"; exit 1; }; \
	  echo "fuzz smoke: $$p $$(grep -o 'number_of_executed_units: [0-9]*' $(FUZZ_SMOKE_BUILD)-$$t.log | grep -o '[0-9]*') executions in $(FUZZ_SMOKE_SECONDS) s, no finding"; \
	done

# The binary (rules built in; stripped of its debugging symbols, 93 MB → 66 MB), its man page
# and bash, zsh and fish completions.
install: dist
	$(MAKE) --no-print-directory install-files

install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 -s $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/steward
	install -m 0644 $(DIST)/steward.1 $(DESTDIR)$(PREFIX)/share/man/man1/steward.1
	install -m 0644 $(DIST)/steward.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/steward
	install -m 0644 $(DIST)/_steward $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_steward
	install -m 0644 $(DIST)/steward.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/steward.fish

# Also removes the rules folder that installs before the rules were built in put there.
uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALLED))
	rm -rf $(DESTDIR)$(PREFIX)/share/steward/rules
	rmdir $(DESTDIR)$(PREFIX)/share/steward 2>/dev/null || true

# steward_<version>_<arch>.deb: the files of `make install PREFIX=/usr`, Depends: the runtime
# library packages the binary links (scripts/make-deb.sh).
deb: dist
	rm -rf $(BUILD_DIR)/deb && mkdir -p $(BUILD_DIR)/deb/root
	$(MAKE) --no-print-directory install-files PREFIX=/usr DESTDIR=$(abspath $(BUILD_DIR)/deb/root)
	scripts/make-deb.sh $(BUILD_DIR)/deb/root $(BUILD_DIR)/deb

# The release checks (CI runs them after make test): the binary links only the C libraries the
# README names and runs `steward demo` copied alone with a bare environment; make install and
# uninstall; the .deb unpacks and runs with no Swift on the PATH.
test-install: deb
	scripts/check-release.sh $(RELEASE_BIN) $(wildcard $(BUILD_DIR)/deb/steward_*.deb)

clean:
	rm -rf $(BUILD_DIR) bench-data profile-data
