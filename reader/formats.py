"""How times and plain text read on the site, shared by the Jinja2 pages,
the admin's templates and reader.comments."""

import re
from datetime import UTC

from django.utils import timezone
from django.utils.translation import get_language, override, pgettext_lazy
from markupsafe import Markup, escape

from pagecache.memos import Memo


def iso(value):
    """A machine-readable time for <time datetime> and metadata: UTC, whole
    seconds. (Django's "c" format keeps microseconds, which HTML's datetime
    grammar, at most three fractional digits, rejects.)"""
    if not value:
        return ""
    return value.astimezone(UTC).isoformat(timespec="seconds")


MONTHS = (
    pgettext_lazy("month name", "January"),
    pgettext_lazy("month name", "February"),
    pgettext_lazy("month name", "March"),
    pgettext_lazy("month name", "April"),
    pgettext_lazy("month name", "May"),
    pgettext_lazy("month name", "June"),
    pgettext_lazy("month name", "July"),
    pgettext_lazy("month name", "August"),
    pgettext_lazy("month name", "September"),
    pgettext_lazy("month name", "October"),
    pgettext_lazy("month name", "November"),
    pgettext_lazy("month name", "December"),
)
SHORT_MONTHS = (
    pgettext_lazy("abbreviated month name", "Jan"),
    pgettext_lazy("abbreviated month name", "Feb"),
    pgettext_lazy("abbreviated month name", "Mar"),
    pgettext_lazy("abbreviated month name", "Apr"),
    pgettext_lazy("abbreviated month name", "May"),
    pgettext_lazy("abbreviated month name", "Jun"),
    pgettext_lazy("abbreviated month name", "Jul"),
    pgettext_lazy("abbreviated month name", "Aug"),
    pgettext_lazy("abbreviated month name", "Sep"),
    pgettext_lazy("abbreviated month name", "Oct"),
    pgettext_lazy("abbreviated month name", "Nov"),
    pgettext_lazy("abbreviated month name", "Dec"),
)
# Between a date and its time of day: "24 November 2026, 09:15".
TIME_SEPARATOR = pgettext_lazy("between a date and its time", ", ")

_words = Memo("month names", size=16)


def _date_words(language=None):
    """The month names, long and short, and the separator before the time,
    in `language` (the active one): looked up once per language and process."""
    language = language or get_language()

    def words():
        with override(language):
            return (
                tuple(str(name) for name in MONTHS),
                tuple(str(name) for name in SHORT_MONTHS),
                str(TIME_SEPARATOR),
            )

    return _words.get(language, words)


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def reader_date(value, style="long", *, language=None, digits="latn"):
    """A time as readers see it, in the site's time zone and the reader's
    language (`language`, by default the active one: the edition's month
    names come from its translations): "24 November 2026, 09:15" (long,
    Django's "j F Y, H:i") or "24 Nov, 09:15" (short, "j M, H:i"); with
    Arabic-Indic digits for digits "arab" (the edition's, reader.jinja2
    passes them). A fraction of the cost of Django's date filter, on every
    card of a page."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local_date(local, style, language=language, digits=digits)


def local_date(local, style="long", *, language=None, digits="latn"):
    """reader_date() of a time already in the site's time zone."""
    months, short_months, separator = _date_words(language)
    time = f"{local.hour:02d}:{local.minute:02d}"
    if style == "short":
        text = f"{local.day} {short_months[local.month - 1]}{separator}{time}"
    else:
        text = f"{local.day} {months[local.month - 1]} {local.year}{separator}{time}"
    return text.translate(ARABIC_INDIC) if digits == "arab" else text


def edition_digits(text, digits):
    """Numbers in `text` in the edition's digits."""
    return str(text).translate(ARABIC_INDIC) if digits == "arab" else str(text)


# What follows the dateline at the start of a story: "ERBIL, Kurdistan Region – US
# officials say...". A no-break space keeps the dash off the start of a line.
# Editions set it in their own way (translated as the "dateline separator").
DATELINE_SEPARATOR = "\u00a0– "
LEADING_PARAGRAPH = re.compile(r"\s*<p(?:\s[^>]*)?>")


def with_dateline(body, dateline):
    """A story's body (sanitised HTML, articles.richtext) with its dateline
    as the lead-in of the first paragraph, as newspapers print it; in a
    paragraph of its own when the story opens with something else (a
    heading, a picture). The dateline is escaped; the body is kept as is."""
    body = Markup(body)
    if not dateline:
        return body
    lead = Markup('<span class="article__dateline">{}</span>').format(dateline)
    opening = LEADING_PARAGRAPH.match(body)
    if opening is None:
        return Markup("<p>{}</p>").format(lead) + body
    lead += DATELINE_SEPARATOR
    return Markup(body[: opening.end()]) + lead + Markup(body[opening.end() :])


PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def linebreaks(value):
    """Paragraphs and <br> from plain text, the text escaped: Django's
    linebreaks filter, at a third of the cost (every comment goes through it)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return Markup(
        "\n\n".join(
            f"<p>{str(escape(paragraph)).replace(chr(10), '<br>')}</p>"
            for paragraph in PARAGRAPH_BREAK.split(text)
        )
    )
