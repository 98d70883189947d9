"""Staff login protection: hooks for django-axes.

Axes counts failed logins per username and client address (see the AXES_*
settings) and refuses further attempts once the limit is reached, until the
cool-off has passed or someone runs `manage.py axes_reset_username <name>`.
"""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.timesince import timeuntil


def client_ip(request):
    """The address of the client, as far as trusted proxies tell us.

    With TRUSTED_PROXY_COUNT=0 (gunicorn faces clients) it is REMOTE_ADDR.
    Behind N proxies it is the Nth X-Forwarded-For entry from the right: each
    proxy appends the address it saw, so entries further left are whatever
    the client chose to send and cannot be trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
        if hops:
            return hops[0]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: the admin's own look, status 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off": timeuntil(now + cool_off, now) if cool_off else None,
    }
    response = TemplateResponse(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(int(cool_off.total_seconds())) if cool_off else "3600"
    return response.render()
