from django.conf import settings
from django.utils.functional import SimpleLazyObject

from reader.cards import CardSection
from reader.shared import shared


def sections(request=None):
    """Every section in menu order, as CardSection (pk, name, slug, url), from
    the site's shared parts (reader/shared.py): no query while cached."""
    return [CardSection(*row) for row in shared(request)["sections"]]


def site(request):
    """The site's identity, the inline boot script and the masthead's sections."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "TEXT_SIZE_BOOT": settings.READER_BOOT_SCRIPT,
        "nav_sections": SimpleLazyObject(
            lambda: [(section.name, section.url) for section in sections(request)]
        ),
    }
