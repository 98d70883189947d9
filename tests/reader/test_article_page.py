"""The reader's article page: its elements, in the seed page's order."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from editorial import services
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("Kurdistan", slug="kurdistan")
    holly = make_author("Hana Rostami", slug="hana-rostami", social_handle="@hrostami")
    karim = make_author("Karim Aziz", slug="karim-aziz", social_handle="@kaziz")
    article = make_article(
        headline="Dam repairs finish ahead of the spring floods",
        standfirst="Engineers say the reservoir can hold this year's melt.",
        dateline="ERBIL, Kurdistan Region",
        body="<p>The first paragraph.</p><p>The second paragraph.</p>",
        section=section,
        authors=[holly, karim],
        tags=["Dams", "Water"],
        lead_image=make_image(caption="The dam at dawn.", credit="Photo: Newsroom"),
    )
    return article


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_elements_appear_in_the_seed_pages_order(client, story):
    page = soup_of(client, story.get_absolute_url())
    html = str(page)
    landmarks = [
        page.select_one(".article__section").decode(),
        page.select_one("h1").decode(),
        page.select_one("time.article__published").decode(),
        page.select_one(".article__byline").decode(),
        page.select_one("button[data-text-size-step='1']").decode(),
        page.select_one(".article__figure").decode(),
        page.select_one(".article__body").decode(),
        page.select_one(".share").decode(),
        page.select_one(".article__tags").decode(),
        page.select_one(".comments").decode(),
        page.select_one(".the-latest").decode(),
    ]
    positions = [html.index(fragment) for fragment in landmarks]
    assert positions == sorted(positions)


def test_article_page_shows_what_readers_expect(client, story):
    page = soup_of(client, story.get_absolute_url())
    assert page.select_one(".article__section a").text == "Kurdistan"
    assert page.h1.text == story.headline
    published = page.select_one("time.article__published")
    assert published["datetime"] == story.publish_at.isoformat(timespec="seconds")
    byline = page.select_one(".article__byline")
    links = [(a.text, a["href"]) for a in byline.select("a")]
    assert links == [
        ("Hana Rostami", "/author/hana-rostami/"),
        ("@hrostami", "https://x.com/hrostami"),
        ("Karim Aziz", "/author/karim-aziz/"),
        ("@kaziz", "https://x.com/kaziz"),
    ]
    assert page.select_one(".article__dateline").text == "ERBIL, Kurdistan Region"
    figure = page.select_one(".article__figure")
    assert figure.img["alt"] == story.lead_image.alt_text
    assert "The dam at dawn." in figure.figcaption.text
    assert "Photo: Newsroom" in figure.figcaption.text
    assert [a.text for a in page.select(".article__tags a")] == ["Dams", "Water"]
    assert page.title.text.startswith(story.headline)


def test_the_dateline_leads_into_the_first_paragraph(client, story):
    page = soup_of(client, story.get_absolute_url())
    first = page.select_one(".article__body p")
    assert first.get_text() == "ERBIL, Kurdistan Region\u00a0– The first paragraph."
    assert first.contents[0] == page.select_one(".article__dateline")
    assert len(page.select(".article__dateline")) == 1


def test_a_dateline_is_text_and_a_story_opening_otherwise_keeps_it(client, story):
    story.dateline = "<em>ERBIL</em> & co"
    story.body = "<h2>First, a heading</h2><p>Then the text.</p>"
    story.save()
    page = soup_of(client, story.get_absolute_url())
    dateline = page.select_one(".article__dateline")
    assert dateline.get_text() == "<em>ERBIL</em> & co"
    assert dateline.find("em") is None
    # Its own paragraph, before the heading the story opens with.
    assert dateline.parent.name == "p"
    assert dateline.parent.find_next_sibling().name == "h2"


def test_text_size_buttons_are_named_with_their_visible_label(client, story):
    page = soup_of(client, story.get_absolute_url())
    buttons = page.select(".text-size button")
    assert [b.text for b in buttons] == ["A-", "A+"]
    for button in buttons:
        assert button["type"] == "button"
        assert button["aria-label"].startswith(button.text)


def test_updated_stamp_only_after_an_edit_past_publication(client, story):
    page = soup_of(client, story.get_absolute_url())
    assert page.select_one(".article__updated") is None

    later = story.publish_at + timedelta(hours=3)
    Article.objects.filter(pk=story.pk).update(updated_at=later)
    page = soup_of(client, story.get_absolute_url())
    updated = page.select_one(".article__updated time")
    assert updated["datetime"] == later.isoformat(timespec="seconds")


def test_updated_stamp_links_to_the_correction_under_the_story(client, story, editor):
    # Appended at once: within the minutes a typo fix is allowed, yet a
    # correction is always announced.
    services.append_correction(story, by=editor, kind="correction", text="Wrong date.")
    story.refresh_from_db()
    page = soup_of(client, story.get_absolute_url())
    updated = page.select_one(".article__updated")
    assert updated.a.text == "Updated" and updated.a["href"] == "#corrections-heading"
    assert updated.time["datetime"] == story.updated_at.isoformat(timespec="seconds")
    assert page.select_one("#corrections-heading").text == "Corrections and updates"


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(hours=2)},
        {"status": Article.Status.UNPUBLISHED},
    ],
)
def test_no_updated_stamp_or_page_for_a_story_readers_may_not_see(client, story, editor, hidden):
    services.append_correction(story, by=editor, kind="update", text="More news.")
    Article.objects.filter(pk=story.pk).update(**hidden)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 404
    assert b"article__updated" not in response.content


def test_the_latest_lists_ten_newest_others_newest_first(client, story):
    others = [make_article(ago=timedelta(minutes=10 * i)) for i in range(1, 13)]
    Article.objects.filter(pk=story.pk).update(publish_at=timezone.now() - timedelta(minutes=15))
    page = soup_of(client, story.get_absolute_url())
    items = page.select(".the-latest__item")
    headlines = [item.select_one(".the-latest__headline").text for item in items]
    assert headlines == [a.headline for a in others[:10]]
    assert story.headline not in headlines
    first = items[0]
    assert first.select_one(".the-latest__summary").text.strip() == others[0].standfirst
    assert first.select_one("time")["datetime"] == others[0].publish_at.isoformat(
        timespec="seconds"
    )


def test_the_latest_shows_thumbnails(client, story):
    with_image = make_article(lead_image=make_image(alt_text="A market stall"))
    page = soup_of(client, story.get_absolute_url())
    item = page.select_one(".the-latest__item")
    assert with_image.headline in item.text
    assert item.select_one("img") is not None


def test_body_is_sanitised_on_save(story):
    story.body = (
        '<p onclick="steal()">Hi <a href="javascript:alert(1)">x</a></p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    story.save()
    story.refresh_from_db()
    assert "<script" not in story.body
    assert "onclick" not in story.body
    assert "onerror" not in story.body
    assert "javascript:" not in story.body
    assert "Hi" in story.body


@pytest.mark.parametrize(
    "url",
    ["/news/no-such-story/", "/section/nope/", "/tag/nope/", "/author/nope/", "/latest/?page=999"],
)
def test_missing_things_get_the_sites_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content
    assert b'class="masthead"' in response.content


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1" * 40])
def test_bad_page_numbers_are_404_not_500(client, story, page):
    assert client.get(f"/latest/?page={page}").status_code == 404


def test_lists_are_paginated_newest_first(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    section = make_section("Business", slug="business")
    stories = [make_article(section=section, ago=timedelta(hours=i)) for i in range(1, 8)]
    first = soup_of(client, "/section/business/")
    assert [h.text for h in first.select(".card__headline")] == [s.headline for s in stories[:5]]
    # "Older stories" carries the position of the last story shown (keyset
    # pagination: no OFFSET however deep); old ?page=2 links still work.
    older = first.select_one("a[rel=next]")["href"]
    assert older.startswith("/section/business/?before=")
    second = soup_of(client, older)
    assert [h.text for h in second.select(".card__headline")] == [s.headline for s in stories[5:]]
    second = soup_of(client, "/section/business/?page=2")
    assert [h.text for h in second.select(".card__headline")] == [s.headline for s in stories[5:]]


def test_front_page_has_top_story_latest_and_sections(client):
    world = make_section("World", slug="world")
    business = make_section("Business", slug="business")
    top = make_article(headline="The top story", section=world, ago=timedelta(minutes=1))
    for i in range(20):
        make_article(section=business if i % 2 else world, ago=timedelta(hours=i + 1))
    page = soup_of(client, "/")
    assert page.select_one(".top-story__headline").text == top.headline
    assert len(page.select(".the-latest--front .the-latest__item")) == 12
    section_names = [h.text for h in page.select(".front__section h2")]
    assert section_names == ["World", "Business"]
    assert all(page.select(".front__section .card"))


def test_share_links_carry_the_address_and_headline_and_nothing_else(client, story):
    page = soup_of(client, story.get_absolute_url())
    share = page.select_one("section.share")
    assert share.h2.text == "Share this story"
    links = {a.text: a["href"] for a in share.select("a")}
    assert list(links) == ["E-mail", "X", "Facebook", "WhatsApp", "Telegram"]
    address = "https%3A%2F%2Fnews.example.org%2Fnews%2F" + story.slug + "%2F"  # SITE_URL
    headline = "Dam%20repairs%20finish%20ahead%20of%20the%20spring%20floods"
    assert links["E-mail"] == f"mailto:?subject={headline}&body={headline}%0A{address}"
    assert links["X"] == f"https://x.com/intent/post?text={headline}&url={address}"
    assert links["Facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={address}"
    assert links["WhatsApp"] == f"https://wa.me/?text={headline}%20{address}"
    assert links["Telegram"] == f"https://t.me/share/url?url={address}&text={headline}"
    # The browser's own share sheet, offered by our script where there is one.
    button = share.select_one("button[data-share]")
    assert button.has_attr("hidden") and button.text == "Share"
    # No script from anyone else.
    assert all(script.get("src", "/").startswith("/") for script in page.select("script"))
