from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from articles.models import Section

NAV_CACHE_KEY = "articles:nav-sections"


def _nav_sections():
    sections = cache.get(NAV_CACHE_KEY)
    if sections is None:
        sections = [(s.name, s.get_absolute_url()) for s in Section.objects.all()]
        cache.set(NAV_CACHE_KEY, sections, None)
    return sections


def navigation(request):
    """Sections for the masthead menu, cached until a section changes."""
    return {"nav_sections": SimpleLazyObject(_nav_sections)}
