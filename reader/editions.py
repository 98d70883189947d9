"""The current edition: defined here, once.

Each enabled edition lives under its own address prefix (/ckb/, /ar/ ...);
the default edition (settings.SITE_LANGUAGE, English) keeps the addresses
without one. `EditionMiddleware` reads the prefix and activates the
edition's language for the request, and the edition *is* the active
language from then on: `current()` reads it, Django's reverse() puts the
prefix in every address (`edition_patterns`, as i18n_patterns does for
languages), and the editions-i18n catalogues translate the reader's strings.

To build an address of another edition (a translation, the language
switcher, a story's own address from the admin), activate that edition:
`with translation.override(code): reverse(...)` (`in_edition` below).

A disabled edition's addresses match no pattern: 404. The list of enabled
editions is shared by every process (pagecache.store.memo, refreshed with
tags.SITE when an edition is saved) and falls back to the built-in editions
while the database is down.
"""

import functools
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from articles.links import slug_url
from editions import defaults
from editions.models import (
    Edition,
    default_edition,
    is_default,
    shown_site_description,
    shown_site_name,
)
from pagecache.store import memo
from reader import tags

log = logging.getLogger(__name__)

DEFAULT = default_edition()  # settings.SITE_LANGUAGE; editions.models.is_default(code)


@dataclass(frozen=True, slots=True)
class EditionInfo:
    """What reader pages show of an edition (cheap to keep in the cache)."""

    code: str
    name: str
    english_name: str
    direction: str
    digits: str
    site_name: str
    tagline: str

    @property
    def is_rtl(self):
        return self.direction == Edition.Direction.RTL

    @property
    def is_default(self):
        return is_default(self.code)

    @property
    def og_locale(self):
        return OG_LOCALES.get(self.code, self.code)

    @property
    def prefix(self):
        """The start of the edition's addresses: "/" or "/ckb/"."""
        return "/" if self.is_default else f"/{self.code}/"


# Open Graph's locales (Facebook's list: Sorani is cb_IQ, Kurmanji ku_TR).
OG_LOCALES = {"en": "en_GB", "ckb": "cb_IQ", "kmr": "ku_TR", "ar": "ar_AR", "tr": "tr_TR"}


def _allowed(code):
    narrowed = getattr(settings, "EDITIONS", None)
    return code == DEFAULT or not narrowed or code in narrowed


def _compute():
    rows = Edition.objects.order_by("order", "code").values_list(
        "code", "name", "english_name", "direction", "digits", "site_name", "tagline", "enabled"
    )
    return [
        EditionInfo(*row[:-1])
        for row in rows
        if (row[-1] or row[0] == DEFAULT) and _allowed(row[0])
    ]


def _built_in():
    return [
        EditionInfo(code, name, english, direction, digits, site_name, tagline)
        for code, name, english, direction, digits, site_name, tagline in defaults.EDITIONS
        if _allowed(code)
    ]


# The editions as the request being answered read them: once a request
# (EditionMiddleware gives each request a holder).
_this_request = ContextVar("editions of this request", default=None)


def enabled():
    """The editions readers see, in the editions' order, {code: EditionInfo};
    the default edition always (its addresses have no prefix to switch off)."""
    holder = _this_request.get()
    if holder is not None:
        if not holder:
            holder.append(_enabled())
        return holder[0]
    return _enabled()


def _enabled():
    try:
        # No clock skew allowance: editions change a few times a year, and
        # a page right after any site-wide change (a section saved) should
        # not read them again on every request for a second.
        found = memo(
            "editions", [tags.SITE], _compute, skew=0, local=True, layout_of=(EditionInfo,)
        )
    except DatabaseError as error:
        log.warning("Could not read the editions, using the built-in ones: %s", error)
        found = _built_in()
    editions = {edition.code: edition for edition in found}
    if DEFAULT not in editions:  # a database without the default edition's row
        editions[DEFAULT] = next(e for e in _built_in() if e.code == DEFAULT)
    return editions


def current():
    """The edition of the page being built (the active language's)."""
    editions = enabled()
    return editions.get(translation.get_language()) or editions[DEFAULT]


def current_code():
    code = translation.get_language()
    if code in (DEFAULT, settings.LANGUAGE_CODE, None):
        return DEFAULT  # no need to read the editions
    return code if code in enabled() else DEFAULT


def site_name(edition=None):
    """The site's name in `edition` (the current one): the default edition's
    is settings.SITE_NAME, the others' their own."""
    if edition is None and current_code() == DEFAULT:
        return settings.SITE_NAME
    edition = edition or current()
    return shown_site_name(edition.code, edition.site_name)


