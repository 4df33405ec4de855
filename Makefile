# Leg Points: `make run` to start the site, `make test` to run the tests.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
THREADS ?= 8
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) * 2 + 1 )))
# make serve runs with debug off: a secret key from the environment, or one kept in .secret-key.
SECRET_KEY_FILE := .secret-key
PROD := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}"

.PHONY: run serve test browser setup db superuser lint format clean bench backup restore

run: db
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

serve: setup $(SECRET_KEY_FILE)
	$(PROD) $(PY) manage.py migrate --no-input
	$(PROD) $(PY) manage.py loaddata_if_empty legpoints
	$(PROD) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(PROD) HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) THREADS=$(THREADS) \
	  $(VENV)/bin/gunicorn legpoints.wsgi --config gunicorn.conf.py

$(SECRET_KEY_FILE): | setup
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

test: setup browser
	DJANGO_SECRET_KEY=test-only-secret-key $(PY) -m pytest

# The browser tests drive Debian's chromium (never `playwright install`). Install it when it
# is missing and we may (root with apt-get), with a CJK font for the screenshots (the site
# ships none); otherwise the browser tests say why they skip.
CHROMIUM ?= /usr/bin/chromium
browser:
	@[ -x $(CHROMIUM) ] || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && { echo "Installing chromium for the browser tests"; \
	       apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } \
	  || echo "No chromium at $(CHROMIUM) and it cannot be installed here: the browser tests will be skipped"; }

# Speed, page sizes, growth and a load test, with wrk against gunicorn over a temporary
# SQLite database; then PostgreSQL and Redis (127.0.0.1, database lp_bench_faults, Redis
# db 12) with slow clients and with each made silent. Rewrites the results in
# bench/README.md. About 25 minutes on 2 cores. BENCH_ARGS=--skip-load leaves out the load
# test, --skip-postgres the second part, --load-only runs only the load test.
bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@python=$$(sh scripts/find-python) || exit 1; \
	  [ -x $(PY) ] || { echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

db: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py loaddata_if_empty legpoints

# The whole content, history included, to backups/legpoints-<time>.json; and back.
backup: setup
	DJANGO_DEBUG=1 $(PY) manage.py backup

restore: setup
	@[ -n "$(FILE)" ] || { echo "Say which backup: make restore FILE=backups/legpoints-....json"; exit 2; }
	DJANGO_DEBUG=1 $(PY) manage.py restore "$(FILE)"

superuser: db
	DJANGO_DEBUG=1 $(PY) manage.py createsuperuser

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache $(SECRET_KEY_FILE)
