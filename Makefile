# omsdesk developer entry points: `make run` opens the app on demo data, `make test` runs the whole suite.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# Targets like `test: system venv services` rely on running in that order.
.NOTPARALLEL:

VENV = .venv
PY = $(VENV)/bin/python
VENV_STAMP = $(VENV)/.omsdesk-installed
PYTEST_ARGS ?=
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv system services shopify-schema test test-fresh reset-test-state run lint bench clean distclean dist screenshots

help:
	@echo "make run       install what is missing, seed demo data on first run, open omsdesk"
	@echo "make test      install what is missing, start PostgreSQL and CUPS, run the whole suite"
	@echo "               (PYTEST_ARGS='tests/unit -x' narrows the run)"
	@echo "make test-fresh  reset-test-state first (what earlier runs left: CUPS queues and spool,"
	@echo "               the test PostgreSQL role and databases, omsdesk config/data, test caches), then make test"
	@echo "make reset-test-state  only that reset (scripts/reset-test-state.sh)"
	@echo "make system    install missing Debian packages (scripts/ensure-system.sh)"
	@echo "make venv      create $(VENV) and pip install -e '.[test]'"
	@echo "make services  start PostgreSQL and CUPS with the test role, database and queues"
	@echo "make shopify-schema  fetch Shopify's official Admin GraphQL schema (npm @shopify/dev-mcp) for the tests"
	@echo "make lint      ruff and mypy"
	@echo "make bench     omsdesk bench (BENCH_ARGS='--quick --json')"
	@echo "make dist      PyInstaller bundle in dist/omsdesk, checked to start (offscreen)"
	@echo "make screenshots  render each main view into docs/screenshots/*.png (offscreen)"
	@echo "make clean     remove caches and build output (distclean also removes $(VENV))"

venv: $(VENV_STAMP)

# Re-installs whenever pyproject.toml changes (new dependency, new entry point).
$(VENV_STAMP): pyproject.toml
	@if [ ! -x $(PY) ]; then \
		python=$$(bash scripts/find-python.sh); \
		echo "make venv: creating $(VENV) with $$python"; \
		"$$python" -m venv $(VENV) || { \
			echo "make venv: '$$python -m venv' failed; on Debian/Ubuntu install python3-venv (make system does)" >&2; \
			exit 1; }; \
	elif ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
		echo "make venv: $(VENV) has a Python older than 3.11; remove it (make distclean) and retry" >&2; \
		exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

system:
	@bash scripts/ensure-system.sh

services:
	@bash scripts/start-postgres.sh
	@bash scripts/start-cups.sh

# Shopify's official Admin GraphQL introspection, as shipped in the npm package @shopify/dev-mcp
# (dist/data/admin_<version>.json.gz). The tests validate and price every document the Shopify
# connector sends against it and fail when it is missing. `npm pack` fetches the pinned tarball
# (integrity checked by npm) without installing the package's dependencies or running scripts;
# only the Admin schemas are kept. Keep the pin equal to tests/fixtures/shopify_schema.py.
SHOPIFY_DEV_MCP = 1.16.0
SHOPIFY_SCHEMA_DIR = .cache/shopify-dev-mcp/$(SHOPIFY_DEV_MCP)
SHOPIFY_SCHEMA_STAMP = $(SHOPIFY_SCHEMA_DIR)/.complete

shopify-schema: $(SHOPIFY_SCHEMA_STAMP)

$(SHOPIFY_SCHEMA_STAMP):
	@command -v npm >/dev/null || { echo "make shopify-schema: npm is missing (make system installs it)" >&2; exit 1; }
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	npm pack --silent --pack-destination "$$tmp" "@shopify/dev-mcp@$(SHOPIFY_DEV_MCP)" >/dev/null; \
	mkdir -p "$$tmp/x" $(SHOPIFY_SCHEMA_DIR); \
	tar -xzf "$$tmp"/shopify-dev-mcp-$(SHOPIFY_DEV_MCP).tgz -C "$$tmp/x" --wildcards 'package/dist/data/admin_*.json.gz'; \
	mv "$$tmp"/x/package/dist/data/admin_*.json.gz $(SHOPIFY_SCHEMA_DIR)/
	@touch $@
	@echo "make shopify-schema: $$(ls $(SHOPIFY_SCHEMA_DIR) | tr '\n' ' ')in $(SHOPIFY_SCHEMA_DIR)"

