"""A library image that published stories show is changed by editors only, and
every change of what readers see of it is in each story's history."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from editorial.revisions import versions_of
from images.models import Image
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(image):
    return reverse("admin:images_image_change", args=[image.pk])


def image_form(image, **changes):
    """What the image's change form posts back (no new file)."""
    data = {
        "title": image.title,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
        "copyright_note": image.copyright_note,
        "usage_expires_on": "",
    }
    data.update(changes)
    return data


def inline(image):
    return f'<p>Intro.</p><figure data-image-id="{image.pk}"></figure>'


@pytest.fixture
def photo():
    return make_image(title="Bridge at dusk", caption="The old bridge", credit="Photo: Staff")


@pytest.fixture
def stories(photo, journalist):
    return {
        "lead": make_article(headline="Bridge reopens", lead_image=photo),
        "inline": make_article(headline="Traffic returns", body=inline(photo)),
        "scheduled": make_article(
            headline="Embargoed bridge audit", lead_image=photo, ago=timedelta(hours=-3)
        ),
        "draft": make_article(
            headline="Jo's bridge draft",
            status=Status.DRAFT,
            lead_image=photo,
            created_by=journalist,
            authors=[journalist.author],
        ),
    }


@pytest.mark.parametrize(
    "change",
    [
        {"caption": "A new caption"},
        {"credit": "Photo: Someone else"},
        {"alt_text": "Something else entirely"},
        {"focal_x": 10},
    ],
)
def test_a_journalist_may_not_change_what_readers_see_of_an_image_published_stories_use(
    client, journalist, photo, stories, change
):
    client.force_login(journalist)
    response = client.post(change_url(photo), image_form(photo, **change))
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    assert "Only an editor can change" in page
    assert "“Bridge reopens”" in page and "“Traffic returns”" in page
    # A scheduled story is counted, not named: its headline is not public yet.
    assert "Embargoed bridge audit" not in page and "1 scheduled story" in page
    stored = Image.objects.get(pk=photo.pk)
    assert (stored.caption, stored.credit, stored.alt_text, stored.focal_x) == (
        "The old bridge",
        "Photo: Staff",
        photo.alt_text,
        50,
    )
    assert all(versions_of(story).count() == 0 for story in stories.values())


def test_a_journalist_may_not_replace_the_file_of_an_image_published_stories_use(
    client, journalist, photo, stories
):
    from tests.factories import upload

    client.force_login(journalist)
    data = image_form(photo, file=upload("other.png", width=90, height=60))
    response = client.post(change_url(photo), data)
    assert "Only an editor can change" in response.content.decode()
    assert Image.objects.get(pk=photo.pk).file.name == photo.file.name


def test_a_journalist_may_change_what_readers_do_not_see(client, journalist, photo, stories):
    client.force_login(journalist)
    data = image_form(photo, title="Bridge, evening", copyright_note="Staff photo")
    assert client.post(change_url(photo), data).status_code == 302
    assert Image.objects.get(pk=photo.pk).title == "Bridge, evening"


def test_a_journalist_may_change_an_image_only_their_drafts_use(client, journalist):
    photo = make_image(caption="First caption")
    draft = make_article(
        headline="Jo's draft",
        status=Status.DRAFT,
        lead_image=photo,
        created_by=journalist,
        authors=[journalist.author],
    )
    client.force_login(journalist)
    response = client.post(change_url(photo), image_form(photo, caption="Better caption"))
    assert response.status_code == 302
    assert Image.objects.get(pk=photo.pk).caption == "Better caption"
    version = versions_of(draft).get()
    assert version.revision.user == journalist
    assert version.revision.comment == "Library image “" + photo.title + "” changed: caption"


def test_an_editors_change_shows_in_every_affected_storys_history(client, editor, photo, stories):
    client.force_login(editor)
    # A revision of each story from before (as any save makes).
    for story in stories.values():
        data_url = reverse("admin:articles_article_change", args=[story.pk])
        from tests.editorial.helpers import admin_form

        data = admin_form(client, story)
        data["standfirst"] = "A standfirst, revised."
        assert client.post(data_url, data).status_code == 302
    response = client.post(
        change_url(photo), image_form(photo, caption="The rebuilt bridge", focal_y=30)
    )
    assert response.status_code == 302
    for story in stories.values():
        newer, older = versions_of(story)[:2]
        assert newer.revision.user == editor
        assert newer.revision.comment == (
            "Library image “Bridge at dusk” changed: caption, focal point"
        )
        page = client.get(
            reverse("admin:articles_article_revisions", args=[story.pk]),
            {"a": older.pk, "b": newer.pk},
        ).content.decode()
        assert "Library image “Bridge at dusk”" in page, story.headline
        assert "<del>old</del><ins>rebuilt</ins> bridge" in page, story.headline
        assert "<del>50%</del><ins>30%</ins>" in page, story.headline
    # The inline figure's caption followed, in the body.
    assert "The rebuilt bridge" in Article.objects.get(pk=stories["inline"].pk).body


def test_an_unchanged_image_save_adds_nothing_to_any_history(client, editor, photo, stories):
    client.force_login(editor)
    assert client.post(change_url(photo), image_form(photo)).status_code == 302
    assert all(versions_of(story).count() == 0 for story in stories.values())
