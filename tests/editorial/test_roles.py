"""Roles: each group is offered only what it may do, and the server refuses the rest."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.models import Transition
from tests.editorial.helpers import admin_form, change_url, member, new_article_data
from tests.factories import make_article, make_image, make_user

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_roles_are_groups_created_by_the_migration():
    journalists, editors = perms("Journalists"), perms("Editors")
    assert {"articles.add_article", "articles.change_article"} <= journalists
    assert "articles.publish_article" not in journalists
    assert "articles.review_article" not in journalists
    assert {"articles.publish_article", "articles.review_article"} <= editors
    assert {"articles.change_section", "articles.change_author", "editorial.add_correction"} <= (
        editors
    )
    assert "editorial.add_correction" not in journalists


def test_moderators_get_no_access_to_articles(client):
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    assert not {p for p in perms("Moderators") if p.startswith(("articles.", "editorial."))}
    moderator = member("Moderators", "mod")
    article = make_article(headline="Moderators may not see this")
    client.force_login(moderator)
    assert client.get(CHANGELIST).status_code == 403
    response = client.post(change_url(article), {"headline": "Changed by a moderator"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Moderators may not see this"


def test_journalist_creates_a_draft_and_cannot_publish_it(client, journalist, section):
    client.force_login(journalist)
    form = admin_form(client)
    # Offered: draft or in review only; no publish time, no breaking news.
    assert "publish_at_0" not in form and "breaking_until_0" not in form
    page = client.get(ADD).content.decode()
    assert 'value="review"' in page and 'value="published"' not in page
    response = client.post(ADD, new_article_data(section, journalist.author))
    assert response.status_code == 302
    article = Article.objects.get(slug="council-votes-bridge")
    assert article.status == Status.DRAFT
    assert article.created_by == journalist


def test_crafted_post_publishing_as_journalist_is_refused(client, journalist, section):
    client.force_login(journalist)
    soon = timezone.now() - timedelta(minutes=1)
    data = new_article_data(
        section,
        journalist.author,
        status="published",
        publish_at_0=soon.strftime("%Y-%m-%d"),
        publish_at_1=soon.strftime("%H:%M:%S"),
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Article.objects.exists()


def test_crafted_post_on_own_draft_cannot_publish_schedule_or_break(client, journalist):
    article = make_article(status=Status.DRAFT, created_by=journalist, authors=[journalist.author])
    client.force_login(journalist)
    data = admin_form(client, article)
    future = timezone.now() + timedelta(hours=3)
    data.update(
        status="published",
        publish_at_0=future.strftime("%Y-%m-%d"),
        publish_at_1=future.strftime("%H:%M:%S"),
        breaking_until_0=future.strftime("%Y-%m-%d"),
        breaking_until_1=future.strftime("%H:%M:%S"),
    )
    response = client.post(change_url(article), data)
    assert "Select a valid choice" in response.content.decode()
    # Without the status, the other fields are read-only and ignored.
    data["status"] = "draft"
    data["headline"] = "A better headline"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "A better headline"
    assert article.status == Status.DRAFT
    assert article.publish_at is None and article.breaking_until is None


def test_journalist_cannot_change_another_journalists_article(client, journalist, other_journalist):
    theirs = make_article(
        status=Status.DRAFT,
        headline="Sam's draft",
        created_by=other_journalist,
        authors=[other_journalist.author],
    )
    client.force_login(journalist)
    listing = client.get(CHANGELIST).content.decode()
    assert "Sam&#x27;s draft" not in listing and "Sam's draft" not in listing
    data = new_article_data(theirs.section, journalist.author, headline="Hijacked", status="review")
    response = client.post(change_url(theirs), data)
    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.headline == "Sam's draft" and theirs.status == Status.DRAFT
    assert not Transition.objects.exists()


def test_journalist_cannot_edit_published_or_in_review_story(client, journalist):
    for status in (Status.REVIEW, Status.PUBLISHED):
        article = make_article(
            status=status, headline="Locked", created_by=journalist, authors=[journalist.author]
        )
        client.force_login(journalist)
        page = client.get(change_url(article))
        assert page.status_code == 200  # they may read it...
        assert 'name="headline"' not in page.content.decode()  # ...not edit it
        response = client.post(
            change_url(article),
            new_article_data(article.section, journalist.author, headline="Changed"),
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.headline == "Locked" and article.status == status


def test_journalist_cannot_run_publishing_actions(client, journalist):
    article = make_article(status=Status.DRAFT, created_by=journalist, authors=[journalist.author])
    client.force_login(journalist)
    page = client.get(CHANGELIST).content.decode()
    assert 'value="submit_selected"' in page
    assert 'value="publish_selected"' not in page
    assert 'value="unpublish_selected"' not in page
    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_journalist_submits_own_draft_through_an_action(client, journalist):
    article = make_article(status=Status.DRAFT, created_by=journalist, authors=[journalist.author])
    client.force_login(journalist)
    client.post(CHANGELIST, {"action": "submit_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert article.transitions.get().by == journalist


def test_editor_is_offered_every_move_and_edits_any_article(client, editor, journalist):
    article = make_article(
        status=Status.REVIEW, headline="Filed", created_by=journalist, authors=[journalist.author]
    )
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    for value in ("review", "draft", "published"):
        assert f'value="{value}"' in page
    assert 'name="breaking_until_0"' in page
    listing = client.get(CHANGELIST).content.decode()
    assert 'value="publish_selected"' in listing and 'value="unpublish_selected"' in listing
    data = admin_form(client, article)
    data.update(headline="Filed and edited", status="published", transition_note="Good to go")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Filed and edited"
    assert article.status == Status.PUBLISHED and article.is_published
    transition = article.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by, transition.note) == (
        "review",
        "published",
        editor,
        "Good to go",
    )


def test_staff_without_a_role_get_nothing(client):
    client.force_login(make_user("nobody"))
    assert client.get(CHANGELIST).status_code == 403


def test_editor_saving_a_published_story_unchanged_records_no_move(client, editor):
    article = make_article(headline="Live story")
    publish_at = article.publish_at
    client.force_login(editor)
    data = admin_form(client, article)
    data["headline"] = "Live story, typo fixed"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.publish_at == publish_at  # microseconds and all
    assert article.headline == "Live story, typo fixed"
    assert not article.transitions.exists()


def test_editor_creates_and_schedules_a_story_in_one_go(client, editor, section):
    client.force_login(editor)
    at = timezone.localtime() + timedelta(hours=2)
    data = new_article_data(
        section,
        editor.author,
        status="published",
        lead_image=str(make_image().pk),
        publish_at_0=at.strftime("%Y-%m-%d"),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
    assert client.post(ADD, data).status_code == 302
    article = Article.objects.get()
    assert article.is_scheduled
    transition = article.transitions.get()
    assert (transition.from_status, transition.to_status) == ("draft", "published")
    assert transition.was_scheduled


def test_editor_reschedules_a_scheduled_story(client, editor):
    article = make_article(status=Status.PUBLISHED, ago=timedelta(hours=-2))
    client.force_login(editor)
    data = admin_form(client, article)
    later = timezone.localtime() + timedelta(hours=6)
    data.update(publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1=later.strftime("%H:%M:%S"))
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.publish_at == later.replace(microsecond=0)
    assert article.transitions.get().to_status == "published"
