"""Discovery in readers' pages: JSON-LD, canonical links, sharing meta.

Globals of the Jinja2 environment (reader/jinja2.py):
canonical_url(request)                 absolute address of this page on SITE_URL
json_ld(data)                          a <script type="application/ld+json">
article_json_ld(article, tags)         NewsArticle + BreadcrumbList
front_json_ld()                        Organization + WebSite with SearchAction
breadcrumbs_json_ld(name, path, ...)   BreadcrumbList for list pages
article_meta(article, tags)            what reader/includes/article_meta.html shows
feed_link(kind, title, url_name, slug) <link rel="alternate"> for feed autodiscovery
share_links(article)                   (label, address) of each way to share a story
"""

import json
from urllib.parse import quote

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.links import absolute_url, url
from pagecache.memos import Memo
from reader import editions, structured_data
from reader.pagination import is_canonical_page
from reader.static import static_url


def canonical_url(request):
    """This page on SITE_URL; only a `page` number survives from the query string."""
    if request is None:
        return absolute_url("/")
    url = absolute_url(escape_uri_path(request.path))
    page = request.GET.get("page", "")
    if is_canonical_page(page):
        url += f"?page={page}"
    return url


def json_ld(data):
    items = data if isinstance(data, list) else [data]
    return mark_safe(
        "\n".join(
            '<script type="application/ld+json">'
            + _script_safe(json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False))
            + "</script>"
            for item in items
        )
    )


def _script_safe(text):
    """The escapes of Django's json_script: JSON stays valid, HTML cannot
    break out of the <script>. (Three replace() calls: str.translate with a
    dict is several times slower on a page's worth of JSON.)"""
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def article_json_ld(article, tags=()):
    return json_ld(
        [
            structured_data.news_article(article, tags),
            structured_data.article_breadcrumbs(article),
        ]
    )


def front_json_ld():
    """The front page's Organization and WebSite: the same on every front
    page, so built once per process for each site identity and address."""
    return _front_json_ld(
        settings.SITE_URL,
        editions.site_name(),
        editions.site_description(),
        editions.current_code(),
        url("search:search"),
        static_url(structured_data.LOGO[0]),
    )


_json_ld = Memo("site-wide JSON-LD and feed links", size=512)


def _front_json_ld(*identity):
    return _json_ld.get(identity, lambda: json_ld(structured_data.front_page()))


def breadcrumbs_json_ld(*pairs):
    trail = [(editions.site_name(), editions.front_url())] + [
        (pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)
    ]
    return json_ld(structured_data.breadcrumbs(trail))


def article_meta(article, tags=()):
    """Open Graph and Twitter card meta of an article."""
    image = structured_data.lead_image_info(article)
    handles = [author.social_handle for author in article.byline if author.social_handle]
    return {
        "article": article,
        "tags": tags,
        "url": absolute_url(article.get_absolute_url()),
        "image": image,
        "creator": handles[0] if handles else "",
        "authors": [absolute_url(author.get_absolute_url()) for author in article.byline],
        "modified": max(article.updated_at, article.publish_at)
        if article.publish_at
        else article.updated_at,
    }


def share_links(article):
    """Plain links that share a story by e-mail or on a network: its address
    and headline in the link, nothing else (no script, no tracking)."""
    address, headline = absolute_url(article.get_absolute_url()), article.headline
    url, text = quote(address, safe=""), quote(headline, safe="")
    return [
        (_("E-mail"), f"mailto:?subject={text}&body={quote(f'{headline}\n{address}', safe='')}"),
        ("X", f"https://x.com/intent/post?text={text}&url={url}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("WhatsApp", f"https://wa.me/?text={quote(f'{headline} {address}', safe='')}"),
        ("Telegram", f"https://t.me/share/url?url={url}&text={text}"),
    ]


FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


def feed_link(kind, title, url_name, slug=None):
    """<link rel="alternate"> for feed autodiscovery. Every page has four,
    the same on page after page: each is built once per process (the key
    holds everything it depends on)."""
    href = absolute_url(url(url_name, slug) if slug else url(url_name))
    return _feed_link(FEED_TYPES[kind], title, href)


def _feed_link(mime_type, title, href):
    return _json_ld.get(
        (mime_type, title, href),
        lambda: format_html(
            '<link rel="alternate" type="{}" title="{}" href="{}">', mime_type, title, href
        ),
    )
