"""pagecache.purge.VarnishPurger: tags sent to every Varnish host after a
change, in the background; a host that is down never holds up a save."""

import http.server
import logging
import socket
import threading
import time

import pytest

from pagecache.purge import VarnishPurger
from tests.production.servers import free_port


class FakeVarnish(http.server.ThreadingHTTPServer):
    """Answers PURGE like deploy/varnish/newsroom.vcl, remembering the keys."""

    def __init__(self, status=200):
        self.keys, self.status = [], status

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(handler):  # noqa: N802 (the method's name)
                self.keys.append(handler.headers["xkey"])
                handler.send_response(self.status, "Purged 3")
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def host(self):
        return f"127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def varnishes():
    servers = [FakeVarnish(), FakeVarnish()]
    yield servers
    for server in servers:
        server.shutdown()


def test_every_host_is_purged_by_tag(varnishes, settings):
    settings.VARNISH_PURGE_RETRIES = 0
    purger = VarnishPurger([v.host for v in varnishes])
    purger(urls=["/"], tags=["latest", "article:12"])
    assert purger.wait(5)
    for varnish in varnishes:
        assert varnish.keys == ["article:12 latest"]


def test_a_host_that_hangs_or_is_down_holds_up_nothing_and_is_logged(varnishes, settings, caplog):
    settings.VARNISH_PURGE_RETRIES = 2
    settings.VARNISH_PURGE_BACKOFF = 0.05
    settings.VARNISH_PURGE_TIMEOUT = 1.0
    hung = socket.socket()  # accepts connections, never answers
    hung.bind(("127.0.0.1", 0))
    hung.listen(16)
    dead = f"127.0.0.1:{free_port()}"
    purger = VarnishPurger([f"127.0.0.1:{hung.getsockname()[1]}", dead, varnishes[0].host])
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="pagecache.purge"):
        purger(urls=[], tags=["site"])
        # The save goes on at once, though the hung host takes 3 s to give up.
        assert time.monotonic() - started < 0.5
        assert purger.wait(15)
    hung.close()
    assert time.monotonic() - started >= 3.0
    assert varnishes[0].keys == ["site"]
    errors = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
    assert len(errors) == 2
    assert all("site failed 3 times, given up" in message for message in errors)


def test_a_refused_purge_is_retried_then_given_up(settings, caplog):
    settings.VARNISH_PURGE_RETRIES = 1
    settings.VARNISH_PURGE_BACKOFF = 0.01
    refusing = FakeVarnish(status=403)
    try:
        purger = VarnishPurger([refusing.host])
        with caplog.at_level(logging.WARNING, logger="pagecache.purge"):
            purger(urls=[], tags=["latest"])
            assert purger.wait(5)
        assert refusing.keys == ["latest", "latest"]
        assert "HTTP 403" in caplog.text
    finally:
        refusing.shutdown()


@pytest.mark.django_db
def test_the_hook_runs_after_commit_and_a_failure_never_reaches_the_save(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from pagecache import api, invalidate

    calls = []

    class Exploding:
        def __call__(self, urls, tags):
            calls.append(tags)
            raise ConnectionError("CDN down")

    monkeypatch.setitem(api._purgers, "tests.Exploding", Exploding())
    settings.PAGECACHE_PURGE = "tests.Exploding"
    with django_capture_on_commit_callbacks(execute=True):
        invalidate(["latest"])
        assert calls == []  # not before the commit
    assert calls == [["latest"]]
