"""Stories in lists as HTML: `card()` and `latest_item()` for the templates.

The markup lives in Jinja2 macros (templates/reader/includes/card.html and
the_latest_item.html). A list page shows twenty to thirty cards, and the same
cards appear on page after page (the front page, The Latest, the article
sidebar), so each worker keeps the HTML of the cards it rendered lately, keyed
by every value a card shows (its Card.key(), the macro's arguments, the time
zone, the script prefix and MEDIA_URL). A story that changes in any way is a
new key: the memo can never show an old headline, only skip rendering the same
one twice. It holds at most MEMO_SIZE cards (about 1.5 KB each): more than the front
page, The Latest and a list page show together.
"""

from collections import OrderedDict
from threading import Lock

from django.conf import settings
from django.template import engines
from django.urls import get_script_prefix
from django.utils import timezone
from jinja2 import pass_context

MEMO_SIZE = 512
_memo = OrderedDict()
_lock = Lock()


def _macro(template, name):
    return getattr(engines["jinja2"].env.get_template(template).module, name)


def _environment(context):
    """What a card's HTML depends on besides the story: the time zone, the
    script prefix and MEDIA_URL. Read once per request (each is a lookup in
    context-local storage, and a page shows dozens of cards)."""
    request = context.get("request")
    found = getattr(request, "_card_environment", None)
    if found is None:
        found = (timezone.get_current_timezone_name(), get_script_prefix(), settings.MEDIA_URL)
        if request is not None:
            request._card_environment = found
    return found


def _render(context, template, name, story, args):
    key_of = getattr(story, "key", None)
    if key_of is None:  # not a Card: nothing to key it by
        return _macro(template, name)(story, *args)
    key = (template, args, key_of(), _environment(context))
    with _lock:
        html = _memo.get(key)
        if html is not None:
            _memo.move_to_end(key)
            return html
    html = _macro(template, name)(story, *args)
    with _lock:
        _memo[key] = html
        if len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return html


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


def forget():
    """Empty the memo (tests that change templates or settings use it)."""
    with _lock:
        _memo.clear()
