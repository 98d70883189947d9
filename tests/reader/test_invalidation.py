"""Each change refreshes exactly the pages that show it, and nothing else."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles.changes import Change, send
from articles.models import Article, Byline
from tests.factories import make_article, make_author, make_section
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("Politics", slug="politics")
    author = make_author("Rania Aziz", slug="rania-aziz")
    return make_article(
        headline="Parliament sits late", section=section, authors=[author], tags=["budget"]
    )


def pages_for(article):
    return {
        "front": "/",
        "latest": "/latest/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": "/tag/budget/",
        "author": article.byline[0].get_absolute_url(),
    }


def warm(fetch, urls):
    for url in urls:
        assert fetch(url).status_code == 200
        assert fetch(url).hit, f"{url} was not served from the cache"


def test_pages_are_served_from_the_cache_without_queries(fetch, story):
    for url in pages_for(story).values():
        first = fetch(url)
        assert not first.hit
        second = fetch(url)
        assert second.hit
        # The same page, but for the per-reader hidden fields of the comment
        # form (CSRF token, signed timestamp).
        assert without_hidden_inputs(second.content) == without_hidden_inputs(first.content)


def without_hidden_inputs(html):
    return re.sub(rb'<input type="hidden"[^>]*>', b"", html)


def test_publishing_a_story_refreshes_every_listing_that_shows_it(fetch, story):
    other = make_article(headline="A quiet day elsewhere", ago=timedelta(days=2))
    pages = pages_for(story)
    warm(fetch, [*pages.values(), other.get_absolute_url()])

    new = make_article(
        headline="Budget passes at dawn",
        section=story.section,
        authors=story.byline,
        tags=["budget"],
        ago=timedelta(seconds=1),
    )

    for name, url in pages.items():
        page = fetch(url)
        assert not page.hit, name
        assert "Budget passes at dawn" in page.text, name
    # Every article page's sidebar (The Latest) shows it too.
    assert "Budget passes at dawn" in fetch(other.get_absolute_url()).text
    assert fetch(new.get_absolute_url()).status_code == 200


def test_publishing_a_story_leaves_the_other_article_pages_cached(fetch, story):
    """The Latest beside each story is cached apart (pagecache.fragments): a
    story published in another section and topic leaves every other article
    page a cache hit, each showing the new story in its sidebar at once."""
    elsewhere = make_section("Sport", slug="sport")
    archive = [
        make_article(headline=f"Archive story {n}", section=elsewhere, ago=timedelta(days=3 + n))
        for n in range(12)
    ]
    warm(fetch, [a.get_absolute_url() for a in archive])

    make_article(
        headline="Budget passes at dawn",
        section=story.section,
        tags=["budget"],
        ago=timedelta(seconds=1),
    )
    # The front page is rendered again, and with it the site's shared parts
    # (The Latest among them: one query for the whole site).
    assert not fetch("/").hit

    for article in archive:
        page = fetch(article.get_absolute_url())
        assert page.hit, f"{article.headline} was rendered again"
        aside = page.text.split('class="article-layout__aside"', 1)[1]
        assert "Budget passes at dawn" in aside, article.headline
    # The story's own section and topic pages' stories may list it among
    # their related stories: those are rendered again.
    assert not fetch(story.get_absolute_url()).hit


def test_a_browser_copy_of_an_article_page_is_stale_once_its_sidebar_changed(client, story):
    url = story.get_absolute_url()
    client.get(url)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    make_article(headline="Late news", ago=timedelta(seconds=1))
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and "Late news" in fresh.text
    assert fresh["ETag"] != etag


def test_editing_a_headline_refreshes_its_page_and_the_listings(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())

    story.headline = "Parliament sits through the night"
    story.save()

    for name, url in pages.items():
        assert "Parliament sits through the night" in fetch(url).text, name


def test_unpublishing_removes_the_story_everywhere_at_once(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())

    story.status = Article.Status.UNPUBLISHED
    story.save()

    assert fetch(pages.pop("article")).status_code == 404
    for name, url in pages.items():
        assert "Parliament sits late" not in fetch(url).text, name


def test_deleting_a_story_removes_it_everywhere(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())
    Article.objects.get(pk=story.pk).delete()
    assert fetch(pages.pop("article")).status_code == 404
    for name, url in pages.items():
        if name in ("tag", "author"):
            continue  # the tag and author still exist; their lists are empty
        assert "Parliament sits late" not in fetch(url).text, name
    assert "Parliament sits late" not in fetch(pages["tag"]).text


def test_saving_a_draft_refreshes_nothing(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())

    draft = make_article(
        headline="Not ready yet", status=Article.Status.DRAFT, section=story.section
    )
    draft.headline = "Still not ready"
    draft.save()

    for name, url in pages.items():
        assert fetch(url).hit, f"{name} was refreshed by a draft"


def test_a_comment_decision_refreshes_only_the_article_page(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())
    # What an approved comment changes is on the article page only; simulate
    # the change with an update that sends no signal of its own.
    Article.objects.filter(pk=story.pk).update(dateline="UPDATED-BY-DECISION")

    send(Change.COMMENTS, sender=None, article=story)

    article_page = fetch(pages.pop("article"))
    assert not article_page.hit
    assert "UPDATED-BY-DECISION" in article_page.text
    for name, url in pages.items():
        assert fetch(url).hit, f"{name} was refreshed by a comment decision"


def test_a_correction_refreshes_the_article_and_listings(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())
    Article.objects.filter(pk=story.pk).update(standfirst="Corrected standfirst.")

    send(Change.CORRECTION, sender=None, article=story)

    for name in ("article", "latest", "section", "tag", "author"):
        assert "Corrected standfirst." in fetch(pages[name]).text, name


def test_a_scheduled_story_appears_exactly_at_its_time_with_a_warm_cache(fetch, story):
    due = timezone.now() + timedelta(minutes=10)
    scheduled = make_article(
        headline="Embargoed results",
        publish_at=due,
        section=story.section,
        authors=story.byline,
        tags=["budget"],
    )
    pages = pages_for(story)
    warm(fetch, pages.values())

    with mock.patch("django.utils.timezone.now", return_value=due - timedelta(milliseconds=5)):
        for name, url in pages.items():
            page = fetch(url)
            assert page.hit, name
            assert "Embargoed results" not in page.text, name
        assert fetch(scheduled.get_absolute_url()).status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=due):
        for name, url in pages.items():
            assert "Embargoed results" in fetch(url).text, name
        assert fetch(scheduled.get_absolute_url()).status_code == 200


def test_scheduling_a_story_shortens_pages_already_cached(fetch, story):
    """Pages stored before the story was scheduled still expire at its time."""
    pages = pages_for(story)
    warm(fetch, pages.values())
    due = timezone.now() + timedelta(minutes=3)
    make_article(headline="Scheduled later on", publish_at=due, section=story.section)
    warm(fetch, [pages["front"], pages["latest"]])
    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
        assert "Scheduled later on" in fetch(pages["front"]).text
        assert "Scheduled later on" in fetch(pages["latest"]).text


def test_a_breaking_banner_ending_expires_every_page(fetch, story):
    until = timezone.now() + timedelta(minutes=5)
    story.breaking_until = until
    story.save()
    pages = pages_for(story)
    warm(fetch, pages.values())
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        for name, url in pages.items():
            assert not fetch(url).hit, f"{name} outlived the breaking banner"


def test_the_article_page_expires_when_comments_close_by_themselves(fetch, settings, story):
    settings.PAGECACHE_TIMEOUT = 60 * 60 * 24 * 365
    warm(fetch, [story.get_absolute_url()])
    closes = story.comments_close_at
    with mock.patch("django.utils.timezone.now", return_value=closes - timedelta(seconds=1)):
        assert fetch(story.get_absolute_url()).hit
    with mock.patch("django.utils.timezone.now", return_value=closes + timedelta(seconds=1)):
        assert not fetch(story.get_absolute_url()).hit


def test_a_byline_change_refreshes_the_article_and_both_authors(fetch, story):
    newcomer = make_author("Omar Said", slug="omar-said")
    pages = pages_for(story)
    warm(fetch, [pages["article"], pages["author"], newcomer.get_absolute_url()])

    Byline.objects.create(article=story, author=newcomer, order=1)

    assert "Omar Said" in fetch(pages["article"]).text
    assert "Parliament sits late" in fetch(newcomer.get_absolute_url()).text


def test_a_new_topic_refreshes_the_article_and_the_topic_page(fetch, story):
    warm(fetch, [story.get_absolute_url()])
    fetch("/tag/economy/")  # not a topic yet: 404, never stored
    story.tags.add("economy")
    assert 'href="/tag/economy/"' in fetch(story.get_absolute_url()).text
    assert "Parliament sits late" in fetch("/tag/economy/").text
    story.tags.remove("budget")
    assert "Parliament sits late" not in fetch("/tag/budget/").text


def test_renaming_an_author_refreshes_their_pages(fetch, story):
    author = story.byline[0]
    warm(fetch, [story.get_absolute_url(), author.get_absolute_url()])
    author.name = "Rania Aziz-Khan"
    author.save()
    assert "Rania Aziz-Khan" in fetch(story.get_absolute_url()).text
    assert "Rania Aziz-Khan" in fetch(author.get_absolute_url()).text


def test_renaming_a_section_refreshes_every_page(fetch, story):
    pages = pages_for(story)
    warm(fetch, pages.values())
    section = story.section
    section.name = "Government"
    section.save()
    menu_item = f'<li><a href="{section.get_absolute_url()}">Government</a></li>'
    for name, url in pages.items():
        text = fetch(url).text
        assert "Government" in text, name
        assert menu_item in text, name  # the masthead's menu too (a per-process memo)


purged = []


def record_purge(urls, tags):
    purged.append((urls, tags))


def test_purge_hook_gets_the_urls_and_tags_after_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.PAGECACHE_PURGE = "tests.reader.test_invalidation.record_purge"
    section = make_section("World", slug="world")
    story = make_article(headline="Purgeable", section=section, tags=["ports"])
    purged.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.headline = "Purged"
        story.save()
    assert purged == [], "the hook ran before the transaction committed"
    for callback in callbacks:
        callback()
    urls, tags = purged[-1]
    assert story.get_absolute_url() in urls
    assert {"/", "/latest/", "/section/world/", "/tag/ports/"} <= set(urls)
    assert {f"article:{story.pk}", "latest", "section:world", "tag:ports"} <= set(tags)


def test_a_failing_purge_hook_does_not_break_saving(settings, django_capture_on_commit_callbacks):
    settings.PAGECACHE_PURGE = "tests.reader.test_invalidation.broken_purge"
    story = make_article(headline="Still saved")
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Saved anyway"
        story.save()
    assert Article.objects.get(pk=story.pk).headline == "Saved anyway"


def broken_purge(urls, tags):
    raise ConnectionError("CDN unreachable")


def test_renaming_a_topic_refreshes_the_stories_listing_it(fetch, story):
    from taggit.models import Tag

    warm(fetch, [story.get_absolute_url(), "/tag/budget/"])
    tag = Tag.objects.get(slug="budget")
    tag.name = "Public budget"
    tag.save()
    assert "Public budget" in fetch(story.get_absolute_url()).text
    assert "Public budget" in fetch("/tag/budget/").text


def test_deleting_a_topic_removes_it_from_the_stories(fetch, story):
    from taggit.models import Tag

    warm(fetch, [story.get_absolute_url()])
    Tag.objects.get(slug="budget").delete()
    assert 'href="/tag/budget/"' not in fetch(story.get_absolute_url()).text


def test_merging_topics_refreshes_the_stories_and_both_topic_pages(fetch, story):
    from taggit.models import Tag

    from articles.topics import merge_tags

    other = make_article(headline="Budget talks resume", tags=["public spending"])
    pages = [
        story.get_absolute_url(),
        other.get_absolute_url(),
        "/tag/budget/",
        "/tag/public-spending/",
    ]
    warm(fetch, pages)
    merge_tags(
        keep=Tag.objects.get(slug="budget"), others=[Tag.objects.get(slug="public-spending")]
    )
    assert 'href="/tag/budget/"' in fetch(other.get_absolute_url()).text
    assert "Budget talks resume" in fetch("/tag/budget/").text
    assert fetch("/tag/public-spending/").status_code == 404


def test_a_cdn_is_told_the_addresses_of_the_pages_a_story_joins(
    settings, django_capture_on_commit_callbacks
):
    """A CDN purging by address (PAGECACHE_PURGE) gets the article pages
    whose related stories a published story joins, each at its own edition's
    address (topics are shared by the editions)."""
    settings.PAGECACHE_PURGE = "tests.reader.test_invalidation.record_purge"
    english = make_article(headline="Ports reopen", tags=["ports"], ago=timedelta(days=2))
    sorani = make_article(
        headline="بەندەرەکان دەکرێنەوە",
        section=make_section("هەواڵ", slug="news", edition_id="ckb"),
        edition_id="ckb",
        authors=[],
        tags=["ports"],
        ago=timedelta(days=1),
    )
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Ports busy again", tags=["ports"], ago=timedelta(seconds=1))
    urls = {url for batch, _ in purged for url in batch}
    assert english.get_absolute_url() in urls
    assert sorani.get_absolute_url() in urls and sorani.get_absolute_url().startswith("/ckb/")
