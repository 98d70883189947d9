"""Staff login protection: hooks for django-axes.

Axes counts failed logins per username and client address (see the AXES_*
settings; the address is throttle.clients.client_ip's, as everywhere) and
refuses further attempts once the limit is reached, until the cool-off has
passed or someone runs `manage.py axes_reset_username <name>`.
"""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.timesince import timeuntil


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
