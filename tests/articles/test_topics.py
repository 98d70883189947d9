"""Topics in the admin: their stories, and merging several into one."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from articles.topics import merge_tags
from reader.cards import cards
from search.backends import backend, parse_query
from tests.editorial.helpers import member
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taggit_tag_changelist")


def tag(name):
    return Tag.objects.get(name=name)


def names(article):
    return sorted(t.name for t in Article.objects.get(pk=article.pk).tags.all())


@pytest.fixture
def oil_stories():
    return {
        "oil": make_article(headline="Refinery reopens", tags=["Oil"]),
        "both": make_article(headline="Pipeline talks", tags=["Oil", "Oil and gas"]),
        "gas": make_article(headline="Gas field deal", tags=["Oil and gas"]),
        "prices": make_article(headline="Fuel prices rise", tags=["oil prices", "Markets"]),
    }


def test_merging_gives_every_story_the_kept_topic_and_deletes_the_others(oil_stories):
    added = merge_tags(keep=tag("Oil"), others=[tag("Oil and gas"), tag("oil prices")])
    assert added == 2  # "gas" and "prices"; "both" had it already
    assert names(oil_stories["both"]) == ["Oil"]
    assert names(oil_stories["gas"]) == ["Oil"]
    assert names(oil_stories["prices"]) == ["Markets", "Oil"]
    assert not Tag.objects.filter(name__in=["Oil and gas", "oil prices"]).exists()
    assert {c.pk for c in cards(tag=tag("Oil"))} == {s.pk for s in oil_stories.values()}


def test_merged_topics_are_searchable_under_the_kept_name_only(oil_stories):
    merge_tags(keep=tag("Oil"), others=[tag("Oil and gas"), tag("oil prices")])
    assert backend().count(parse_query("oil")) == 4
    assert backend().count(parse_query("prices")) == 1  # the headline, no longer the topic
    assert backend().count(parse_query("gas")) == 1  # the headline "Gas field deal"


def test_the_admin_merges_after_asking_which_topic_to_keep(client, oil_stories):
    client.force_login(make_user("chief", superuser=True))
    chosen = [tag("Oil").pk, tag("Oil and gas").pk]
    action = {"action": "merge_topics", ACTION_CHECKBOX_NAME: chosen}
    page = client.post(CHANGELIST, action)
    assert page.status_code == 200
    assert "Choose the topic to keep" in page.content.decode()
    assert Tag.objects.filter(pk__in=chosen).count() == 2  # nothing done yet

    done = client.post(CHANGELIST, {**action, "keep": tag("Oil and gas").pk}, follow=True)
    assert "Merged 1 topic(s) into “Oil and gas”" in done.content.decode()
    assert not Tag.objects.filter(name="Oil").exists()
    assert names(oil_stories["oil"]) == ["Oil and gas"]


def test_merging_needs_the_right_to_delete_topics(client, oil_stories):
    client.force_login(member("Editors", "ed"))  # may add and change topics, not delete
    chosen = [tag("Oil").pk, tag("Oil and gas").pk]
    changelist = client.get(CHANGELIST).content.decode()
    assert "merge_topics" not in changelist
    client.post(
        CHANGELIST,
        {"action": "merge_topics", ACTION_CHECKBOX_NAME: chosen, "keep": chosen[0]},
    )
    assert Tag.objects.filter(pk__in=chosen).count() == 2


def test_a_topic_page_in_the_admin_lists_its_stories(client, oil_stories):
    client.force_login(make_user("chief", superuser=True))
    page = client.get(reverse("admin:taggit_tag_change", args=[tag("Oil").pk])).content.decode()
    assert "Refinery reopens" in page and "Pipeline talks" in page
    assert "Gas field deal" not in page
    changelist = client.get(CHANGELIST).content.decode()
    assert '<td class="field-story_count">2</td>' in changelist


# What a journalist sees of other journalists' drafts ----------------------------


@pytest.fixture
def newsroom_topics():
    from tests.factories import make_author

    jo, sam = member("Journalists", "jo"), member("Journalists", "sam")
    make_author("Sam Writer", user=sam)
    make_article(
        headline="Secret merger talks",
        status=Article.Status.DRAFT,
        created_by=sam,
        tags=["Acme merger", "Economy"],
    )
    make_article(headline="Budget passes", tags=["Economy"])
    make_article(
        headline="Jo's own draft", status=Article.Status.DRAFT, created_by=jo, tags=["Jo topic"]
    )
    Tag.objects.create(name="Fresh topic", slug="fresh-topic")
    return jo


def suggestions(client, term=""):
    url = reverse("admin:articles_article_tag_suggestions")
    return [row["text"] for row in client.get(url, {"term": term}).json()["results"]]


def test_a_journalist_sees_no_other_journalists_draft_through_the_topic_admin(
    client, newsroom_topics
):
    client.force_login(newsroom_topics)
    changelist = client.get(CHANGELIST)
    listed = {t.name: t.stories for t in changelist.context["cl"].result_list}
    # The draft's own topic is not listed, and the shared one counts only
    # the stories the journalist may see.
    assert listed == {"Economy": 1, "Fresh topic": 0, "Jo topic": 1}
    page = client.get(reverse("admin:taggit_tag_change", args=[tag("Economy").pk])).content.decode()
    assert "Budget passes" in page
    assert "Secret merger talks" not in page
    hidden = client.get(reverse("admin:taggit_tag_change", args=[tag("Acme merger").pk]))
    assert "Acme merger" not in client.get(hidden["Location"]).content.decode()
    # Django's own autocomplete of topics answers from the same list.
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "taggedarticle", "field_name": "tag", "term": "ac"},
    )
    assert "Acme merger" not in autocomplete.content.decode()


def test_a_journalists_tag_suggestions_leave_out_other_journalists_drafts(client, newsroom_topics):
    client.force_login(newsroom_topics)
    assert suggestions(client) == ["Economy", "Fresh topic", "Jo topic"]
    assert suggestions(client, "acme") == []


def test_editors_see_every_topic_and_story(client, newsroom_topics):
    client.force_login(member("Editors", "ed"))
    assert suggestions(client) == ["Acme merger", "Economy", "Fresh topic", "Jo topic"]
    listed = {t.name: t.stories for t in client.get(CHANGELIST).context["cl"].result_list}
    assert listed == {"Acme merger": 1, "Economy": 2, "Fresh topic": 0, "Jo topic": 1}
    page = client.get(reverse("admin:taggit_tag_change", args=[tag("Economy").pk])).content.decode()
    assert "Budget passes" in page and "Secret merger talks" in page
