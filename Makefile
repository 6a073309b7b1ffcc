PORT ?= 8000
SCALE ?= 10000
PY := .venv/bin/python

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
	$(PY) scripts/with_db.py pgbench $(PY) -m bench.dedup --scale $(SCALE)

## make bench-import: import of a SCALE-row child-monitoring book into a registry of SCALE
## generated children (var/pgbench-import).
.PHONY: bench-import
bench-import:
	$(PY) scripts/with_db.py pgbench-import $(PY) -m bench.sheets --scale $(SCALE)

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
	$(PY) scripts/with_db.py pgbench-stats $(PY) -m bench.stats --scale $(SCALE)
