"""Is this POST from one of our own pages? Cross-site request forgery
refused without a per-reader token in the page.

Browsers say where a request comes from, in headers a page cannot set:
`Sec-Fetch-Site` (Fetch Metadata: every current browser) and `Origin` (on
every POST since 2020). A page stays the same for every reader, so a shared
cache (Varnish, a CDN) may keep it, and the form it holds still cannot be
posted from another site:

1. `Sec-Fetch-Site: same-origin` (or `none`: the reader's own action, a
   bookmark) is ours; `same-site` or `cross-site` is ours only if its
   `Origin` is one of CSRF_TRUSTED_ORIGINS.
2. Without Fetch Metadata, `Origin` must be this site's own (scheme, host
   and port as the request reached us) or a trusted one; `Origin: null`
   (a sandboxed frame, a privacy redirect) is refused.
3. With neither header the request does not come from a browser page at
   all (a script, an old client): forgery needs a victim's browser, so it
   is let through, as Go's net/http CrossOriginProtection does; the
   comment form's other defences (its time-trap token, rate limits) apply
   to it as to everyone.
"""

from django.conf import settings

SAFE_SITES = {"same-origin", "none"}


def own_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def trusted(origin, request):
    return origin == own_origin(request) or origin in settings.CSRF_TRUSTED_ORIGINS


def is_cross_site(request):
    """Whether a POST comes from another site's page (see the module)."""
    site = request.META.get("HTTP_SEC_FETCH_SITE", "").strip().lower()
    origin = request.META.get("HTTP_ORIGIN", "").strip()
    if site:
        if site in SAFE_SITES:
            return False
        return not (origin and origin in settings.CSRF_TRUSTED_ORIGINS)
    if origin:
        return not trusted(origin, request)
    return False
