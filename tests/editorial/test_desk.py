"""The story form's desk: autosaves are kept per user and story, are not
revisions and publish nothing; saving over a newer version is refused; the
Publish and Schedule buttons; a story in review reads as readers will see it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from editorial.models import Autosave
from tests.editorial.helpers import admin_form, change_url, member
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def autosave_url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def test_an_autosave_changes_no_story_and_is_no_revision(client):
    editor = member("Editors", "ed")
    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    client.force_login(editor)
    versions = Version.objects.get_for_object(story).count()
    response = client.post(
        autosave_url(story), {"headline": "Council meets on Tuesday", "status": "published"}
    )
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Council meets" and story.status == Article.Status.DRAFT
    assert Version.objects.get_for_object(story).count() == versions
    saved = Autosave.objects.get(user=editor, article=story)
    assert saved.data == {"headline": "Council meets on Tuesday"}  # story fields only

    # Offered back on the form, shown on request, gone once the story is saved.
    page = client.get(change_url(story)).content.decode()
    assert "Restore the autosaved text" in page
    restored = client.get(change_url(story) + "?restore=autosave").content.decode()
    assert 'value="Council meets on Tuesday"' in restored
    data = admin_form(client, story)
    data["headline"] = "Council meets on Tuesday"
    assert client.post(change_url(story), data).status_code == 302
    assert not Autosave.objects.exists()


def test_a_never_saved_story_has_its_autosave_too_one_per_user(client):
    journalist = member("Journalists", "jo")
    client.force_login(journalist)
    client.post(autosave_url(), {"headline": "First try"})
    client.post(autosave_url(), {"headline": "Second try"})
    assert Autosave.objects.get(user=journalist, article=None).data["headline"] == "Second try"
    assert (
        "Restore the autosaved text"
        in client.get(reverse("admin:articles_article_add")).content.decode()
    )
    client.post(autosave_url(), {"action": "discard"})
    assert not Autosave.objects.exists()


def test_no_autosave_of_a_story_one_may_not_edit(client):
    story = make_article(headline="Someone else's", status=Article.Status.DRAFT)
    client.force_login(member("Journalists", "jo"))
    assert client.post(autosave_url(story), {"headline": "Mine now"}).status_code in (403, 404)
    assert not Autosave.objects.exists()


def test_saving_over_a_newer_version_is_refused_then_merged(client):
    editor = member("Editors", "ed")
    make_author("Ed Itor", user=editor)
    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    client.force_login(editor)
    mine = admin_form(client, story)
    # Someone else saves in between.
    theirs = admin_form(client, story)
    theirs["standfirst"] = "Their standfirst."
    assert client.post(change_url(story), theirs).status_code == 302

    mine["headline"] = "Council meets on Tuesday"
    response = client.post(change_url(story), mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "saved this story at" in page and "Their standfirst." in page
    story.refresh_from_db()
    assert story.headline == "Council meets" and story.standfirst == "Their standfirst."
    # The form now carries the newer version: the hand-merged save goes through.
    form = response.context["adminform"].form
    mine["loaded_version"] = form.data["loaded_version"]
    mine["standfirst"] = "Their standfirst."
    assert client.post(change_url(story), mine).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Council meets on Tuesday"


def test_schedule_needs_a_future_time_and_publish_now_publishes(client):
    editor = member("Editors", "ed")
    story = make_article(headline="Budget", status=Article.Status.DRAFT)
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert 'name="_schedule" value="Schedule"' in page and "time zone" in page

    data = admin_form(client, story)
    response = client.post(change_url(story), {**data, "_schedule": "Schedule"})
    assert "To schedule the story, set a publish time in the future" in response.content.decode()

    at = timezone.localtime() + timedelta(hours=3)
    data.update(publish_at_0=at.strftime("%Y-%m-%d"), publish_at_1=at.strftime("%H:%M:%S"))
    assert client.post(change_url(story), {**data, "_schedule": "Schedule"}).status_code == 302
    story.refresh_from_db()
    assert story.is_scheduled

    other = make_article(headline="Flood", status=Article.Status.DRAFT)
    data = admin_form(client, other)
    assert client.post(change_url(other), {**data, "_publish": "Publish now"}).status_code == 302
    other.refresh_from_db()
    assert other.is_published


def test_a_story_in_review_reads_as_readers_see_it(client):
    journalist = member("Journalists", "jo")
    author = make_author("Jo Reporter", user=journalist)
    story = make_article(
        headline="Night buses",
        status=Article.Status.REVIEW,
        authors=[author],
        body="<p>The council <strong>confirmed</strong> it.</p>",
    )
    client.force_login(journalist)
    page = client.get(change_url(story)).content.decode()
    assert "<p>The council <strong>confirmed</strong> it.</p>" in page
    assert "&lt;strong&gt;" not in page


def test_the_unsaved_form_previews_as_readers_will_see_it_and_nothing_is_saved(client):
    editor = member("Editors", "ed")
    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    client.force_login(editor)
    data = admin_form(client, story)
    data["headline"] = "Council meets on Tuesday"
    data["body"] = "<p>Unsaved <em>words</em>.</p><script>alert(1)</script>"
    data["tags"] = ["Bridges"]
    page = client.post(reverse("reader:unsaved-preview-story", args=[story.pk]), data)
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    html = page.content.decode()
    assert "Council meets on Tuesday" in html and "Unsaved <em>words</em>." in html
    assert "<script>alert" not in html and ">Bridges</a>" in html
    story.refresh_from_db()
    assert story.headline == "Council meets"

    # A story never saved previews too, with the byline as the form has it.
    author = make_author("Rana Aziz")
    new = {
        **data,
        "headline": "Brand new story",
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": str(author.pk),
        "bylines-0-order": "0",
    }
    html = client.post(reverse("reader:unsaved-preview"), new).content.decode()
    assert "Brand new story" in html and "Rana Aziz" in html
    assert Article.objects.count() == 1


def test_no_unsaved_preview_of_a_story_one_may_not_edit(client):
    story = make_article(headline="Someone else's", status=Article.Status.DRAFT)
    client.force_login(member("Journalists", "jo"))
    response = client.post(
        reverse("reader:unsaved-preview-story", args=[story.pk]), {"headline": "x"}
    )
    assert response.status_code == 404


def test_the_heartbeat_names_the_others_who_have_the_story_open(client):
    from django.test import Client

    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    ed, other = member("Editors", "ed"), member("Editors", "ed2")
    make_author("Ed Itor", user=ed)
    url = reverse("admin:articles_article_presence", args=[story.pk])
    client.force_login(ed)
    assert client.post(url).json() == {"others": []}
    second = Client()
    second.force_login(other)
    assert second.post(url).json() == {"others": ["Ed Itor"]}
    assert client.post(url).json() == {"others": ["ed2"]}
    # The form has the heartbeat's address; without the cache, nobody is listed.
    assert url in client.get(change_url(story)).content.decode()


def test_without_the_cache_the_heartbeat_lists_nobody(client, monkeypatch):
    from django.core.cache import cache

    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    client.force_login(member("Editors", "ed"))

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    url = reverse("admin:articles_article_presence", args=[story.pk])
    assert client.post(url).json() == {"others": []}
