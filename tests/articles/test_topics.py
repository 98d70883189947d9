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
