"""Browser tests: Playwright for Python driving the system Chromium.

Chromium comes from Debian (`make test` installs it); Playwright never downloads
a browser here. The flags keep Chromium from calling home on a closed network.
"""

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",
]


# Requests the live server is answering. A page's script (an autosave, a
# presence beat) may still be talking to it when a test ends; the database's
# flush after a transactional test must wait for it, or PostgreSQL finds the
# flush's TRUNCATE and the request's row locks in a deadlock.
_in_flight = 0
_idle = threading.Condition()


def _started(**kwargs):
    global _in_flight
    with _idle:
        _in_flight += 1


def _finished(**kwargs):
    global _in_flight
    with _idle:
        _in_flight = max(0, _in_flight - 1)
        _idle.notify_all()


request_started.connect(_started, dispatch_uid="browser-tests-in-flight")
request_finished.connect(_finished, dispatch_uid="browser-tests-in-flight")


@pytest.fixture(autouse=True)
def _live_server_idle_before_the_flush(request):
    """Torn down before the transactional database (it is set up after it):
    waits up to 5 s for the requests this test started to finish (one that
    never finished before it is not counted against it)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
    with _idle:
        before = _in_flight
    yield
    deadline = time.monotonic() + 5
    with _idle:
        while _in_flight > before and time.monotonic() < deadline:
            _idle.wait(timeout=0.1)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's 'chromium' package "
            "(make test does this when run as root) or set CHROMIUM_PATH."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the
    # ORM calls the tests make beside it are still synchronous and safe.
    # Browser tests run last (tests/conftest.py), so no other test sees this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
