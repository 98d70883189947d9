"""Static files, served by WhiteNoise from the collected, hashed files."""

from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with a one-year lifetime for hashed files.

    A hashed name (site.b25cf6c3817e.css) never changes content, so browsers
    and CDNs keep it `immutable` for a year, the longest lifetime HTTP caches
    are expected to honour (WhiteNoise's own default is ten years). Unhashed
    names get WHITENOISE_MAX_AGE, short, since a deploy changes them in place.
    """

    FOREVER = 365 * 24 * 60 * 60
