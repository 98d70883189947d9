"""The Latest beside each story is cached apart from the article pages
(pagecache.fragments): spliced in by our page cache, or an ESI include for
Varnish, which asks with Surrogate-Capability."""

from datetime import timedelta

import pytest

from tests.factories import make_article
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

pytestmark = pytest.mark.django_db

VARNISH = {"HTTP_SURROGATE_CAPABILITY": 'varnish="ESI/1.0"'}


@pytest.fixture
def stories():
    old = make_article(headline="Old harbour story", ago=timedelta(days=30))
    new = make_article(headline="Fresh ferry timetable", ago=timedelta(minutes=5))
    return old, new


def test_readers_see_the_latest_beside_a_story_without_any_include(client, stories):
    old, _ = stories
    for _ in range(2):  # rendered, then from the page cache
        page = client.get(old.get_absolute_url()).content.decode()
        assert "Fresh ferry timetable" in page
        assert "esi:include" not in page and "pagecache-fragment" not in page


def test_varnish_gets_an_esi_include_and_the_fragment_at_its_address(client, settings, stories):
    settings.PAGECACHE_ESI = True
    old, new = stories
    response = client.get(old.get_absolute_url(), **VARNISH)
    page = response.content.decode()
    # The argument names the edition too: the include is filled after the
    # edition's request is over (reader.views.latest_arg).
    assert f'<esi:include src="/_include/latest/en_{old.pk}/"/>' in page
    assert "Fresh ferry timetable" not in page.split("article-layout__aside", 1)[1]
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    assert response["Cache-Control"].startswith("public, ")
    # A reader asking directly still gets the whole page (kept apart).
    assert "Fresh ferry timetable" in client.get(old.get_absolute_url()).content.decode()

    fragment = client.get(f"/_include/latest/en_{old.pk}/", **VARNISH)
    assert fragment.status_code == 200
    assert "Fresh ferry timetable" in fragment.content.decode()
    assert fragment["Cache-Control"].startswith("public, ")
    # The newest story's own sidebar leaves it out.
    assert (
        "Fresh ferry timetable" not in client.get(f"/_include/latest/en_{new.pk}/").content.decode()
    )
    # An include from before editions (no edition named) is the default edition's.
    assert "Fresh ferry timetable" in client.get(f"/_include/latest/{old.pk}/").content.decode()


def test_a_page_with_an_include_names_the_fragments_tags_for_varnish(client, settings, stories):
    """Varnish keeps the page whole once assembled (deploy/varnish/): it must
    be purged with the fragment, so the page names the fragment's tags
    beside its own, which do not include The Latest's."""
    settings.PAGECACHE_ESI, settings.PAGECACHE_TAG_HEADER = True, "xkey"
    old, _ = stories
    for _ in range(2):  # rendered, then a hit of our own page cache
        response = client.get(old.get_absolute_url(), **VARNISH)
        assert response["X-Included-Tags"].split() == ["latest", "site"]
        assert "latest" not in response["xkey"].split()
    # A page with no include names none.
    assert "X-Included-Tags" not in client.get("/latest/", **VARNISH)


def test_the_surrogate_header_is_ignored_unless_esi_is_on(client, stories):
    old, _ = stories
    page = client.get(old.get_absolute_url(), **VARNISH).content.decode()
    assert "esi:include" not in page and "Fresh ferry timetable" in page


@pytest.mark.parametrize(
    "path", ["/_include/nothing/1/", "/_include/latest/abc/", "/_include/latest/xx_1/"]
)
def test_unknown_fragments_are_404(client, path):
    assert client.get(path).status_code == 404
