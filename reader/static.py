"""Addresses of static files in the reader pages."""

from functools import lru_cache

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.functional import empty


@lru_cache(maxsize=256)
def _static(path, storage):
    return static(path)


def static_url(path):
    """static(path), worked out once per process and storage: with hashed
    file names each lookup reads the manifest and joins URLs."""
    if staticfiles_storage._wrapped is empty:
        staticfiles_storage._setup()
    return _static(path, id(staticfiles_storage._wrapped))
