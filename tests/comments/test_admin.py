"""The moderation queue in the admin: who may do what, and words that never change."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationDecision
from comments.moderation import decide
from tests.comments.helpers import make_comment, make_journalist, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
# Whitespace, accents, markup and a CRLF: stored and kept byte for byte.
EXACT_BODY = "Exact  words\twith ünïcödé, <b>markup</b> & a line\r\nbreak. "


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def approve_url(comment):
    return reverse("admin:comments_comment_approve", args=[comment.pk])


def reject_url(comment):
    return reverse("admin:comments_comment_reject", args=[comment.pk])


@pytest.fixture
def moderator_client(client):
    client.force_login(make_moderator("mod"))
    return client


def test_moderators_group_has_only_what_it_needs():
    group = Group.objects.get(name="Moderators")
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert "comments.can_moderate" in perms and "comments.view_comment" in perms
    assert "comments.add_bannedword" in perms and "comments.add_blocklistentry" in perms
    assert all(p.startswith("comments.") for p in perms)  # nothing on articles
    assert "comments.change_comment" not in perms
    assert "comments.delete_comment" not in perms
    assert "comments.change_moderationdecision" not in perms
    assert "comments.delete_moderationdecision" not in perms


def test_moderator_cannot_touch_articles(moderator_client):
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_add")).status_code == 403


def test_queue_shows_pending_oldest_first_with_its_columns(moderator_client):
    article = make_article(headline="Budget vote delayed")
    now = timezone.now()
    newer = make_comment(article, body="Newer pending", created_at=now - timedelta(minutes=5))
    older = make_comment(
        article,
        body="Older pending",
        created_at=now - timedelta(hours=3),
        flag_first_time=True,
        email="older@example.net",
        name="Dara",
    )
    make_comment(article, status="approved", body="Already approved")
    response = moderator_client.get(QUEUE)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Older pending") < page.index("Newer pending")
    assert "Already approved" not in page  # the queue opens on pending
    for text in ("Budget vote delayed", "Dara", "older@example.net", "first-time", "3\xa0hours"):
        assert text in page
    # "All" lists pending first, then the rest.
    page = moderator_client.get(QUEUE + "?status=all").content.decode()
    assert page.index("Newer pending") < page.index("Already approved")
    assert older.pk and newer.pk


def test_filters_and_search(moderator_client):
    article, other = make_article(headline="Alpha story"), make_article(headline="Beta story")
    linky = make_comment(article, body="Links galore", flag_links=True)
    plain = make_comment(other, body="Just words", name="Zed", email="zed@example.net")
    approved = make_comment(article, body="Approved words")
    moderator = make_moderator()
    decide(comment=approved, to_status="approved", moderator=moderator)

    def listed(query):
        return moderator_client.get(QUEUE + query).context["cl"].result_list

    assert list(listed("?flag=links")) == [linky]
    assert list(listed(f"?article={other.pk}")) == [plain]
    assert list(listed("?status=approved")) == [approved]
    assert list(listed(f"?status=all&moderator={moderator.pk}")) == [approved]
    assert list(listed("?q=zed@example")) == [plain]
    assert list(listed("?q=galore")) == [linky]
    assert list(listed("?q=Zed")) == [plain]
    assert moderator_client.get(QUEUE + "?status=bogus&flag=bogus").status_code == 200


def test_approve_button_approves_and_logs(moderator_client):
    comment = make_comment(body="Good point")
    response = moderator_client.post(approve_url(comment), {"next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    comment.refresh_from_db()
    assert comment.status == "approved"
    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.moderator.username == "mod" and decision.to_status == "approved"


def test_approve_and_reject_urls_refuse_get(moderator_client):
    comment = make_comment()
    assert moderator_client.get(approve_url(comment)).status_code == 405
    assert moderator_client.get(reject_url(comment)).status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_reject_button_needs_a_reason(moderator_client):
    comment = make_comment()
    moderator_client.post(reject_url(comment), {"reason": ""})
    comment.refresh_from_db()
    assert comment.status == "pending"
    moderator_client.post(reject_url(comment), {"reason": "other", "note": ""})
    comment.refresh_from_db()
    assert comment.status == "pending"
    moderator_client.post(reject_url(comment), {"reason": "threat"})
    comment.refresh_from_db()
    assert comment.status == "rejected" and comment.rejection_reason == "threat"


def test_reversal_both_ways_is_allowed_and_logged(moderator_client):
    comment = make_comment()
    moderator_client.post(reject_url(comment), {"reason": "spam"})
    moderator_client.post(approve_url(comment))
    moderator_client.post(reject_url(comment), {"reason": "off-topic"})
    assert list(comment.decisions.values_list("to_status", flat=True)) == [
        "rejected",
        "approved",
        "rejected",
    ]
    page = moderator_client.get(change_url(comment)).content.decode()
    assert page.count("<tr><td><time") == 3  # the log on the comment's page


def test_change_page_is_read_only_with_moderation_buttons(moderator_client):
    comment = make_comment(body=EXACT_BODY)
    page = moderator_client.get(change_url(comment)).content.decode()
    assert 'name="body"' not in page and 'name="name"' not in page and 'name="email"' not in page
    assert 'name="_save"' not in page
    assert approve_url(comment) in page and reject_url(comment) in page
    assert "Profanity or vulgarity" in page  # the reasons to choose from


def test_bulk_approve_reports_how_many_changed(moderator_client):
    comments = [make_comment() for _ in range(3)]
    decide(comment=comments[0], to_status="approved", moderator=make_moderator())
    response = moderator_client.post(
        QUEUE + "?status=all",
        {"action": "approve_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )
    page = response.content.decode()
    assert "2 comments approved. 1 already approved, unchanged." in page
    assert Comment.objects.filter(status="approved").count() == 3
    assert ModerationDecision.objects.count() == 3


def test_bulk_reject_asks_for_a_reason_then_rejects(moderator_client):
    comments = [make_comment(body=f"Rubbish {n}") for n in range(2)]
    data = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments]}
    confirm = moderator_client.post(QUEUE, data)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Reject 2 comments" in page and "Rubbish 0" in page
    assert "Commercial or personal promotion" in page
    assert not Comment.objects.filter(status="rejected").exists()
    # Without a reason: the page again, nothing changed.
    again = moderator_client.post(QUEUE, {**data, "apply": "yes", "reason": ""})
    assert "Choose a reason for the rejection." in again.content.decode()
    assert not Comment.objects.filter(status="rejected").exists()
    done = moderator_client.post(QUEUE, {**data, "apply": "yes", "reason": "spam"}, follow=True)
    assert "2 comments rejected." in done.content.decode()
    assert set(Comment.objects.values_list("status", "rejection_reason")) == {("rejected", "spam")}
    assert ModerationDecision.objects.filter(reason="spam").count() == 2


def _stored(comment):
    row = Comment.objects.values("name", "email", "body").get(pk=comment.pk)
    return (row["name"].encode(), row["email"].encode(), row["body"].encode())


def test_change_form_post_cannot_change_the_words(moderator_client, admin_client):
    comment = make_comment(body=EXACT_BODY, name="Ann", email="ann@example.net")
    before = _stored(comment)
    data = {"name": "Mallory", "email": "m@example.net", "body": "Edited", "_save": "Save"}
    assert moderator_client.post(change_url(comment), data).status_code == 403
    assert admin_client.post(change_url(comment), data).status_code == 403  # superuser too
    assert _stored(comment) == before
    assert _stored(comment)[2] == EXACT_BODY.encode()


def test_crafted_moderation_post_cannot_change_the_words(moderator_client):
    comment = make_comment(body=EXACT_BODY)
    before = _stored(comment)
    crafted = {"body": "Edited", "name": "Mallory", "email": "m@example.net", "reason": "spam"}
    moderator_client.post(approve_url(comment), crafted)
    moderator_client.post(reject_url(comment), crafted)
    assert _stored(comment) == before
    comment.refresh_from_db()
    assert comment.status == "rejected"


def test_bulk_action_cannot_change_the_words(moderator_client):
    comment = make_comment(body=EXACT_BODY)
    before = _stored(comment)
    for action in ("approve_selected", "reject_selected"):
        moderator_client.post(
            QUEUE + "?status=all",
            {
                "action": action,
                ACTION_CHECKBOX_NAME: [comment.pk],
                "apply": "yes",
                "reason": "spam",
                "body": "Edited",
                "name": "Mallory",
            },
        )
    assert _stored(comment) == before


def test_no_add_or_delete_for_moderators(moderator_client):
    comment = make_comment()
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403
    delete = reverse("admin:comments_comment_delete", args=[comment.pk])
    assert moderator_client.post(delete, {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_moderation_log_admin_is_read_only(moderator_client, admin_client):
    comment = make_comment()
    decide(comment=comment, to_status="approved", moderator=make_moderator())
    decision = ModerationDecision.objects.get()
    url = reverse("admin:comments_moderationdecision_change", args=[decision.pk])
    for client in (moderator_client, admin_client):
        assert (
            client.get(reverse("admin:comments_moderationdecision_changelist")).status_code == 200
        )
        assert client.post(url, {"note": "rewritten"}).status_code == 403
        delete = reverse("admin:comments_moderationdecision_delete", args=[decision.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ModerationDecision.objects.get().note == ""


@pytest.fixture
def journalist_client(client):
    journalist = make_journalist()
    # Even a journalist allowed to read comments cannot moderate them.
    journalist.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(journalist)
    return client


def test_journalists_get_no_moderation_actions(journalist_client):
    comment = make_comment()
    response = journalist_client.get(QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "approve_selected" not in page and "reject_selected" not in page
    assert approve_url(comment) not in page
    change = journalist_client.get(change_url(comment)).content.decode()
    assert approve_url(comment) not in change and reject_url(comment) not in change
    assert "don’t have permission to approve or reject" in change


def test_journalists_crafted_posts_are_refused(journalist_client):
    comment = make_comment()
    assert journalist_client.post(approve_url(comment)).status_code == 403
    assert journalist_client.post(reject_url(comment), {"reason": "spam"}).status_code == 403
    for action in ("approve_selected", "reject_selected"):
        journalist_client.post(
            QUEUE,
            {
                "action": action,
                ACTION_CHECKBOX_NAME: [comment.pk],
                "apply": "yes",
                "reason": "spam",
            },
        )
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert not ModerationDecision.objects.exists()


def test_journalist_without_comment_permissions_sees_no_queue(client):
    client.force_login(make_journalist())
    assert client.get(QUEUE).status_code == 403
    page = client.get(reverse("admin:index")).content.decode()
    assert "Comment moderation" not in page


@pytest.mark.parametrize(
    "payload", ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">']
)
def test_payloads_are_inert_in_the_admin(moderator_client, payload):
    comment = make_comment(name=payload, body=f"Text {payload}", email="x@example.net")
    for url in (QUEUE, change_url(comment)):
        page = moderator_client.get(url).content.decode()
        assert payload not in page
        assert "&lt;" in page
    confirm = moderator_client.post(
        QUEUE, {"action": "reject_selected", ACTION_CHECKBOX_NAME: [comment.pk]}
    )
    assert payload not in confirm.content.decode()


def test_admin_index_shows_pending_count_and_oldest_age(moderator_client):
    make_comment(created_at=timezone.now() - timedelta(hours=5))
    make_comment(created_at=timezone.now() - timedelta(minutes=3))
    make_comment(status="approved")
    page = moderator_client.get(reverse("admin:index")).content.decode()
    assert "<strong>2</strong> comments waiting for moderation" in page
    assert "the oldest has waited <strong>5\xa0hours</strong>" in page
    assert QUEUE in page


def test_admin_index_with_an_empty_queue(moderator_client):
    page = moderator_client.get(reverse("admin:index")).content.decode()
    assert "No comments are waiting for moderation." in page


def test_moderator_can_manage_banned_words_and_blocklist(moderator_client):
    from comments.models import BannedWord, BlocklistEntry

    moderator_client.post(reverse("admin:comments_bannedword_add"), {"word": "scam", "note": ""})
    moderator_client.post(
        reverse("admin:comments_blocklistentry_add"),
        {"kind": "ip", "value": "192.0.2.5", "note": "bot"},
    )
    assert BannedWord.objects.filter(word="scam").exists()
    assert BlocklistEntry.objects.filter(kind="ip", value="192.0.2.5").exists()
    bad = moderator_client.post(
        reverse("admin:comments_blocklistentry_add"), {"kind": "ip", "value": "nope"}
    )
    assert "Enter a valid IPv4 or IPv6 address." in bad.content.decode()


def test_superuser_can_erase_a_moderated_comment_with_its_log(admin_client):
    comment = make_comment()
    decide(comment=comment, to_status="approved", moderator=make_moderator())
    delete = reverse("admin:comments_comment_delete", args=[comment.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Comment.objects.exists() and not ModerationDecision.objects.exists()


def test_block_senders_rejects_as_spam_and_blocklists_the_emails(moderator_client):
    from comments.models import BlocklistEntry

    comments = [make_comment(email="Junk@Example.net"), make_comment(email="junk@example.net")]
    response = moderator_client.post(
        QUEUE,
        {"action": "block_senders", ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )
    page = response.content.decode()
    assert "2 comments rejected." in page and "1 email address on the blocklist." in page
    assert set(Comment.objects.values_list("status", "rejection_reason")) == {("rejected", "spam")}
    assert list(BlocklistEntry.objects.values_list("kind", "value")) == [
        ("email", "junk@example.net")
    ]


def test_queue_queries_do_not_grow_with_its_length(moderator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        make_comment(make_article())
    moderator_client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        moderator_client.get(QUEUE)
    for _ in range(40):
        make_comment(make_article(), flag_links=True)
    with CaptureQueriesContext(connection) as many:
        assert "43 comments" in moderator_client.get(QUEUE).content.decode()
    assert len(many) == len(few)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Stories the moderator may not see ------------------------------------------------


@pytest.fixture
def hidden_stories():
    """A comment on each kind of story readers cannot see (comments stay with
    a story that is scheduled again, unpublished or returned to draft)."""
    stories = {
        "draft": make_article(headline="Secret draft on the minister", status="draft"),
        "scheduled": make_article(headline="Embargoed budget figures", ago=timedelta(hours=-5)),
        "unpublished": make_article(headline="Pulled story on the mayor", status="unpublished"),
    }
    comments = {
        kind: make_comment(story, body=f"On the {kind} story") for kind, story in stories.items()
    }
    return stories, comments


def _headlines(stories):
    return [story.headline for story in stories.values()]


def test_moderator_sees_nothing_of_unpublished_stories(moderator_client, hidden_stories):
    stories, comments = hidden_stories
    published = make_article(headline="Public story on the bridge")
    make_comment(published, body="On the public story")
    draft_comment = comments["draft"]
    decide(comment=draft_comment, to_status="rejected", moderator=make_moderator(), reason="spam")
    decision = ModerationDecision.objects.get(comment=draft_comment)
    pages = {
        "queue": QUEUE + "?status=all",
        # The story filter listed any story's headline given its id.
        **{
            f"filter-{kind}": f"{QUEUE}?status=all&article={story.pk}"
            for kind, story in stories.items()
        },
        **{f"change-{kind}": change_url(comment) for kind, comment in comments.items()},
        "search": QUEUE + "?status=all&q=story",
        "log": reverse("admin:comments_moderationdecision_changelist"),
        "log-entry": reverse("admin:comments_moderationdecision_change", args=[decision.pk]),
    }
    for name, url in pages.items():
        response = moderator_client.get(url)
        assert response.status_code == 200, name
        page = response.content.decode()
        for headline in _headlines(stories):
            assert headline not in page, (name, headline)
    queue = moderator_client.get(QUEUE + "?status=all").content.decode()
    assert "Public story on the bridge" in queue  # the filter and the column
    assert queue.count("An unpublished story") == 3
    # The reject confirmation lists the comments with their stories.
    confirm = moderator_client.post(
        QUEUE + "?status=all",
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments.values()]},
    ).content.decode()
    assert "On the scheduled story" in confirm
    for headline in _headlines(stories):
        assert headline not in confirm
    # Django's autocomplete endpoint for the comment's story is closed to them.
    autocomplete = moderator_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "comments", "model_name": "comment", "field_name": "article", "term": "e"},
    )
    assert autocomplete.status_code == 403


def test_editors_and_own_journalists_still_see_the_story_of_a_comment(client, hidden_stories):
    from tests.editorial.helpers import member

    stories, comments = hidden_stories
    editor = member("Editors", "ed-mod")
    editor.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    queue = client.get(QUEUE + "?status=all").content.decode()
    for headline in _headlines(stories):
        assert headline in queue
    change = client.get(change_url(comments["draft"])).content.decode()
    article_admin = reverse("admin:articles_article_change", args=[stories["draft"].pk])
    assert f'href="{article_admin}"' in change


def test_comment_page_links_the_story_where_a_moderator_may_go(moderator_client):
    story = make_article(headline="Public story on the bridge")
    comment = make_comment(story)
    page = moderator_client.get(change_url(comment)).content.decode()
    article_admin = reverse("admin:articles_article_change", args=[story.pk])
    assert article_admin not in page  # a 403 for a moderator
    assert f'href="{story.get_absolute_url()}"' in page
    assert moderator_client.get(story.get_absolute_url()).status_code == 200


def test_moderation_log_names_the_moderator_without_a_link_they_cannot_open(moderator_client):
    comment = make_comment()
    other = make_moderator("other-mod")
    decide(comment=comment, to_status="approved", moderator=other)
    decision = ModerationDecision.objects.get()
    page = moderator_client.get(
        reverse("admin:comments_moderationdecision_change", args=[decision.pk])
    ).content.decode()
    assert "other-mod" in page
    assert reverse("admin:auth_user_change", args=[other.pk]) not in page


def test_bulk_approve_from_the_queue_reports_true_counts(moderator_client):
    comments = [make_comment() for _ in range(6)]
    response = moderator_client.post(
        QUEUE,
        {"action": "approve_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )
    assert messages_of(response) == ["6 comments approved."]


def test_bulk_reject_from_the_queue_reports_true_counts(moderator_client):
    comments = [make_comment() for _ in range(2)]
    data = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments]}
    response = moderator_client.post(QUEUE, {**data, "apply": "yes", "reason": "spam"}, follow=True)
    assert messages_of(response) == ["2 comments rejected."]
    blocked = [make_comment(email="bot@example.net") for _ in range(3)]
    response = moderator_client.post(
        QUEUE,
        {"action": "block_senders", ACTION_CHECKBOX_NAME: [c.pk for c in blocked]},
        follow=True,
    )
    assert messages_of(response) == [
        "3 comments rejected.",
        "1 email address on the blocklist.",
    ]


def test_bulk_approve_counts_comments_decided_meanwhile_by_someone_else(moderator_client):
    comments = [make_comment() for _ in range(3)]
    # Another moderator rejects one after this one loaded the queue.
    decide(comment=comments[0], to_status="rejected", moderator=make_moderator(), reason="spam")
    response = moderator_client.post(
        QUEUE,
        {"action": "approve_selected", ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )
    assert messages_of(response) == [
        "2 comments approved. 1 no longer in this list (decided meanwhile), unchanged."
    ]
