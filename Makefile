# gokernel — build, run the tutorial notebook, and test.
#
#   make run    build gokernel and execute notebooks/xor.ipynb headlessly
#   make test   install test dependencies (Debian packages) and run every test
#
GO      ?= go
PYTHON  ?= /usr/bin/python3
BIN     := bin/gokernel
OUT     := build

.PHONY: all build run test test-deps test-go lint generate check-generate bench

all: build

build:
	$(GO) build -o $(BIN) ./cmd/gokernel

# The main job: execute the tutorial end to end; the executed copy lands in $(OUT)/.
run: build
	@mkdir -p $(OUT)
	$(BIN) run notebooks/xor.ipynb -o $(OUT)/xor.ipynb
	@echo "executed notebook: $(OUT)/xor.ipynb"

# Every test. Installs what it needs first (apt-get as root; idempotent).
test: test-deps lint check-generate test-go test-robust test-difftest test-conformance test-notebook test-image test-browser test-console test-lab test-hub

test-deps:
	scripts/install-test-deps

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "not gofmt-formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 ./...

# The differential test (test/difftest): the corpus of programs compiled
# with go build (one binary) and run through the engine cell by cell;
# fails when a program differs that test/difftest/gaps.txt does not list.
# Separate from test-go because a cold build cache makes it take about a
# minute (a warm one: ~10 s). The table per area: `make difftest-report`.
.PHONY: test-difftest difftest-report
test-difftest:
	DIFFTEST=1 GO=$(GO) $(GO) test -count=1 -run TestDifferential ./test/difftest/

difftest-report:
	$(GO) run ./test/difftest/cmd/difftest -bench -o test/difftest/RESULTS.md

generate:
	$(GO) generate ./...

# Fails when the checked-in generated files differ from what go generate makes.
check-generate: generate
	@git diff --exit-code --stat -- symbols/ || (echo "generated files are stale: run 'make generate' and commit"; exit 1)

# Notebook suites. test-notebook: each test/nbclient/*.expect.json notebook
# through nbclient (once, and every cell twice) against the kernelspec of
# `gokernel install --prefix`, and through `gokernel run`. test-image: the
# Docker image's build steps (scripts/build-image-root), then its notebooks
# executed with that installation. test-browser: the classic Notebook server
# and Debian's chromium (playwright-core, npm ci in test/browser) run the same
# notebooks as a student would; screenshots in $(OUT)/browser/.
.PHONY: test-notebook test-image test-browser
test-notebook:
	test/nbclient/run-tests

# The Go version of the Dockerfile's build stage (ARG GO_VERSION); the
# toolchain comes through the Go module proxy.
IMAGE_GO := $(shell sed -n 's/^ARG GO_VERSION=//p' Dockerfile)

test-image:
	$(PYTHON) scripts/check-dockerfile Dockerfile
	GOTOOLCHAIN=go$(IMAGE_GO) scripts/build-image-root all $(OUT)/image-root notebook/testdata/smoke.ipynb

test-browser:
	test/browser/run

# JupyterLab 4 built from npm (test/lab: package.json and its lock file;
# npm ci and webpack, cached by the lock file's hash under ~/.cache/gokernel/lab)
# served by Debian's jupyter_server and jupyterlab_server; Debian's chromium
# (playwright-core) restarts and runs all of xor.ipynb, Tab-completes,
# Shift-Tab-inspects, interrupts and restarts the kernel as a student would.
# Screenshot in $(OUT)/lab/ (docs/screenshot-lab.png is a copy).
.PHONY: test-lab
test-lab:
	GO=$(GO) PYTHON=$(PYTHON) test/lab/run

# A JupyterHub classroom on 127.0.0.1 (Debian's jupyterhub and
# configurable-http-proxy, dummy authenticator, SimpleLocalProcessSpawner):
# STUDENTS students (5 here; 20 for the README's classroom table:
# make bench-hub) run xor.ipynb at once through the hub's proxy and the
# kernel websocket; no failure, identical outputs, no kernel restart.
# Prints wall time, each student's times and kernel RSS/PSS; build/hub/.
.PHONY: test-hub bench-hub
test-hub:
	GO=$(GO) PYTHON=$(PYTHON) STUDENTS=5 test/hub/run