def site_description(edition=None):
    if edition is None and current_code() == DEFAULT:
        return settings.SITE_DESCRIPTION
    edition = edition or current()
    return shown_site_description(edition.code, edition.tagline)


def front_url(edition=None):
    """The edition's front page, "/" or "/ckb/" (as reverse("reader:front"))."""
    edition = edition or current()
    return edition.prefix


def in_edition(code):
    """A context in which reverse() builds edition `code`'s addresses."""
    return translation.override(code)


# Pages that are the same page in every edition (their address differs by
# the prefix only): their versions are one another's alternates.
SAME_IN_EVERY_EDITION = {"reader:front", "reader:latest", "reader:guidelines", "search:search"}


@dataclass(frozen=True, slots=True)
class Version:
    """This page in one edition: `exists` when the edition has this page (a
    translation of the story, the same list), else `url` is its front page."""

    edition: EditionInfo
    url: str
    exists: bool
    is_current: bool


def versions(request, translations=None):
    """The page of `request` in each enabled edition, in the editions'
    order: for the hreflang alternates and the language switcher.
    `translations`: an article page's visible translations, (code, slug)
    each (reader.queries.ArticlePage)."""
    editions = enabled()
    here = current()
    found = {}
    if request is not None:
        found[here.code] = request.path
        match = getattr(request, "resolver_match", None)
        if translations:
            for code, slug in translations:
                if code in editions and code != here.code:
                    with in_edition(code):
                        found[code] = slug_url("reader:article", slug)
        elif match is not None and match.view_name in SAME_IN_EVERY_EDITION:
            for code in editions:
                with in_edition(code):
                    found[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    return [
        Version(edition, found.get(code) or edition.prefix, code in found, code == here.code)
        for code, edition in editions.items()
    ]


FIRST_SEGMENT = re.compile(r"^/([a-z]{2,8})(?:/|$)")


def edition_of_path(path):
    """The code of the enabled edition whose prefix `path` starts with, else
    the default's. The default edition's own addresses (/news/..., /feeds/...)
    are told apart without reading the editions."""
    match = FIRST_SEGMENT.match(path)
    if not match or match[1] == DEFAULT or match[1] in _default_words():
        return DEFAULT
    return match[1] if match[1] in enabled() else DEFAULT


@functools.cache
def _default_words():
    """The first words of the editions' addresses ("news", "feeds" ...):
    no edition code can be one of them."""
    from django.urls import URLResolver, get_resolver

    words = set()

    def collect(patterns):
        for pattern in patterns:
            first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
            if first and "<" not in first:
                words.add(first.split(".", 1)[0].split("-", 1)[0])
            elif not first and isinstance(pattern, URLResolver):
                collect(pattern.url_patterns)

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, EditionPrefixPattern):
            collect(pattern.url_patterns)
    return frozenset(words)


class EditionMiddleware:
    """request.edition, and its language active while the page is built.

    After the page cache (a stored page needs neither) and before URL
    resolution, which follows the active edition (EditionPrefixPattern)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip = ("/" + settings.ADMIN_URL.lstrip("/"),)

    def __call__(self, request):
        if request.path_info.startswith(self.skip):
            return self.get_response(request)
        token = _this_request.set([])
        try:
            code = edition_of_path(request.path_info)
            request.edition = SimpleLazyObject(current)
            with translation.override(code):
                response = self.get_response(request)
        finally:
            _this_request.reset(token)
        if not response.has_header("Content-Language"):
            response["Content-Language"] = code
        return response


class EditionPrefixPattern:
    """The URL prefix of the active edition: "" for the default edition (and
    for a language that is no edition, as the admin's may be), "ckb/" for
    Sorani. Django's LocalePrefixPattern, on the editions rather than
    settings.LANGUAGES; URLResolver keeps its reverse() table per language,
    so each edition's addresses are worked out once."""

    converters = {}

    @property
    def regex(self):
        # Only used by reverse(), cached per language.
        return re.compile(re.escape(self.prefix))

    @property
    def prefix(self):
        code = translation.get_language()
        # No edition activated (LANGUAGE_CODE): the default's, without asking
        # the database (URLs are reversed at import time too).
        if code in (DEFAULT, settings.LANGUAGE_CODE, None) or code not in enabled():
            return ""
        return f"{code}/"

    def match(self, path):
        prefix = self.prefix
        if path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        return None

    def check(self):
        return []

    def describe(self):
        return f"'{self}'"

    def __str__(self):
        return self.prefix


def edition_patterns(*urls):
    """URL patterns answered under each enabled edition's prefix."""
    from django.urls import URLResolver

    return [URLResolver(EditionPrefixPattern(), list(urls))]
