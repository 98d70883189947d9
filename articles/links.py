"""Addresses of stories, sections, authors and tags, fast.

A list page links each story several times; Django's reverse() costs tens of
microseconds a call. These patterns take one slug, so the address is reversed
once (per address context: URL configuration, script prefix, language) with a
marker for the slug, and then built by joining strings. A slug holds only
letters, digits, hyphens and underscores (articles.converters): ASCII ones need
no quoting, the others are percent-encoded as reverse() would; anything else
goes through reverse().
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from articles.converters import AnySlugConverter
from pagecache.memos import Memo, address_context

MARKER = "slugmarker0"
SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+").fullmatch
ANY_SLUG = re.compile(AnySlugConverter.regex).fullmatch


_addresses = Memo("addresses of URL names", size=512)


def _parts(name):
    """An address with one slug, as (before the slug, after it)."""

    def reverse_around_marker():
        head, tail = reverse(name, args=[MARKER]).split(MARKER)
        return head, tail

    return _addresses.get((name, MARKER, address_context()), reverse_around_marker)


def slug_url(name, slug):
    """reverse(name, args=[slug]) for a URL pattern with one slug."""
    return slug_url_maker(name)(slug)


def slug_url_maker(name):
    """slug_url(name, ·) for a list of slugs: the address context read once
    (each read is a context-local lookup)."""
    head, tail = _parts(name)

    def make(slug):
        if SAFE_SLUG(slug):
            return head + slug + tail
        if ANY_SLUG(slug):
            return head + quote(slug) + tail
        return reverse(name, args=[slug])

    return make


def url(name, *args):
    """reverse(name, args=args), cheap for fixed addresses and one-slug ones:
    the `url()` of the Jinja2 templates."""
    if not args:
        return _addresses.get((name, address_context()), lambda: reverse(name))
    if len(args) == 1 and isinstance(args[0], str):
        return slug_url(name, args[0])
    return reverse(name, args=args)


def absolute_url(url):
    """An absolute address on SITE_URL: the one origin for canonical links,
    feeds, sitemaps and structured data, whichever host the request came on."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return settings.SITE_URL.split(":", 1)[0] + ":" + url
    return settings.SITE_URL + (url if url.startswith("/") else "/" + url)
