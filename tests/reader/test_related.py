"""Related stories under a story: those sharing its topics first (most shared
first), then those of its section, nearest to it in time; only what readers
may see, never the story itself; read inside the article page's one query.
A story published now joins the related stories of the few stories next to
it, and only their pages are rendered again."""

import random
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, TaggedArticle
from reader import queries
from tests.factories import forget_page, make_article, make_image, make_section
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    news, sport = make_section("News", slug="news"), make_section("Sport", slug="sport")
    story = make_article(headline="The story", section=news, tags=["dams", "water", "erbil"])
    stories = {
        "two topics": make_article(
            headline="Two topics", section=sport, tags=["dams", "water"], ago=timedelta(days=3)
        ),
        "one topic": make_article(
            headline="One topic",
            section=sport,
            tags=["erbil"],
            ago=timedelta(hours=2),
            lead_image=make_image(alt_text="A dam"),
        ),
        "section old": make_article(headline="Section old", section=news, ago=timedelta(days=9)),
        "section new": make_article(headline="Section new", section=news, ago=timedelta(days=1)),
        "elsewhere": make_article(headline="Elsewhere", section=sport, ago=timedelta(minutes=5)),
    }
    # Never shown, however related: a draft, a scheduled story, an unpublished one.
    hidden = [
        make_article(headline="Draft", status=Article.Status.DRAFT, section=news, tags=["dams"]),
        make_article(
            headline="Scheduled",
            section=news,
            tags=["dams", "water", "erbil"],
            publish_at=timezone.now() + timedelta(hours=1),
        ),
        make_article(
            headline="Pulled", status=Article.Status.UNPUBLISHED, section=news, tags=["water"]
        ),
    ]
    return {"story": story, **stories, "hidden": hidden}


def headlines(cards):
    return [card.headline for card in cards]


def test_shared_topics_first_then_the_section_newest_first(newsroom):
    page = queries.published_article(newsroom["story"].slug)
    assert headlines(page.related) == ["Two topics", "One topic", "Section new", "Section old"]


def test_related_cards_show_what_lists_show(newsroom):
    page = queries.published_article(newsroom["story"].slug)
    one = next(card for card in page.related if card.headline == "One topic")
    story = newsroom["one topic"]
    assert one.get_absolute_url() == story.get_absolute_url()
    assert one.publish_at == story.publish_at
    assert one.section.name == "Sport" and one.section.get_absolute_url() == "/section/sport/"
    assert one.lead_image.alt_text == "A dam"
    assert one.lead_image.rendition_set("3:2").src


def test_never_the_story_itself_nor_what_readers_may_not_see(newsroom):
    related = queries.published_article(newsroom["story"].slug).related
    shown = {card.pk for card in related}
    assert newsroom["story"].pk not in shown
    assert not shown & {story.pk for story in newsroom["hidden"]}
    assert shown <= set(Article.objects.published().values_list("pk", flat=True))


def test_a_list_copy_out_of_step_never_shows_a_hidden_story(newsroom):
    # The topic rows still say "published" (a bulk update skipped the copies):
    # the story's own columns decide.
    two = newsroom["two topics"]
    Article.objects.filter(pk=two.pk).update(status=Article.Status.DRAFT)
    assert TaggedArticle.objects.filter(content_object=two, status="published").exists()
    related = queries.published_article(newsroom["story"].slug).related
    assert "Two topics" not in headlines(related)


def test_at_most_four_and_topics_before_the_section(newsroom):
    for n in range(6):
        make_article(headline=f"Also on dams {n}", tags=["dams"], ago=timedelta(hours=n + 1))
    related = queries.published_article(newsroom["story"].slug).related
    assert len(related) == queries.RELATED == 4
    assert not [headline for headline in headlines(related) if headline.startswith("Section")]


def test_a_story_with_no_topics_gets_its_sections_newest(newsroom):
    lone = make_article(headline="Lone", section=newsroom["story"].section, tags=())
    related = queries.published_article(lone.slug).related
    assert headlines(related) == ["The story", "Section new", "Section old"]


def test_a_story_alone_in_its_section_has_none(db):
    lone = make_article(section=make_section())
    assert queries.published_article(lone.slug).related == []


