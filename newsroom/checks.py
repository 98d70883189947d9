"""Deploy checks for our SecurityMiddleware subclass.

Django's security checks look for SecurityMiddleware by its dotted path, so
with our subclass in MIDDLEWARE they would pass without looking (and W001
would complain). This runs the same checks as if the stock class were listed,
so HSTS, nosniff, SSL redirect and the rest are still checked for real.
"""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks.security import base

OURS = "newsroom.middleware.LoopbackAwareSecurityMiddleware"
STOCK = "django.middleware.security.SecurityMiddleware"
CHECKS = [
    base.check_sts,
    base.check_sts_include_subdomains,
    base.check_sts_preload,
    base.check_content_type_nosniff,
    base.check_ssl_redirect,
    base.check_referrer_policy,
    base.check_cross_origin_opener_policy,
]


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs, **kwargs):
    if OURS not in settings.MIDDLEWARE:
        if STOCK in settings.MIDDLEWARE:
            return []
        return [base.W001]
    # Imported here, not at the top: django.test pulls in unittest and more,
    # about 5 MiB in every gunicorn worker, for a check only manage.py runs.
    from django.test.utils import override_settings

    middleware = [STOCK if name == OURS else name for name in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        return [message for check in CHECKS for message in check(app_configs)]
