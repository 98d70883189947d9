"""The moderation screen by edition: the choice, kept across the queues and
after decisions; the counts that follow it; each row's edition and direction;
a moderator limited to some editions sees and decides on those only."""

import pytest
from django.urls import reverse

from comments.models import Comment
from editions.models import Edition
from editorial.models import StaffProfile
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

DESK = "/admin/comments/comment/moderate/"


@pytest.fixture
def moderator(client):
    user = make_moderator("moira")
    client.force_login(user)
    return user


@pytest.fixture
def comments():
    english = make_article(headline="Flood barrier holds")
    sorani = make_article(
        headline="بەربەستی لافاو", section=make_section("هەواڵ", edition_id="ckb"), edition_id="ckb"
    )
    return {
        "en": make_comment(english, name="Hana", body="The barrier held, thankfully."),
        "ckb": make_comment(sorani, name="ڕێباز", body="سوپاس بۆ ئەم هەواڵە."),
        "ckb-approved": make_comment(sorani, status=Comment.Status.APPROVED),
    }


def counts(response):
    return {q.key: n for q, n in response.context["queues"]}


def rows(response):
    return [c.pk for c in response.context["rows"]]


def test_a_sorani_comment_is_under_sorani_not_under_english_and_the_counts_follow(
    client, moderator, comments
):
    sorani = client.get(DESK + "?edition=ckb")
    assert rows(sorani) == [comments["ckb"].pk]
    assert counts(sorani)["pending"] == 1 and counts(sorani)["approved"] == 1
    english = client.get(DESK + "?edition=en")
    assert rows(english) == [comments["en"].pk]
    assert counts(english)["pending"] == 1 and counts(english)["approved"] == 0
    everything = client.get(DESK)
    assert set(rows(everything)) == {comments["en"].pk, comments["ckb"].pk}
    assert counts(everything)["pending"] == 2 and counts(everything)["approved"] == 1


def test_each_row_shows_its_editions_name_and_direction_and_text_keeps_its_own(
    client, moderator, comments
):
    html = client.get(DESK).content.decode()
    assert '<span lang="ckb">کوردی</span> · right to left' in html
    assert '<span lang="en">English</span> · left to right' in html
    assert "<bdi>ڕێباز</bdi>" in html
    assert '<div class="desk-item__body comment-body-text" dir="auto">سوپاس' in html


def test_the_choice_is_offered_as_links_and_kept_across_the_queue_tabs(client, moderator, comments):
    html = client.get(DESK + "approved/?edition=ckb").content.decode()
    # Links, so that it works without JavaScript; the current one is marked.
    assert f'<a href="{DESK}approved/?edition=ckb" aria-current="page">' in html
    assert f'<a href="{DESK}approved/?edition=en">' in html
    assert f'<a href="{DESK}approved/">All editions</a>' in html
    for queue in ("pending", "reported", "flagged", "rejected"):
        assert f'href="{DESK}{queue}/?edition=ckb"' in html


def test_the_choice_is_kept_after_a_decision_with_or_without_javascript(
    client, moderator, comments
):
    here = DESK + "?edition=ckb"
    page = client.get(here).content.decode()
    assert 'name="edition" value="ckb"' in page
    url = reverse("admin:comments_comment_decide", args=[comments["ckb"].pk])
    response = client.post(
        url, {"decision": "approve", "seen": "pending", "next": here, "edition": "ckb"}
    )
    assert response.status_code == 302 and response["Location"] == here
    english = make_comment(comments["en"].article)
    answer = client.post(
        reverse("admin:comments_comment_decide", args=[english.pk]),
        {"decision": "reject", "reason": "spam", "seen": "pending", "next": here, "edition": "en"},
        headers={"accept": "application/json"},
    ).json()
    # The counts sent back are the English screen's: one pending, one rejected.
    assert answer["counts"]["pending"] == 1 and answer["counts"]["rejected"] == 1
    assert answer["counts"]["approved"] == 0


def test_an_unknown_edition_is_said_plainly_and_every_edition_shown(client, moderator, comments):
    response = client.get(DESK + "?edition=xx")
    assert response.status_code == 200
    assert "No edition “xx” among yours: showing all editions." in response.content.decode()
    assert len(rows(response)) == 2


def limit(user, *codes):
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    profile.editions.set(Edition.objects.filter(pk__in=codes))


def test_a_moderator_limited_to_sorani_sees_and_decides_on_sorani_only(client, moderator, comments):
    limit(moderator, "ckb")
    response = client.get(DESK)
    assert rows(response) == [comments["ckb"].pk]
    assert counts(response) == {
        "pending": 1,
        "reported": 0,
        "flagged": 0,
        "approved": 1,
        "rejected": 0,
    }
    html = response.content.decode()
    assert "the only one you moderate" in html and "?edition=en" not in html
    # Asking for English shows Sorani still, and says why.
    other = client.get(DESK + "?edition=en")
    assert rows(other) == [comments["ckb"].pk]
    assert "No edition “en” among yours" in other.content.decode()
    # And a decision on an English comment is refused.
    url = reverse("admin:comments_comment_decide", args=[comments["en"].pk])
    assert client.post(url, {"decision": "approve", "seen": "pending"}).status_code == 403
    comments["en"].refresh_from_db()
    assert comments["en"].status == Comment.Status.PENDING


def test_a_moderator_of_two_editions_chooses_among_those_two(client, moderator, comments):
    limit(moderator, "ckb", "ar")
    html = client.get(DESK).content.decode()
    assert "All your editions" in html
    assert "?edition=ckb" in html and "?edition=ar" in html and "?edition=en" not in html
    assert rows(client.get(DESK)) == [comments["ckb"].pk]
