"""The two-server set-up, for real: bench/two_servers.py against gunicorn.

On a PostgreSQL test run the two servers share a fresh PostgreSQL database
(newsroom_twoservers on the same server) and, when REDIS_URL is set, Redis;
on SQLite they share a fresh SQLite file and the file cache of one machine.
"""

import os
import subprocess
import sys
import urllib.parse

import pytest
from django.conf import settings

pytestmark = pytest.mark.servers


def two_servers_database_url():
    if os.environ.get("TWO_SERVERS_DATABASE_URL"):
        return os.environ["TWO_SERVERS_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return urllib.parse.urlparse(url)._replace(path="/newsroom_twoservers").geturl()
    return "sqlite:"


def test_publish_and_approval_cross_between_two_servers():
    result = subprocess.run(
        [
            sys.executable,
            "bench/two_servers.py",
            "--database-url",
            two_servers_database_url(),
            "--redis-url",
            os.environ.get("REDIS_URL", ""),
            "--ports",
            os.environ.get("TWO_SERVERS_PORT_A", "8610"),
            os.environ.get("TWO_SERVERS_PORT_B", "8611"),
        ],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for check in (
        "PASS A: story published through the admin",
        "PASS B: the story is live at once",
        "PASS B: the front page lists the story at once",
        "PASS B: the unpublished story is gone at once",
        "PASS B: the approved comment shows at once",
    ):
        assert check in output, output
    assert "FAIL" not in output
