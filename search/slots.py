"""At most SEARCH_CONCURRENCY searches at once on this machine, across workers.

A search holds a worker for tens of milliseconds; a reader page for a few. If
every worker could be searching at once, a burst of distinct searches (which
no cache answers) would queue every reader page behind them. So a search first
takes one of SEARCH_CONCURRENCY slots, each a lock file under VAR_DIR locked
with flock(): shared by the gunicorn workers of the machine, released by the
kernel if a worker dies. With none free the search is not run: the reader
gets "busy, try again" at once, and the other workers keep serving pages.

If the lock files cannot be made (a read-only disk), searches run unlimited
rather than fail: the time limit still bounds each.
"""

import fcntl
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)
_files = {}


def _slot_files():
    count = max(1, int(settings.SEARCH_CONCURRENCY))
    folder = Path(settings.VAR_DIR) / "search-slots"
    key = (str(folder), count)
    if key not in _files:
        folder.mkdir(parents=True, exist_ok=True)
        # flock() is per open file: threads of one worker share it, so each
        # slot also has a lock of the process.
        _files[key] = [
            (os.open(folder / f"slot-{n}", os.O_RDWR | os.O_CREAT, 0o600), threading.Lock())
            for n in range(count)
        ]
    return _files[key]


@contextmanager
def search_slot():
    """Yields True holding a free slot, False if every slot is taken."""
    try:
        files = _slot_files()
    except OSError as error:
        log.warning("Search slots unavailable (%s): searches are not limited.", error)
        yield True
        return
    for fd, in_process in files:
        if not in_process.acquire(blocking=False):
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            in_process.release()
            continue
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            in_process.release()
        return
    yield False
