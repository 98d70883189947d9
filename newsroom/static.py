"""Static files, served by WhiteNoise from the collected, hashed files."""

from functools import lru_cache

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseMiddleware


@lru_cache(maxsize=256)
def _static(path, storage):
    return static(path)


def static_url(path):
    """static(path), worked out once per process and storage: with hashed
    file names each lookup reads the manifest and joins URLs."""
    if staticfiles_storage._wrapped is empty:
        staticfiles_storage._setup()
    return _static(path, id(staticfiles_storage._wrapped))


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with a one-year lifetime for hashed files.

    A hashed name (site.b25cf6c3817e.css) never changes content, so browsers
    and CDNs keep it `immutable` for a year, the longest lifetime HTTP caches
    are expected to honour (WhiteNoise's own default is ten years). Unhashed
    names get WHITENOISE_MAX_AGE, short, since a deploy changes them in place.
    """

    FOREVER = 365 * 24 * 60 * 60
