"""The page cache middleware: serve anonymous readers from the shared cache.

Place it right after SecurityMiddleware and WhiteNoise, before sessions,
CSRF, authentication and messages: a hit costs one cache round-trip and the
building of one HttpResponse, nothing else.
"""

import hashlib
import logging
import math
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

import pagecache.conf as conf
import pagecache.fragments as fragments
import pagecache.late as late
import pagecache.store as store
from pagecache.backends import cache_failed
from pagecache.csrf import PLACEHOLDER_BYTES, personalise, set_csrf_cookie

log = logging.getLogger(__name__)

# Statuses of a failed rendering for which a stale copy is served instead
# (those of RFC 5861's stale-if-error).
STALE_IF_ERROR = {500, 502, 503, 504}

# Headers of the rendered page that are not stored: recomputed for each reader.
NOT_STORED = {
    "content-length",
    "vary",
    "cache-control",
    "etag",
    "last-modified",
    "expires",
    "date",
    "set-cookie",
}
STORABLE_VARY = {"cookie", "accept-encoding"}


class PageInfo:
    """What a view said about the page it renders (see pagecache.tag_page)."""

    __slots__ = (
        "key",
        "started",
        "tags",
        "until",
        "params",
        "query_params",
        "replaces",
        "store",
        "esi",
        "uses_esi",
        "included_tags",
        "fragments",
    )

    def __init__(self, key, started, query_params, *, esi=False):
        self.key = key
        self.started = started
        self.tags = set()
        self.until = None
        self.params = set()
        self.query_params = query_params
        self.replaces = 0
        self.store = True  # tag_page(store=False): public, but not kept here
        self.esi = esi  # asked by an ESI processor: fragments as <esi:include>
        self.uses_esi = False  # ... and the page holds one
        self.included_tags = set()  # ... whose fragments carry these tags
        self.fragments = False  # the page holds fragment placeholders


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = conf.get("PAGECACHE_ENABLED")
        self.bypass_cookies = (
            settings.SESSION_COOKIE_NAME,
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
        )
        self.ignored_params = frozenset(conf.get("PAGECACHE_IGNORED_PARAMS"))
        prefixes = ["/" + settings.ADMIN_URL.lstrip("/"), settings.STATIC_URL]
        if settings.MEDIA_URL:
            prefixes.append(settings.MEDIA_URL)
        self.skip_prefixes = tuple(p for p in prefixes if p and p != "/")
        self.memo = store.TagMemo()
        self.skew = conf.get("PAGECACHE_CLOCK_SKEW")
        self.browser_max_age = conf.get("PAGECACHE_BROWSER_MAX_AGE")
        self.shared_max_age = conf.get("PAGECACHE_SHARED_MAX_AGE")
        self.swr = conf.get("PAGECACHE_STALE_WHILE_REVALIDATE")
        self.tag_header = conf.get("PAGECACHE_TAG_HEADER")
        self.stale_if_error = conf.get("PAGECACHE_STALE_IF_ERROR")
        self.query_timeout = conf.get("PAGECACHE_QUERY_TIMEOUT")
        self.query_variants = conf.get("PAGECACHE_QUERY_VARIANTS")

    # --- the request ---------------------------------------------------------

    def __call__(self, request):
        if not self.is_candidate(request):
            return self.uncacheable(request, self.get_response(request))
        query_params = self.query_params(request)
        # Pages for an ESI processor (Varnish) hold <esi:include> tags where
        # others hold the fragments: kept apart.
        esi = fragments.esi_capable(request)
        key = store.page_key(
            request.get_host(), request.path, urlencode(query_params), variant="esi" if esi else ""
        )
        now = store.now_ts()
        try:
            entry, outdated = store.fetch_valid(key, self.memo, now)
        except Exception as error:
            # The cache is down: render every page (and store none) until it
            # is back, rather than fail them.
            cache_failed(log, "Page cache unreachable; rendering without it", error)
            entry = outdated = None
        if entry is not None:
            return self.serve(request, entry, now)
        request.pagecache = PageInfo(key, now, query_params, esi=esi)
        request.pagecache.replaces = outdated.last_modified if outdated else 0
        response = self.get_response(request)
        if outdated is not None and response.status_code in STALE_IF_ERROR:
            return self.serve_stale(request, outdated, response)
        return self.rendered(request, response)

    def is_candidate(self, request):
        """Anonymous GET or HEAD with no session and no pending message."""
        if not self.enabled or request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        if cookies and any(cookies.get(name) for name in self.bypass_cookies):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return not request.path.startswith(self.skip_prefixes)

    def query_params(self, request):
        if not request.META.get("QUERY_STRING"):
            return []
        pairs = parse_qsl(request.META["QUERY_STRING"], keep_blank_values=True)
        return sorted((k, v) for k, v in pairs if k not in self.ignored_params)

    # --- a freshly rendered page ---------------------------------------------

    def rendered(self, request, response):
        info = request.pagecache
        if info.uses_esi:
            response.headers["Surrogate-Control"] = fragments.ESI_CONTROL
            if self.tag_header and info.included_tags:
                response.headers[fragments.INCLUDED_TAGS_HEADER] = " ".join(
                    sorted(info.included_tags)
                )
        if response.streaming or not self.is_public_page(request, response, info):
            response = self.uncacheable(request, response)
            if not response.streaming and late.MARKER in response.content:
                response.content = late.fill(response.content, request)
            if not response.streaming and fragments.MARKER in response.content:
                response.content = fragments.fill(response.content, request)[0]
            if not response.streaming and PLACEHOLDER_BYTES in response.content:
                body, secret, is_new = personalise(response.content, request)
                response.content = body
                if is_new:
                    set_csrf_cookie(response, secret)
                patch_vary_headers(response, ("Cookie",))
            return response
        body = response.content
        headers = {k: v for k, v in response.items() if k.lower() not in NOT_STORED}
        tags = sorted(info.tags)
        until = info.until
        admitted = True
        try:
            versions, due = store.current_versions(tags, started=info.started, skew=self.skew)
            if info.query_params:
                until = min(until or math.inf, info.started + self.query_timeout)
                if versions is not None and request.method == "GET":
                    admitted = store.admit_variant(
                        request.get_host(),
                        request.path,
                        urlencode(info.query_params),
                        window=self.query_timeout,
                        limit=self.query_variants,
                    )
        except Exception as error:
            cache_failed(log, "Page cache unreachable; page not stored", error)
            versions, due = None, 0.0
        now = store.now_ts()
        stored = versions is not None and request.method == "GET" and admitted and info.store
        if stored:
            # Later than the copy this one replaces, even within the same second.
            last_modified = max(math.ceil(now), info.replaces + 1)
        else:
            # Not stored: keep the view's own validator (a feed's newest story).
            last_modified = parse_http_date_safe(response.get("Last-Modified", "")) or 0
        entry = store.Entry(
            body=body,
            headers=headers,
            # Untrusted (a tag changed within the clock skew, or the cache
            # failed): still named by its tags, so a shared cache can be
            # purged of it, and expired at once, so none keeps it.
            tags=versions or dict.fromkeys(tags, 0.0),
            expires=store.expiry(now, due, until=until) if versions is not None else now,
            etag=(
                f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
                if stored or not response.get("ETag")
                else response["ETag"]
            ),
            last_modified=last_modified,
            last_modified_http=http_date(last_modified) if last_modified else "",
            csrf=PLACEHOLDER_BYTES in body,
            late=late.MARKER in body,
            fragments=info.fragments and fragments.MARKER in body,
        )
        if stored:
            # Kept past its expiry, for stale-if-error (not pages with a query).
            timeout = max(1, math.ceil(entry.expires - now))
            if not info.query_params:
                timeout += self.stale_if_error
            try:
                store.cache().set(info.key, entry, timeout)
            except Exception as error:
                cache_failed(log, "Page cache unreachable; page not stored", error)
            self.memo.put(info.key, versions)
        return self.serve(request, entry, now, status=response.status_code)

    def is_public_page(self, request, response, info):
        """A page the view tagged, that says nothing private about the reader."""
        if not info.tags or response.status_code != 200 or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # a real token was rendered (get_token called directly)
        control = response.get("Cache-Control", "").lower()
        if "private" in control or "no-store" in control or "no-cache" in control:
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= STORABLE_VARY:
            return False
        return all(name in info.params for name, _ in info.query_params)

    # --- answering from an entry ---------------------------------------------

    def serve(self, request, entry, now, status=200):
        body = entry.body
        etag = entry.etag
        is_new = False
        last_modified = entry.last_modified
        if entry.late:
            body = late.fill(body, request)
        if entry.fragments:
            # The parts cached apart (The Latest), as they are now: the ETag
            # says which (browsers revalidate with it). Last-Modified stays
            # the page's own: a crawler asking If-Modified-Since alone is told
            # whether the story changed, not the list beside it.
            body, digest = fragments.fill(body, request)
            etag = f'{etag[:-1]}-{digest}"'
        if entry.csrf:
            # The page holds a form: each reader gets their own token, and the
            # page may be kept by their browser only, never by a shared cache.
            body, secret, is_new = personalise(body, request)
            etag = f'{etag[:-1]}-{hashlib.blake2b(secret.encode(), digest_size=4).hexdigest()}"'
            control = "private, no-cache"
        else:
            control = self.public_control(entry.expires - now)
        if self.not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, status=status, headers=entry.headers)
            response.headers["Content-Length"] = str(len(body))
        response.headers["ETag"] = etag
        if last_modified:
            response.headers["Last-Modified"] = entry.last_modified_http
        response.headers["Cache-Control"] = control
        response.headers["Vary"] = "Cookie"
        if self.tag_header:
            response.headers[self.tag_header] = " ".join(sorted(entry.tags))
        if is_new:
            set_csrf_cookie(response, secret)
        return response

    def serve_stale(self, request, entry, failed):
        """The last stored copy of a page that failed to render (the database
        is down): better than an error page. Marked by a `Cache-Status`
        header (RFC 9211) naming the failure, and kept by no cache."""
        log.warning(
            "Served a stale copy of %s (rendering it failed with %s)",
            request.path,
            failed.status_code,
        )
        response = self.serve(request, entry, store.now_ts())
        response.headers["Cache-Control"] = "no-store"
        response.headers["Cache-Status"] = (
            f"Newsroom; fwd=stale; fwd-status={failed.status_code}; detail=stale-if-error"
        )
        return response

    def public_control(self, remaining):
        """Cache-Control for a shared cache, never beyond the page's expiry."""
        remaining = max(0, int(remaining))
        shared = min(self.shared_max_age, remaining)
        stale = max(0, min(self.swr, remaining - shared))
        browser = min(self.browser_max_age, remaining)
        # Stale-if-error is not capped: a page past its time beats an error
        # page while the site is down (RFC 5861).
        return (
            f"public, max-age={browser}, s-maxage={shared}, stale-while-revalidate={stale},"
            f" stale-if-error={self.stale_if_error}"
        )

    def not_modified(self, request, etag, last_modified):
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            tags = parse_etags(if_none_match)
            return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        since = request.META.get("HTTP_IF_MODIFIED_SINCE")
        if since and last_modified:
            since = parse_http_date_safe(since)
            return since is not None and last_modified <= since
        return False

    # --- everything else -----------------------------------------------------

    def uncacheable(self, request, response):
        """Staff, and anyone with a session, get `private, no-store`; other
        pages that were not stored are private."""
        has_session = bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
        if has_session and self.is_staff(request):
            response.headers["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie",))
        elif "Cache-Control" not in response and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            response.headers["Cache-Control"] = (
                "private, no-store" if has_session else ("private, no-cache")
            )
        return response

    def is_staff(self, request):
        """A signed-in user, if the view looked them up (never a query of our
        own: a request the view answered without the session stays so)."""
        user = getattr(request, "_cached_user", None)
        return bool(user is not None and user.is_authenticated)
