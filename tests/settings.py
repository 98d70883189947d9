"""Test settings: production settings with a fast hasher and a per-process cache."""

import os

os.environ.setdefault("DEBUG", "0")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsroom-tests",
    }
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Tests render templates with the manifest-less storage, so a missing
# collectstatic never hides a real failure.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client's host is "testserver", not loopback; the redirect itself
# has its own tests.
SECURE_SSL_REDIRECT = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# django-axes needs the request in authenticate(); the test client's login()
# does not pass one, so axes is off for the suite (its documented test set-up)
# and tests/production/test_login_protection.py turns it on to test it.
AXES_ENABLED = False
# A test's rows live in its transaction, on the default connection: the
# reader pages' SQL must run there too. (The PostgreSQL `reads` connection,
# with prepared statements, has its own test: tests/reader/test_reads_database.py.)
READS_DATABASE = "default"
# Tasks run at once, in the test's process (Django's ImmediateBackend); a test
# that must show work is *not* done in the request swaps in the DummyBackend and
# looks at what was enqueued.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
