PORT ?= 8000
SCALE ?= 10000
PY := .venv/bin/python
# Benchmarks keep their data in var/<cluster>; BENCH_DB=<name> makes them share one (e.g. the
# scale-S data of `make bench-scale`: BENCH_DB=pgbench-audit SCALE=1000000 make bench-load).
BENCH_DB ?=

.PHONY: run test check browser-install

## make run: set everything up and run the app with the Quảng Ngãi demo data.
run:
	@scripts/bootstrap main
	@PORT=$(PORT) $(PY) scripts/run.py

## make test: set everything up and run the whole test suite against PostgreSQL.
test:
	@scripts/bootstrap dev
	@DEBUG=1 DATABASE_URL=postgresql://unused@/unused $(PY) manage.py compile_translations
	@$(PY) scripts/with_db.py pgtest $(PY) -m pytest -n auto $(PYTEST_ARGS)

## make check: the pre-PR gate (format, lint, types, migrations, translations, Django checks).
check:
	@scripts/bootstrap dev
	@$(PY) scripts/with_db.py pgtest scripts/check

## make bench-dedup: duplicate-candidate benchmark on SCALE generated children (var/pgbench).
.PHONY: bench-dedup
bench-dedup:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench) $(PY) -m bench.dedup --scale $(SCALE)

## make bench-import: import of a SCALE-row child-monitoring book into a registry of SCALE
## generated children (var/pgbench-import).
.PHONY: bench-import
bench-import:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-import) $(PY) -m bench.sheets --scale $(SCALE)

## make bench-race: two users saving the same child ROUNDS times at once; no lost update (var/pgbench-race).
ROUNDS ?= 1000
.PHONY: bench-race
bench-race:
	$(PY) scripts/with_db.py pgbench-race $(PY) -m bench.race --rounds $(ROUNDS)

## make bench-crash: kill -9 the app and the database during writes; nothing acknowledged lost.
.PHONY: bench-crash
bench-crash:
	$(PY) -m bench.crash --rounds $(or $(CRASH_ROUNDS),6)

## make bench-stats: province dashboard and yearly report tables against hand-written SQL, on
## SCALE generated children with 20 % as many reports and cases (var/pgbench-stats).
.PHONY: bench-stats
bench-stats:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-stats) $(PY) -m bench.stats --scale $(SCALE)

## make bench-load: case page against a bare reference view under wrk, through gunicorn (WORKERS,
## default 4), DURATION seconds a run, CONNECTIONS connections, on SCALE generated children
## (var/pgbench-load). Needs wrk (apt-get install wrk).
DURATION ?= 30
CONNECTIONS ?= 16
WORKERS ?= 4
.PHONY: bench-load
bench-load:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-load) $(PY) -m bench.load --scale $(SCALE) \
		--duration $(DURATION) --connections $(CONNECTIONS) --workers $(WORKERS)

## make bench-lists: children, cases and reports lists with filters through gunicorn (p50/p95),
## and SQL queries per page at page sizes 20/50/100 (var/pgbench-load).
.PHONY: bench-lists
bench-lists:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-load) $(PY) -m bench.lists --scale $(SCALE) --workers $(WORKERS)

## make bench-scale: SCALE children, 20 % as many reports and cases (every workflow step) and
## 10 × SCALE audit rows over 24 monthly partitions (var/pgbench-audit); SCALE=1000000 is scale S.
.PHONY: bench-scale
bench-scale:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-audit) $(PY) -m bench.scale --scale $(SCALE)

## make bench-audit: "who saw this child / case" and audit write rates on bench-scale data.
.PHONY: bench-audit
bench-audit:
	$(PY) scripts/with_db.py $(or $(BENCH_DB),pgbench-audit) $(PY) -m bench.audit --scale $(SCALE)

## make bench-all: every benchmark at SCALE, then docs/benchmarks.md from var/bench/*.json.
.PHONY: bench-all
bench-all:
	$(PY) -m bench.report --scale $(SCALE)

## make bench-report: rewrite docs/benchmarks.md from the var/bench/*.json already there.
.PHONY: bench-report
bench-report:
	$(PY) -m bench.report --from-json
