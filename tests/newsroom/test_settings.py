"""Production settings: deploy checks, HTTPS redirect except on loopback, SQLite set-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings

from newsroom.middleware import is_loopback_host

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
    }
    env.pop("SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # The key made for this installation is kept, private, and reused.
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text()) >= 50


def test_check_deploy_still_sees_a_weak_setting(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        "SECURE_HSTS_SECONDS": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "host,expected",
    [
        ("localhost", True),
        ("localhost:8000", True),
        ("127.0.0.1:8000", True),
        ("127.3.4.5", True),
        ("[::1]:8000", True),
        ("example.org", False),
        ("news.example.org:443", False),
        ("10.0.0.1", False),
    ],
)
def test_loopback_hosts(host, expected):
    assert is_loopback_host(host) is expected


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["127.0.0.1", "news.example.org"])
def test_https_redirect_everywhere_but_loopback():
    client = Client()
    assert client.get("/", HTTP_HOST="news.example.org").status_code == 301
    assert client.get("/", HTTP_HOST="news.example.org")["Location"].startswith("https://")
    assert client.get("/", HTTP_HOST="127.0.0.1").status_code == 200


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["timeout"] >= 5
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
