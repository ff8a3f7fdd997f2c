# The two set-up commands are `make run` and `make test`; both install what they
# need first (scripts/bootstrap is idempotent and quick when all is present).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# Cargo builds into each checkout's own target/. A target directory shared by
# several checkouts is not safe: cargo judges freshness by file times and
# fingerprints workspace crates by their path inside the workspace, so one
# checkout could reuse another checkout's (older) build of the same crate.

.PHONY: run dev test bench bootstrap spa

## run: build everything and serve the portal in demo mode on http://127.0.0.1:8080
run: bootstrap
	scripts/build-spa
	cargo run --release -p upsers-api -- serve --demo --bind 127.0.0.1:8080 --dist dist

## dev: API in demo mode + trunk serve with live reload on http://127.0.0.1:8081
dev: bootstrap
	scripts/dev

## test: formatting, clippy (native and wasm32), native, browser and e2e tests
test: bootstrap
	scripts/test-all

## bench: first-load weight (make test holds its 151 KB budget), sign-in throughput, session latency
bench: bootstrap
	bench/run

bootstrap:
	scripts/bootstrap

spa: bootstrap
	scripts/build-spa
