# labfeed — make targets. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= feeds.yml
# Debug builds share one build with the tests; `make install` builds release.
CONFIGURATION ?= debug
BIN := .build/$(CONFIGURATION)/labfeed

.PHONY: all deps build release test test-hostile test-asan fuzz bench demo run check install uninstall clean

all: build

## deps: install the missing system packages (libcurl, libxml2 headers) with apt-get
deps:
	@scripts/install-deps.sh

## build: compile labfeed
build: deps
	$(SWIFT) build -c $(CONFIGURATION)

release: deps
	$(SWIFT) build -c release

## test: build and run the whole test suite (the hostile suite included, about 40 s of it)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## test-hostile: only labfeed against hostile loopback servers, and killed mid-sync
test-hostile: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter LabfeedHostileTests

## test-asan: the whole suite under AddressSanitizer, in its own build directory (slow)
test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## fuzz: each libFuzzer target for FUZZ_SECONDS (default 60), seeded from the fixtures
FUZZ_SECONDS ?= 60
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

## bench: labfeed beside curl, feedparser, extruct and xmllint; writes docs/PERFORMANCE.md
bench: deps
	Benchmarks/report/run.sh

## demo: the offline first run, on the example configuration
demo: build
	@echo "== labfeed check on examples/demo.yml"
	$(BIN) check --config examples/demo.yml

## check: validate $(CONFIG)
check: build
	$(BIN) check --config $(CONFIG)

## run: validate the real sources of $(CONFIG) (syncing them arrives with `labfeed sync`)
run: build
	$(BIN) check --config $(CONFIG)

## install: the binary and the systemd units under $(DESTDIR)$(PREFIX)
install: release
	install -D -m 0755 .build/release/labfeed $(DESTDIR)$(PREFIX)/bin/labfeed
	install -D -m 0644 feeds.yml $(DESTDIR)/etc/labfeed/feeds.yml.example
	@if ls systemd/*.service systemd/*.timer >/dev/null 2>&1; then \
	  for unit in systemd/*.service systemd/*.timer; do \
	    install -D -m 0644 $$unit $(DESTDIR)$(PREFIX)/lib/systemd/system/$$(basename $$unit); \
	  done; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/labfeed
	rm -f $(DESTDIR)$(PREFIX)/lib/systemd/system/labfeed*.service $(DESTDIR)$(PREFIX)/lib/systemd/system/labfeed*.timer

clean:
	rm -rf .build
