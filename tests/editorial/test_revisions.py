"""Revisions: every save kept, any two compared, any one restored."""

import pytest
from django.urls import reverse

from articles.models import Article
from editorial import services
from editorial.revisions import diff_text, html_to_text, versions_of
from tests.editorial.helpers import admin_form, change_url
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

Status = Article.Status


def save_through_admin(client, article, **changes):
    data = admin_form(client, article)
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return article


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


@pytest.fixture
def story(journalist):
    return make_article(
        status=Status.DRAFT,
        headline="First headline",
        body="<p>The mayor spoke on Monday.</p>",
        created_by=journalist,
        authors=[journalist.author],
        tags=["council"],
    )


def test_every_admin_save_is_kept_with_author_and_time(client, journalist, story):
    client.force_login(journalist)
    save_through_admin(client, story, headline="Second headline")
    save_through_admin(client, story, headline="Third headline")
    versions = list(versions_of(story))
    assert [v.field_dict["headline"] for v in versions] == ["Third headline", "Second headline"]
    assert all(v.revision.user == journalist for v in versions)
    assert "Changed headline" in versions[0].revision.comment
    page = client.get(revisions_url(story)).content.decode()
    assert page.count('name="a"') == 2
    assert "jo" in page


def test_compare_shows_a_readable_word_diff(client, journalist, story):
    client.force_login(journalist)
    save_through_admin(client, story, standfirst="Old standfirst.")
    save_through_admin(
        client,
        story,
        standfirst="New standfirst.",
        body="<p>The mayor spoke on Tuesday.</p><p>A second paragraph.</p>",
    )
    newer, older = versions_of(story)[:2]
    page = client.get(revisions_url(story), {"a": older.pk, "b": newer.pk}).content.decode()
    assert "<del>Old</del><ins>New</ins> standfirst." in page
    assert "spoke on <del>Monday.</del><ins>Tuesday.\nA second paragraph.</ins>" in page
    # HTML tags of the body are not part of the diff.
    assert "&lt;p&gt;" not in page


def test_diff_escapes_markup_from_a_version():
    html = diff_text("a <b>safe</b>", 'a <script>alert("x")</script>')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html_to_text("<p>One &amp; two</p><p>Three</p>") == "One & two\nThree"


def test_compare_with_a_version_of_another_article_is_refused(client, editor, story):
    client.force_login(editor)
    other = make_article(headline="Another")
    save_through_admin(client, other, headline="Another, edited")
    save_through_admin(client, story, headline="Edited")
    foreign = versions_of(other)[0]
    mine = versions_of(story)[0]
    response = client.get(revisions_url(story), {"a": foreign.pk, "b": mine.pk})
    assert "Choose two versions of this story" in response.content.decode()
    assert client.post(restore_url(story, foreign)).status_code == 404


def test_restore_brings_back_content_bylines_and_tags_as_a_new_revision(
    client, editor, journalist, story
):
    client.force_login(journalist)
    save_through_admin(client, story, headline="Good headline")
    good = versions_of(story)[0]
    co_author = make_author("Co Author")
    data = admin_form(client, story)
    data.update(
        {
            "headline": "Bad headline",
            "body": "<p>Lost paragraph.</p>",
            "tags": ["bridge", "river"],
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-author": str(co_author.pk),
            "bylines-1-order": "1",
        }
    )
    assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert sorted(story.tags.names()) == ["bridge", "river"]
    assert story.bylines.count() == 2
    count = versions_of(story).count()

    response = client.post(restore_url(story, good))
    assert response.status_code == 302
    story = Article.objects.get(pk=story.pk)
    assert story.headline == "Good headline"
    assert story.body == "<p>The mayor spoke on Monday.</p>"
    assert list(story.tags.names()) == ["council"]
    assert [b.author for b in story.bylines.all()] == [journalist.author]
    assert story.status == Status.DRAFT
    assert versions_of(story).count() == count + 1
    assert versions_of(story)[0].revision.comment.startswith("Restored the version of")


def test_restore_never_changes_the_workflow_state(client, editor, journalist, story):
    client.force_login(editor)
    save_through_admin(client, story, headline="Draft headline")
    draft_version = versions_of(story)[0]
    services.publish(story, by=editor)
    client.post(restore_url(story, draft_version))
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.is_published


def test_journalist_restores_only_on_own_draft(client, journalist, editor, story):
    client.force_login(journalist)
    save_through_admin(client, story, headline="Version A")
    save_through_admin(client, story, headline="Version B")
    version_a = versions_of(story)[1]
    services.submit_for_review(story, by=journalist)
    page = client.get(revisions_url(story)).content.decode()
    assert "Restore this version" not in page
    assert client.post(restore_url(story, version_a)).status_code == 403
    story.refresh_from_db()
    assert story.headline == "Version B"
    # Returned to draft, it is theirs to restore again.
    services.return_to_draft(story, by=editor)
    assert client.post(restore_url(story, version_a)).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Version A"


def test_journalist_cannot_restore_another_journalists_draft(
    client, journalist, other_journalist, story
):
    client.force_login(journalist)
    save_through_admin(client, story, headline="Mine")
    save_through_admin(client, story, headline="Mine again")
    client.force_login(other_journalist)
    response = client.post(restore_url(story, versions_of(story)[1]))
    assert response.status_code == 404
    story.refresh_from_db()
    assert story.headline == "Mine again"


def test_a_version_saved_before_topics_moved_to_their_own_table_restores_its_topics(editor):
    """Revisions from before articles migration 0003 hold taggit's generic rows."""
    import reversion
    from taggit.models import Tag, TaggedItem

    from editorial.revisions import restore, snapshot

    article = make_article(headline="Old story", tags=[])
    with reversion.create_revision():
        reversion.add_to_revision(article)
        legacy = TaggedItem.objects.create(
            tag=Tag.objects.create(name="Wells"), content_object=article
        )
        reversion.add_to_revision(legacy)
    legacy.delete()
    article.tags.set(["Springs"])
    old = versions_of(article).last()
    assert snapshot(old).tag_names == ["Wells"]
    restore(article, old, by=editor)
    assert [tag.name for tag in article.tags.all()] == ["Wells"]


def test_saving_a_story_with_no_change_makes_no_revision(client, journalist, story):
    client.force_login(journalist)
    save_through_admin(client, story, body="<p>The mayor spoke.</p>\n<p>On Monday.</p>")
    updated_at = story.updated_at
    count = versions_of(story).count()
    save_through_admin(client, story)  # the form as it came, saved
    # As a browser sends a textarea: CRLF line ends.
    save_through_admin(client, story, body="<p>The mayor spoke.</p>\r\n<p>On Monday.</p>")
    assert versions_of(story).count() == count
    assert story.updated_at == updated_at  # readers see no "Updated" either
    # A change of the byline alone is a change.
    data = admin_form(client, story)
    data.update(
        {
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-author": str(make_author("Co Author").pk),
            "bylines-1-order": "1",
        }
    )
    assert client.post(change_url(story), data).status_code == 302
    assert versions_of(story).count() == count + 1
    assert "byline" in versions_of(story)[0].revision.comment


def test_a_comparison_of_two_versions_with_the_same_content_says_so(client, journalist, story):
    client.force_login(journalist)
    save_through_admin(client, story, headline="Filed headline")
    services.submit_for_review(story, by=journalist)  # a revision of the workflow only
    newer, older = versions_of(story)[:2]
    page = client.get(revisions_url(story), {"a": older.pk, "b": newer.pk}).content.decode()
    assert "editorial-diff" not in page  # no table of unchanged fields
    assert "The content is the same in both versions" in page
    assert "Submitted for review" in page
