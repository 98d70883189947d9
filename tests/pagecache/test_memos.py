"""The one memo helper: bounded, clearable, and shared values keyed by their layout."""

import pytest

from pagecache import memos, store

pytestmark = pytest.mark.django_db


def test_a_memo_computes_once_and_keeps_at_most_its_bound():
    memo = memos.Memo("test", size=2)
    calls = []

    def compute(value):
        calls.append(value)
        return value * 10

    assert memo.get(1, lambda: compute(1)) == 10
    assert memo.get(1, lambda: compute(1)) == 10
    memo.get(2, lambda: compute(2))
    memo.get(3, lambda: compute(3))  # 1 is the least recently used: out
    assert len(memo) == 2
    memo.get(1, lambda: compute(1))
    assert calls == [1, 2, 3, 1]


def test_clear_all_empties_every_memo():
    first, second = memos.Memo("a"), memos.Memo("b")
    first.get("x", lambda: 1)
    second.get("y", lambda: 2)
    memos.clear_all()
    assert len(first) == len(second) == 0


def _card_class(*fields):
    """A class named like a reader card, with the given slots."""
    return type("Card", (), {"__slots__": fields, "__module__": "reader.cards"})


def test_a_layout_changes_with_the_fields():
    old, new = _card_class("pk", "headline"), _card_class("pk", "headline", "kicker")
    assert memos.layout(old) == memos.layout(_card_class("pk", "headline"))
    assert memos.layout(old) != memos.layout(new)


def test_a_deploy_that_adds_a_field_never_reads_the_old_layout(settings):
    """The shared cache holds the old code's cards; the new code, whose card
    has one more field, computes its own instead of unpickling them."""
    settings.PAGECACHE_CLOCK_SKEW = 0
    old, new = _card_class("pk", "headline"), _card_class("pk", "headline", "kicker")
    written = store.memo("cards", ["t"], lambda: "old layout", layout_of=(old,))
    assert written == "old layout"
    assert store.memo("cards", ["t"], lambda: "recomputed", layout_of=(old,)) == "old layout"
    assert store.memo("cards", ["t"], lambda: "new layout", layout_of=(new,)) == "new layout"


def test_stored_pages_are_keyed_by_the_layout_of_their_entry():
    assert store.PAGE_PREFIX == f"pc:p:{memos.layout(store.Entry)}:"
    assert store.page_key("example.org", "/", "").startswith(store.PAGE_PREFIX)
