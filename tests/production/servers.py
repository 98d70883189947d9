"""Real processes for fault tests: gunicorn on production settings, a Redis of
the test's own, a TCP proxy in front of PostgreSQL that a test can cut.

Ports: FAULT_TEST_PORT_BASE=8121 makes everything started here listen on
8121 and up (the first free ones); without it the OS picks free ports.
"""

import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

from bench.edge import wait_for as wait_for_port
from bench.two_servers import Browser, Server, create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

_ports = itertools.count(int(os.environ.get("FAULT_TEST_PORT_BASE") or 0))


def free_port():
    """A port nothing listens on (from FAULT_TEST_PORT_BASE up, if set)."""
    while True:
        wanted = next(_ports) if os.environ.get("FAULT_TEST_PORT_BASE") else 0
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", wanted))
            except OSError:
                continue
            return probe.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own: stopped, paused (a hung Redis that
    accepts connections and answers nothing) and resumed at will. The
    machine's shared Redis is never touched."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is needed for the fault tests (Debian package redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(self.port)

    def command(self, *args):
        """One command, answered in RESP (the reply's first line)."""
        payload = f"*{len(args)}\r\n" + "".join(f"${len(a)}\r\n{a}\r\n" for a in args)
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as connection:
            connection.sendall(payload.encode())
            return connection.recv(65536).decode().split("\r\n")[0]

    def key_count(self):
        return int(self.command("DBSIZE").lstrip(":"))

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


class TcpProxy:
    """Forwards a port to another; `stop()` closes it and cuts every
    connection through it, as a database server going away does."""

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.sockets = set()
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.update({client, upstream})
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self):
        if self.listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone
            # would leave it listening, and taking connections.
            try:
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for end in sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()


class PostgresDatabase:
    """A fresh PostgreSQL database reached through a TcpProxy: `stop()` is
    the database server going away, `start()` its return."""

    def __init__(self, server_url):
        parts = urllib.parse.urlparse(server_url)
        self.name = f"{parts.path.lstrip('/') or 'newsroom'}_faults"
        self.direct_url = parts._replace(path=f"/{self.name}").geturl()
        self.proxy = TcpProxy(parts.port or 5432, parts.hostname or "127.0.0.1")
        netloc = parts.netloc.rsplit("@", 1)
        host = f"127.0.0.1:{self.proxy.port}"
        self.url = parts._replace(
            netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host,
            path=f"/{self.name}",
        ).geturl()
        self.env = {}

    def create(self, workdir):
        create_database(self.direct_url)
        self.proxy.start()

    def stop(self):
        self.proxy.stop()

    def start(self):
        self.proxy.start()

    def drop(self):
        self.proxy.stop()
        drop_database(self.direct_url)


class SqliteDatabase:
    """A fresh SQLite file. SQLite has no server to stop: what fails is
    opening the file (a lost disk). `stop()` moves the file away and leaves
    a directory in its place, so every new connection fails; the servers
    open one per request (DB_CONN_MAX_AGE=0), as a kept connection would
    read on from the moved file."""

    def __init__(self):
        self.path = None
        self.url = None
        self.env = {"DB_CONN_MAX_AGE": "0"}

    def create(self, workdir):
        self.path = workdir / "db.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def stop(self):
        for suffix in ("", "-wal", "-shm"):
            moved = Path(f"{self.path}{suffix}")
            if moved.exists():
                moved.rename(f"{moved}.away")
        self.path.mkdir()

    def start(self):
        self.path.rmdir()
        for suffix in ("", "-wal", "-shm"):
            moved = Path(f"{self.path}{suffix}.away")
            if moved.exists():
                moved.rename(f"{self.path}{suffix}")

    def drop(self):
        pass


def suite_database():
    """PostgreSQL on a PostgreSQL run of the suite, SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return PostgresDatabase(url)
    return SqliteDatabase()


SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Author, Byline, Section

local = Section.objects.create(name="Local", slug="local", order=1)
Section.objects.create(name="World", slug="world", order=2)
author = Author.objects.create(name="Sam Writer", slug="sam-writer")
urls = []
for n, headline in enumerate(["Library hours extended", "Bridge reopens", "Market moves"]):
    article = Article.objects.create(
        headline=headline,
        slug=f"story-{n}",
        standfirst="What the council decided.",
        body="<p>The council met on Tuesday.</p>",
        section=local,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=n + 1),
    )
    Byline.objects.create(article=article, author=author, order=0)
    urls.append(article.get_absolute_url())
print(json.dumps({"articles": urls}))
"""


class Site:
    """One gunicorn (2 workers, production settings) on a fresh database."""

    def __init__(self, tmp_path, database, *, redis_url="", **env):
        self.workdir = tmp_path
        self.database = database
        database.create(tmp_path)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PAGECACHE_", "BENCH_", "COMMENTS_"))
        }
        self.env.pop("SQLITE_TEST_NAME", None)
        self.env.update(
            DEBUG="0",
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            SECRET_KEY="faults-" + uuid.uuid4().hex * 2,
            DATABASE_URL=database.url,
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=f"faults-{uuid.uuid4().hex[:12]}",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            NEWSROOM_VAR_DIR=str(tmp_path / "var"),
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            LOG_LEVEL="WARNING",
            COMMENTS_MIN_FILL_SECONDS="1",
            GUNICORN_MAX_REQUESTS="0",
            **database.env,
            **env,
        )
        self.server = Server("faults", free_port(), self.env, tmp_path)
        self.base = self.server.base

    def manage(self, *args):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def shell(self, code):
        """Run `code` in a Django shell on this site's settings; its last
        printed line, as JSON."""
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def prepare(self):
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")
        seeded = self.shell(SEED)
        self.seeded_at = time.monotonic()
        return seeded

    def start(self):
        self.server.start()
        self.server.wait()
        # A page is stored only once its tags have not changed for
        # PAGECACHE_CLOCK_SKEW (1 s): let the seed's changes age.
        time.sleep(max(0.0, getattr(self, "seeded_at", 0.0) + 1.2 - time.monotonic()))

    def stop(self):
        self.server.stop()

    def log(self):
        return self.server.log_path.read_text()

    def browser(self):
        return Browser(self.base)
