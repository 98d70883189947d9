"""Stories in lists as HTML: `card()` and `latest_item()` for the templates.

The markup lives in Jinja2 macros (templates/reader/includes/card.html and
the_latest_item.html). A list page shows twenty to thirty cards, and the same
cards appear on page after page (the front page, The Latest, the article
sidebar), so each worker keeps the HTML of the cards it rendered lately, keyed
by every value a card shows (its Card.key(), the macro's arguments, and
pagecache.memos.render_context()). A story that changes in any way is a
new key: the memo can never show an old headline, only skip rendering the same
one twice. It holds at most 512 cards (about 1.5 KB each): more than the front
page, The Latest and a list page show together.
"""

from django.template import engines
from jinja2 import pass_context

from pagecache.memos import Memo, render_context

_cards = Memo("card HTML", size=512)


def _macro(template, name):
    return getattr(engines["jinja2"].env.get_template(template).module, name)


def _environment(context):
    """What a card's HTML depends on besides the story (render_context()),
    read once per request: each part is a lookup in context-local storage,
    and a page shows dozens of cards."""
    request = context.get("request")
    found = getattr(request, "_card_render_context", None)
    if found is None:
        found = render_context()
        if request is not None:
            request._card_render_context = found
    return found


def _render(context, template, name, story, args):
    key_of = getattr(story, "key", None)
    if key_of is None:  # not a Card: nothing to key it by
        return _macro(template, name)(story, *args)
    key = (template, args, key_of(), _environment(context))
    return _cards.get(key, lambda: _macro(template, name)(story, *args))


@pass_context
def card(context, story, heading="h3", show_image=False, show_section=False):
    """A story in a grid or list (reader/includes/card.html)."""
    return _render(
        context,
        "reader/includes/card.html",
        "card",
        story,
        (heading, show_image, show_section),
    )


@pass_context
def latest_item(context, story, level, ratio, size, variant=""):
    """A story in The Latest (reader/includes/the_latest_item.html)."""
    return _render(
        context,
        "reader/includes/the_latest_item.html",
        "item",
        story,
        (level, ratio, size, variant),
    )