def test_the_article_page_shows_them_and_still_runs_one_query(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    client.get(url)  # the shared parts, cached
    forget_page(url)
    with CaptureQueriesContext(connection) as ran:
        response = client.get(url)
    assert len(ran) == 1, [q["sql"][:200] for q in ran.captured_queries]
    page = BeautifulSoup(response.content, "html.parser")
    section = page.select_one("section.related")
    assert section.h2.text == "Related stories"
    assert [h.text for h in section.select(".card__headline")] == [
        "Two topics",
        "One topic",
        "Section new",
        "Section old",
    ]
    with CaptureQueriesContext(connection) as ran:
        client.get(url)
    assert len(ran) == 0  # a page-cache hit


def test_a_story_going_live_joins_the_related_stories_of_cached_pages(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    client.get(url)
    new = make_article(headline="Fresh on dams", tags=["dams", "water", "erbil"])
    assert new.headline in client.get(url).content.decode()
    new.status = Article.Status.UNPUBLISHED
    new.save()
    assert new.headline not in client.get(url).content.decode()


def test_previews_show_the_related_stories_readers_will_see(client, newsroom, admin_user):
    draft = newsroom["hidden"][0]
    client.force_login(admin_user)
    # (follow: the staff preview may be a page of its own the admin leads to)
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]), follow=True)
    page = BeautifulSoup(response.content, "html.parser")
    shown = [h.text for h in page.select("section.related .card__headline")]
    assert shown and "Scheduled" not in shown and "Draft" not in shown


def test_sqlite_reads_one_index_range_per_topic_and_one_for_the_section(newsroom):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner")
    sql = queries._article_sql("default")
    params = queries._article_params(newsroom["story"].slug)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert "SEARCH rt USING INDEX tagged_article_live_idx (tag_id=? AND publish_at<?)" in plan
    assert "SEARCH rsa USING INDEX article_live_section_idx (section_id=? AND publish_at<?)" in plan
    # The chosen few are then read by id, never by walking the edition's
    # stories; the translations too (10 ms and more at 10,000 stories).
    assert "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)" in plan
    assert "SEARCH g USING INTEGER PRIMARY KEY (rowid=?)" in plan
    # Every table of stories is searched by an index, never scanned.
    scanned = [
        step for step in plan if step.startswith("SCAN ") and step.split()[1] in STORY_ALIASES
    ]
    assert not scanned, plan


STORY_ALIASES = {"a", "rt", "rsa", "ti", "y", "rs", "ri", "g"}


def test_postgresql_reads_one_index_range_per_topic_and_one_for_the_section(newsroom):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    sql = queries._article_sql("default")
    params = queries._article_params(newsroom["story"].slug)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: read them as big ones
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]

    def nodes(node):
        yield node
        for child in node.get("Plans", ()):
            yield from nodes(child)

    found = list(nodes(plan[0]["Plan"]))
    indexes = {node.get("Index Name") for node in found}
    assert {"tagged_article_live_idx", "article_live_section_idx"} <= indexes, indexes
    scans = [node.get("Relation Name") for node in found if node["Node Type"] == "Seq Scan"]
    assert not {"articles_article", "articles_taggedarticle"} & set(scans), scans


# --- Nearest in time: what a publish refreshes -----------------------------------


@pytest.fixture
def coverage():
    """Twelve days of stories on one topic, a day apart, oldest first."""
    section = make_section("Water", slug="water")
    return [
        make_article(
            headline=f"Dams day {n}", section=section, tags=["dams"], ago=timedelta(days=12 - n)
        )
        for n in range(12)
    ]


def test_an_older_story_lists_the_stories_around_it_not_the_newest(coverage):
    middle = coverage[5]
    related = headlines(queries.published_article(middle.slug).related)
    # Its neighbours on the topic, before and after it; the newest are far away.
    assert set(related) == {"Dams day 3", "Dams day 4", "Dams day 6", "Dams day 7"}
    assert related[:2] in (["Dams day 4", "Dams day 6"], ["Dams day 6", "Dams day 4"])


def test_the_newest_story_lists_the_ones_before_it(coverage):
    related = headlines(queries.published_article(coverage[-1].slug).related)
    assert related == ["Dams day 10", "Dams day 9", "Dams day 8", "Dams day 7"]


