"""gunicorn settings for Newsroom: `gunicorn -c gunicorn.conf.py newsroom.wsgi`.

Everything a deployment tunes comes from the environment:

BIND                 address to listen on (default 127.0.0.1:$PORT)
PORT                 port when BIND is unset (default 8000)
WEB_CONCURRENCY      worker processes (default 2 x cores + 1, at most 8)
GUNICORN_THREADS     threads per worker (default 1: sync workers)
GUNICORN_TIMEOUT     seconds before a stuck worker is killed and replaced (30)
GUNICORN_MAX_REQUESTS  recycle a worker after this many requests, with jitter (2000; 0 = never)
GUNICORN_PRELOAD     load the app once in the master before forking (default 1)
FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers gunicorn trusts (127.0.0.1)
GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket (off unless set: two
                     instances on one machine would otherwise share one path)
LOG_FORMAT           "json" (default unless DEBUG) or "plain"
LOG_LEVEL            gunicorn's error log level (info)

Reloads: `kill -HUP <master>` starts fresh workers with re-read settings and
lets the old ones finish their requests. With preloading on, the master holds
the code it loaded at start, so a code deploy needs `kill -USR2 <master>`
(a new master on the new code takes over the socket), then `kill -QUIT` to the
old master once the new one is up; or a plain restart by the service manager.
See docs/production.md.
"""

import os


def _env_bool(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


_debug = _env_bool("DEBUG", False)

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Page rendering is CPU-bound and short, so the sync worker with one process
# per request in flight is the efficient choice; two per core plus one keeps
# the CPUs busy while some workers wait on the database. Capped: each worker
# holds its own memory and database connection.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycling workers bounds the damage of a slow leak; the jitter keeps them
# from all restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Import Django and the project once in the master: workers start at once and
# share the imported code's memory pages copy-on-write. Nothing opens a
# database or cache connection at import time, so no socket is shared.
preload_app = _env_bool("GUNICORN_PRELOAD", True)


def when_ready(server):
    """With the project preloaded, do each worker's first-request work once
    here, before the workers are forked (newsroom/warmup.py)."""
    if server.cfg.preload_app:
        from newsroom.warmup import warm

        warm()


# The worker heartbeat file in memory, never on a slow or full disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "newsroom")

if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs: access log on stdout, errors on stderr, one JSON object per line in
# production (newsroom.gunicorn_logging), readable text with LOG_FORMAT=plain.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
if os.environ.get("LOG_FORMAT", "plain" if _debug else "json") == "json":
    logger_class = "newsroom.gunicorn_logging.JSONLogger"
