"""Author and topic pages read their own index (articles.models.ListedArticle).

Each byline and topic row carries a copy of its story's status and publish
time. The copies must follow the story through every way the newsroom changes
it, or a story would drop off (or stay off) its author's and topics' pages.
"""

from datetime import timedelta
from unittest import mock

import pytest
import reversion
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from editorial import services
from editorial.revisions import restore, versions_of
from reader import cards as cards_module
from reader.cards import cards
from tests.articles.test_admin import article_form
from tests.editorial.helpers import admin_form, change_url
from tests.factories import make_article, make_author, make_image, make_section, make_user

pytestmark = pytest.mark.django_db


def copies(article):
    """(status, publish_at) of each of the story's byline and topic rows."""
    return {
        (row.status, row.publish_at)
        for rows in (Byline.objects.filter(article=article), article.tagged_items.all())
        for row in rows
    }


def in_step(article):
    article.refresh_from_db()
    return copies(article) == {(article.status, article.publish_at)}


def listed(article):
    """Is the story on each of its authors' and topics' pages?"""
    author = article.byline[0]
    tag = article.tags.all()[0]
    return (
        article.pk in [c.pk for c in cards(author=author)],
        article.pk in [c.pk for c in cards(tag=tag)],
    )


def test_a_story_written_in_the_admin_is_listed_once_published():
    client = Client()
    client.force_login(make_user("chief", superuser=True))
    section, author = make_section(), make_author()
    data = article_form(section, author, status="draft", lead_image=make_image().pk)
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(slug=data["slug"])
    assert in_step(article) and listed(article) == (False, False)

    data = {**admin_form(client, article), "status": "published"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert in_step(article) and listed(article) == (True, True)


def test_the_workflow_moves_the_story_on_and_off_its_lists():
    editor = make_user("editor", superuser=True)
    article = make_article(status=Article.Status.DRAFT, tags=["Dams"])
    assert listed(article) == (False, False)

    services.publish(article, by=editor)
    assert in_step(article) and listed(article) == (True, True)

    services.unpublish(article, by=editor)
    assert in_step(article) and listed(article) == (False, False)

    later = timezone.now() + timedelta(hours=2)
    services.publish(article, by=editor, at=later)
    assert in_step(article) and listed(article) == (False, False)
    # Its time comes: no job runs, the lists show it.
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(minutes=1)):
        assert listed(article) == (True, True)


def test_a_new_publish_time_reorders_the_lists():
    tag_stories = [make_article(tags=["Rivers"], ago=timedelta(hours=h)) for h in (1, 2, 3)]
    oldest = tag_stories[-1]
    oldest.publish_at = timezone.now() - timedelta(minutes=5)
    oldest.save()
    rivers = Tag.objects.get(name="Rivers")
    assert [c.pk for c in cards(tag=rivers)] == [oldest.pk, tag_stories[0].pk, tag_stories[1].pk]
    author = oldest.byline[0]
    assert cards(author=author)[0].pk == oldest.pk


def test_new_authors_and_topics_of_a_published_story_carry_its_position():
    article = make_article(tags=["Grain"])
    ana = make_author("Ana")
    Byline.objects.create(article_id=article.pk, author=ana, order=1)  # an id, not the story
    article.tags.add("Silos")
    assert in_step(article)
    assert [c.pk for c in cards(author=ana)] == [article.pk]
    assert [c.pk for c in cards(tag=Tag.objects.get(name="Silos"))] == [article.pk]


def test_bulk_created_rows_get_their_copies_in_one_query():
    stories = [make_article() for _ in range(3)]
    ana = make_author("Ana")
    with CaptureQueriesContext(connection) as queries:
        Byline.objects.bulk_create(
            [Byline(article_id=story.pk, author=ana, order=5) for story in stories]
        )
    selects = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 1
    assert all(in_step(story) for story in stories)


def test_a_restored_version_keeps_the_story_on_its_lists():
    editor = make_user("editor", superuser=True)
    ana, ben = make_author("Ana"), make_author("Ben")
    article = make_article(authors=[ana], tags=["Bread"])
    with reversion.create_revision():
        article.save()
    article.bylines.all().delete()
    Byline.objects.create(article=article, author=ben)
    article.tags.set(["Flour"])
    restore(article, versions_of(article).last(), by=editor)
    assert in_step(article)
    assert [c.pk for c in cards(author=ana)] == [article.pk]
    assert [c.pk for c in cards(tag=Tag.objects.get(name="Bread"))] == [article.pk]


def test_a_copy_out_of_step_never_shows_a_hidden_story():
    draft = make_article(status=Article.Status.DRAFT, tags=["Salt"])
    # As if something wrote the rows behind save()'s back.
    Byline.objects.filter(article=draft).update(status="published", publish_at=timezone.now())
    TaggedArticle.objects.filter(content_object=draft).update(
        status="published", publish_at=timezone.now()
    )
    assert listed(draft) == (False, False)


def test_a_rare_topic_lists_its_old_stories_past_many_newer_ones():
    old = [make_article(tags=["Saffron"], ago=timedelta(days=400 + n)) for n in range(3)]
    for n in range(30):
        make_article(tags=["Weather"], ago=timedelta(hours=n))
    saffron = Tag.objects.get(name="Saffron")
    assert [c.pk for c in cards(tag=saffron, limit=21)] == [story.pk for story in old]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL: bench/explain.py"
)
@pytest.mark.parametrize("owner", ["tag", "author"])
def test_sqlite_reads_the_list_index_in_order(owner):
    """No sort of the list's stories, whatever SQLite knows of the tables."""
    story = make_article(tags=["Oil"])
    target = {"tag": story.tags.all()[0], "author": story.byline[0]}[owner]
    plans = []
    real_execute = cards_module.CARD.execute

    def explain(db, sql, params):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plans.append(" | ".join(row[-1] for row in cursor.fetchall()))
        return real_execute(db, sql, params)

    with mock.patch.object(cards_module.CARD, "execute", side_effect=explain):
        cards(**{owner: target}, limit=21)
    index = {"tag": "tagged_article_live_idx", "author": "byline_live_idx"}[owner]
    assert f"USING INDEX {index}" in plans[0], plans[0]
    assert "TEMP B-TREE" not in plans[0], plans[0]
