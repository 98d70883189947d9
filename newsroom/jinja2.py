"""The Jinja2 environment of the reader-facing pages.

Readers' pages (front, article, lists, search, comments, errors) are Jinja2
templates in `templates/`; the admin and its overrides (`templates/admin/`)
and XML sitemaps stay Django templates. Jinja2 compiles a template to Python
code, which renders our article page several times faster than the Django
template language (bench/run_wrk.py measures it): on a page nobody asked for
lately, rendering is most of the work.

Everything a template calls is listed here, in `environment()`.
"""

import re

import jinja2
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.text import Truncator
from markupsafe import Markup, escape

from articles.html import card, latest_item
from articles.links import url
from comments.page import (
    approved_comments,
    comment_form,
    comment_items,
    form_fields,
    widget,
)
from images.html import picture
from images.portraits import portrait
from newsroom.formats import iso, reader_date
from newsroom.shared import shared
from newsroom.static import static_url
from syndication import html as seo
from syndication.utils import absolute_url

# Templates Jinja2 must leave to the Django template engine.
DJANGO_ONLY = ("admin/",)
DJANGO_ONLY_SUFFIXES = (".xml", ".txt")


class ReaderLoader(jinja2.FileSystemLoader):
    """templates/, without the admin's Django templates and the XML sitemaps."""

    def get_source(self, environment, template):
        if template.startswith(DJANGO_ONLY) or template.endswith(DJANGO_ONLY_SUFFIXES):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)

    def list_templates(self):
        return [
            name
            for name in super().list_templates()
            if not name.startswith(DJANGO_ONLY) and not name.endswith(DJANGO_ONLY_SUFFIXES)
        ]


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


def linebreaksbr(value):
    return Markup(str(escape(value)).replace("\r\n", "\n").replace("\n", "<br>"))


def truncatewords(value, count):
    return Truncator(str(value)).words(count, truncate=" …")


def pluralize(count, forms="s"):
    """pluralize(2) -> "s"; pluralize(1, "y,ies") -> "y"."""
    singular, plural = forms.split(",") if "," in forms else ("", forms)
    return singular if count == 1 else plural


def breaking_news(request=None):
    """The breaking story for the banner (a dict), or None."""
    return shared(request)["breaking"]


def current_year():
    return timezone.localdate().year


def environment(**options):
    options["loader"] = ReaderLoader(settings.BASE_DIR / "templates")
    # Markup the templates write stays as written: no trimming surprises.
    options.setdefault("keep_trailing_newline", True)
    env = jinja2.Environment(**options)
    env.globals.update(
        url=url,
        static=static_url,
        picture=picture,
        card=card,
        latest_item=latest_item,
        portrait=portrait,
        breaking_news=breaking_news,
        approved_comments=approved_comments,
        comment_form=comment_form,
        comment_items=comment_items,
        form_fields=form_fields,
        widget=widget,
        current_year=current_year,
        canonical_url=seo.canonical_url,
        feed_link=seo.feed_link,
        json_ld=seo.json_ld,
        article_json_ld=seo.article_json_ld,
        front_json_ld=seo.front_json_ld,
        breadcrumbs_json_ld=seo.breadcrumbs_json_ld,
        article_meta=seo.article_meta,
    )
    env.filters.update(
        iso=iso,
        date=reader_date,
        linebreaks=linebreaks,
        linebreaksbr=linebreaksbr,
        truncatewords=truncatewords,
        intcomma=intcomma,
        pluralize=pluralize,
        absolute=absolute_url,
    )
    return env
