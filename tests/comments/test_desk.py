"""The moderation screen: queues with counts, decisions by plain forms and by
fetch (JSON), the commenter's record, and who may do what."""

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationDecision
from comments.moderation import decide
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

DESK = "/admin/comments/comment/moderate/"
QUERIES = 11


@pytest.fixture
def moderator(client):
    user = make_moderator("moira")
    client.force_login(user)
    return user


def decide_url(comment):
    return reverse("admin:comments_comment_decide", args=[comment.pk])


def test_the_pending_queue_shows_every_comment_in_full_with_its_story_and_counts(client, moderator):
    story = make_article(headline="Flood barrier holds")
    long_text = "The river rose all night. " * 20
    make_comment(story, body=long_text, name="Hana")
    make_comment(story, flag_links=True)
    make_comment(story, status=Comment.Status.APPROVED)
    make_comment(story, status=Comment.Status.REJECTED, rejection_reason="spam")
    response = client.get(DESK)
    assert response.status_code == 200
    html = response.content.decode()
    assert long_text.strip() in html  # never cut
    assert "Flood barrier holds" in html and story.get_absolute_url() in html
    assert "<bdi>Hana</bdi>" in html and 'dir="auto"' in html
    counts = response.context["queues"]
    assert {q.key: n for q, n in counts} == {
        "pending": 2,
        "reported": 0,
        "flagged": 1,
        "approved": 1,
        "rejected": 1,
    }
    assert html.count('class="desk-item"') == 2


@pytest.mark.parametrize("queue,expected", [("flagged", 1), ("approved", 1), ("rejected", 1)])
def test_each_queue_lists_its_own(client, moderator, queue, expected):
    story = make_article()
    make_comment(story)
    make_comment(story, flag_banned_words=True)
    make_comment(story, status=Comment.Status.APPROVED)
    make_comment(story, status=Comment.Status.REJECTED, rejection_reason="spam")
    response = client.get(f"{DESK}{queue}/")
    assert response.status_code == 200
    assert response.content.decode().count('class="desk-item"') == expected


def test_an_unknown_queue_is_a_404(client, moderator):
    assert client.get(f"{DESK}nonsense/").status_code == 404
    assert client.get(f"{DESK}commenter/").status_code == 404  # which commenter?


