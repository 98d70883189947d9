"""The reader's pages in the language a request has activated (the editions'
URL prefixes activate it; here translation.override stands in for them): the
site's own words come from locale/, the stories' words stay as written, and
English stays as it was."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from tests.comments.helpers import form_data, make_comment
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    # One address in several languages: the page cache would keep the first.
    settings.PAGECACHE_ENABLED = False
    settings.COMMENTS_MIN_FILL_SECONDS = 3


@pytest.fixture
def story():
    return make_article(
        headline="Erbil bus routes redrawn",
        authors=[
            make_author("Rania Aziz", social_handle=""),
            make_author("Karwan Ali", social_handle=""),
        ],
    )


def get(client, url, code, **kwargs):
    with translation.override(code):
        response = client.get(url, **kwargs)
    return BeautifulSoup(response.content, "html.parser"), response


def text(soup):
    return " ".join(soup.get_text(" ").split())


def test_the_front_page_in_sorani(client, story):
    soup, response = get(client, reverse("reader:front"), "ckb")
    assert response.status_code == 200
    words = text(soup)
    assert "بازدان بۆ ناوەڕۆک" in words  # Skip to content
    assert "دۆخی تاریک" in words  # Dark mode
    assert soup.select_one(".the-latest__heading").get_text(strip=True) == "دوایین هەواڵەکان"
    assert soup.select_one("#masthead-search")["placeholder"] == "گەڕان لە هەواڵەکاندا"
    assert soup.select_one(".masthead__sections")["aria-label"] == "هەموو بەشەکان"
    for english in ("Skip to content", "Dark mode", "The Latest", "Search stories", "Menu"):
        assert english not in words
    assert "Erbil bus routes redrawn" in words  # the story as written


def test_english_after_sorani_is_english_again(client, story):
    """The masthead, footer and cards are kept per process: per language too."""
    get(client, reverse("reader:front"), "ckb")
    soup, _ = get(client, reverse("reader:front"), "en")
    words = text(soup)
    assert "Skip to content" in words
    assert soup.select_one(".the-latest__heading").get_text(strip=True) == "The Latest"
    assert soup.select_one("#masthead-search")["placeholder"] == "Search stories"
    assert "Published with Newsroom." in words
    assert "دوایین" not in words


def test_the_article_page_and_comment_form_in_sorani(client, story):
    soup, response = get(client, story.get_absolute_url(), "ckb")
    assert response.status_code == 200
    byline = " ".join(soup.select_one(".article__byline").get_text(" ").split())
    assert byline == "نووسینی Rania Aziz و Karwan Ali"
    sizes = soup.select(".text-size__button")
    assert [button["aria-label"] for button in sizes] == [
        "A- نووسینی بچووکتر",
        "A+ نووسینی گەورەتر",
    ]
    status = soup.select_one("[data-text-size-status]")["data-text-size-labels"].split("|")
    assert status[0] == "قەبارەی نووسین: بچووکترین" and len(status) == 5
    form = soup.select_one(".comments__form form")
    labels = [" ".join(label.get_text(" ").split()) for label in form.select(".field label")]
    assert labels[:3] == ["ناو پێویستە", "ئیمەیڵ پێویستە", "لێدوان پێویستە"]
    assert form.select_one("button[type=submit]").get_text(strip=True) == "ناردنی لێدوان"
    assert soup.select_one("#post-comment-heading").get_text(strip=True) == "لێدوانێک بنووسن"
    assert "ڕێنماییەکانی کۆمەڵگە" in text(soup)
    assert soup.select_one(".share__heading").get_text(strip=True) == "ئەم هەواڵە هاوبەش بکەن"


def test_the_awaiting_moderation_notice_in_the_readers_language(client, story):
    url = reverse("reader:comment", args=[story.slug])
    with translation.override("ckb"):
        response = client.post(url, form_data(story), follow=True)
    assert Comment.objects.filter(article=story).count() == 1
    notice = BeautifulSoup(response.content, "html.parser").select_one("#comment-posted")
    assert notice.get_text(" ", strip=True).startswith("سوپاس. لێدوانەکەتان گەیشت")


def test_form_errors_in_arabic_with_the_right_plural(client, story):
    url = reverse("reader:comment", args=[story.slug])
    with translation.override("ar"):
        one = client.post(url, form_data(story, name=""))
        two = client.post(url, form_data(story, name="", email=""))
    assert one.status_code == two.status_code == 400
    one, two = (BeautifulSoup(r.content, "html.parser") for r in (one, two))
    assert one.select_one("#comment-form-errors").get_text(strip=True) == (
        "يرجى تصحيح الحقل المعلَّم أدناه."
    )
    assert two.select_one("#comment-form-errors").get_text(strip=True) == (
        "يرجى تصحيح الحقلين المعلَّمين أدناه."
    )
    assert "أدخل اسمك." in text(one)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "من 1 إلى 2 من أصل 0 تعليق، الأقدم أولًا."),
        (1, "من 1 إلى 2 من أصل تعليق واحد، الأقدم أولًا."),
        (2, "من 1 إلى 2 من أصل تعليقين، الأقدم أولًا."),
        (3, "من 1 إلى 2 من أصل 3 تعليقات، الأقدم أولًا."),
        (11, "من 1 إلى 2 من أصل 11 تعليقًا، الأقدم أولًا."),
        (100, "من 1 إلى 2 من أصل 100 تعليق، الأقدم أولًا."),
    ],
)
def test_arabic_counts_take_all_six_plural_forms(count, expected):
    template = engines["jinja2"].from_string(
        '{{ ngettext("%(first)s to %(last)s of %(num)s comment, oldest first.", '
        '"%(first)s to %(last)s of %(num)s comments, oldest first.", n, first=1, last=2) }}'
    )
    with translation.override("ar"):
        assert template.render({"n": count}) == expected
    with translation.override("en"):
        assert template.render({"n": count}).endswith(
            "comment, oldest first." if count == 1 else "comments, oldest first."
        )


def test_the_comment_pages_count_in_kurmanji(client, settings, story):
    settings.COMMENTS_PER_PAGE = 2
    for _ in range(3):
        make_comment(story, status=Comment.Status.APPROVED)
    article_page, _ = get(client, story.get_absolute_url(), "kmr")
    later = article_page.select_one(".comments .pagination a[rel=next]")
    assert later.get_text(" ", strip=True).startswith("Şîroveyên paşê (1 yên din)")
    soup, response = get(client, later["href"], "kmr")
    assert response.status_code == 200
    assert soup.select_one(".list-header__intro").get_text(strip=True) == (
        "3 heta 3 ji 3 şîroveyan, ya herî kevn pêşî."
    )


def test_the_404_page_in_kurmanji_and_turkish(client):
    soup, response = get(client, "/no-such-page-here/", "kmr")
    assert response.status_code == 404
    assert soup.h1.get_text(strip=True) == "Em vê rûpelê nabînin"
    assert soup.title.get_text().startswith("Rûpel nehat dîtin – ")
    soup, _ = get(client, "/no-such-page-here/", "tr")
    assert soup.h1.get_text(strip=True) == "Bu sayfayı bulamıyoruz"
    links = soup.select(".error-page a")
    assert [a.get_text() for a in links] == ["Ana sayfaya gidin", "son haberleri"]
    assert links[0]["href"] == reverse("reader:front")


def test_dates_in_the_readers_language(client):
    story = make_article(publish_at=datetime(2026, 9, 4, 7, 5, tzinfo=UTC))
    expected = {
        "en": "4 September 2026, 07:05",
        "ckb": "4 ئەیلوول 2026، 07:05",
        "kmr": "4 Îlon 2026, 07:05",
        "ar": "4 أيلول 2026، 07:05",
        "tr": "4 Eylül 2026, 07:05",
    }
    for code, date in expected.items():
        soup, _ = get(client, story.get_absolute_url(), code)
        assert soup.select_one(".article__published").get_text() == date, code


def test_the_report_link_and_page_in_sorani(client, story):
    comment = make_comment(story, status=Comment.Status.APPROVED, name="Pat")
    soup, _ = get(client, story.get_absolute_url(), "ckb")
    link = soup.select_one(f"#comment-{comment.pk} .comment__report a")
    # The visible word starts the link's accessible name (WCAG 2.5.3).
    assert link.find(string=True, recursive=False) == "ڕاپۆرت"
    assert link.get_text() == "ڕاپۆرتی لێدوانەکەی Pat"
    report = reverse("reader:report-comment", args=[comment.pk])
    assert link["href"] == report
    soup, response = get(client, report, "ckb")
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "ڕاپۆرتکردنی لێدوانێک"
    assert soup.title.get_text().startswith("ڕاپۆرتکردنی لێدوانێک – ")
    reasons = [label.get_text(strip=True) for label in soup.select(".report-page__choice label")]
    assert reasons == [
        "سووکایەتی، ڕق یان هێرشی کەسی",
        "هەڕەشە",
        "سپام یان ڕیکلام",
        "دەرەوەی بابەت",
        "شتێکی تر کە دژی ڕێنماییەکانە",
    ]
    assert " ".join(soup.legend.get_text(" ").split()) == "ئەم لێدوانە چ کێشەیەکی هەیە؟ پێویستە"
    assert soup.select_one(".report-page button").get_text(strip=True) == "ناردنی ڕاپۆرت"
    assert soup.figcaption.get_text() == f"Pat، لەسەر {story.headline}"
    with translation.override("ckb"):
        refused = client.post(report, {"note": "x"})
    assert refused.status_code == 400
    refused = BeautifulSoup(refused.content, "html.parser")
    assert refused.select_one("#report-reason-error").get_text(strip=True) == (
        "کێشەی لێدوانەکە هەڵبژێرن."
    )
    with translation.override("ckb"):
        sent = client.post(report, {"reason": "spam"}, follow=True)
    soup = BeautifulSoup(sent.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "سوپاس بۆ ڕاپۆرتەکەتان"
    assert "Report" not in text(soup) and "Thank you" not in text(soup)


def test_the_notify_box_and_the_no_script_step_in_arabic(client, settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    soup, _ = get(client, story.get_absolute_url(), "ar")
    box = soup.select_one("#comment-notify")
    label = soup.select_one(f"label[for={box['id']}]")
    assert (
        label.get_text(strip=True)
        == "أرسلوا إليّ رسالة بالبريد الإلكتروني عندما يبتّ أحد المشرفين في تعليقي"
    )
    assert (
        soup.select_one("#comment-notify_helptext")
        .get_text(strip=True)
        .startswith("رسالة واحدة إلى العنوان أعلاه")
    )
    # Posted without the token the form's script fetches: one more press, in Arabic.
    url = reverse("reader:comment", args=[story.slug])
    with translation.override("ar"):
        response = client.post(url, form_data(story, ts=""))
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select_one("#comment-form-errors")
    assert errors.get_text(strip=True).startswith("خطوة أخرى لمنع الرسائل المزعجة الآلية")


def test_the_guidelines_reporting_section_in_kurmanji(client):
    soup, response = get(client, reverse("reader:guidelines"), "kmr")
    assert response.status_code == 200
    heading = soup.select_one("#reporting")
    assert heading.get_text(strip=True) == "Ragihandina şîroveyekê"
    assert "girêdana “Ragihîne”" in heading.find_next("p").get_text()
    assert "Agahdarî derbarê şîroveya we bi xwe" in text(soup)


def test_the_latest_beside_a_story_in_each_readers_language(client, settings, story):
    """The sidebar's HTML is kept with the site's shared parts: per language,
    or the first reader's language would be every reader's."""
    # Kept at once, as on a site whose stories are older than the clock skew.
    settings.PAGECACHE_CLOCK_SKEW = 0
    others = [make_article(headline=f"Other story {n}") for n in range(2)]
    for page in (story, others[0]):  # among the newest ten, and not
        soup, _ = get(client, page.get_absolute_url(), "ckb")
        heading = soup.select_one(".article-layout__aside .the-latest__heading")
        assert heading.get_text(strip=True) == "دوایین هەواڵەکان"
        soup, _ = get(client, page.get_absolute_url(), "en")
        heading = soup.select_one(".article-layout__aside .the-latest__heading")
        assert heading.get_text(strip=True) == "The Latest"


def test_search_is_busy_in_sorani_then_in_english(client, settings):
    """The busy page is rendered once and kept a few seconds: per language."""
    from search.slots import search_slot

    settings.SEARCH_CONCURRENCY = 1
    with search_slot() as held:  # another worker is searching
        assert held
        soup, response = get(client, reverse("search:search"), "ckb", data={"q": "هەولێر"})
        assert response.status_code == 503
        assert soup.select_one("#search-results-heading").get_text(strip=True) == (
            "گەڕان لە ئێستادا قەرەباڵغە"
        )
        retry = soup.select_one(".search-help a")
        assert retry.get_text() == "دیسان بگەڕێنەوە"
        assert retry["href"] == response.wsgi_request.get_full_path()
        soup, response = get(client, reverse("search:search"), "en", data={"q": "Erbil"})
        assert response.status_code == 503
        assert soup.select_one("#search-results-heading").get_text(strip=True) == (
            "Search is busy right now"
        )
