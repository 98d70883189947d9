"""Addresses of stories, sections, authors and tags, fast.

A list page links each story several times; Django's reverse() costs tens of
microseconds a call. These patterns take one slug, so the address is reversed
once (per URL configuration and script prefix) with a marker for the slug, and
then built by joining strings. A slug holds only letters, digits, hyphens and
underscores (articles.converters): ASCII ones need no quoting, the others are
percent-encoded as reverse() would; anything else goes through reverse().
"""

import re
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from articles.converters import AnySlugConverter

MARKER = "slugmarker0"
SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+").fullmatch
ANY_SLUG = re.compile(AnySlugConverter.regex).fullmatch


@lru_cache(maxsize=128)
def _parts(name, prefix, urlconf):
    head, tail = reverse(name, args=[MARKER], urlconf=urlconf).split(MARKER)
    return head, tail


def slug_url(name, slug):
    """reverse(name, args=[slug]) for a URL pattern with one slug."""
    return slug_url_maker(name)(slug)


def slug_url_maker(name):
    """slug_url(name, ·) for a list of slugs: the script prefix and URL
    configuration read once (each read is a context-local lookup)."""
    head, tail = _parts(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)

    def make(slug):
        if SAFE_SLUG(slug):
            return head + slug + tail
        if ANY_SLUG(slug):
            return head + quote(slug) + tail
        return reverse(name, args=[slug])

    return make


@lru_cache(maxsize=256)
def _fixed(name, prefix, urlconf):
    return reverse(name, urlconf=urlconf)


def url(name, *args):
    """reverse(name, args=args), cheap for fixed addresses and one-slug ones:
    the `url()` of the Jinja2 templates."""
    if not args:
        return _fixed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if len(args) == 1 and isinstance(args[0], str):
        return slug_url(name, args[0])
    return reverse(name, args=args)