bench-hub:
	GO=$(GO) PYTHON=$(PYTHON) STUDENTS=20 test/hub/run

# nnlib's benchmark table against PyTorch (Debian python3-torch, installed
# with apt-get if missing); the committed copy is nnlib/BENCHMARKS.md.
.PHONY: bench-nn
bench-nn:
	@dpkg-query -W -f='$${Status}' python3-torch 2>/dev/null | grep -q "ok installed" || \
		{ s=""; [ "$$(id -u)" -eq 0 ] || s=sudo; $$s apt-get install -y -qq --no-install-recommends python3-torch; }
	$(GO) test -run '^$$' -bench . -benchmem ./nnlib/
	$(GO) run ./bench/nnbench -python $(PYTHON)

# The community protocol suite (Debian python3-jupyter-kernel-test) against
# the built gokernel, installed into a temporary prefix.
.PHONY: test-conformance
test-conformance:
	GO=$(GO) PYTHON=$(PYTHON) test/conformance/run

# The kernel's benchmark table against ipykernel, one run, side by side:
# start (idle and with busy loops on every core), trivial execute round
# trip p50/p90/p99 through a Go client and through jupyter_client,
# executes/s with 4 clients, RSS (about 2 minutes); the committed copy is
# kernel/BENCHMARKS.md. BASELINE=path/to/older/gokernel adds a column.
# profile-kernel: CPU, block and mutex profiles of 10,000 trivial executes
# through real sockets, in-process ($(OUT)/profile/; go tool pprof).
.PHONY: bench-kernel profile-kernel
bench-kernel: build
	$(GO) run ./bench/kernelbench -gokernel $(BIN) -python $(PYTHON) $(if $(BASELINE),-baseline $(BASELINE))

profile-kernel:
	@mkdir -p $(OUT)/profile
	$(GO) test -run '^$$' -bench ExecuteRoundTrip -benchtime 10000x -benchmem -o $(OUT)/profile/kernel.test \
		-cpuprofile $(OUT)/profile/cpu.out -blockprofile $(OUT)/profile/block.out -mutexprofile $(OUT)/profile/mutex.out ./kernel/

# display/nnplot benchmarks: plot → PNG/SVG, the 500-epoch training curve
# (target ≤ 30 ms as PNG) and FitLive against plain Fit (target ≤ 2x); the
# committed copy is nnplot/BENCHMARKS.md.
.PHONY: bench-display
bench-display:
	$(GO) test -run '^$$' -bench . -benchmem ./display/ ./nnplot/

# The kernel as a real process under stress: out of memory under a
# prlimit --as cap, child processes of cells (interrupt, shutdown), memory
# given back after a cell. Skipped by plain go test (GOKERNEL_ROBUST=1).
.PHONY: test-robust
test-robust:
	GOKERNEL_ROBUST=1 $(GO) test -count=1 -run 'TestOutOfMemory|TestChildProcess|TestMemoryReturned' ./cmd/gokernel

# The same student mistakes sent to gokernel and ipykernel through
# jupyter_client (long line, out of memory under prlimit --as, interrupt,
# child process, memory after a 100 MB print): the table of
# kernel/BENCHMARKS.md. About 2 minutes.
.PHONY: bench-robust
bench-robust:
	GO=$(GO) PYTHON=$(PYTHON) bench/robust/run

# jupyter-console (Debian's) typed into tmux pseudo-terminals as a user
# would, against the built gokernel installed into a temporary prefix:
# continuation prompts, state, Out[n], streamed output, panics, stdin,
# Tab completion, Ctrl-C, no kernel process left after Ctrl-D.
.PHONY: test-console
test-console:
	GO=$(GO) PYTHON=$(PYTHON) test/console/run
