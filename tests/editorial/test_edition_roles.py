"""Roles per edition: a journalist or an editor limited to some editions
sees, opens, edits and moves only their stories (editorial.permissions, one
place), is offered only those editions, and manages it on the user's page;
moderators see each comment's edition and direction and filter by it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from editions.models import Edition
from editorial import permissions, services
from editorial.models import StaffProfile
from tests.editorial.helpers import change_url, member
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def limit(user, *codes):
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    profile.editions.set(Edition.objects.filter(pk__in=codes))
    user.__dict__.pop("_newsroom_editions", None)
    return user


@pytest.fixture
def stories(section):
    ckb = make_section("هەواڵ", edition_id="ckb")
    writer = make_author("ڕێباز", edition_id="ckb")
    english = make_article(headline="English in review", section=section, status="review")
    sorani = make_article(
        headline="کوردی لە پێداچوونەوە",
        section=ckb,
        edition_id="ckb",
        authors=[writer],
        status="review",
    )
    return english, sorani


def test_an_editor_limited_to_sorani_works_on_sorani_stories_only(client, editor, stories):
    english, sorani = stories
    limit(editor, "ckb")
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert "کوردی لە پێداچوونەوە" in page and "English in review" not in page
    assert client.get(change_url(english)).status_code == 302  # "not found" redirect
    assert client.get(change_url(sorani)).status_code == 200
    editor = limit(editor, "ckb")
    with pytest.raises(PermissionDenied):
        services.publish(english, by=editor)
    services.publish(sorani, by=editor)
    assert Article.objects.get(pk=sorani.pk).is_published
    # The admin index's review queue lists only Sorani stories.
    index = client.get(reverse("admin:index")).content.decode()
    assert "English in review" not in index


def test_the_form_offers_only_the_users_editions(client, journalist, stories):
    limit(journalist, "ckb", "ar")
    client.force_login(journalist)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    select = page[
        page.index('name="edition"') : page.index("</select>", page.index('name="edition"'))
    ]
    assert 'value="ckb"' in select and 'value="ar"' in select
    assert 'value="en"' not in select and 'value="tr"' not in select
    # Posting another edition is refused by the form's choices.
    response = client.post(reverse("admin:articles_article_add"), {"edition": "en"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_every_permission_check_applies_the_editions(journalist, stories):
    english, sorani = stories
    draft = make_article(section=english.section, status="draft", created_by=journalist, authors=[])
    assert permissions.can_edit(journalist, draft)
    limit(journalist, "ckb")
    assert not permissions.can_view(journalist, draft)
    assert not permissions.can_edit(journalist, draft)
    assert not permissions.may_move(journalist, draft, Article.Status.REVIEW)
    assert draft not in permissions.viewable_articles(journalist)
    assert not permissions.may_translate_into(journalist, Edition.objects.get(pk="en"))
    assert permissions.may_translate_into(journalist, Edition.objects.get(pk="ckb"))


def test_no_editions_chosen_means_all(editor, stories):
    StaffProfile.objects.create(user=editor)
    assert permissions.editions_of(editor) is None
    assert set(permissions.viewable_articles(editor)) == set(stories)


def test_the_user_page_sets_a_members_editions(admin_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    page = admin_client.get(url).content.decode()
    assert "Newsroom profile: editions and admin language" in page
    assert 'name="staff_profile-0-editions"' in page


def test_moderators_see_each_comments_edition_and_direction_and_filter_by_it(client, stories):
    english, sorani = stories
    for story in stories:
        services.publish(story, by=member("Editors", f"e{story.pk}"))
    Comment.objects.create(article=english, name="Sam", email="s@example.org", body="Good piece")
    comment = Comment.objects.create(
        article=sorani, name="ئاراس", email="a@example.org", body="زۆر باشە، سوپاس"
    )
    moderator = member("Moderators", "mod")
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    page = client.get(url).content.decode()
    assert '<span lang="ckb">کوردی</span> · right to left' in page
    assert '<span dir="auto">زۆر باشە، سوپاس</span>' in page
    assert "<bdi>ئاراس</bdi>" in page
    page = client.get(url, {"edition": "ckb"}).content.decode()
    assert "زۆر باشە" in page and "Good piece" not in page
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content
    assert '<div class="comment-body-text" dir="auto">زۆر باشە، سوپاس</div>' in page.decode()
    assert "<bdi>ئاراس</bdi>" in page.decode()


def test_a_moderator_of_one_edition_lists_and_opens_its_comments_only(client, stories):
    english, sorani = stories
    for story in stories:
        services.publish(story, by=member("Editors", f"e{story.pk}"))
    other = Comment.objects.create(
        article=english, name="Sam", email="s@example.org", body="Good piece"
    )
    Comment.objects.create(article=sorani, name="ئاراس", email="a@example.org", body="زۆر باشە")
    client.force_login(limit(member("Moderators", "mod-ckb"), "ckb"))
    page = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "زۆر باشە" in page and "Good piece" not in page
    # Not by its address either.
    assert client.get(reverse("admin:comments_comment_change", args=[other.pk])).status_code in (
        302,
        404,
    )