def test_approve_by_plain_form_logs_it_and_goes_back_to_the_queue(client, moderator):
    comment = make_comment(name="Hana")
    response = client.post(
        decide_url(comment), {"decision": "approve", "next": DESK + "flagged/?page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == DESK + "flagged/?page=1"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert ModerationDecision.objects.get(comment=comment).moderator == moderator
    page = client.get(response["Location"])
    assert "Approved the comment by Hana." in page.content.decode()


def test_reject_by_fetch_answers_json_with_the_new_counts(client, moderator):
    comment = make_comment(name="Hana")
    make_comment()
    response = client.post(
        decide_url(comment),
        {"decision": "reject", "reason": "spam"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["message"] == "Rejected the comment by Hana: Spam."
    assert data["counts"]["pending"] == 1 and data["counts"]["rejected"] == 1
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.to_status, decision.reason) == ("rejected", "spam")


def test_a_rejection_without_a_reason_is_refused_clearly(client, moderator):
    comment = make_comment()
    response = client.post(
        decide_url(comment),
        {"decision": "reject", "reason": "nonsense"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Choose a reason for the rejection."
    response = client.post(decide_url(comment), {"decision": "reject", "reason": "other"})
    assert response.status_code == 302
    assert "Add a note" in client.get(response["Location"]).content.decode()
    response = client.post(decide_url(comment), {"decision": "explode"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_an_open_redirect_is_not_followed(client, moderator):
    comment = make_comment()
    response = client.post(decide_url(comment), {"decision": "approve", "next": "//evil.example/"})
    assert response["Location"] == DESK


def test_readers_of_comments_without_can_moderate_see_no_buttons_and_cannot_decide(client):
    from django.contrib.auth.models import Permission

    viewer = make_user("viewer")
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    comment = make_comment()
    response = client.get(DESK)
    assert response.status_code == 200
    assert "desk-form" not in response.content.decode()
    assert client.post(decide_url(comment), {"decision": "approve"}).status_code == 403
    assert client.get(decide_url(comment)).status_code == 405


def test_the_commenters_record_sits_beside_each_comment(client, moderator):
    story = make_article()
    make_comment(story, email="pat@example.net", status="approved")
    make_comment(story, email="pat@example.net", status="rejected", rejection_reason="spam")
    make_comment(story, email="pat@example.net", status="rejected", rejection_reason="spam")
    make_comment(
        story, email="pat@example.net", status="rejected", rejection_reason="personal-attack"
    )
    make_comment(story, email="pat@example.net", body="Pat's new comment.")
    make_comment(story, email="someone@example.net")
    response = client.get(DESK)
    html = response.content.decode()
    pat = next(c for c in response.context["rows"] if c.email == "pat@example.net")
    assert (pat.history.approved, pat.history.rejected, pat.history.pending) == (1, 3, 1)
    assert pat.history.reasons == [("Spam", 2), ("Personal attack", 1)]
    assert "Rejected for: Spam (2); Personal attack" in html
    link = f"{DESK}commenter/?email=pat%40example.net"
    assert "All 5 comments from this address" in html and link in html
    everything = client.get(link)
    assert everything.content.decode().count('class="desk-item"') == 5


def test_the_screen_costs_the_same_queries_for_5_or_50_comments(
    client, moderator, django_assert_num_queries
):
    story = make_article()
    for n in range(5):
        make_comment(story, email=f"r{n}@example.net")
    client.get(DESK)
    # Session, user and permissions (4), the moderator's editions and the
    # editions to choose from (2), the queues' counts (1), the page's rows (1),
    # their open reports (1), their commenters' records (2). Each row's
    # edition comes with its row (select_related), never a query per row.
    with django_assert_num_queries(QUERIES):
        client.get(DESK)
    for n in range(45):
        make_comment(story, email=f"s{n}@example.net")
    with django_assert_num_queries(QUERIES):
        response = client.get(DESK)
    assert len(response.context["rows"]) == 50


def test_the_admin_index_links_the_new_screen(client, moderator):
    make_comment()
    html = client.get("/admin/").content.decode()
    assert f'href="{DESK}"' in html


def test_a_colleagues_decision_meanwhile_is_not_silently_reversed(client, moderator):
    comment = make_comment(name="Hana")
    colleague = make_moderator("colin")
    decide(comment=comment, to_status="approved", moderator=colleague)
    # Moira's screen still showed it pending; she presses r.
    response = client.post(
        decide_url(comment),
        {"decision": "reject", "reason": "spam", "seen": "pending"},
        headers={"Accept": "application/json"},
    )
    data = response.json()
    assert data["ok"] and not data["changed"]
    assert data["message"] == (
        "Comment by Hana: Approved meanwhile by colin: not changed. "
        "To reverse that, open the comment again."
    )
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
    # Without JavaScript, the same, as a message on the queue.
    response = client.post(
        decide_url(comment), {"decision": "reject", "reason": "spam", "seen": "pending"}
    )
    assert "Approved meanwhile by colin" in client.get(response["Location"]).content.decode()
    # A deliberate reversal from the approved queue (seen: approved) goes through.
    client.post(decide_url(comment), {"decision": "reject", "reason": "spam", "seen": "approved"})
    comment.refresh_from_db()
    assert comment.status == "rejected"


def test_the_decided_queues_count_up_to_a_cap_and_say_so(client, moderator, monkeypatch):
    """Approved and rejected only grow: past COUNT_CAP their tabs say "N+"
    rather than count a million rows on every page (bench/moderation_counts.py)."""
    monkeypatch.setattr("comments.queues.COUNT_CAP", 2)
    story = make_article()
    for _ in range(3):
        make_comment(story, status=Comment.Status.APPROVED)
    make_comment(story, status=Comment.Status.REJECTED, rejection_reason="spam")
    for _ in range(3):
        make_comment(story)
    response = client.get(f"{DESK}approved/")
    shown = {q.key: n for q, n in response.context["queues"]}
    assert shown == {"pending": 3, "reported": 0, "flagged": 0, "approved": "2+", "rejected": 1}
    html = response.content.decode()
    assert '<span class="desk-count" data-count="approved">2+</span>' in html
    assert "Showing 1–2 of 2+." in html
    answer = client.post(
        decide_url(Comment.objects.filter(status="pending").first()),
        {"decision": "approve", "seen": "pending"},
        headers={"accept": "application/json"},
    ).json()
    assert answer["counts"]["approved"] == "2+" and answer["counts"]["pending"] == 2
