"""Flags raised when a comment comes in, and the blocklist."""

import pytest
from django.urls import reverse

from comments.models import BannedWord, BlocklistEntry, Comment, ModerationDecision
from comments.moderation import find_banned_words, submit_comment
from tests.comments.helpers import form_data, make_comment
from tests.factories import make_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The press was there", ["press"]),
        ("PRESS conference", ["press"]),
        ("Built on WordPress, of course", []),
        ("pressing matters", []),
        ("impress me", []),
        ("(press)", ["press"]),
        ("press.", ["press"]),
        ("Café owners", ["cafe"]),  # accents ignored
        ("CAFÉ", ["cafe"]),
        ("cafés", []),  # whole word only
        ("Straße", ["strasse"]),  # casefold: ß is ss
        ("ΣΟΦΙΑ", ["σοφια"]),  # Greek capitals fold too
        ("big   bad\nwolf", ["big bad wolf"]),  # phrases across whitespace
        ("bigbad wolf", []),
    ],
)
def test_banned_words_match_whole_words_case_and_accent_insensitively(text, expected):
    words = ["press", "cafe", "strasse", "σοφια", "big bad wolf"]
    assert find_banned_words(text, words) == expected


def test_banned_word_with_regex_characters_is_matched_literally():
    assert find_banned_words("c++ rocks", ["c++"]) == ["c++"]
    assert find_banned_words("cxx rocks", ["c++"]) == []
    assert find_banned_words("a.b", ["a.b"]) == ["a.b"]
    assert find_banned_words("axb", ["a.b"]) == []


@pytest.mark.django_db
def test_comment_with_banned_words_is_stored_pending_and_flagged(client):
    BannedWord.objects.create(word="Press")
    article = make_article()
    response = client.post(
        reverse("reader:comment", args=[article.slug]),
        form_data(article, body="Stop the press! Built with WordPress."),
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.flag_banned_words
    assert "banned words: Press" in comment.flag_details


@pytest.mark.django_db
def test_banned_word_list_changes_take_effect_at_once():
    article = make_article()
    first, _ = submit_comment(article=article, name="A", email="a@example.net", body="nasty")
    assert not first.flag_banned_words
    word = BannedWord.objects.create(word="nasty")
    second, _ = submit_comment(article=article, name="B", email="b@example.net", body="nasty")
    assert second.flag_banned_words
    word.delete()
    third, _ = submit_comment(article=article, name="C", email="c@example.net", body="nasty")
    assert not third.flag_banned_words


@pytest.mark.django_db
def test_more_links_than_allowed_are_flagged(settings):
    settings.COMMENTS_MAX_LINKS = 2
    article = make_article()
    two, _ = submit_comment(
        article=article, name="A", email="a@example.net", body="http://a.example www.b.example"
    )
    three, _ = submit_comment(
        article=article,
        name="B",
        email="b@example.net",
        body="https://a.example/x http://b.example www.c.example",
    )
    assert not two.flag_links
    assert three.flag_links and "3 links" in three.flag_details


@pytest.mark.django_db
def test_first_time_commenter_is_flagged_until_one_comment_is_approved():
    article = make_article()
    first, _ = submit_comment(article=article, name="A", email="new@example.net", body="one")
    assert first.flag_first_time
    pending, _ = submit_comment(article=article, name="A", email="new@example.net", body="two")
    assert pending.flag_first_time  # nothing approved yet
    make_comment(article, status="approved", email="new@example.net")
    later, _ = submit_comment(article=article, name="A", email="NEW@example.net", body="three")
    assert not later.flag_first_time


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "value", "email", "ip"),
    [
        ("email", "Spammer@Example.net", "spammer@example.net", "192.0.2.1"),
        ("ip", "192.0.2.66", "someone@example.net", "192.0.2.66"),
        ("ip", "2001:DB8::1", "someone@example.net", "2001:db8:0:0::1"),
    ],
)
def test_blocklisted_sender_goes_straight_to_rejected_as_spam(client, kind, value, email, ip):
    entry = BlocklistEntry(kind=kind, value=value)
    entry.full_clean()
    entry.save()
    article = make_article()
    response = client.post(
        reverse("reader:comment", args=[article.slug]),
        form_data(article, email=email),
        REMOTE_ADDR=ip,
    )
    # The sender sees the usual answer; nothing tells a spammer they are blocked.
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == "spam"
    assert comment.flag_blocklisted
    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.moderator is None  # the system
    assert (decision.from_status, decision.to_status, decision.reason) == (
        "pending",
        "rejected",
        "spam",
    )
    assert comment.body not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_blocklist_entry_validates_its_value():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        BlocklistEntry(kind="ip", value="not-an-ip").full_clean()
    with pytest.raises(ValidationError):
        BlocklistEntry(kind="email", value="nope").full_clean()
