"""Schema.org structured data (JSON-LD) for articles, the front page and lists.

Builders return plain dicts; `reader.seo` renders them into
`<script type="application/ld+json">` with `<`, `>` and `&` escaped, so a
headline containing `</script>` cannot end the element early.
"""

import mimetypes

from django.templatetags.static import static
from django.urls import reverse

from articles.links import absolute_url
from reader import editions
from reader.formats import iso

CONTEXT = "https://schema.org"
LOGO = ("img/logo.png", 600, 60)


def organization():
    path, width, height = LOGO
    return {
        "@type": "Organization",
        "@id": absolute_url(editions.front_url()) + "#organization",
        "name": editions.site_name(),
        "url": absolute_url(editions.front_url()),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(path)),
            "width": width,
            "height": height,
        },
    }


def website():
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": absolute_url(editions.front_url()) + "#website",
        "name": editions.site_name(),
        "description": editions.site_description(),
        "url": absolute_url(editions.front_url()),
        "inLanguage": editions.current_code(),
        "publisher": {"@id": absolute_url(editions.front_url()) + "#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("search:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def front_page():
    return [{"@context": CONTEXT, **organization()}, website()]


def breadcrumbs(trail):
    """`trail`: (name, path) pairs from the front page down to this page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def article_breadcrumbs(article):
    section = (
        [(article.section.name, article.section.get_absolute_url())] if article.section else []
    )
    return breadcrumbs(
        [
            (editions.site_name(), editions.front_url()),
            *section,
            (article.headline, article.get_absolute_url()),
        ]
    )


def lead_image_info(article):
    """image_info() of the article's lead image, worked out once per article
    object (the sharing meta and the JSON-LD both show it)."""
    try:
        return article.__dict__["_lead_image_info"]
    except KeyError:
        info = article.__dict__["_lead_image_info"] = image_info(article.lead_image)
        return info


def news_article(article, tags=()):
    url = absolute_url(article.get_absolute_url())
    image = lead_image_info(article)
    modified = max(article.updated_at, article.publish_at) if article.publish_at else None
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": iso(article.publish_at) or None,
        "dateModified": iso(modified) or None,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
                **({"sameAs": [author.profile_url]} if author.profile_url else {}),
            }
            for author in article.byline
        ],
        "image": ([image["url"]] if image else [absolute_url(static("img/logo-square.png"))]),
        "publisher": organization(),
        "articleSection": article.section.name if article.section else None,
        "keywords": [tag.name for tag in tags],
        "inLanguage": article.edition_id,
        "isAccessibleForFree": True,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if image:
        data["thumbnailUrl"] = image["url"]
    return {key: value for key, value in data.items() if value is not None}


def image_info(image, *, length=False):
    """Address, type and dimensions of a library image, for feeds, JSON-LD and
    sharing meta; with `length`, its size in bytes too (RSS enclosures need
    it). Pages leave it out: on object storage it would be a request per page."""
    if image is None or not image.file:
        return None
    mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
    info = {
        "url": absolute_url(image.file.url),
        "type": mime_type,
        "width": image.width,
        "height": image.height,
        "alt": image.alt_text,
    }
    if length:
        try:
            info["length"] = image.file.size
        except (OSError, ValueError):
            # A file gone missing from storage must not break a feed: RSS
            # allows 0 for an unknown length.
            info["length"] = 0
    return info


def join_names(names):
    """ "A", "A and B", "A, B and C": how a byline reads."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
