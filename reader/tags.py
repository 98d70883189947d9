"""What a page shows, as page-cache tags: the vocabulary, named once.

Views tag the pages they render with these (`tag_page`, `cached_page` below);
reader/invalidation.py bumps them when what they name changes. A tag is a
string only inside the page cache: everywhere else it is one of these names.

| tag            | carried by                                                  |
| -------------- | ----------------------------------------------------------- |
| SITE           | every page (the masthead's sections, the breaking banner,   |
|                | the footer's publication pages)                             |
| LATEST         | pages listing the newest stories site-wide: front page, The |
|                | Latest, the article sidebar (a fragment cached apart from   |
|                | the article pages: pagecache.fragments), site-wide feeds    |
|                | and sitemaps                                                |
| article(pk)    | the story's own page (and its comment pages)                |
| related(pk)    | the article pages listing it among their related stories    |
| section(slug)  | the section's page and feeds                                |
| topic(slug)    | the topic's page and feeds                                  |
| author(slug)   | the author's page and feeds                                 |
| page(pk)       | a publication page (about, contact...)                      |
| arranged(slug) | the front page (slug None) or a section's page: the stories |
|                | editors put in its top slots (editorial.models.Placement)   |
| PAGES          | the sitemaps, which list the publication pages              |
"""

import pagecache

SITE = "site"
LATEST = "latest"
PAGES = "pages"


def article(pk):
    return f"article:{int(pk)}"


def related(pk):
    """Pages listing story `pk` among their related stories (its card)."""
    return f"related:{int(pk)}"


def section(slug):
    return f"section:{slug}"


def topic(slug):
    return f"tag:{slug}"


def author(slug):
    return f"author:{slug}"


def page(pk):
    return f"page:{int(pk)}"


def arranged(slug=None):
    """The top slots of the front page (None) or of section `slug`'s page."""
    return f"arranged:{slug}" if slug else "arranged"


def tag_page(request, *tags, until=None, params=(), store=True):
    """pagecache.tag_page(), with SITE: every page shows the masthead."""
    pagecache.tag_page(request, SITE, *tags, until=until, params=params, store=store)


def cached_page(*tags, params=()):
    """pagecache.cached_page() with SITE, for views whose tags follow from
    their URL: a tag may be a function of the URL's keyword arguments, e.g.
    `cached_page(tags.section)` for `feeds/section/<slug:slug>/`."""
    return pagecache.cached_page(SITE, *tags, params=params)
