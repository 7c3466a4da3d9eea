# Gazette's build, checks and tests. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# The stages of `make test` depend on one another's order; never run them in parallel.
.NOTPARALLEL:

# Go files under version control plus new ones not yet added (but not ignored ones).
GO_FILES = $(shell git ls-files --cached --others --exclude-standard -- '*.go')

.PHONY: test deps fmt-check vet generate-check test-go test-race bench generate lint build audit

## test: everything CI checks, in order; browser and HTML tests must run, not skip
test: deps fmt-check vet generate-check test-go test-race

deps:
	scripts/install-test-deps.sh

fmt-check:
	@bad="$$(gofmt -l $(wildcard $(GO_FILES)))"; \
	if [ -n "$$bad" ]; then echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$bad"; exit 1; fi

vet:
	go vet ./...

# Generated templ files are committed; regenerating must change nothing.
generate-check:
	go tool templ fmt -fail .
	go tool templ generate
	@git diff --exit-code -- '*_templ.go' || \
		{ echo "generated *_templ.go files are out of date: run 'make generate' and commit them"; exit 1; }

# go test's default 10-minute limit per package is not a budget but a hang detector: on a
# loaded 2-core machine the cmd package (three corpus round trips, browsers) went past it.
# GAZETTE_CORPORA=1: a test whose shared corpus or fixture (../shared) is missing fails, not skips.
test-go:
	GAZETTE_BROWSER_TESTS=1 GAZETTE_HTML_CHECK=1 GAZETTE_CORPORA=1 go test -count=1 -timeout 60m ./...

test-race:
	GAZETTE_CORPORA=1 go test -count=1 -timeout 60m -race ./handlers/... ./data/... ./reader/... ./editing/... ./ratelimit/...

## bench: every Go benchmark, then Gazette beside ../shared/bench's anchors at 10,000 and
## 100,000 articles (scripts/bench.sh; seeds its corpora and stores once under $$TMPDIR)
bench:
	go test -run '^$$' -bench . -benchmem -timeout 60m ./...
	bash scripts/bench.sh

## audit: Lighthouse over the reader pages of the demo and of an imported site (scripts/audit.sh);
## too slow for `make test`
audit: deps
	bash scripts/audit.sh

## generate: regenerate *_templ.go from the .templ files
generate:
	go tool templ generate

## lint: formatting and vet, without running tests (templ fmt rewrites files it would change)
lint: fmt-check vet
	go tool templ fmt -fail .

## build: a static binary
build:
	CGO_ENABLED=0 go build -o gazette ./cmd/gazette
