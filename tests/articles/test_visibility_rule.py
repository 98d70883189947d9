"""articles/visibility.py is the one definition of "visible to readers".

Change `visible_q` and every reader surface follows, with no other edit; and
no reader surface spells out a filter on status or publish time of its own.
"""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from articles import visibility
from pagecache import memos
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def an_hour_behind(at):
    """A new rule: stories reach readers an hour after their publish time."""
    return Q(status__literal=visibility.PUBLISHED, publish_at__lte=at - timedelta(hours=1))


@pytest.fixture
def newsroom():
    section = make_section("World", slug="world")
    author = make_author("Ida Vance", slug="ida-vance")
    common = {"section": section, "authors": [author], "tags": ["Comet"]}
    settled = make_article(
        headline="Settled comet story", ago=timedelta(hours=3), body="<p>zyxcomet</p>", **common
    )
    fresh = make_article(
        headline="Fresh comet story",
        ago=timedelta(minutes=10),
        body="<p>zyxcomet</p>",
        breaking_until=timezone.now() + timedelta(hours=2),
        **common,
    )
    return settled, fresh


SURFACES = [
    "/",
    "/latest/",
    "/section/world/",
    "/tag/comet/",
    "/author/ida-vance/",
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/feeds/latest.json",
    "/feeds/section/world/",
    "/feeds/tag/comet/",
    "/feeds/author/ida-vance/atom/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/search/?q=zyxcomet",
]


def shown_everywhere(client, settled, fresh):
    """Which of the two stories each surface shows (and whether each page answers)."""
    seen = {}
    pages = SURFACES + [settled.get_absolute_url()]
    for url in pages:
        body = client.get(url).content.decode()
        seen[url] = {story.headline for story in (settled, fresh) if story.headline in body} | {
            story.slug for story in (settled, fresh) if f"/news/{story.slug}/" in body
        }
    seen["fresh page"] = client.get(fresh.get_absolute_url()).status_code
    seen["search count"] = "2 stories found" in client.get("/search/?q=zyxcomet").content.decode()
    return seen


def test_changing_visible_q_changes_every_reader_surface(client, newsroom, monkeypatch):
    settled, fresh = newsroom
    before = shown_everywhere(client, settled, fresh)
    for url in SURFACES:
        assert fresh.headline in before[url] or fresh.slug in before[url], url
    assert before["fresh page"] == 200
    assert before["search count"]

    monkeypatch.setattr(visibility, "visible_q", an_hour_behind)
    # As after a deploy with the new rule: SQL compiled afresh, pages
    # rendered afresh (the cache holds the old rule's pages).
    memos.clear_all()
    cache.clear()
    try:
        after = shown_everywhere(client, settled, fresh)
    finally:
        memos.clear_all()
    for url in SURFACES:
        assert fresh.headline not in after[url] and fresh.slug not in after[url], url
    for url in SURFACES[:5] + SURFACES[5:10]:
        assert settled.headline in after[url], url
    # Its own page is gone, its banner is gone from the settled story's page.
    assert after["fresh page"] == 404
    assert not after["search count"]  # counted as one story
    assert fresh.headline not in after[settled.get_absolute_url()]
    assert not fresh.is_published
    assert settled.is_published


# --- No surface spells the rule out itself ---------------------------------------

# Where readers' pages, feeds, sitemaps and search are made.
READER_SURFACES = ["reader", "syndication", "search"]
FILTERING_CALLS = {"filter", "exclude", "get", "Q", "get_object_or_404", "first"}


def _names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def _filters_visibility(keyword):
    """status=..., or "the publish time has come" (publish time up to now).
    A window of time (the news sitemap's last two days, a date range a reader
    asked for) is not the visibility rule."""
    if keyword.arg.startswith("status"):
        return True
    return keyword.arg in ("publish_at__lte", "publish_at__lt") and "now" in _names(keyword.value)


def visibility_spelled_out(path):
    """Lines of `path` that filter on status or publish time by themselves."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in FILTERING_CALLS:
                for keyword in node.keywords:
                    if keyword.arg and _filters_visibility(keyword):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {keyword.arg}=")
        if isinstance(node, ast.Attribute) and node.attr == "PUBLISHED":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .PUBLISHED")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value == "published" or "'published'" in node.value:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} 'published'")
    return found


def reader_modules():
    for folder in READER_SURFACES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts and path.name != "models.py":
                yield path


def test_no_reader_surface_filters_on_status_or_time_by_itself():
    found = [line for path in reader_modules() for line in visibility_spelled_out(path)]
    assert found == []


def test_the_check_finds_a_filter_spelled_out(tmp_path):
    sample = ROOT / "reader" / "_sample_for_test.py"
    sample.write_text(
        "from articles.models import Article\n"
        "Article.objects.filter(status='draft')\n"
        "Article.objects.filter(publish_at__lte=timezone.now())\n"
        "Article.objects.filter(publish_at__gte=since)\n"
        "Article.Status.PUBLISHED\n"
    )
    try:
        assert len(visibility_spelled_out(sample)) == 3
    finally:
        sample.unlink()
