from datetime import UTC

from django import template

register = template.Library()


@register.filter
def iso(value):
    """A machine-readable time for <time datetime> and metadata: UTC, whole seconds.

    Django's "c" format keeps microseconds, which HTML's datetime grammar
    (at most three fractional digits) rejects.
    """
    if not value:
        return ""
    return value.astimezone(UTC).isoformat(timespec="seconds")
