import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article, Author, Byline, TaggedArticle
from comments.models import Comment
from images.models import Image
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def generate(*args):
    out = io.StringIO()
    call_command("generate_scale", *args, stdout=out)
    return out.getvalue()


def scale_articles():
    return Article.objects.filter(slug__startswith="scale-")


def test_generates_articles_with_bylines_tags_images_and_spread_times():
    output = generate("--articles", "200", "--comments", "2000", "--batch-size", "64")
    articles = scale_articles()
    assert articles.count() == 200
    assert len(set(articles.values_list("slug", flat=True))) == 200
    published = articles.published()
    assert 170 <= published.count() < 200
    assert articles.filter(status="draft", publish_at__isnull=True).exists()
    # Every article has one or two authors, in order.
    per_article = Byline.objects.filter(article__in=articles).values_list("article", "order")
    counts = {}
    for article_id, order in per_article:
        counts[article_id] = counts.get(article_id, 0) + 1
        assert order in (0, 1)
    assert len(counts) == 200 and set(counts.values()) <= {1, 2}
    # Tags through taggit, 0 to 3 per article.
    tagged = TaggedArticle.objects.all()
    assert 200 <= tagged.count() <= 600
    # Link rows carry their story's status and publish time, as save() gives them.
    for model, field in ((Byline, "article"), (TaggedArticle, "content_object")):
        rows = model.objects.values_list(
            "status", "publish_at", f"{field}__status", f"{field}__publish_at"
        )
        assert rows and all(row[:2] == row[2:] for row in rows)
    sample = published.for_listing().prefetch_related("tags")[:20]
    assert all(0 <= len(article.tags.all()) <= 3 for article in sample)
    assert all(len(article.byline) in (1, 2) for article in sample)
    # Realistic sizes: a handful of paragraphs of real sentences.
    article = articles.first()
    assert 5 <= article.body.count("<p>") <= 9 and len(article.body) > 1000
    # In the loaded editions' language only (English), not mixed with Sorani or Arabic.
    text = "".join(articles.values_list("body", flat=True)[:50])
    assert not re.search("[\u0600-\u06ff]", text)
    assert articles.exclude(lead_image=None).count() > 150
    assert Image.objects.filter(title__startswith="Scale data: ").count() <= 8
    # Publish times over years, and the times we gave, not "now".
    now = timezone.now()
    first = published.order_by("publish_at").first()
    assert first.publish_at < now - timedelta(days=365)
    assert not first.was_updated and first.created_at < first.publish_at
    assert "Rebuild the search index" in output


def test_generated_comments_are_spread_over_published_articles():
    generate("--articles", "200", "--comments", "2000")
    comments = Comment.objects.filter(article__slug__startswith="scale-")
    assert comments.count() == 2000
    assert comments.exclude(article__status="published").count() == 0
    statuses = dict(
        (status, comments.filter(status=status).count())
        for status in ("approved", "pending", "rejected")
    )
    assert statuses["approved"] > 1700 and statuses["pending"] > 0 and statuses["rejected"] > 0
    assert comments.values("article").distinct().count() > 50
    for comment in comments.select_related("article")[:200]:
        assert comment.article.publish_at <= comment.created_at < timezone.now()


def test_generated_pages_render(client):
    generate("--articles", "60", "--comments", "300")
    article = scale_articles().published().first()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.section.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_runs_twice_without_slug_clashes():
    generate("--articles", "50")
    generate("--articles", "50", "--seed", "1")
    assert scale_articles().count() == 100
    assert Author.objects.filter(slug__startswith="scale-").count() == 120
    # New rows after a bulk load get ids past the generated ones.
    assert make_article().pk > scale_articles().order_by("-pk").first().pk


def test_clear_removes_scale_data_only():
    own_image = make_image()
    ours = make_article(headline="A story of our own", lead_image=own_image)
    Comment.objects.create(article=ours, name="Reader", email="r@example.org", body="Fine.")
    generate("--articles", "120", "--comments", "500")
    output = generate("--clear")
    assert scale_articles().count() == 0
    assert Author.objects.filter(slug__startswith="scale-").count() == 0
    assert not Image.objects.filter(title__startswith="Scale data: ").exists()
    assert Comment.objects.count() == 1
    assert list(Article.objects.all()) == [ours]
    assert Byline.objects.count() == 1
    assert TaggedArticle.objects.count() == 0
    assert Image.objects.get() == own_image
    assert "Cleared scale data" in output


def test_comments_need_articles():
    with pytest.raises(CommandError, match="no published scale articles"):
        generate("--comments", "10")


def test_needs_something_to_do():
    with pytest.raises(CommandError, match="Nothing to do"):
        generate()
    with pytest.raises(CommandError, match="negative"):
        generate("--articles", "-5")


def test_generate_scale_writes_stories_of_another_edition_in_its_script(client):
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article, Author, Section

    call_command("generate_scale", "--articles", "20", "--edition", "ckb", stdout=StringIO())
    stories = Article.objects.filter(edition_id="ckb")
    assert stories.count() == 20
    assert not Article.objects.filter(edition_id="en").exists()
    story = stories.first()
    assert story.section.edition_id == "ckb"
    assert {b.author.edition_id for b in story.bylines.all()} == {"ckb"}
    # Sorani text: Arabic script, no Latin letters in the headline.
    assert any("\u0600" <= c <= "\u06ff" for c in story.headline)
    assert Section.objects.filter(edition_id="ckb").exists()
    assert Author.objects.filter(edition_id="ckb", slug__startswith="scale-author-ckb-").exists()
    # Its address in Sorani too, as the desk gives a Sorani story (not a bare
    # "scale-196-"): the load bench requests these pages percent-encoded.
    words = story.slug.removeprefix(f"scale-{story.pk}-")
    assert words and any("\u0600" <= c <= "\u06ff" for c in words), story.slug
    assert client.get(story.get_absolute_url()).status_code == 200
