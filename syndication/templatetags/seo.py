"""Template tags for discovery: JSON-LD, canonical links, sharing meta.

{% load seo %}
{% canonical_url %}                    absolute address of this page on SITE_URL
{{ some_path|absolute }}               any path made absolute on SITE_URL
{% json_ld data %}                     a <script type="application/ld+json">
{% article_json_ld article tags %}     NewsArticle + BreadcrumbList
{% front_json_ld %}                    Organization + WebSite with SearchAction
{% breadcrumbs_json_ld name path ... %} BreadcrumbList for list pages
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from syndication import structured_data
from syndication.utils import absolute_url, image_info

register = template.Library()

# The escapes of Django's json_script: JSON stays valid, HTML cannot break out.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def absolute(url):
    return absolute_url(str(url))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page on SITE_URL; only a `page` number survives from the query string."""
    request = context.get("request")
    if request is None:
        return absolute_url("/")
    url = absolute_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


@register.simple_tag
def json_ld(data):
    items = data if isinstance(data, list) else [data]
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (
                mark_safe(
                    json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
                        _JSON_SCRIPT_ESCAPES
                    )
                ),
            )
            for item in items
        ),
    )


@register.simple_tag
def article_json_ld(article, tags=()):
    return json_ld(
        [
            structured_data.news_article(article, tags),
            structured_data.article_breadcrumbs(article),
        ]
    )


@register.simple_tag
def front_json_ld():
    return json_ld(structured_data.front_page())


@register.simple_tag
def breadcrumbs_json_ld(*pairs):
    trail = [(settings.SITE_NAME, "/")] + [
        (pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)
    ]
    return json_ld(structured_data.breadcrumbs(trail))


@register.inclusion_tag("syndication/includes/article_meta.html", takes_context=True)
def article_meta(context, article, tags=()):
    """Open Graph and Twitter card meta of an article."""
    image = image_info(article.lead_image)
    handles = [author.social_handle for author in article.byline if author.social_handle]
    return {
        "article": article,
        "tags": tags,
        "url": absolute_url(article.get_absolute_url()),
        "image": image,
        "creator": handles[0] if handles else "",
        "authors": [absolute_url(author.get_absolute_url()) for author in article.byline],
        "SITE_NAME": settings.SITE_NAME,
        "modified": max(article.updated_at, article.publish_at)
        if article.publish_at
        else article.updated_at,
    }


@register.simple_tag
def feed_link(kind, title, url_name, slug=None):
    """<link rel="alternate"> for feed autodiscovery."""
    types = {
        "rss": "application/rss+xml",
        "atom": "application/atom+xml",
        "json": "application/feed+json",
    }
    return format_html(
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        types[kind],
        title,
        absolute_url(reverse(url_name, args=[slug] if slug else [])),
    )
