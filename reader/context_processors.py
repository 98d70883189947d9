from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.links import slug_url_maker
from reader import editions
from reader.cards import CardSection
from reader.shared import shared


def sections(request=None):
    """Every section in menu order, as CardSection (pk, name, slug, url), from
    the site's shared parts (reader/shared.py): no query while cached."""
    return [CardSection(*row) for row in shared(request)["sections"]]


def footer_pages(request=None):
    """The publication pages the footer links to, (title, url) each, from
    the site's shared parts."""
    # The publication's pages are written once, in the default edition.
    with editions.in_edition(editions.DEFAULT):
        page_url = slug_url_maker("reader:page")  # (Page.get_absolute_url's rule)
    return [(title, page_url(slug)) for _, title, slug in shared(request)["pages"]]


def site(request):
    """The site's identity, the inline boot script, the masthead's sections
    and the footer's pages, (name, url) each."""
    edition = editions.current()
    return {
        "SITE_NAME": editions.site_name(edition),
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": editions.site_description(edition),
        "edition": edition,
        "editions": editions.enabled(),
        "READER_BOOT_SCRIPT": settings.READER_BOOT_SCRIPT,
        "nav_sections": SimpleLazyObject(
            lambda: [(section.name, section.url) for section in sections(request)]
        ),
        "footer_pages": SimpleLazyObject(lambda: footer_pages(request)),
    }
