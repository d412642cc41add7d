# jitbook: `make site` renders the book, `make test` runs every test and every chapter example.
# Both first install missing Debian packages (scripts/install-deps.sh).

SWIFT ?= swift

.PHONY: all deps build site test doctor tangle clean-site

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

tangle: build
	$$($(SWIFT) build -c release --show-bin-path)/jitbook tangle --out tangled

clean-site:
	rm -rf site/out
