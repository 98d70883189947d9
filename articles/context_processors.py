from django.utils.functional import SimpleLazyObject

from articles.cards import CardSection
from newsroom.shared import shared


def sections(request=None):
    """Every section in menu order, as CardSection (pk, name, slug, url), from
    the site's shared parts (newsroom/shared.py): no query while cached."""
    return [CardSection(*row) for row in shared(request)["sections"]]


def navigation(request):
    """Sections for the masthead menu."""
    return {
        "nav_sections": SimpleLazyObject(
            lambda: [(section.name, section.url) for section in sections(request)]
        )
    }
