"""Newsroom settings: one module, configured from the environment.

Every variable is listed in the README. With no environment at all this runs a
local development site on SQLite; production sets at least SECRET_KEY, DEBUG=0,
ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name, default):
    value = os.environ.get(name)
    return float(value) if value else default


DEBUG = env_bool("DEBUG", default=False)

VAR_DIR = Path(env("NEWSROOM_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    # Zero set-up: a random key made once for this installation and kept in
    # var/. Several app servers on different machines must share one key: set
    # SECRET_KEY in their environment.
    from newsroom.secret import installation_secret_key

    SECRET_KEY = installation_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Site identity, used by templates, feeds and structured data.
SITE_NAME = env("SITE_NAME", "The Newsroom")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_LANGUAGE = "en"
# The editions readers may see (codes, e.g. "en,ckb,ar"); empty: every one
# the admin has enabled. The default edition (SITE_LANGUAGE) always.
EDITIONS = env_list("EDITIONS")
SITE_DESCRIPTION = env("SITE_DESCRIPTION", "Independent reporting from the region and the world.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "reversion",
    "django_tasks_db",
    "newsroom.apps.NewsroomConfig",
    "images",
    "editions",
    "articles",
    "comments",
    "axes",
    "throttle",
    "editorial",
    "pages",
    "pagecache",
    "reader",
    "syndication",
    "search",
    "demo",
]

MIDDLEWARE = [
    "newsroom.middleware.HealthCheckMiddleware",
    "newsroom.middleware.LoopbackAwareSecurityMiddleware",
    "newsroom.middleware.SecurityHeadersMiddleware",
    "newsroom.static.StaticFilesMiddleware",
    # Anonymous readers are answered from the page cache here, before
    # sessions, CSRF, authentication and messages cost anything.
    "pagecache.middleware.PageCacheMiddleware",
    # The edition of the address (/ckb/...): its language, for what follows.
    "reader.editions.EditionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in the staff member's chosen language (after any locale middleware).
    "editorial.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, so that it sees the flag axes' backend sets on a locked-out login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# Readers' pages are Jinja2 templates (reader/jinja2.py says why); the admin,
# its overrides in templates/admin/ and the XML sitemaps use Django's engine.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "reader.jinja2.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
                # Keeps CSRF tokens out of cached pages.
                "pagecache.csrf.csrf",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
                "pagecache.csrf.csrf",
            ],
        },
    },
]
if not DEBUG:
    # Cached template loader: parse each template once per worker.
    TEMPLATES[1]["APP_DIRS"] = False
    TEMPLATES[1]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

# Database: SQLite file in var/ by default; DATABASE_URL for anything else.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The reader pages' own SQL (reader/sql.py) goes through READS_DATABASE.
# On PostgreSQL that is a second connection to the same database with
# prepared statements: each of those queries is planned once per connection
# instead of on every page (planning cost more than running them). They need
# server-side binding, which some of Django's own queries (the admin's) do not
# survive, hence a connection of their own. DB_PREPARED_STATEMENTS=0 turns
# this off, e.g. behind a pooler in transaction mode that cannot keep
# prepared statements (PgBouncer before 1.21).
READS_DATABASE = "default"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    DATABASES["reads"] = {
        **DATABASES["default"],
        # No health check (a "SELECT 1" round trip before each request's
        # first query, which cost about as much as the page's own query):
        # reader.sql retries a read once on a fresh connection instead.
        "CONN_HEALTH_CHECKS": False,
        "OPTIONS": {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 5,
            # Plan each statement once, generically, for every later page.
            # In "auto" mode PostgreSQL kept planning afresh (about 0.3-0.7 ms
            # a page, more than running the query) whenever its generic
            # estimate differed from a fresh one's, as for a section's list.
            # The generic plans read the same indexes (checked with EXPLAIN
            # ANALYZE EXECUTE at 100k stories; the issue 6 notes have it).
            "options": " ".join(
                filter(
                    None,
                    [
                        DATABASES["default"].get("OPTIONS", {}).get("options"),
                        "-c plan_cache_mode=force_generic_plan",
                    ],
                )
            ),
        },
        "TEST": {"MIRROR": "default"},
    }
    READS_DATABASE = "reads"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections persist as for PostgreSQL (DB_CONN_MAX_AGE): opening one
    # runs the PRAGMAs below and starts with a cold page cache, which cost an
    # uncached page more than its queries.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE transactions
        # plus a busy timeout make concurrent writers queue instead of failing
        # with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            # Each connection, kept for the worker's life, holds up to 4 MiB
            # of database pages; beyond that the OS page cache serves reads.
            # (8 MiB took a worker that never recycles to 71.5 MiB, past the
            # 70 MiB budget of issue 6.) No mmap: mapped pages would count in
            # every worker's memory.
            "PRAGMA cache_size=-4000;"
            "PRAGMA mmap_size=0;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME") or None}
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        from newsroom.secret import private_sqlite_file

        try:
            private_sqlite_file(Path(DATABASES["default"]["NAME"]))
        except OSError:
            pass  # read-only: SQLite says what is wrong when it opens it

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set. Without it, a file cache in var/, which
# every gunicorn worker on the machine shares (local memory would be per
# process: one worker's invalidation would leave the others serving stale).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, reusing its redis-py client, with short
            # timeouts and a circuit breaker (pagecache/backends.py): a Redis
            # down or hung costs a page milliseconds, not seconds.
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "newsroom"),
            "TIMEOUT": 3600,
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.1),
                "socket_timeout": env_float("REDIS_TIMEOUT", 0.25),
                "breaker_seconds": env_float("REDIS_BREAKER_SECONDS", 5.0),
            },
        }
    }
else:
    CACHES = {
        "default": {
            # Django's FileBasedCache, counting its files now and then
            # rather than on every write.
            "BACKEND": "pagecache.backends.FileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Page cache for anonymous readers (pagecache/README.md). PAGECACHE_ENABLED=0
# renders every request (benchmarks of uncached pages, debugging).
PAGECACHE_ENABLED = env_bool("PAGECACHE_ENABLED", default=True)
# Search (search/): each search's statements stop after this long (a clear
# message, HTTP 503), and results pages stay in the page cache this long.
SEARCH_TIMEOUT_MS = env_int("SEARCH_TIMEOUT_MS", 2000)
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 120)
# Searches at once on this machine (search/slots.py): half the workers, so a
# burst of searches leaves the other half to the reader pages.
SEARCH_CONCURRENCY = env_int("SEARCH_CONCURRENCY", max(1, env_int("WEB_CONCURRENCY", 2) // 2))
# When pages change by themselves (a scheduled story comes due, a banner ends).
PAGECACHE_NEXT_DUE = "reader.invalidation.next_due"
# Varnish in front (deploy/varnish/, docs/production.md): its hosts, purged
# by tag after every change (pagecache.purge.VarnishPurger), e.g.
# VARNISH_HOSTS=10.0.0.21:6081,10.0.0.22:6081. With them, pages carry their
# tags in an `xkey` header, The Latest is an ESI include, and shared caches
# may keep pages for an hour (purges are exact).
VARNISH_HOSTS = env_list("VARNISH_HOSTS")
VARNISH_PURGE_TIMEOUT = env_float("VARNISH_PURGE_TIMEOUT", 1.0)
VARNISH_PURGE_RETRIES = env_int("VARNISH_PURGE_RETRIES", 4)
# Dotted path of a callable purge(urls, tags) told about every invalidation,
# e.g. to purge a CDN. Empty: none.
PAGECACHE_PURGE = env("PAGECACHE_PURGE", "pagecache.purge.VarnishPurger" if VARNISH_HOSTS else "")
PAGECACHE_TAG_HEADER = env("PAGECACHE_TAG_HEADER", "xkey" if VARNISH_HOSTS else "")
# Parts of pages cached apart from them (pagecache.fragments): The Latest
# beside each story, so a story published does not make every article page
# stale. PAGECACHE_ESI: answer Varnish (deploy/varnish/) with ESI includes.
PAGECACHE_FRAGMENTS = {"latest": "reader.views.latest_fragment"}
PAGECACHE_ESI = env_bool("PAGECACHE_ESI", default=bool(VARNISH_HOSTS))
# Seconds a CDN may keep an anonymous page (s-maxage) and serve it stale while
# refetching; both capped by the page's own expiry.
PAGECACHE_SHARED_MAX_AGE = env_int("PAGECACHE_SHARED_MAX_AGE", 3600 if VARNISH_HOSTS else 60)
PAGECACHE_STALE_WHILE_REVALIDATE = env_int("PAGECACHE_STALE_WHILE_REVALIDATE", 30)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The reader's interface speaks the five editions' languages (editions app);
# its strings are in locale/<code>/LC_MESSAGES/django.po, compiled by
# `make install` (docs/translations.md). English needs no catalogue: the
# strings in the code are the English text. LANGUAGE_CODE stays British
# English: the admin's spelling, and the language of a request no edition
# has claimed.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en", "English"),
    ("ckb", "Central Kurdish (Sorani)"),
    ("kmr", "Northern Kurdish (Kurmanji)"),
    ("ar", "Arabic"),
    ("tr", "Turkish"),
]
# Written right to left (translation.get_language_bidi()).
LANGUAGES_BIDI = ["ar", "ckb"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django knows Sorani (ckb), Arabic and Turkish, but not Kurmanji by its own
# code: without this, get_language_info("kmr") raises KeyError (the language
# switcher and the admin's language names use it). Added here, once, before
# anything reads it.
LANG_INFO.setdefault(
    "kmr",
    {
        "bidi": False,
        "code": "kmr",
        "name": "Northern Kurdish (Kurmanji)",
        "name_local": "Kurmancî",
    },
)
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Hashed files (every {% static %} URL in production) are cached for a year
# as immutable, see newsroom.static; this is for the unhashed originals.
WHITENOISE_MAX_AGE = 3600 if not DEBUG else 0

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
if VAR_DIR in MEDIA_ROOT.parents:
    # Uploads in var/ are the app's alone, like everything there (a front
    # server that serves them itself needs MEDIA_ROOT elsewhere).
    FILE_UPLOAD_PERMISSIONS = 0o600
    FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# With no front server the app serves uploaded media itself. In a real
# deployment set SERVE_MEDIA=0 and let nginx or object storage serve MEDIA_URL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

# Uploads: journalists' photos are large, but not unbounded.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
# Pictures kept outside the image library, cleaned and given square
# renditions like library images (images/photos.py): authors' photos.
IMAGES_PHOTO_FIELDS = ["articles.Author.photo"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "admin:login"
# Where the newsroom admin lives: "/admin/" unless ADMIN_URL says otherwise
# (e.g. ADMIN_URL=desk-7f3a/ keeps it off the paths bots try first).
ADMIN_URL = env("ADMIN_URL", "admin/").strip("/") + "/"

# Security. SECURE_SSL_REDIRECT is on in production by default; requests for
# a loopback host (a first run, tests, benchmarks) are not redirected, see
# newsroom.middleware.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Our SecurityMiddleware subclass is checked by newsroom.checks instead.
SILENCED_SYSTEM_CHECKS = ["security.W001"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Headers Django has no setting for, sent by newsroom.middleware: powerful
# browser features off, and our resources readable by our own pages only.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = env("CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

# The client's address, for comments, their rate limits and login protection
# alike (throttle/clients.py). Proxies in front (TLS terminator, load
# balancer, CDN) each append to X-Forwarded-For: TRUSTED_PROXY_COUNT says how
# many do (0: the client talks to gunicorn directly and REMOTE_ADDR is the
# client); or TRUSTED_PROXIES lists their networks (CIDR), and then decides.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY") else 0)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Staff logins: django-axes locks a username at one IP address out after
# AXES_FAILURE_LIMIT failed attempts, for AXES_COOLOFF_MINUTES. Attempts are
# kept in the database, so every app server sees them. Unlock early with
# `manage.py axes_reset_username <name>` (or axes_reset for everyone).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "throttle.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_VERBOSE = False

# A failed CSRF check gets a page in the site's design that gives a reader
# back the comment they wrote.
CSRF_FAILURE_VIEW = "reader.commenting.csrf_failure"

# Content Security Policy with Django's built-in support. Scripts come only
# from our origin, plus the one inline script that applies the reader's text
# size and colour scheme before first paint, allowed by its hash (newsroom.inline).
from newsroom.inline import INLINE_SCRIPT_HASHES, READER_BOOT  # noqa: E402

# The inline script itself, for the reader pages' <head> (reader.context_processors).
READER_BOOT_SCRIPT = READER_BOOT

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, *INLINE_SCRIPT_HASHES],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Email (commenters told of a moderator's decision: comments.tasks), with
# Django's MAILERS. Under DEBUG (make run) messages are printed to the
# console; otherwise they go by SMTP to EMAIL_HOST (the README's settings
# table lists the variables).
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else SMTP_BACKEND,
)
MAILERS = {
    "default": {
        "BACKEND": MAIL_BACKEND,
        "OPTIONS": {
            "host": env("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env("EMAIL_HOST_USER", ""),
            "password": env("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
            "use_ssl": env_bool("EMAIL_USE_SSL"),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        }
        if MAIL_BACKEND == SMTP_BACKEND
        else {},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <comments@localhost>")

# Comments close automatically this many days after publication.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
# The comment form's defences (comments/forms.py, reader/commenting.py). A form
# submitted sooner than the minimum fill time after it was served is refused as
# too fast; an older one than the maximum age as expired (the reader's text is
# kept). The maximum is generous because article pages are served from a cache.
COMMENTS_MIN_FILL_SECONDS = env_int("COMMENTS_MIN_FILL_SECONDS", 3)
COMMENTS_FORM_MAX_AGE = env_int("COMMENTS_FORM_MAX_AGE", 24 * 3600)
# Rate limits per client address (see TRUSTED_PROXY_COUNT) and per email,
# counted in the shared cache over a window (throttle/limits.py).
# (COMMENTS_CLIENT_IP_HEADER is gone: throttle.W001 says so if it is set.)
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)
COMMENTS_RATE_PER_IP = env_int("COMMENTS_RATE_PER_IP", 10)
COMMENTS_RATE_PER_EMAIL = env_int("COMMENTS_RATE_PER_EMAIL", 5)
# The same text from the same email on the same article within this many
# seconds is stored once.
COMMENTS_DUPLICATE_WINDOW = env_int("COMMENTS_DUPLICATE_WINDOW", 24 * 3600)
# Comments with more links than this are flagged for the moderators.
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
# Approved comments shown under a story; more go on pages of their own
# (/news/<slug>/comments/?after=...), this many each.
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)
# Retention: a decided comment's IP address and user agent are kept this many
# days after the decision for abuse handling, then erased by
# `manage.py purge_comment_personal_data` (run it daily, e.g. from cron).
COMMENTS_PERSONAL_DATA_RETENTION_DAYS = env_int("COMMENTS_PERSONAL_DATA_RETENTION_DAYS", 90)

# bench/run_wrk.py serves its yardstick page at /bench/floor/ with BENCH_FLOOR=1.
BENCH_FLOOR = env_bool("BENCH_FLOOR")

# Editorial workflow: how long a draft's share link works unless the editor
# picks another lifetime (hours).
PREVIEW_LINK_HOURS = env_int("PREVIEW_LINK_HOURS", 72)

# Background work (Django's tasks framework): image renditions, e-mails. Tasks
# are rows in the database, run by `manage.py db_worker` (django-tasks-db):
# `make run` starts one beside the development server; in production it is a
# service of its own (docs/production.md). Work is enqueued after the request's
# transaction commits, so a worker never sees a row that is not there yet.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Pagination of list pages.
ARTICLES_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.logging.JSONFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Requests are logged once, by gunicorn's access log (JSON in
        # production, see gunicorn.conf.py); Django's own request logger
        # still reports 5xx errors with their traceback.
        "django.server": {"level": "WARNING"},
    },
}
