# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# pyenv picks the version in .python-version; any python3 >= 3.12 will do.
PYTHON ?= $(shell command -v python3.13 || command -v python3)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
# The reader's translations (docs/translations.md): locale/<code>/LC_MESSAGES/django.po,
# compiled to .mo by Babel's own compiler (pure Python, pinned in
# requirements.txt): no gettext tools needed on the machine.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
# What marks a string for translation besides gettext, ngettext, pgettext and _
# (gettext_noop: a constant kept in English, translated where it is shown)
BABEL_KEYWORDS := -k gettext_noop -k gettext_lazy -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2 -k npgettext_lazy:1c,2,3
POT ?= locale/django.pot

VARNISH_PORT ?= 6081
VARNISH_DIR ?= /tmp/newsroom-varnish-$(VARNISH_PORT)

.PHONY: run serve worker varnish varnish-install test test-fast install chromium migrate demo lint format check check-deploy migrations-check clean messages pot search-bench search-load

run: install ## Install, prepare the database and demo content, serve http://127.0.0.1:8000
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/), task worker beside it"
	@# The task worker (renditions, e-mails) runs in the background and is
	@# stopped when the server stops, however it stops. It does not reload on
	@# code changes: stop and start `make run` after changing a task.
	DEBUG=1 $(PY) manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	  DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT) & server=$$!; \
	  trap 'kill $$server $$worker 2>/dev/null; wait; exit' INT TERM; \
	  wait -n $$server $$worker; kill $$server $$worker 2>/dev/null; wait

serve: install ## Production-style: gunicorn and the task worker, DEBUG off, static files collected
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	@# In production the worker is a service of its own (docs/production.md);
	@# here it runs beside gunicorn and stops with it.
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	  $(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi & server=$$!; \
	  trap 'kill $$server $$worker 2>/dev/null; wait; exit' INT TERM; \
	  wait -n $$server $$worker; kill $$server $$worker 2>/dev/null; wait

worker: install ## The task worker alone (renditions, e-mails), as production runs it
	$(PY) manage.py db_worker --no-reload

varnish-install: ## Varnish 7 and its xkey module (Debian's varnish, varnish-modules)
	@if ! command -v varnishd >/dev/null && ! test -x /usr/sbin/varnishd || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's varnish and varnish-modules"; \
	    (apt-get install -y -qq varnish varnish-modules >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq varnish varnish-modules)); \
	  fi; \
	fi
	@(command -v varnishd >/dev/null || test -x /usr/sbin/varnishd) || { echo "Varnish is missing: sudo apt-get install varnish varnish-modules"; exit 1; }

varnish: install varnish-install ## gunicorn on :$(PORT) with Varnish in front on http://127.0.0.1:$(VARNISH_PORT)/ (deploy/varnish/)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	@# The site's VCL with this backend port, where Varnish's unprivileged
	@# compiler can read it (var/ is private to us).
	mkdir -p -m 755 $(VARNISH_DIR)
	sed -e 's/"8000"/"$(PORT)"/' -e 's/"6081"/"$(VARNISH_PORT)"/' deploy/varnish/site.vcl > $(VARNISH_DIR)/site.vcl
	cp deploy/varnish/newsroom.vcl $(VARNISH_DIR)/newsroom.vcl
	chmod 644 $(VARNISH_DIR)/*.vcl
	@echo "Varnish on http://127.0.0.1:$(VARNISH_PORT)/ in front of gunicorn on 127.0.0.1:$(PORT)"
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	  VARNISH_HOSTS=127.0.0.1:$(VARNISH_PORT) PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi & \
	  gunicorn=$$!; trap 'kill $$gunicorn $$worker' EXIT INT TERM; \
	  $$(command -v varnishd || echo /usr/sbin/varnishd) -F -n $(VARNISH_DIR)/instance -a 127.0.0.1:$(VARNISH_PORT) \
	    -f $(VARNISH_DIR)/newsroom.vcl -p vcl_path=$(VARNISH_DIR) -s malloc,256m

test: install chromium varnish-install ## The whole suite, browser tests included (Varnish's tests too)
	$(PY) -m pytest

test-fast: install varnish-install ## Everything but the browser tests
	$(PY) -m pytest -m "not browser"

install: $(VENV)/.installed $(MO_FILES)

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found %s); install it or set PYTHON=/path/to/python3.12" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@


locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -D django -l $* -i $< -o $@

pot: ## The strings readers see, extracted from the code and templates (babel.cfg) into $(POT)
	$(VENV)/bin/pybabel -q extract -F babel.cfg $(BABEL_KEYWORDS) --add-comments=Translators: \
	  --no-wrap --sort-by-file --project=Newsroom --version=1.0 -o $(POT) .

messages: install pot ## Bring every locale/*/LC_MESSAGES/django.po up to date with the code; translate, then `make install`
	$(VENV)/bin/pybabel update -D django -i locale/django.pot -d locale --no-wrap --previous --ignore-pot-creation-date
	@$(VENV)/bin/python -m pytest -q -p no:cacheprovider tests/newsroom/test_translations.py || \
	  echo "Translate the new or changed strings (empty or fuzzy above), then run make install."

chromium: ## Browser tests need the system Chromium (Debian package 'chromium')
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)) ; \
	  fi; \
	fi
	@test -x "$(CHROMIUM)" || { echo "Chromium is missing at $(CHROMIUM): install Debian's 'chromium' package (sudo apt-get install chromium) or set CHROMIUM=/path. Browser tests are part of the suite and are not skipped."; exit 1; }

migrate: install
	DEBUG=1 $(PY) manage.py migrate

demo: install ## Load demo content (idempotent)
	DEBUG=1 $(PY) manage.py load_demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install migrations-check check-deploy lint

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

check-deploy: install ## Production settings must pass with no warnings
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-ci-$$(head -c 64 /dev/urandom | base64 | tr -dc A-Za-z0-9)} \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles var/cache

search-bench: install ## Search latency per query kind at 100,000 stories: make search-bench DATABASE_URL=...
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to a database the bench may fill"; exit 1; }
	DATABASE_URL=$(DATABASE_URL) $(PY) bench/search_bench.py

search-load: install ## The article page's p99 with and without 8 searchers: make search-load DATABASE_URL=...
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the bench database"; exit 1; }
	$(PY) bench/search_load.py --database-url $(DATABASE_URL)
