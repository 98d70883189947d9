"""Local state kept from other users of the machine.

var/ (settings.VAR_DIR) holds the secret key, the SQLite database, the file
cache and uploads: each is created readable and writable by its owner only.
Anything that already exists keeps the mode it has.
"""

import os
import secrets


def installation_secret_key(path):
    """Read the key at path, creating it (once, atomically, mode 600) if missing."""
    private_directory(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_urlsafe(64)
        handle.write(key)
    return key


def private_directory(path):
    """Create the directory `path`, and any missing parent, mode 700."""
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            pass


def private_sqlite_file(path):
    """Create an SQLite database file, empty and mode 600, before SQLite
    does (it would make it readable by everyone, umask allowing). Its -wal,
    -shm and -journal files take the database file's mode."""
    private_directory(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
