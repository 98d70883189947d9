"""The reader pages' SQL (reader/cards.py, reader/queries.py,
reader/comments.py) gives the answers the ORM gives through
Article.objects.published(): the same stories, in the same order, with the
same values."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from reader import queries
from reader.cards import cards, newest_per_section
from reader.comments import approved_comments
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """Stories over several sections, authors and topics, with some that
    readers must not see, and two sharing a publish time (the tie-break)."""
    news, sport = make_section("News", slug="news"), make_section("Sport", slug="sport")
    ana, ben = make_author("Ana"), make_author("Ben")
    same_time = timezone.now() - timedelta(hours=5)
    stories = []
    for n in range(14):
        stories.append(
            make_article(
                headline=f"Story {n}",
                section=news if n % 3 else sport,
                authors=[ana] if n % 2 else [ben, ana],
                tags=["floods"] if n % 4 == 0 else ["budget"],
                lead_image=make_image(alt_text=f"Picture {n}") if n % 5 == 0 else None,
                publish_at=same_time if n in (6, 7) else timezone.now() - timedelta(hours=n),
            )
        )
    make_article(headline="Draft", status=Article.Status.DRAFT, section=news, authors=[ana])
    make_article(headline="Later", publish_at=timezone.now() + timedelta(hours=1), section=news)
    make_article(headline="Pulled", status=Article.Status.UNPUBLISHED, section=news)
    return {"news": news, "sport": sport, "ana": ana, "ben": ben, "stories": stories}


def orm_pks(**filters):
    return list(
        Article.objects.published()
        .filter(**filters)
        .order_by("-publish_at", "-pk")
        .values_list("pk", flat=True)
    )


def pks(stories):
    return [story.pk for story in stories]


def test_lists_match_the_orm(newsroom):
    from taggit.models import Tag

    floods = Tag.objects.get(name="floods")
    assert pks(cards()) == orm_pks()
    assert pks(cards(section=newsroom["news"])) == orm_pks(section=newsroom["news"])
    assert pks(cards(author=newsroom["ben"])) == orm_pks(authors=newsroom["ben"])
    assert pks(cards(tag=floods)) == orm_pks(tags=floods)
    assert pks(cards(limit=5, offset=5)) == orm_pks()[5:10]
    hidden = Article.objects.exclude(pk__in=orm_pks()).values_list("pk", flat=True)
    assert pks(cards(ids=[*orm_pks()[:3], *hidden])) == orm_pks()[:3]


def test_keyset_positions_match_the_orm_across_a_tie(newsroom):
    everything = list(Article.objects.published().order_by("-publish_at", "-pk"))
    for index in range(len(everything) - 1):
        story = everything[index]
        position = (story.publish_at, story.pk)
        assert pks(cards(before=position)) == [s.pk for s in everything[index + 1 :]]
        assert pks(cards(after=position))[::-1] == [s.pk for s in everything[:index]]


def test_a_card_shows_what_the_story_holds(newsroom):
    story = newsroom["stories"][0]  # has a lead image
    card = next(c for c in cards() if c.pk == story.pk)
    assert card.headline == story.headline and card.standfirst == story.standfirst
    assert card.publish_at == story.publish_at
    assert card.get_absolute_url() == story.get_absolute_url()
    assert card.section.name == story.section.name
    assert card.section.get_absolute_url() == story.section.get_absolute_url()
    assert card.lead_image.alt_text == story.lead_image.alt_text
    assert card.lead_image.rendition_set("3:2") == story.lead_image.rendition_set("3:2")
    assert card.lead_image.rendition_set("1:1") == story.lead_image.rendition_set("1:1")
    no_image = next(c for c in cards() if c.pk == newsroom["stories"][1].pk)
    assert no_image.lead_image is None


def test_a_changed_story_gets_a_new_card_key(newsroom):
    story = newsroom["stories"][2]
    before = next(c for c in cards() if c.pk == story.pk).key()
    Article.objects.filter(pk=story.pk).update(headline="Changed")
    after = next(c for c in cards() if c.pk == story.pk).key()
    assert before != after


def test_newest_per_section_matches_the_orm(newsroom):
    sections = [newsroom["news"], newsroom["sport"]]
    exclude = orm_pks()[:3]
    found = newest_per_section(sections, per_section=2, exclude=exclude)
    expected = []
    for section in sections:
        expected += [pk for pk in orm_pks(section=section) if pk not in exclude][:2]
    assert sorted(pks(found)) == sorted(expected)


def test_the_article_page_story_matches_the_orm(newsroom):
    story = newsroom["stories"][0]
    found = queries.published_article(story.slug).article
    orm = Article.objects.published().get(pk=story.pk)
    for field in Article._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(orm, field.attname), field.name
    assert found.section == orm.section and found.lead_image == orm.lead_image
    assert [a.pk for a in found.byline] == [newsroom["ben"].pk, newsroom["ana"].pk]
    assert [t.name for t in found.tags.all()] == ["floods"]


def test_a_story_without_byline_or_tags(db):
    story = make_article(authors=[], tags=())
    found = queries.published_article(story.slug).article
    assert found.byline == [] and list(found.tags.all()) == []


@pytest.mark.parametrize("headline", ["Draft", "Later", "Pulled"])
def test_the_article_page_never_finds_what_readers_must_not_see(newsroom, headline):
    assert queries.published_article(Article.objects.get(headline=headline).slug) is None


def test_approved_comments_only_oldest_first(newsroom):
    story = newsroom["stories"][0]
    now = timezone.now()
    for n, status in enumerate(["approved", "pending", "approved", "rejected"]):
        Comment.objects.create(
            article=story,
            name=f"Reader {n}",
            email="r@example.org",
            body=f"Comment {n}",
            status=status,
            created_at=now - timedelta(minutes=10 - n),
        )
    assert [c.body for c in approved_comments(story)] == ["Comment 0", "Comment 2"]
    approved = Comment.objects.approved().filter(article=story).order_by("created_at", "pk")
    assert [c.pk for c in approved_comments(story)] == list(approved.values_list("pk", flat=True))
    assert (
        approved_comments(story).items[0].created_at
        == Comment.objects.get(body="Comment 0").created_at
    )
    # The article page's story brings the same comments along, times exact.
    page = queries.published_article(story.slug)
    assert page.comment_count == 2
    assert [(c.pk, c.name, c.body, c.created_at) for c in page.first_comments] == [
        (c.pk, c.name, c.body, c.created_at) for c in approved
    ]


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "article_live_edition_idx"),
        ({"section": "news"}, "article_live_section_idx"),
        ({"before": "keyset"}, "article_live_edition_idx"),
    ],
)
def test_sqlite_lists_read_the_live_index_in_order_without_statistics(newsroom, filters, index):
    """A new SQLite site has no statistics (no ANALYZE yet). Without them the
    planner read The Latest through the status index and sorted every
    published story, on every uncached page; the list must come from its
    partial index in order, no sort, whatever the statistics say."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner")
    if filters.get("section"):
        filters = {"section": newsroom["news"]}
    if filters.get("before"):
        story = newsroom["stories"][3]
        filters = {"before": (story.publish_at, story.pk)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchall() == []
        with CaptureQueriesContext(connection) as queries_run:
            found = cards(**filters, limit=5)
        assert found
        sql = queries_run.captured_queries[-1]["sql"]
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert plan.startswith(f"SEARCH a USING INDEX {index} "), plan
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("owner", [None, "section", "tag", "author"])
def test_postgresql_deep_pages_start_the_index_scan_at_their_position(newsroom, owner):
    """ "Older stories" far back is one index range from the cursor on: the
    position bounds the index scan, it does not filter a walk from the newest
    story (a page 90,000 stories deep took 37 ms that way)."""
    from unittest import mock

    from django.db import connection
    from taggit.models import Tag

    from reader import cards as cards_module

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    story = newsroom["stories"][3]
    filters = {
        None: {},
        "section": {"section": story.section},
        "tag": {"tag": Tag.objects.get(name="budget")},
        "author": {"author": newsroom["ana"]},
    }[owner]
    ran = []
    real = cards_module.CARD.execute
    with mock.patch.object(
        cards_module.CARD, "execute", side_effect=lambda *a: ran.append(a) or real(*a)
    ):
        cards(**filters, before=(story.publish_at, story.pk), limit=5)
    _db, sql, params = ran[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: read it as a big one
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]

    def conditions(node):
        yield node.get("Index Cond", "")
        for child in node.get("Plans", ()):
            yield from conditions(child)

    index_conditions = " ".join(conditions(plan[0]["Plan"]))
    position = story.publish_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert position in index_conditions, index_conditions
