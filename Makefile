# jitbook: `make site` renders the book, `make test` runs every test and every chapter example.
# Both first install missing Debian packages (scripts/install-deps.sh).

SWIFT ?= swift

.PHONY: all deps build site test doctor tangle clean-site screenshots serve bench fuzz fuzz-asan fuzz-ubsan

all: test

deps:
	bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

# Renders chapters/*.md to site/out/, checking every listing against the JIT.
# Writes the site even when a listing is stale, then fails.
site: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook render

# Unit tests of every module plus ChapterTests (one test case per chapter example).
test: deps
	$(SWIFT) test

# Checks every external tool by using it; names the Debian package for each one missing.
doctor: deps
	$(SWIFT) build
	$$($(SWIFT) build --show-bin-path)/jitbook doctor

# Screenshots of three pages (and a phone-width and a dark one) in site/out/screenshots/;
# taken even when a listing is stale (the site shows it).
screenshots: build
	bash scripts/install-deps.sh --with-chromium
	$$($(SWIFT) build -c release --show-bin-path)/jitbook render || test -f site/out/index.html
	bash scripts/screenshots.sh site/out

# The book on http://127.0.0.1:8000/, re-verified and reloaded as chapters change.
serve: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook serve

# The benchmark (release build): JIT throughput, code, run time and the book against mono; a table and JSON.
bench: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook bench

# The mutation fuzzer (release build), FUZZ_SECONDS per target (default 60); findings in .build/fuzz.
FUZZ_SECONDS ?= 60
fuzz: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook fuzz --seconds $(FUZZ_SECONDS)

# The fuzzer built with AddressSanitizer in its own build path (.build/asan): the driver and its workers
# are the sanitized jitbook, and a report ends the worker, a crash whose whole report is saved beside
# the input in .build/fuzz-asan (TARGET-crash-N.stderr.txt). Leak checking is off (the worker's exit).
ASAN_BUILD ?= .build/asan
fuzz-asan: deps
	$(SWIFT) build -c release --build-path $(ASAN_BUILD) -Xswiftc -sanitize=address
	ASAN_OPTIONS=detect_leaks=0 $$($(SWIFT) build -c release --build-path $(ASAN_BUILD) --show-bin-path)/jitbook \
		fuzz --seconds $(FUZZ_SECONDS) --out .build/fuzz-asan

# swiftc has no -sanitize=undefined on Linux, and jitbook's only C is the runtime that runs generated
# code, built by jitbook itself: JITBOOK_RUNTIME_SANITIZE=undefined builds it with UBSan (x64 and arm64),
# and the differential target runs random programs on it; a report fails the program's comparison.
fuzz-ubsan: build
	JITBOOK_RUNTIME_SANITIZE=undefined $$($(SWIFT) build -c release --show-bin-path)/jitbook \
		fuzz --target differential --seconds $(FUZZ_SECONDS) --out .build/fuzz-ubsan

tangle: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook tangle --out tangled

clean-site:
	rm -rf site/out
