"""The stories editors put at the top of the front page and of section pages.

Editors fill some of a page's top slots (editorial.models.Placement, set by
editorial.services.arrange); the other slots, and everything below them, fill
by time as they always did. A placed story shows only while readers may see
it (cards() filters with the one visibility rule) and while its pin lasts.

Each page's placements are kept with the shared memos (pagecache.store.memo),
tagged with the page's arrangement (tags.arranged) and LATEST (a placed story
edited, unpublished or come due), so a page rendered again reads them with no
query. An expiring pin is filtered out when read, and the page's stored copy
expires with it (`next_change`).
"""

from django.utils import timezone

from editorial.models import Placement
from pagecache.store import memo
from reader import tags
from reader.cards import Card, CardImage, CardSection, cards


def _compute(section_pk):
    rows = list(
        Placement.objects.filter(section_id=section_pk).values_list("slot", "article_id", "until")
    )
    if not rows:
        return []
    shown = {card.pk: card for card in cards(ids=[article for _, article, _ in rows])}
    return [(slot, until, shown[pk]) for slot, pk, until in rows if pk in shown]


def placed(section=None):
    """[(slot, until, Card)] of the page's placements readers may see now, by slot."""
    slug = section.slug if section is not None else None
    key = section.pk if section is not None else None
    held = memo(
        f"arranged:{slug or ''}",
        [tags.arranged(slug), tags.LATEST],
        lambda: _compute(key),
        local=True,
        layout_of=(Card, CardSection, CardImage),
    )
    now = timezone.now()
    return sorted(
        ((slot, until, card) for slot, until, card in held if until is None or until > now),
        key=lambda item: item[0],
    )


def next_change(placements):
    """When the earliest of these pins ends (None if none does)."""
    ends = [until for _, until, _ in placements if until is not None]
    return min(ends) if ends else None


def arrange(placements, by_time, *, length):
    """The top `length` stories of a page: the placed stories in their slots,
    the other positions filled with `by_time` (newest first), leaving out the
    placed ones. Without placements, `by_time` as it is."""
    if not placements:
        return list(by_time[:length])
    at = {slot: card for slot, _, card in placements}
    taken = {card.pk for card in at.values()}
    rest = iter(story for story in by_time if story.pk not in taken)
    result = []
    for position in range(1, length + 1):
        story = at.get(position) or next(rest, None)
        if story is None:
            # Fewer stories than positions: the placed ones still show.
            result += [at[slot] for slot in sorted(at) if slot > position]
            break
        result.append(story)
    return result
