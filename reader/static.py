"""Addresses of static files in the reader pages."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.functional import empty

from pagecache.memos import Memo

_addresses = Memo("static file addresses", size=256)


def static_url(path):
    """static(path), worked out once per process and storage: with hashed
    file names each lookup reads the manifest and joins URLs."""
    if staticfiles_storage._wrapped is empty:
        staticfiles_storage._setup()
    return _addresses.get((path, id(staticfiles_storage._wrapped)), lambda: static(path))