def related_of(response):
    """The headlines in a page's related stories (not The Latest beside it)."""
    page = BeautifulSoup(response.content, "html.parser")
    return [h.text for h in page.select("section.related .card__headline")]


def test_publishing_refreshes_only_the_pages_the_story_joins(fetch, coverage):
    for story in coverage:
        fetch(story.get_absolute_url())
        assert fetch(story.get_absolute_url()).hit
    new = make_article(
        headline="Dams today", section=coverage[0].section, tags=["dams"], ago=timedelta(seconds=1)
    )
    joined = [s for s in coverage if "Dams today" in related_of(fetch(s.get_absolute_url()))]
    # The newest stories list it among theirs; the rest of the archive is
    # still served from the cache, untouched.
    assert joined and set(joined) <= set(coverage[-queries.RELATED :])
    for story in coverage[: -queries.RELATED]:
        page = fetch(story.get_absolute_url())
        assert page.hit, f"{story.headline} was rendered again"
        assert (
            "Dams today" not in page.text.split('class="related', 1)[-1].split("</section>", 1)[0]
        )
    # Withdrawn, it leaves every page that listed it at once.
    new.status = Article.Status.UNPUBLISHED
    new.save()
    for story in joined:
        assert "Dams today" not in related_of(fetch(story.get_absolute_url()))


def test_a_related_story_edited_refreshes_the_pages_listing_it(fetch, coverage):
    far = coverage[1]
    listing = [
        s for s in coverage if far.pk in {c.pk for c in queries.published_article(s.slug).related}
    ]
    for story in coverage:
        fetch(story.get_absolute_url())
    far.headline = "Dams day one, revised"
    far.save()
    for story in listing:
        assert "Dams day one, revised" in fetch(story.get_absolute_url()).text


def test_a_related_story_moved_in_time_leaves_the_pages_that_listed_it(fetch, coverage):
    """Its new neighbours are worked out from where it stands now; the pages
    that listed it where it stood are told by its `related` tag."""
    moved = coverage[5]
    listing = [
        s for s in coverage if moved.pk in {c.pk for c in queries.published_article(s.slug).related}
    ]
    assert listing
    for story in coverage:
        fetch(story.get_absolute_url())
    moved.publish_at -= timedelta(days=365)
    moved.save()
    for story in listing:
        assert moved.headline not in related_of(fetch(story.get_absolute_url())), story.headline


def test_may_show_names_every_story_that_lists_it(db):
    """The rule of may_show (what a publish refreshes) against the related
    stories themselves, on a random newsroom: two sections, four topics,
    stories in one or two editions' worth of times, some sharing a second."""
    rng = random.Random(16)
    sections = [make_section("North", slug="north"), make_section("South", slug="south")]
    now = timezone.now()
    stories = []
    for n in range(40):
        stories.append(
            make_article(
                headline=f"Story {n}",
                section=rng.choice(sections),
                tags=rng.sample(["a", "b", "c", "d"], rng.randint(0, 2)),
                publish_at=now - timedelta(hours=rng.randint(1, 30)),
            )
        )
    listed_by = {story.pk: set() for story in stories}
    for story in stories:
        for card in queries.published_article(story.slug).related:
            listed_by[card.pk].add(story.pk)
    for story in stories:
        assert listed_by[story.pk] <= queries.may_show(story), story.headline
        # ...and few more: at most RELATED on each side per topic and section.
        assert len(queries.may_show(story)) <= 2 * queries.RELATED * (1 + story.tags.count())


def test_a_story_moved_to_another_section_joins_the_pages_next_to_it_there(fetch, db):
    north, south = make_section("North", slug="north"), make_section("South", slug="south")
    there = make_article(headline="South news", section=south, ago=timedelta(hours=2))
    moved = make_article(headline="Moving story", section=north, ago=timedelta(hours=1))
    fetch(there.get_absolute_url())
    assert fetch(there.get_absolute_url()).hit
    assert "Moving story" not in related_of(fetch(there.get_absolute_url()))
    moved.section = south
    moved.save()
    assert "Moving story" in related_of(fetch(there.get_absolute_url()))
