# steward — the README's two commands are `make demo` and `make test`.
# Every target installs what it needs when it is missing (Debian packages, as root or via sudo).

SWIFT        ?= swift
BUILD_DIR    ?= .build
BIN          := $(BUILD_DIR)/debug/steward
RELEASE_BIN  := $(BUILD_DIR)/release/steward
PREFIX       ?= /usr/local
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build release demo test bench install deps clean

all: build

# libsqlite3-dev: the store links the system SQLite; binutils (readelf) and strace: the
# privacy tests prove the binary links no networking library and makes no network call.
deps:
	@missing=""; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	command -v readelf >/dev/null 2>&1 || missing="$$missing binutils"; \
	command -v strace >/dev/null 2>&1 || missing="$$missing strace"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "swift not found: this project needs Swift 6.x on PATH"; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Writes the built-in synthetic persona's exports (bank CSV, OFX, Google Takeout zip) to a
# temporary folder, scans them and prints the terminal report. No data of yours is read.
demo: build
	$(BIN) demo sam

# Everything the project checks: unit tests, every rule and model example (inside the XCTest
# suite and again through the CLI), CLI end-to-end tests, privacy tests and the conformance
# test over the sample corpus (docs/architecture.md, "Sample exports"; skipped, saying so,
# when that folder is absent).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	$(BIN) rules lint
	$(BIN) rules test

# Throughput (MB/s) and peak RSS of a release build over >= 100 MB of generated exports.
bench: release
	@command -v /usr/bin/time >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
	./scripts/bench.sh $(RELEASE_BIN)

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/steward
	install -m 0755 $(RELEASE_BIN) $(PREFIX)/bin/steward
	rm -rf $(PREFIX)/share/steward/rules && cp -R rules $(PREFIX)/share/steward/rules

clean:
	rm -rf $(BUILD_DIR) bench-data
