"""Translate into …: a linked draft in another edition, recorded as other
editorial actions are; one per edition in a group; and the list of
published originals whose translations are missing or stale."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editions.models import Edition
from editorial import services
from editorial.revisions import versions_of
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db

MISSING = reverse("admin:articles_article_translations")


def translate_url(story):
    return reverse("admin:articles_article_translate", args=[story.pk])


@pytest.fixture
def editions():
    return {code: Edition.objects.get(pk=code) for code in ["en", "ckb", "ar", "kmr", "tr"]}


@pytest.fixture
def sections():
    return {
        code: make_section(f"News {code}", edition_id=code) for code in ["ckb", "ar", "kmr", "tr"]
    }


@pytest.fixture
def original(section):
    return make_article(
        headline="Dam levels fall",
        standfirst="The reservoir is at a third of its size.",
        dateline="DUKAN",
        body="<p>Levels fell again.</p>",
        section=section,
        lead_image=make_image(),
        lead_image_caption="The dam in June",
        tags=["Water", "Dukan"],
    )


def test_translate_makes_a_linked_draft_with_what_a_translator_starts_from(
    editor, original, editions, sections
):
    draft = services.translate(original, into=editions["ckb"], by=editor)
    draft.refresh_from_db()
    assert draft.translation_of == original and draft.edition_id == "ckb"
    assert draft.status == Article.Status.DRAFT and not draft.is_published
    assert (draft.headline, draft.standfirst, draft.dateline, draft.body) == (
        original.headline,
        original.standfirst,
        original.dateline,
        original.body,
    )
    assert draft.lead_image == original.lead_image
    assert draft.lead_image_caption == "The dam in June"
    assert sorted(draft.tags.names()) == ["Dukan", "Water"]
    assert draft.section == sections["ckb"]  # the translator chooses another if need be
    assert draft.bylines.count() == 0  # the byline is the translator's to fill
    assert draft.created_by == editor and draft.slug != original.slug
    (version,) = versions_of(draft)
    assert version.revision.user == editor
    assert "Translation into Sorani Kurdish" in version.revision.comment


def test_a_translation_starts_in_the_section_translators_chose_before(
    editor, original, editions, sections
):
    """The edition's first section at first; then where translators put
    stories of the same section (the latest choice breaks a tie); a section
    of the same address wins over the first."""
    economy = make_section("ئابووری", slug="economy", edition_id="ckb")
    services.translate(original, into=editions["ckb"], by=editor)  # News ckb: the first
    earlier = make_article(section=original.section, headline="Wheat prices")
    done = services.translate(earlier, into=editions["ckb"], by=editor)
    done.section = economy
    done.save()
    later = make_article(section=original.section, headline="Fuel prices")
    assert services.translate(later, into=editions["ckb"], by=editor).section == economy
    # Another section, with a namesake in the edition: that one.
    business = make_section("Business", slug="economy")
    lone = make_article(section=business, headline="Bank rates")
    assert services.translate(lone, into=editions["ckb"], by=editor).section == economy


def test_a_translation_of_a_translation_joins_the_originals_group(
    editor, original, editions, sections
):
    arabic = services.translate(original, into=editions["ar"], by=editor)
    sorani = services.translate(arabic, into=editions["ckb"], by=editor)
    assert sorani.translation_of == original
    assert set(original.translations.values_list("edition", flat=True)) == {"ar", "ckb"}


def test_one_translation_per_edition_in_a_group(editor, original, editions, sections):
    services.translate(original, into=editions["ckb"], by=editor)
    with pytest.raises(ValidationError, match="already has a Sorani Kurdish translation"):
        services.translate(original, into=editions["ckb"], by=editor)
    with pytest.raises(ValidationError, match="original of this story is in English"):
        services.translate(original, into=editions["en"], by=editor)
    # The database holds it too, whatever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(section=sections["ckb"], edition_id="ckb", translation_of=original, authors=[])


def test_an_edition_without_sections_is_refused_with_a_clear_message(editor, original, editions):
    with pytest.raises(ValidationError, match="has no section yet"):
        services.translate(original, into=editions["tr"], by=editor)


def test_the_button_makes_the_draft_and_opens_it(client, editor, original, sections):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[original.pk])).content
    assert translate_url(original).encode() in page
    page = client.get(translate_url(original)).content.decode()
    assert 'value="ckb"' in page and 'value="en"' not in page
    response = client.post(translate_url(original), {"edition": "ckb"})
    draft = original.translations.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "draft is ready" in page and "Dam levels fall" in page
    # Pressed again (a second tab): the existing translation opens.
    response = client.post(translate_url(original), {"edition": "ckb"})
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    assert original.translations.count() == 1


@pytest.mark.parametrize("edition", ["", "xx", "<script>"])
def test_bad_input_gets_a_message_not_a_500(client, editor, original, sections, edition):
    client.force_login(editor)
    response = client.post(translate_url(original), {"edition": edition}, follow=True)
    assert response.status_code == 200
    assert "Choose an edition" in response.content.decode()
    assert client.get(reverse("admin:articles_article_translate", args=["nope"])).status_code == 404


def test_the_translation_shows_its_group(client, editor, original, editions, sections):
    draft = services.translate(original, into=editions["ar"], by=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "Translations" in page and "(original, published)" in page
    assert "this story" in page


def _age(story, **delta):
    when = timezone.now() - timedelta(**delta)
    Article.objects.filter(pk=story.pk).update(content_updated_at=when, updated_at=when)


def test_the_missing_or_stale_view(client, editor, original, editions, sections):
    Edition.objects.filter(pk__in=["kmr", "tr"]).update(enabled=False)
    current = services.translate(original, into=editions["ckb"], by=editor)
    stale = services.translate(original, into=editions["ar"], by=editor)
    _age(original, hours=5)
    _age(current, hours=1)
    _age(stale, hours=8)  # made before the original's text last changed
    done = make_article(headline="Fully translated", section=original.section)
    for code in ["ckb", "ar"]:
        services.translate(done, into=editions[code], by=editor)
    make_article(headline="Draft original", section=original.section, status="draft")
    client.force_login(editor)
    page = client.get(MISSING).content.decode()
    assert "Dam levels fall" in page
    assert "Fully translated" not in page and "Draft original" not in page
    row = page[page.index("Dam levels fall") :]
    row = row[: row.index("</tr>")]
    assert "translation-gaps__current" in row and "translation-gaps__stale" in row
    assert "Turkish" not in page  # switched off: no column
    assert reverse("admin:articles_article_change", args=[stale.pk]) in row
    # Missing: a button that makes it.
    Edition.objects.filter(pk="tr").update(enabled=True)
    make_section("Haber", edition_id="tr")
    page = client.get(MISSING).content.decode()
    assert "Fully translated" in page  # it lacks Turkish now
    assert 'aria-label="Translate “Dam levels fall” into Turkish"' in page


def test_publishing_does_not_make_a_translation_stale_but_a_text_change_does(
    editor, original, editions, sections
):
    draft = services.translate(original, into=editions["ckb"], by=editor)
    before = Article.objects.get(pk=original.pk).content_updated_at
    services.mark_breaking(original, by=editor, until=timezone.now() + timedelta(hours=1))
    services.unpublish(Article.objects.get(pk=original.pk), by=editor)
    assert Article.objects.get(pk=original.pk).content_updated_at == before
    story = Article.objects.get(pk=original.pk)
    story.body = "<p>Levels fell again, to a record low.</p>"
    story.save()
    assert story.content_updated_at > Article.objects.get(pk=draft.pk).content_updated_at


def test_a_journalist_may_translate_a_published_story_not_anothers_draft(
    client, journalist, original, sections
):
    other = make_article(section=original.section, status="draft", authors=[make_author()])
    client.force_login(journalist)
    assert client.get(translate_url(original)).status_code == 200
    assert client.get(translate_url(other)).status_code == 404
    response = client.post(translate_url(original), {"edition": "ar"})
    draft = original.translations.get()
    assert draft.created_by == journalist
    # Theirs to write: it opens, editable.
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'name="headline"' in page


def test_the_missing_or_stale_view_costs_the_same_for_more_stories(
    client, editor, section, editions, sections
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MISSING).status_code == 200
        return len(queries)

    client.force_login(editor)
    for n in range(3):
        story = make_article(headline=f"Story {n}", section=section)
        services.translate(story, into=editions["ar"], by=editor)
    cost()  # the session's first admin page also reads the admin language
    few = cost()
    for n in range(3, 9):
        story = make_article(headline=f"Story {n}", section=section)
        services.translate(story, into=editions["ckb"], by=editor)
    assert "Story 8" in client.get(MISSING).content.decode()
    assert cost() == few
