"""How times and plain text read on the site, shared by the Jinja2 pages,
the admin's templates and reader.comments."""

import re
from datetime import UTC

from django.utils import timezone
from markupsafe import Markup, escape


def iso(value):
    """A machine-readable time for <time datetime> and metadata: UTC, whole
    seconds. (Django's "c" format keeps microseconds, which HTML's datetime
    grammar, at most three fractional digits, rejects.)"""
    if not value:
        return ""
    return value.astimezone(UTC).isoformat(timespec="seconds")


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# The months in each edition's language, as the region writes them: the
# Syriac-derived names of Iraq in Sorani and Arabic (کانوونی دووەم, كانون
# الثاني), the Kurmanji and Turkish ones. A language not here reads English.
EDITION_MONTHS = {
    "ckb": (
        "کانوونی دووەم",
        "شوبات",
        "ئازار",
        "نیسان",
        "ئایار",
        "حوزەیران",
        "تەممووز",
        "ئاب",
        "ئەیلوول",
        "تشرینی یەکەم",
        "تشرینی دووەم",
        "کانوونی یەکەم",
    ),
    "ar": (
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ),
    "kmr": (
        "Çile",
        "Sibat",
        "Adar",
        "Nîsan",
        "Gulan",
        "Hezîran",
        "Tîrmeh",
        "Tebax",
        "Îlon",
        "Cotmeh",
        "Mijdar",
        "Kanûn",
    ),
    "tr": (
        "Ocak",
        "Şubat",
        "Mart",
        "Nisan",
        "Mayıs",
        "Haziran",
        "Temmuz",
        "Ağustos",
        "Eylül",
        "Ekim",
        "Kasım",
        "Aralık",
    ),
}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def reader_date(value, style="long", *, language="en", digits="latn"):
    """A time as readers see it, in the site's time zone: "24 November 2026,
    09:15" (long, Django's "j F Y, H:i") or "24 Nov, 09:15" (short, "j M, H:i").
    A fraction of the cost of Django's date filter, on every card of a page.
    In `language`'s month names, and Arabic-Indic digits for digits "arab"
    (the edition's, reader.jinja2 passes them)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local_date(local, style, language=language, digits=digits)


def local_date(local, style="long", *, language="en", digits="latn"):
    """reader_date() of a time already in the site's time zone."""
    months = EDITION_MONTHS.get(language)
    if months is None:
        month = MONTHS[local.month - 1]
        if style == "short":
            month = month[:3]
    else:  # no customary abbreviations: the whole name
        month = months[local.month - 1]
    if style == "short":
        text = f"{local.day} {month}, {local.hour:02d}:{local.minute:02d}"
    else:
        text = f"{local.day} {month} {local.year}, {local.hour:02d}:{local.minute:02d}"
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
