"""COMMENTS_CLIENT_IP_HEADER is gone: say so rather than ignore it silently."""

import os

from django.conf import settings
from django.core.checks import Warning, register

REMOVED = "COMMENTS_CLIENT_IP_HEADER"


@register()
def check_removed_client_ip_setting(app_configs, **kwargs):
    if not (getattr(settings, REMOVED, None) or os.environ.get(REMOVED)):
        return []
    return [
        Warning(
            f"{REMOVED} is no longer read: comments, their rate limits and login "
            "protection all take the client's address from throttle.clients.client_ip.",
            hint="Remove it and set TRUSTED_PROXY_COUNT to the number of proxies that "
            "append to X-Forwarded-For (or TRUSTED_PROXIES to their networks); see the "
            "README's settings table.",
            id="throttle.W001",
        )
    ]
