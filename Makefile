# labfeed — make targets. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= feeds.yml
# Debug builds share one build with the tests; `make install` builds release.
CONFIGURATION ?= debug
# Release builds link the Swift runtime and Foundation statically: the binary needs no Swift
# toolchain where it is installed, and starts in half the time (docs/OPERATIONS.md, "Installing").
RELEASE_FLAGS ?= -c release --static-swift-stdlib
BIN := .build/$(CONFIGURATION)/labfeed

.PHONY: all deps build release test test-hostile test-asan fuzz bench bench-workers demo run serve check check-units install uninstall clean

all: build

## deps: install the missing system packages (libcurl, libxml2 headers, PostgreSQL for the tests) with apt-get
deps:
	@scripts/install-deps.sh

## build: compile labfeed
build: deps
	$(SWIFT) build -c $(CONFIGURATION)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## test: build and run the whole test suite (the hostile suite included, about 2 min of it), beside a
## throwaway PostgreSQL server (scripts/with-postgres.sh)
test: deps
	$(SWIFT) build --build-tests
	# One test at a time: several suites wait on child processes, which blocks threads of Swift's
	# small cooperative pool and starved the daemon's scheduler tests when run side by side.
	scripts/with-postgres.sh $(SWIFT) test --skip-build --no-parallel

## test-hostile: only labfeed against hostile loopback servers, and killed mid-sync
test-hostile: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel --filter LabfeedHostileTests

## test-asan: the whole suite under AddressSanitizer, in its own build directory (slow)
test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LABFEED_ASAN_RUN=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt $(SWIFT) test --skip-build --no-parallel --sanitize=address --scratch-path .build-asan

## fuzz: each libFuzzer target for FUZZ_SECONDS (default 60), seeded from the fixtures
FUZZ_SECONDS ?= 60
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

## bench: labfeed beside curl, feedparser, extruct and xmllint; writes docs/PERFORMANCE.md
bench: deps
	Benchmarks/report/run.sh

## bench-workers: 1, 2 and 3 `labfeed run` over 1,000 loopback sources (50 ms) on a throwaway PostgreSQL
bench-workers: deps
	Benchmarks/workers/run.sh


DEMO_ADDR ?= 127.0.0.1:8787

## demo: the offline first run: serve examples/site/ on $(DEMO_ADDR) with `labfeed serve --root`,
## sync examples/demo-http.yml from it into Output/, stop the server
demo: build
	@echo "== labfeed check on examples/demo-http.yml"
	$(BIN) check --config examples/demo-http.yml
	@set -euo pipefail; \
	ready=$$(mktemp -u /tmp/labfeed-demo-ready.XXXXXX); \
	$(BIN) serve --root examples/site --listen $(DEMO_ADDR) --ready-file "$$ready" & server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null; rm -f "$$ready"' EXIT; \
	for i in $$(seq 1 300); do \
	  [ -s "$$ready" ] && break; \
	  kill -0 $$server 2>/dev/null || { echo "demo: the sample-site server did not start" >&2; exit 1; }; \
	  sleep 0.1; \
	done; \
	[ -s "$$ready" ] || { echo "demo: the sample-site server did not answer within 30 s" >&2; exit 1; }; \
	echo "== sample sites served at $$(cat "$$ready")"; \
	echo "== labfeed sync --config examples/demo-http.yml --all --now 2022-11-04"; \
	$(BIN) sync --config examples/demo-http.yml --all --now 2022-11-04
	@echo
	@echo "Outputs in $(CURDIR)/Output/: index.html (open it in a browser), programme.json,"
	@echo "programme.ics, programme.csv, programme.atom. Browse them with:"
	@echo "  $(BIN) serve --config examples/demo-http.yml   # then http://127.0.0.1:8080/"

## serve: serve the programme of $(CONFIG) on 127.0.0.1:8080
serve: build
	$(BIN) serve --config $(CONFIG)

## check: validate $(CONFIG)
check: build
	$(BIN) check --config $(CONFIG)

## run: run the daemon on $(CONFIG) in the foreground, serving on 127.0.0.1:8080 (Ctrl-C stops it)
run: build
	$(BIN) run --config $(CONFIG) --listen 127.0.0.1:8080

## check-units: systemd-analyze verify on systemd/*, security rating of labfeed.service (<= 1.5)
check-units:
	@scripts/check-units.sh

## install: the binary and the systemd units under $(DESTDIR)$(PREFIX)
install: release
	install -D -m 0755 .build/release/labfeed $(DESTDIR)$(PREFIX)/bin/labfeed
	install -D -m 0644 feeds.yml $(DESTDIR)/etc/labfeed/feeds.yml.example
	install -D -m 0644 docs/OPERATIONS.md $(DESTDIR)$(PREFIX)/share/doc/labfeed/OPERATIONS.md
	@if ls systemd/*.service systemd/*.timer >/dev/null 2>&1; then \
	  for unit in systemd/*.service systemd/*.timer; do \
	    tmp=$$(mktemp); \
	    sed 's#/usr/local/bin/labfeed#$(PREFIX)/bin/labfeed#g; s#/usr/local/share/doc#$(PREFIX)/share/doc#g' $$unit > $$tmp; \
	    install -D -m 0644 $$tmp $(DESTDIR)$(PREFIX)/lib/systemd/system/$$(basename $$unit); \
	    rm -f $$tmp; \
	  done; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/labfeed $(DESTDIR)$(PREFIX)/share/doc/labfeed/OPERATIONS.md
	rm -f $(DESTDIR)$(PREFIX)/lib/systemd/system/labfeed*.service $(DESTDIR)$(PREFIX)/lib/systemd/system/labfeed*.timer

clean:
	rm -rf .build
