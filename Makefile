# labfeed — make targets. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= feeds.yml
# Debug builds share one build with the tests; `make install` builds release.
CONFIGURATION ?= debug
BIN := .build/$(CONFIGURATION)/labfeed

.PHONY: all deps build release test demo run check install uninstall clean

all: build

## deps: install the missing system packages (libcurl, libxml2 headers) with apt-get
deps:
	@scripts/install-deps.sh

## build: compile labfeed
build: deps
	$(SWIFT) build -c $(CONFIGURATION)

release: deps
	$(SWIFT) build -c release

## test: build and run the whole test suite
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: the offline first run: a real sync of the sample sites in examples/site into Output/
demo: build
	@echo "== labfeed check --config examples/demo.yml"
	$(BIN) check --config examples/demo.yml --quiet
	@echo "== labfeed sync --config examples/demo.yml --all (as on 4 November 2022, when the sample was written)"
	$(BIN) sync --config examples/demo.yml --all --now 2022-11-04
	@echo
	@echo "The programme is in Output/: open Output/index.html in a browser;"
	@echo "Output/programme.json is what other tools read (schema: Output/programme.schema.json)."

## check: validate $(CONFIG)
check: build
	$(BIN) check --config $(CONFIG)

## run: sync the real sources of $(CONFIG) into its output directory (needs internet access)
run: build
	$(BIN) check --config $(CONFIG) --quiet
	$(BIN) sync --config $(CONFIG)

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
