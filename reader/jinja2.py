"""The Jinja2 environment of the reader-facing pages.

Readers' pages (front, article, lists, search, comments, errors) are Jinja2
templates in `templates/`; the admin and its overrides (`templates/admin/`)
and XML sitemaps stay Django templates. Jinja2 compiles a template to Python
code, which renders our article page several times faster than the Django
template language (bench/run_wrk.py measures it): on a page nobody asked for
lately, rendering is most of the work.

Everything a template calls is listed here, in `environment()`.
"""

import jinja2
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext, npgettext, pgettext
from markupsafe import Markup, escape

from articles.links import absolute_url, url
from images.html import picture
from images.portraits import portrait
from pagecache.fragments import include as fragment
from pagecache.memos import Memo, address_context
from reader import editions, seo
from reader.comments import (
    comment_form,
    comment_items,
    form_fields,
    widget,
)
from reader.formats import edition_digits, iso, linebreaks, reader_date, with_dateline
from reader.html import card, latest_item
from reader.shared import shared
from reader.static import static_url

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


def linebreaksbr(value):
    return Markup(str(escape(value)).replace("\r\n", "\n").replace("\n", "<br>"))


def truncatewords(value, count):
    return Truncator(str(value)).words(count, truncate=" …")


_chrome = Memo("masthead and footer", size=64)


def site_chrome(part, links=(), current=None, current_kind="page"):
    """The masthead or the footer (templates/includes/<part>.html). Every page
    shows the same one until the sections or pages, the site's name or the
    year change, so each process renders each variant once: the key holds
    all they show. `links`: the masthead's sections or the footer's pages,
    (name, url) each; `current`: the url of the masthead's link to mark, as
    the page itself (`current_kind` "page") or the section a story is in
    ("true")."""
    links = tuple((name, link) for name, link in links)
    year = timezone.localdate().year if part == "footer" else None
    current = (current, current_kind) if current else None
    key = (
        part,
        links,
        current,
        year,
        address_context(),
        editions.site_name(),
        editions.site_description(),
    )

    def render():
        template = engines["jinja2"].env.get_template(f"includes/{part}.html")
        return Markup(
            template.render(
                links=links,
                current=current,
                SITE_NAME=editions.site_name(),
                SITE_DESCRIPTION=editions.site_description(),
            )
        )

    return _chrome.get(key, render)


def edition_date(value, style="long"):
    """The `date` filter: reader_date() in the current edition's language
    and digits (Arabic-Indic for Sorani)."""
    edition = editions.current()
    return reader_date(value, style, language=edition.code, digits=edition.digits)


def edition_number(value):
    """A count in the current edition's digits, thousands grouped."""
    return edition_digits(intcomma(value), editions.current().digits)


def edition_versions(request, translations=None):
    return editions.versions(request, translations)


def breaking_news(request=None):
    """The breaking story for the banner (a dict), or None."""
    return shared(request)["breaking"]


def current_year():
    return timezone.localdate().year


_translated = Memo("translated template strings", size=2048)


@jinja2.pass_context
def translate(context, message, **variables):
    """`_()` and `gettext()` in templates: Jinja2's new-style gettext (the
    catalogue's text as markup, `%` applied with the values escaped), with
    each string's translation kept per language. An article page has about
    thirty; kept, they render in about half the time they took through
    Django's gettext and Jinja2's own wrapper on every page."""
    if variables:
        text = _translated.get((get_language(), message), lambda: gettext(message))
        return Markup(text) % variables if context.eval_ctx.autoescape else text % variables
    if not context.eval_ctx.autoescape:
        return gettext(message) % {}
    return _translated.get((get_language(), message, "%"), lambda: Markup(gettext(message)) % {})


def environment(**options):
    options["loader"] = ReaderLoader(settings.BASE_DIR / "templates")
    # Markup the templates write stays as written: no trimming surprises.
    options.setdefault("keep_trailing_newline", True)
    # Readers' words are translated with Django's catalogues (locale/, in the
    # language the request activated): {{ _("The Latest") }},
    # {{ ngettext("%(num)s story", "%(num)s stories", n) }}. New-style: the
    # variables are keyword arguments, escaped, and the catalogue's text is
    # trusted markup (a translation may carry the link its sentence needs).
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    env = jinja2.Environment(**options)
    env.install_gettext_callables(
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
    env.globals.update(_=translate, gettext=translate)
    env.globals.update(
        url=url,
        static=static_url,
        picture=picture,
        card=card,
        latest_item=latest_item,
        portrait=portrait,
        breaking_news=breaking_news,
        comment_form=comment_form,
        comment_items=comment_items,
        form_fields=form_fields,
        widget=widget,
        current_year=current_year,
        site_chrome=site_chrome,
        fragment=fragment,
        canonical_url=seo.canonical_url,
        feed_link=seo.feed_link,
        json_ld=seo.json_ld,
        article_json_ld=seo.article_json_ld,
        front_json_ld=seo.front_json_ld,
        breadcrumbs_json_ld=seo.breadcrumbs_json_ld,
        article_meta=seo.article_meta,
        share_links=seo.share_links,
        edition_versions=edition_versions,
    )
    env.filters.update(
        iso=iso,
        date=edition_date,
        linebreaks=linebreaks,
        linebreaksbr=linebreaksbr,
        truncatewords=truncatewords,
        intcomma=edition_number,
        absolute=absolute_url,
        with_dateline=with_dateline,
    )
    return env
