"""Migrations articles.0003 (topics move to TaggedArticle, link rows get their
copies) and 0004 (slugs in any script, none left empty)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Byline, Section, TaggedArticle
from reader.cards import cards
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("articles", "0002_workflow_permissions_and_has_corrections")
AFTER = ("articles", "0003_list_copies")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest():
    """Every app to its latest migration: the models the assertions use."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_topics_and_bylines_are_carried_over_with_their_copies():
    apps = migrate(BEFORE)
    try:
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="articles", model="article"
        )[0]
        section = apps.get_model("articles", "Section").objects.create(name="News", slug="news")
        author = apps.get_model("articles", "Author").objects.create(name="Ana", slug="ana")
        old_article = apps.get_model("articles", "Article")
        when = timezone.now() - timedelta(days=3)
        live = old_article.objects.create(
            headline="Live",
            slug="live",
            standfirst=".",
            body="<p>.</p>",
            section=section,
            status="published",
            publish_at=when,
        )
        draft = old_article.objects.create(
            headline="Draft", slug="draft", standfirst=".", body="<p>.</p>", section=section
        )
        tag = apps.get_model("taggit", "Tag").objects.create(name="Dams", slug="dams")
        for story in (live, draft):
            apps.get_model("articles", "Byline").objects.create(article=story, author=author)
            apps.get_model("taggit", "TaggedItem").objects.create(
                tag=tag, content_type=content_type, object_id=story.pk
            )
    finally:
        migrate(AFTER)
        migrate_to_latest()

    rows = TaggedArticle.objects.order_by("content_object__headline")
    assert [(r.content_object.headline, r.tag.name, r.status) for r in rows] == [
        ("Draft", "Dams", "draft"),
        ("Live", "Dams", "published"),
    ]
    assert Byline.objects.get(article_id=live.pk).publish_at == when
    assert not TaggedItem.objects.exists()
    article = Article.objects.get(pk=live.pk)
    assert [t.name for t in article.tags.all()] == ["Dams"]
    assert [c.pk for c in cards(tag=article.tags.get())] == [live.pk]
    assert [c.pk for c in cards(author=article.byline[0])] == [live.pk]


def test_stored_empty_slugs_get_one_and_the_others_are_kept(client):
    """taggit stored "" as the slug of the first topic named only in symbols
    or emoji: every page linking to it failed. The migration gives it one."""
    apps = migrate(AFTER)
    try:
        tags = apps.get_model("taggit", "Tag").objects
        tags.create(name="🔥", slug="")
        tags.create(name="Dams", slug="Dams_Old")
        tags.create(name="topic", slug="topic")
        sections = apps.get_model("articles", "Section").objects
        sections.create(name="کوردستان", slug="")
    finally:
        migrate(("articles", "0004_unicode_slugs"))
        migrate_to_latest()

    assert dict(Tag.objects.values_list("name", "slug")) == {
        "🔥": "topic-2",
        "Dams": "Dams_Old",
        "topic": "topic",
    }
    assert Section.objects.get().slug == "کوردستان"
    story = make_article(section=Section.objects.get(), tags=["🔥"])
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/tag/topic-2/").status_code == 200
