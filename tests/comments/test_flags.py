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


# What a spammer does to words and links so that filters miss them, and what
# people writing in other scripts do for good reasons.
ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY, RLO, PDF = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "\u202c",
)


@pytest.mark.parametrize(
    "text",
    [
        f"Play ca{ZWSP}sino games",
        f"Play cas{ZWNJ}ino games",
        f"Play casi{ZWJ}no games",
        f"Play c{WJ}asino games",
        f"Play {BOM}casino games",
        f"Play ca{SHY}si{SHY}no games",
        f"Play ca{RLO}si{PDF}no games",
        "Play cаsino games",  # Cyrillic а
        "Play саѕіnо games",  # Cyrillic с, а, ѕ, і, о
        "Play CΑSΙNO games",  # Greek capital alpha and iota
        "Play ＣＡＳＩＮＯ games",  # fullwidth
        "Play 𝐜𝐚𝐬𝐢𝐧𝐨 games",  # mathematical bold
        f"Play с{ZWSP}аѕ{SHY}іnо games",  # both at once
    ],
)
def test_banned_words_are_found_through_invisible_characters_and_look_alikes(text):
    assert find_banned_words(text, ["casino"]) == ["casino"]


@pytest.mark.parametrize(
    "text",
    [
        "Casinos are closing",  # whole words still
        "occasion",
        "Κασίνο",  # the Greek word, not a disguised Latin one
    ],
)
def test_look_alike_matching_keeps_to_whole_words(text):
    assert find_banned_words(text, ["casino"]) == []


def test_banned_words_in_arabic_script_match_with_or_without_zwnj():
    # ZWNJ is a letter joiner in Persian and Sorani Kurdish: a word typed
    # with it and without it is the same word.
    assert find_banned_words("من نمی\u200cدانم", ["نمیدانم"]) == ["نمیدانم"]
    assert find_banned_words("من نمیدانم", ["نمی\u200cدانم"]) == ["نمی\u200cدانم"]
    assert find_banned_words("کا\u200bزینو", ["کازینو"]) == ["کازینو"]


@pytest.mark.django_db
def test_arabic_script_comment_with_zwnj_is_stored_as_typed_and_not_flagged():
    BannedWord.objects.create(word="casino")
    article = make_article()
    name = "شیرین\u200cکار"
    body = "ئەمە هەواڵێکی باشە. دەمەوێ زیاتر بخوێنمەوە. می\u200cخواهم بیشتر بدانم."
    comment, _ = submit_comment(article=article, name=name, email="s@example.net", body=body)
    comment.refresh_from_db()
    assert (comment.name, comment.body) == (name, body)
    assert not comment.flag_banned_words and not comment.flag_links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Read example.com for more", 1),
        ("www.example.com/path/to?x=1", 1),
        ("example[.]com", 1),
        ("example(.)com and example [.] org", 2),
        ("shop.example.co.uk", 1),
        ("cheap-pills.xyz, cheap-pills.top", 2),
        ("ехаmple.com", 1),  # Cyrillic е, х, а
        ("ｅｘａｍｐｌｅ．ｃｏｍ", 1),
        (f"exa{ZWSP}mple{ZWSP}.{ZWSP}com", 1),
        ("пример.рф", 1),
        ("http://example.com/page and https://example.org", 2),
        ("https://example.com and example.com", 2),
        ("Write to name@example.com", 0),
        ("e.g. this, i.e. that", 0),
        ("Pi is 3.14 and the version 2.0.1", 0),
        ("U.S. politics, Mr.Smith", 0),
        ("Good report. Thanks", 0),
    ],
)
def test_links_are_counted_with_or_without_a_scheme(text, links):
    from comments.moderation import count_links

    assert count_links(text) == links


@pytest.mark.django_db
def test_bare_domains_raise_the_links_flag(settings):
    settings.COMMENTS_MAX_LINKS = 2
    article = make_article()
    comment, _ = submit_comment(
        article=article,
        name="B",
        email="b@example.net",
        body="Visit cheap-watches.shop, best-pills[.]com and ｃａｓｉｎｏ．ｃｏｍ today",
    )
    assert comment.flag_links and "3 links" in comment.flag_details


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("listed", "sender", "blocked"),
    [
        ("spammer@example.net", "Spammer@EXAMPLE.net", True),
        ("spammer@example.net", "spammer+promo@example.net", True),
        ("spammer+old@example.net", "spammer+new@example.net", True),
        ("spammer+old@example.net", "spammer@example.net", True),
        ("spammer@gmail.com", "s.p.a.m.m.e.r+x@GMail.com", True),
        ("s.pammer@googlemail.com", "spammer@gmail.com", True),
        # Outside Gmail a dot is part of the address: another person.
        ("first.last@example.net", "firstlast@example.net", False),
        ("spammer@example.net", "spammer@example.org", False),
    ],
)
def test_blocklisted_email_is_matched_whatever_its_tag_and_case(listed, sender, blocked):
    from comments.moderation import is_blocklisted

    # As the queue's "block senders" action stores it: the address as it came.
    BlocklistEntry.objects.create(kind="email", value=listed.casefold())
    assert is_blocklisted(email=sender, ip_address=None) is blocked


@pytest.mark.django_db
def test_blocklist_entries_made_before_the_key_are_matched_after_the_migration():
    import importlib

    from django.apps import apps

    from comments.moderation import is_blocklisted

    migration = importlib.import_module("comments.migrations.0005_blocklistentry_key")
    entry = BlocklistEntry.objects.create(kind="email", value="old+x@example.net")
    BlocklistEntry.objects.filter(pk=entry.pk).update(key="")  # as the column was added
    assert not is_blocklisted(email="old@example.net", ip_address=None)
    migration.fill_keys(apps, None)
    assert is_blocklisted(email="old@example.net", ip_address=None)
