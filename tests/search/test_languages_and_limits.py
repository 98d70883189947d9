"""Search in each edition's language, letter and digit forms, ranking and
counts pinned, the time limit, the page cache, and suggestions."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection

from search import backends
from search.backends import backend, parse_query, snippet
from search.normalise import normalise, realign
from tests.factories import make_article, make_author, make_section
from tests.pagecache.conftest import _no_clock_skew, fetch  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/search/"


def result_headlines(response):
    return [
        re.sub(r"<[^>]+>", "", h)
        for h in re.findall(
            r'<h3 class="card__headline"><a href="[^"]+">(.*?)</a></h3>',
            response.content.decode(),
        )
    ]


def found(text, edition):
    """Article ids a search finds in an edition, best first."""
    hits = backend().search(parse_query(text), edition=edition, offset=0, limit=20)
    return [hit.article_id for hit in hits]


# -- one spelling of Arabic-script text --------------------------------------


def test_normalise_makes_letter_and_digit_forms_equal():
    assert normalise("كتاب") == normalise("کتاب")  # Arabic and Persian/Kurdish kaf
    assert normalise("علي") == normalise("علی") == normalise("على")  # yeh, alef maksura
    assert normalise("مَدْرَسَةٌ") == normalise("مدرسة")  # tashkeel
    assert normalise("مـــدرسة") == normalise("مدرسة")  # tatweel
    assert normalise("أحمد") == normalise("إحمد") == normalise("احمد")  # hamza on alef
    assert normalise("٢٠٢٦") == normalise("۲۰۲۶") == "2026"  # Arabic-Indic, Eastern
    # Sorani's own letters are letters, not variants.
    assert normalise("ەۆێڕڵڤگچپژ") == "ەۆێڕڵڤگچپژ"
    assert normalise("Çiya û gol") == "Çiya û gol"


def test_realign_puts_marks_on_the_text_as_written():
    original = "قَرَأَ الكِتابَ"
    marked = "قرا \x02الكتاب\x03"
    assert normalise(original).replace(" ", "") == marked.strip("\x02\x03").replace(
        "\x02", ""
    ).replace("\x03", "").replace(" ", "")
    # The closing mark follows the word's last vowel, not its last letter.
    assert realign(original, marked, "\x02\x03") == "قَرَأَ \x02الكِتابَ\x03"
    assert realign("other text", marked, "\x02\x03") is None


def test_snippet_shows_passages_around_the_marks():
    words = [f"w{n}" for n in range(100)]
    words[50] = "\x02hit\x03"
    text = snippet(" ".join(words))
    assert text.startswith("… w44 w45")
    assert "\x02hit\x03" in text and text.endswith(" …")
    assert snippet("short \x02one\x03") == "short \x02one\x03"
    assert snippet("no marks at all") == "no marks at all"


@pytest.mark.parametrize(
    "edition,written,typed",
    [
        # Sorani: Kurdish keyboards give ی and ک; Arabic ones ي and ك.
        ("ckb", "کتێبخانەی شاری سلێمانی", "كتێبخانەي"),
        ("ckb", "کتێبخانەی شاری سلێمانی", "سلێماني"),
        ("ckb", "بودجەی ساڵی ٢٠٢٦", "2026"),
        ("ckb", "بودجەی ساڵی ۲۰۲۶", "٢٠٢٦"),
        # Arabic: with or without short vowels, hamza, tatweel; either digits.
        ("ar", "افتتاح المَكتبة العامة في الموصل", "المكتبة"),
        ("ar", "افتتاح المكتبة العامة في الموصل", "المَكْتَبَة"),
        ("ar", "أسعار الطماطم في أربيل", "اربيل"),
        ("ar", "مـيزانية عام ٢٠٢٦", "ميزانية 2026"),
        ("ar", "مستشفى الأطفال يفتتح جناحاً", "مستشفي"),
    ],
)
def test_a_search_typed_with_other_letter_or_digit_forms_finds_the_story(
    client, edition, written, typed
):
    story = make_article(
        headline=written, edition_id=edition, section=make_section(edition_id=edition)
    )
    make_article(headline="Unrelated", edition_id=edition, section=make_section(edition_id=edition))
    assert found(typed, edition) == [story.pk]
    assert backend().count(parse_query(typed), edition=edition) == 1


def test_highlights_show_the_story_spelling_not_the_normalised_one():
    story = make_article(
        headline="افتتاح المَكتبة العامة",
        body="<p>قالت البلدية إن المَكتبة ستفتح أبوابها للقراء في أيلول.</p>",
        edition_id="ar",
        section=make_section(edition_id="ar"),
    )
    [hit] = backend().search(parse_query("المكتبة"), edition="ar", offset=0, limit=20)
    assert hit.article_id == story.pk
    assert "<mark>المَكتبة</mark>" in hit.headline_html
    assert "إن <mark>المَكتبة</mark> ستفتح" in hit.snippet_html


def test_each_edition_searches_its_own_stories_only(client):
    english = make_article(headline="Erbil bus routes 2026")
    sorani = make_article(
        headline="هێڵی پاسی هەولێر Erbil 2026",
        edition_id="ckb",
        section=make_section(edition_id="ckb"),
    )
    assert found("erbil", "en") == [english.pk]
    assert found("erbil", "ckb") == [sorani.pk]
    assert found("هەولێر", "en") == []
    # The page: English unless the request names another edition.
    assert result_headlines(client.get(URL, {"q": "2026"})) == [english.headline]


def test_the_view_searches_the_request_edition(rf):
    from search.views import search as search_view

    make_article(headline="Erbil bus routes")
    sorani = make_article(
        headline="پاسی Erbil", edition_id="ckb", section=make_section(edition_id="ckb")
    )
    request = rf.get(URL, {"q": "erbil"})
    request.edition = "ckb"
    assert result_headlines(search_view(request)) == [sorani.headline]


@pytest.mark.parametrize("typed", ["İstanbul", "İSTANBUL", "istanbul"])
def test_a_turkish_capital_dotted_i_is_typed_as_written(typed):
    """Turkish keyboards capitalise "i" as "İ": the reader's "İstanbul" is the
    word, not "i" and "stanbul"."""
    story = make_article(
        headline="İstanbul'da yeni metro hattı açıldı",
        edition_id="tr",
        section=make_section(edition_id="tr"),
    )
    assert found(typed, "tr") == [story.pk]
    assert parse_query(typed).terms == ["istanbul"]


def test_a_turkish_word_typed_with_a_dotless_i_finds_it_capitalised(client):
    """The reader's "ırak", "ışık" find "Irak", "Işık" where a capital I
    starts them (both engines index that I as "i"), and still find "ışık"."""
    turkish = {"edition_id": "tr", "section": make_section(edition_id="tr")}
    iraq = make_article(headline="Irak sınırında yeni kapı açıldı", **turkish)
    show = make_article(headline="Festivalde ışık gösterisi", ago=timedelta(hours=2), **turkish)
    light = make_article(
        headline="Sanat haftası",
        standfirst="Işık sanatçıları meydanda.",
        ago=timedelta(hours=3),
        **turkish,
    )
    assert found("ırak", "tr") == [iraq.pk]
    assert found("ırak sınırında", "tr") == [iraq.pk]
    assert found("ışık", "tr") == [show.pk, light.pk]
    response = client.get("/tr/search/suggest/", {"q": "ıra"})
    assert [s["label"] for s in json.loads(response.content)["stories"]] == [iraq.headline]


@pytest.mark.parametrize(
    "edition,headline,typed,marked",
    [
        ("en", "Öcalan lawyers visit İmralı", "ocalan", "<mark>Öcalan</mark> lawyers"),
        ("en", "Erdoğan meets Kürt mayors", "erdogan kurt", "<mark>Erdoğan</mark> meets"),
        ("kmr", "Cejna Êzîdiyan li Şengalê", "ezidiyan", "Cejna <mark>Êzîdiyan</mark> li"),
        ("kmr", "Cejna Êzîdiyan li Şengalê", "êzîdiyan", "Cejna <mark>Êzîdiyan</mark> li"),
    ],
)
def test_a_name_typed_without_its_accents_is_found_and_marked(edition, headline, typed, marked):
    story = make_article(
        headline=headline,
        body="<p>" + "Filler words here. " * 60 + headline + " again.</p>",
        edition_id=edition,
        section=make_section(edition_id=edition),
    )
    [hit] = backend().search(parse_query(typed), edition=edition, offset=0, limit=20)
    assert hit.article_id == story.pk
    assert marked in hit.headline_html
    assert marked in hit.snippet_html  # the passage far into the body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's Turkish stemmer")
def test_turkish_keeps_its_letters_for_its_stemmer():
    """Turkish text is indexed with its own letters (the stemmer reads them):
    "sınırında" still finds "sınır" and "sınırlar"."""
    turkish = {"edition_id": "tr", "section": make_section(edition_id="tr")}
    border = make_article(headline="Sınır kapısı açıldı", **turkish)
    borders = make_article(headline="Sınırlar yeniden çizildi", ago=timedelta(hours=1), **turkish)
    assert sorted(found("sınırında", "tr")) == [border.pk, borders.pk]


def test_stemming_follows_the_edition_language():
    turkish = make_article(
        headline="Ankara'da yeni otobüs hatları açıldı",
        edition_id="tr",
        section=make_section(edition_id="tr"),
    )
    english = make_article(headline="New bus lines opened")
    assert found("otobüs", "tr") == [turkish.pk]
    assert found("opens", "en") == [english.pk]  # english stems open/opened/opens


# -- ranking, highlighting, counts: the same answers as before --------------


def test_ranking_headline_then_summary_then_body_then_newest():
    body_newest = make_article(
        headline="Markets steady", body="<p>The reservoir is low.</p>", ago=timedelta(hours=1)
    )
    body_older = make_article(
        headline="Weather today", body="<p>The reservoir is low.</p>", ago=timedelta(days=2)
    )
    in_standfirst = make_article(
        headline="Water news", standfirst="The reservoir is full.", ago=timedelta(days=5)
    )
    in_topic = make_article(headline="Dams", tags=["Reservoir"], ago=timedelta(days=6))
    headline_old = make_article(headline="Reservoir opens", ago=timedelta(days=30))
    headline_new = make_article(headline="Reservoir closes", ago=timedelta(days=9))
    order = found("reservoir", "en")
    assert order[:2] == [headline_new.pk, headline_old.pk]
    assert set(order[2:4]) == {in_standfirst.pk, in_topic.pk}
    assert order[4:] == [body_newest.pk, body_older.pk]


def test_an_old_headline_match_is_found_behind_many_newer_mentions(monkeypatch):
    monkeypatch.setattr(backends, "CANDIDATES", 3)
    old = make_article(headline="Citadel reopens", ago=timedelta(days=400))
    for n in range(5):
        make_article(headline=f"Story {n}", body="<p>Near the citadel.</p>")
    assert found("citadel", "en")[0] == old.pk


def test_counts_stop_at_the_limit_and_say_more_than(client, monkeypatch):
    monkeypatch.setattr(backends, "COUNT_LIMIT", 3)
    monkeypatch.setattr("search.views.COUNT_LIMIT", 3)
    for n in range(5):
        make_article(headline=f"Parade {n}")
    assert backend().count(parse_query("parade")) == 4  # the limit plus one
    response = client.get(URL, {"q": "parade"})
    assert "More than 3 stories found" in response.content.decode()


def test_highlights_every_matched_word_in_headline_and_snippet(client):
    make_article(
        headline="Flood defences for the river",
        standfirst="Engineers at work.",
        body="<p>" + "Filler words here. " * 40 + "The new flood wall on the river.</p>",
    )
    html = client.get(URL, {"q": "flood river"}).content.decode()
    assert "<mark>Flood</mark> defences for the <mark>river</mark>" in html
    assert "new <mark>flood</mark> wall on the <mark>river</mark>." in html
    assert "… " in html  # the passage, not the body's start


def test_snippet_of_a_passage_leaves_out_the_words_cut_at_its_edges():
    text = snippet(
        "ilding stands. Then the \x02flood\x03 came over the wa", cut_start=True, cut_end=True
    )
    assert text == "… stands. Then the \x02flood\x03 came over the …"
    assert (
        snippet(" Then the \x02flood\x03 came.", cut_start=True) == "… Then the \x02flood\x03 came."
    )


@pytest.mark.parametrize(
    "edition,filler,sentence,query,marked",
    [
        # Far into a long body, in a story's own spelling.
        ("en", "Filler words here. ", "The flood wall held.", "floods", "<mark>flood</mark> wall"),
        # A stem that is not spelt out in the text ("citi"): still marked.
        ("en", "Filler words here. ", "The city council met.", "city", "<mark>city</mark> council"),
        # The body's very last word.
        (
            "en",
            "Filler words here. ",
            "Last word: orchard",
            "orchard",
            "Last word: <mark>orchard</mark>",
        ),
        # Sorani, typed with the Arabic yeh and kaf.
        (
            "ckb",
            "ئەمە ڕستەیەکی پڕکەرەوەیە. ",
            "کتێبخانەی شار کرایەوە.",
            "كتێبخانەي",
            "<mark>کتێبخانەی</mark> شار",
        ),
        # Sorani: the word itself, not the longer words that start with it.
        (
            "ckb",
            "وانەکان تەواو بوون. ",
            "ئەمڕۆ وانە دەست پێدەکات.",
            "وانە",
            "<mark>وانە</mark> دەست",
        ),
        # Arabic with short vowels in the text.
        (
            "ar",
            "هذه جملة للحشو فقط. ",
            "افتتاح المَكتبة العامة.",
            "المكتبة",
            "<mark>المَكتبة</mark> العامة",
        ),
    ],
)
def test_the_snippet_marks_the_match_far_into_a_long_body(edition, filler, sentence, query, marked):
    story = make_article(
        headline="Untitled",
        standfirst="A standfirst without it.",
        body="<p>" + filler * 80 + sentence + "</p>",
        edition_id=edition,
        section=make_section(edition_id=edition),
    )
    [hit] = backend().search(parse_query(query), edition=edition, offset=0, limit=20)
    assert hit.article_id == story.pk
    assert marked in hit.snippet_html
    assert hit.snippet_html.startswith("… ")
    assert not hit.snippet_html.endswith("…")  # the body ends there


def test_the_snippet_marks_the_standfirst_when_the_body_has_only_longer_words():
    make_article(
        headline="Weekend in the park",
        standfirst="Volunteers cleaned the riverside park.",
        body="<p>An involuntary pause in the rain helped them.</p>",
    )
    [hit] = backend().search(parse_query("volunteers"), offset=0, limit=20)
    assert hit.snippet_html == "<mark>Volunteers</mark> cleaned the riverside park."


def test_snippet_falls_back_to_the_standfirst():
    make_article(headline="Orchard report", standfirst="Pomegranates ripen early.")
    [hit] = backend().search(parse_query("orchard"), offset=0, limit=20)
    assert hit.snippet_html == "Pomegranates ripen early."


# -- the time limit, the page cache ------------------------------------------


def test_a_search_that_runs_out_of_time_gets_a_clear_message(client, settings, monkeypatch):
    settings.SEARCH_TIMEOUT_MS = 100
    make_article(headline="Volcano erupts")

    def slow_page(self, query, **filters):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_sleep(5)")
            else:
                cursor.execute(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                    "WHERE x < 200000000) SELECT count(*) FROM c"
                )
        return 1, 1, []

    monkeypatch.setattr(type(backend()), "page", slow_page)
    response = client.get(URL, {"q": "volcano"})
    assert response.status_code == 503
    assert "This search took too long" in response.content.decode()
    assert response["Retry-After"] == "10"
    # The next search on the same connection runs normally.
    monkeypatch.undo()
    assert result_headlines(client.get(URL, {"q": "volcano"})) == ["Volcano erupts"]


def test_results_pages_are_cached_for_a_short_while(fetch, settings):  # noqa: F811
    make_article(headline="Lantern festival")
    first = fetch(URL + "?q=lantern")
    assert not first.hit
    again = fetch(URL + "?q=lantern")
    assert again.hit and "<mark>Lantern</mark> festival" in again.text
    # A new story refreshes the results at once (LATEST), not only when they expire.
    make_article(headline="Lantern parade")
    fresh = fetch(URL + "?q=lantern")
    assert not fresh.hit and "<mark>Lantern</mark> parade" in fresh.text
    # A parameter the page does not read keeps it out of the cache.
    assert not fetch(URL + "?q=lantern&x=1").hit
    assert not fetch(URL + "?q=lantern&x=1").hit


# -- suggestions -------------------------------------------------------------


def suggestions(client, text, **extra):
    response = client.get("/search/suggest/", {"q": text}, **extra)
    assert response.status_code == 200
    return json.loads(response.content)


def test_suggestions_complete_the_last_word_from_headlines_and_topics(client):
    newest = make_article(headline="Pomegranate harvest in Halabja", tags=["Pomegranates"])
    make_article(headline="Pomegranate prices fall", ago=timedelta(days=3))
    make_article(headline="Draft pomegranate", status="draft")
    data = suggestions(client, "pomeg")
    assert [s["label"] for s in data["stories"]] == [
        "Pomegranate harvest in Halabja",
        "Pomegranate prices fall",
    ]
    assert data["stories"][0]["url"] == newest.get_absolute_url()
    assert data["topics"] == [{"label": "Pomegranates", "url": "/tag/pomegranates/"}]
    assert [s["label"] for s in suggestions(client, "harvest hala")["stories"]] == [
        "Pomegranate harvest in Halabja"
    ]
    assert suggestions(client, "p") == {"query": "p", "stories": [], "topics": []}
    assert suggestions(client, '"*:(')["stories"] == []


def test_suggested_topics_are_those_of_the_editions_visible_stories(rf):
    from search.views import suggest

    make_article(headline="Bazaar reopens", tags=["Bazaars"])
    make_article(headline="Bank draft", tags=["Banking"], status="draft")
    make_article(headline="Future bank", tags=["Bank rates"], ago=timedelta(hours=-3))
    sorani = {"edition_id": "ckb", "section": make_section(edition_id="ckb")}
    make_article(headline="بازاڕ", tags=["Bazaars", "Barley"], **sorani)

    def topics(edition):
        request = rf.get("/search/suggest/", {"q": "ba"})
        request.edition = edition
        return [t["label"] for t in json.loads(suggest(request).content)["topics"]]

    # Not a draft's topic, not a scheduled story's, not only another edition's.
    assert topics("en") == ["Bazaars"]
    assert topics("ckb") == ["Barley", "Bazaars"]


def test_suggestions_cost_three_queries(client, django_assert_num_queries):
    make_article(headline="Pomegranate harvest", tags=["Pomegranates"], authors=[make_author()])
    expected = 6 if connection.vendor == "postgresql" else 3
    with django_assert_num_queries(expected):
        suggestions(client, "pomeg")


def test_when_every_search_slot_is_taken_the_reader_is_told_at_once(client, settings):
    from django.test.utils import CaptureQueriesContext

    from search.slots import search_slot

    settings.SEARCH_CONCURRENCY = 1
    make_article(headline="Volcano erupts")
    with search_slot() as held:  # another worker is searching
        assert held
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "volcano"})
        assert not [q for q in queries if "search_" in q["sql"]]  # no search statement
        assert response.status_code == 503
        assert "Search is busy right now" in response.content.decode()
        assert response["Retry-After"] == "2"
        assert suggestions(client, "volc")["stories"] == []
    assert result_headlines(client.get(URL, {"q": "volcano"})) == ["Volcano erupts"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's SQL")
@pytest.mark.parametrize(
    "text",
    [
        "Plain English <b>text</b> 2025",
        "کتێبخانەی شار ١٢٣ ۴۵۶",  # Sorani letters, both kinds of digits
        "المَكتبةُ العامّة ـ أإآٱ ى",  # harakat, tatweel, every alef
        "٣ only digits ۹",
        "ً",  # a mark alone
        "",
    ],
)
def test_highlighted_text_is_normalised_exactly_as_the_index_was(text):
    """The highlight path's quicker normalisation gives what the index's gives."""
    from search.normalise import sql_normalise_quickly, sql_translate

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sql_normalise_quickly('t')}, {sql_translate('t')} FROM (SELECT %s AS t) s",
            [text],
        )
        quick, indexed = cursor.fetchone()
    assert quick == indexed == normalise(text)
