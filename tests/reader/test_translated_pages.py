"""The reader's pages in each edition's language: the edition's address
(its URL prefix, reader.editions.EditionMiddleware) decides the language,
so every page here is requested at its edition's address, and the stories,
sections and authors on it are that edition's. The site's own words come
from locale/, the stories' words stay as written, and English stays as it
was."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from reader.editions import in_edition
from tests.comments.helpers import form_data, make_comment
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    # Pages rendered, not served from the page cache: what is checked is
    # what each language's rendering (and the shared parts kept) produces.
    settings.PAGECACHE_ENABLED = False
    settings.COMMENTS_MIN_FILL_SECONDS = 3


def url_in(code, name, *args):
    """The address of page `name` in edition `code`."""
    with in_edition(code):
        return reverse(name, args=args)


def story_in(code, **extra):
    """A story of edition `code`, in a section of that edition, by two of
    its authors; its words are as written (Latin script, to tell them from
    the site's words)."""
    extra.setdefault("headline", "Erbil bus routes redrawn")
    return make_article(
        edition_id=code,
        section=make_section(edition_id=code),
        authors=[
            make_author("Rania Aziz", social_handle="", edition_id=code),
            make_author("Karwan Ali", social_handle="", edition_id=code),
        ],
        **extra,
    )


def get(client, url, code, **kwargs):
    """GET `url`, an address of edition `code`: the page says that language."""
    response = client.get(url, **kwargs)
    assert response["Content-Language"] == code, (url, response["Content-Language"])
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == code, url
    return soup, response


def text(soup):
    return " ".join(soup.get_text(" ").split())


def test_the_front_page_in_sorani(client):
    story_in("ckb")
    soup, response = get(client, url_in("ckb", "reader:front"), "ckb")
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


def test_english_after_sorani_is_english_again(client):
    """The masthead, footer and cards are kept per process: per language too."""
    story_in("ckb")
    story_in("en", headline="Duhok market reopens")
    get(client, url_in("ckb", "reader:front"), "ckb")
    soup, _ = get(client, url_in("en", "reader:front"), "en")
    words = text(soup)
    assert "Skip to content" in words
    assert soup.select_one(".the-latest__heading").get_text(strip=True) == "The Latest"
    assert soup.select_one("#masthead-search")["placeholder"] == "Search stories"
    assert "Published with Newsroom." in words
    assert "Duhok market reopens" in words
    assert "دوایین" not in words


def test_the_article_page_and_comment_form_in_sorani(client):
    story = story_in("ckb")
    assert story.get_absolute_url().startswith("/ckb/news/")
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
    assert form["action"] == url_in("ckb", "reader:comment", story.slug) + "#comment-form"
    labels = [" ".join(label.get_text(" ").split()) for label in form.select(".field label")]
    assert labels[:3] == ["ناو پێویستە", "ئیمەیڵ پێویستە", "لێدوان پێویستە"]
    assert form.select_one("button[type=submit]").get_text(strip=True) == "ناردنی لێدوان"
    assert soup.select_one("#post-comment-heading").get_text(strip=True) == "لێدوانێک بنووسن"
    assert "ڕێنماییەکانی کۆمەڵگە" in text(soup)
    assert soup.select_one(".share__heading").get_text(strip=True) == "ئەم هەواڵە هاوبەش بکەن"


def test_the_awaiting_moderation_notice_in_the_readers_language(client):
    story = story_in("ckb")
    url = url_in("ckb", "reader:comment", story.slug)
    response = client.post(url, form_data(story), follow=True)
    assert Comment.objects.filter(article=story).count() == 1
    assert response.redirect_chain[-1][0].startswith("/ckb/news/")
    notice = BeautifulSoup(response.content, "html.parser").select_one("#comment-posted")
    assert notice.get_text(" ", strip=True).startswith("سوپاس. لێدوانەکەتان گەیشت")


def test_form_errors_in_arabic_with_the_right_plural(client):
    story = story_in("ar")
    url = url_in("ar", "reader:comment", story.slug)
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


def test_the_comment_pages_count_in_kurmanji(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    story = story_in("kmr")
    for _ in range(3):
        make_comment(story, status=Comment.Status.APPROVED)
    article_page, _ = get(client, story.get_absolute_url(), "kmr")
    later = article_page.select_one(".comments .pagination a[rel=next]")
    assert later.get_text(" ", strip=True).startswith("Şîroveyên paşê (1 yên din)")
    assert later["href"].startswith(url_in("kmr", "reader:comments", story.slug))
    soup, response = get(client, later["href"], "kmr")
    assert response.status_code == 200
    assert soup.select_one(".list-header__intro").get_text(strip=True) == (
        "3 heta 3 ji 3 şîroveyan, ya herî kevn pêşî."
    )


def test_the_404_page_in_kurmanji_and_turkish(client):
    soup, response = get(client, "/kmr/no-such-page-here/", "kmr")
    assert response.status_code == 404
    assert soup.h1.get_text(strip=True) == "Em vê rûpelê nabînin"
    assert soup.title.get_text().startswith("Rûpel nehat dîtin – ")
    soup, response = get(client, "/tr/no-such-page-here/", "tr")
    assert response.status_code == 404
    assert soup.h1.get_text(strip=True) == "Bu sayfayı bulamıyoruz"
    links = soup.select(".error-page a")
    assert [a.get_text() for a in links] == ["Ana sayfaya gidin", "son haberleri"]
    assert links[0]["href"] == url_in("tr", "reader:front") == "/tr/"


def test_dates_in_the_readers_language(client):
    """Month names from the edition's catalogue, numbers in its digits:
    Arabic-Indic for Sorani (its edition's digits, "arab"), Latin for the
    Arabic edition as for the others (the editions' defaults)."""
    expected = {
        "en": "4 September 2026, 07:05",
        "ckb": "٤ ئەیلوول ٢٠٢٦، ٠٧:٠٥",
        "kmr": "4 Îlon 2026, 07:05",
        "ar": "4 أيلول 2026، 07:05",
        "tr": "4 Eylül 2026, 07:05",
    }
    for code, date in expected.items():
        story = story_in(code, publish_at=datetime(2026, 9, 4, 7, 5, tzinfo=UTC))
        soup, _ = get(client, story.get_absolute_url(), code)
        assert soup.select_one(".article__published").get_text() == date, code


def test_the_report_link_and_page_in_sorani(client):
    story = story_in("ckb")
    comment = make_comment(story, status=Comment.Status.APPROVED, name="Pat")
    soup, _ = get(client, story.get_absolute_url(), "ckb")
    link = soup.select_one(f"#comment-{comment.pk} .comment__report a")
    # The visible word starts the link's accessible name (WCAG 2.5.3).
    assert link.find(string=True, recursive=False) == "ڕاپۆرت"
    assert link.get_text() == "ڕاپۆرتی لێدوانەکەی Pat"
    report = url_in("ckb", "reader:report-comment", comment.pk)
    assert report.startswith("/ckb/")
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
    refused = client.post(report, {"note": "x"})
    assert refused.status_code == 400
    refused = BeautifulSoup(refused.content, "html.parser")
    assert refused.select_one("#report-reason-error").get_text(strip=True) == (
        "کێشەی لێدوانەکە هەڵبژێرن."
    )
    sent = client.post(report, {"reason": "spam"}, follow=True)
    soup = BeautifulSoup(sent.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "سوپاس بۆ ڕاپۆرتەکەتان"
    assert "Report" not in text(soup) and "Thank you" not in text(soup)


def test_the_notify_box_and_the_no_script_step_in_arabic(client, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    story = story_in("ar")
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
    url = url_in("ar", "reader:comment", story.slug)
    response = client.post(url, form_data(story, ts=""))
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select_one("#comment-form-errors")
    assert errors.get_text(strip=True).startswith("خطوة أخرى لمنع الرسائل المزعجة الآلية")


def test_the_guidelines_reporting_section_in_kurmanji(client):
    soup, response = get(client, url_in("kmr", "reader:guidelines"), "kmr")
    assert response.status_code == 200
    heading = soup.select_one("#reporting")
    assert heading.get_text(strip=True) == "Ragihandina şîroveyekê"
    assert "girêdana “Ragihîne”" in heading.find_next("p").get_text()
    assert "Agahdarî derbarê şîroveya we bi xwe" in text(soup)


def test_the_latest_beside_a_story_in_each_readers_language(client, settings):
    """The sidebar's HTML is kept with the site's shared parts: per edition,
    or the first reader's language would be every reader's."""
    # Kept at once, as on a site whose stories are older than the clock skew.
    settings.PAGECACHE_CLOCK_SKEW = 0
    headings = {"ckb": "دوایین هەواڵەکان", "en": "The Latest"}
    pages = {code: [story_in(code)] for code in headings}
    for code in headings:
        pages[code] += [story_in(code, headline=f"Other story {n}") for n in range(2)]
    for n in (0, 1):  # among the newest ten, and not
        for code in ("ckb", "en"):
            soup, _ = get(client, pages[code][n].get_absolute_url(), code)
            heading = soup.select_one(".article-layout__aside .the-latest__heading")
            assert heading.get_text(strip=True) == headings[code], (code, n)


def test_search_is_busy_in_sorani_then_in_english(client, settings):
    """The busy page is rendered once and kept a few seconds: per language."""
    from search.slots import search_slot

    settings.SEARCH_CONCURRENCY = 1
    with search_slot() as held:  # another worker is searching
        assert held
        url = url_in("ckb", "search:search")
        assert url == "/ckb/search/"
        soup, response = get(client, url, "ckb", data={"q": "هەولێر"})
        assert response.status_code == 503
        assert soup.select_one("#search-results-heading").get_text(strip=True) == (
            "گەڕان لە ئێستادا قەرەباڵغە"
        )
        retry = soup.select_one(".search-help a")
        assert retry.get_text() == "دیسان بگەڕێنەوە"
        assert retry["href"] == response.wsgi_request.get_full_path()
        assert retry["href"].startswith("/ckb/search/")
        soup, response = get(client, url_in("en", "search:search"), "en", data={"q": "Erbil"})
        assert response.status_code == 503
        assert soup.select_one("#search-results-heading").get_text(strip=True) == (
            "Search is busy right now"
        )