# The suite runs inside its own D-Bus session with an unlocked gnome-keyring so
# the one real Secret Service test works; every other test uses an in-memory keyring.
# The 25 slowest tests are listed after every run, and the wall time is printed: the whole
# suite must stay under SUITE_BUDGET seconds on a 2-core machine.
SUITE_BUDGET ?= 900
# Two pytest-xdist workers, one per core of the CI machine; the tests that print through CUPS share
# one worker (xdist_group "cups", tests/conftest.py). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: system venv services shopify-schema
	@export OMSDESK_SHOPIFY_SCHEMA_DIR="$${OMSDESK_SHOPIFY_SCHEMA_DIR:-$(CURDIR)/$(SHOPIFY_SCHEMA_DIR)}"; \
	export OMSDESK_TEST_PG_URL="$${OMSDESK_TEST_PG_URL:-$$(bash scripts/start-postgres.sh 2>/dev/null)}"; \
	export QT_QPA_PLATFORM=offscreen; \
	status=0; started=$$(date +%s); \
	dbus-run-session -- bash scripts/with-test-keyring.sh $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25 $(PYTEST_ARGS) || status=$$?; \
	took=$$(( $$(date +%s) - started )); \
	echo "make test: pytest took $$((took / 60)) min $$((took % 60)) s on $$(nproc) core(s)"; \
	if $(if $(strip $(PYTEST_ARGS)),false,true) && [ $$took -gt $(SUITE_BUDGET) ]; then \
		echo "make test: over the $(SUITE_BUDGET) s budget; see the slowest tests above" >&2; \
	fi; \
	if [ $$status -eq 5 ]; then \
		echo "make test: pytest collected no tests (exit 5); counted as a failure" >&2; \
		exit 1; \
	fi; \
	exit $$status

reset-test-state:
	@bash scripts/reset-test-state.sh

# As on a fresh machine: nothing an earlier run made is reused; `make test` makes it all again.
test-fresh: reset-test-state
	@$(MAKE) --no-print-directory test

run: system venv
	@bash scripts/seed-demo-once.sh $(VENV)
	@if [ -n "$${DISPLAY:-}" ] || [ -n "$${WAYLAND_DISPLAY:-}" ]; then \
		exec $(VENV)/bin/omsdesk; \
	else \
		echo "make run: no DISPLAY or WAYLAND_DISPLAY; running omsdesk on a virtual X screen (xvfb-run -a), nothing will be visible"; \
		exec xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/omsdesk; \
	fi

lint: venv
	$(VENV)/bin/ruff check omsdesk tests bench
	$(VENV)/bin/mypy omsdesk

bench: venv
	$(VENV)/bin/omsdesk bench $(BENCH_ARGS)

# dist and screenshots targets go here.

# PyInstaller onedir bundle in dist/omsdesk, then a smoke start of the bundled binary
# offscreen on a fresh SQLite file: it must migrate, show the main window and quit.
dist: venv
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN omsdesk.spec
	@test -f dist/omsdesk/_internal/resources/translations/omsdesk_es.qm || { \
		echo "make dist: the Spanish translation is missing from the bundle" >&2; exit 1; }
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	out=$$(QT_QPA_PLATFORM=offscreen OMSDESK_QUIT_AFTER_SHOWN=0 OMSDESK_CONFIG_DIR="$$tmp" \
		OMSDESK_DATA_DIR="$$tmp" timeout 180 dist/omsdesk/omsdesk --db "sqlite:///$$tmp/smoke.sqlite3" 2>&1) || { \
		echo "$$out" | tail -30; echo "make dist: the bundled app did not start" >&2; exit 1; }; \
	echo "$$out" | grep -q "main window shown" || { \
		echo "$$out" | tail -30; echo "make dist: the bundled app never showed its main window" >&2; exit 1; }; \
	echo "$$out" | grep -q "first view ready" || { \
		echo "$$out" | tail -30; echo "make dist: the bundled app could not open its database" >&2; exit 1; }; \
	echo "make dist: dist/omsdesk/omsdesk built ($$(du -sh dist/omsdesk | cut -f1)) and shows its main window"

# Each main view at 1280x800 on freshly seeded demo data, rendered offscreen.
screenshots: venv
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py --out docs/screenshots

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
