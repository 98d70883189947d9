"""Local state is the app's alone: var/ (secret key, SQLite database, file
cache, uploads) is created readable by its owner only."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

UPLOAD = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.cache import cache
default_storage.save("originals/2026/photo.jpg", ContentFile(b"jpeg"))
cache.set("key", "value")
"""


def mode(path):
    return oct(path.stat().st_mode & 0o777)


def test_var_and_the_sqlite_database_are_created_private(tmp_path):
    var = tmp_path / "site" / "var"  # nothing of it exists yet
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_")
        and key not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"}
    }
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="newsroom.settings", NEWSROOM_VAR_DIR=str(var))
    for command in (["migrate", "--no-input", "-v0"], ["shell", "-c", UPLOAD]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            umask=0o022,  # the usual one: everything readable by all
        )
        assert result.returncode == 0, result.stdout + result.stderr
    database = var / "db.sqlite3"
    assert {
        "var": mode(var),
        "parent made for it": mode(var.parent),
        "secret key": mode(var / "secret_key"),
        "database": mode(database),
        "cache": mode(var / "cache"),
        "media": mode(var / "media"),
        "upload folder": mode(var / "media" / "originals" / "2026"),
        "upload": mode(var / "media" / "originals" / "2026" / "photo.jpg"),
    } == {
        "var": "0o700",
        "parent made for it": "0o700",
        "secret key": "0o600",
        "database": "0o600",
        "cache": "0o700",
        "media": "0o700",
        "upload folder": "0o700",
        "upload": "0o600",
    }
    # SQLite gives its write-ahead log and shared memory the database's mode.
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE probe (n)")
    connection.execute("INSERT INTO probe VALUES (1)")
    connection.commit()
    try:
        assert mode(Path(f"{database}-wal")) == "0o600"
        assert mode(Path(f"{database}-shm")) == "0o600"
    finally:
        connection.close()
