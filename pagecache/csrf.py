"""CSRF tokens in cached pages.

A stored page must never hand one reader's CSRF token to another. While a page
that may be stored is rendered, `{% csrf_token %}` (and `{{ csrf_token }}`)
print a placeholder instead of a token (see the context processor below). Each
time the page is served, from the cache or fresh, the placeholder is replaced
with a token masked from that reader's own CSRF secret (from their cookie, or a
new one, set in a cookie exactly as Django's CsrfViewMiddleware would set it).
Django's CSRF check on the POST is unchanged.
"""

from django.conf import settings
from django.middleware.csrf import (
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    InvalidTokenFormat,
    _check_token_format,
    _get_new_csrf_string,
    _mask_cipher_secret,
    _unmask_cipher_token,
    get_token,
)
from django.utils.functional import SimpleLazyObject

PLACEHOLDER = "pagecache-csrf-placeholder-7f3a91c2e5b8d4a6"
PLACEHOLDER_BYTES = PLACEHOLDER.encode()


def reader_secret(request):
    """(secret, is_new): the reader's CSRF secret from their cookie if it is
    well formed, else a new one that must be sent in a cookie."""
    secret = request.META.get("CSRF_COOKIE")  # CsrfViewMiddleware already read it
    if secret is None:
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if secret is not None:
            try:
                _check_token_format(secret)
            except InvalidTokenFormat:
                secret = None
            else:
                if len(secret) == CSRF_TOKEN_LENGTH:
                    secret = _unmask_cipher_token(secret)
    if secret is None or len(secret) != CSRF_SECRET_LENGTH:
        return _get_new_csrf_string(), True
    return secret, bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def set_csrf_cookie(response, secret):
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )


def personalise(body, request):
    """The body with the reader's own token in place of the placeholder, the
    secret it was masked from, and whether that secret needs a new cookie."""
    secret, is_new = reader_secret(request)
    parts = body.split(PLACEHOLDER_BYTES)
    # A fresh mask per token, as Django does for every get_token() call.
    out = parts[0]
    for part in parts[1:]:
        out += _mask_cipher_secret(secret).encode() + part
    return out, secret, is_new


def _token(request):
    if getattr(request, "pagecache", None) is not None and not settings.CSRF_USE_SESSIONS:
        return PLACEHOLDER
    return get_token(request)


def csrf(request):
    """Context processor: replaces Django's `csrf_token` with the placeholder
    while a page that may be stored is rendered; a real token otherwise.
    List it in TEMPLATES' context_processors (it must come after Django's
    built-in one, which every RequestContext applies first)."""
    return {"csrf_token": SimpleLazyObject(lambda: _token(request))}
