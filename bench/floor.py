"""The framework floor: the fastest page Django itself can serve.

A bare view renders an HTML page shaped like our article page (head, section
navigation, headline, body paragraphs, a "latest" list) from a dict held in
memory: no database, no cache, no context processors. Served by the same
gunicorn and middleware as the real pages, it is the yardstick bench/run_wrk.py
measures them against. Only wired in when BENCH_FLOOR=1 (newsroom/urls.py).

BENCH_FLOOR_BYTES sets the page size (run_wrk.py passes the size of the real
article page, so both send the same number of bytes).
"""

import os

from django.http import HttpResponse
from django.template import engines

TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ article.headline }} | {{ site }}</title>
<meta name="description" content="{{ article.standfirst }}">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<header class="masthead"><a class="masthead__name" href="/">{{ site }}</a>
<nav class="sections-nav" aria-label="Sections"><ul>
{% for name, url in sections %}<li><a href="{{ url }}">{{ name }}</a></li>
{% endfor %}</ul></nav></header>
<main id="main" class="page">
<article class="article">
<p class="kicker"><a href="{{ article.section_url }}">{{ article.section }}</a></p>
<h1>{{ article.headline }}</h1>
<p class="standfirst">{{ article.standfirst }}</p>
<p class="byline">By {% for author in article.authors %}<a href="{{ author.url }}">{{ author.name }}</a>{% if not forloop.last %} and {% endif %}{% endfor %}
<time datetime="{{ article.published }}">{{ article.published }}</time></p>
<div class="article__body">
{% for paragraph in article.paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}</div>
</article>
<aside aria-label="The Latest"><h2>The Latest</h2><ol>
{% for story in latest %}<li><a href="{{ story.url }}">{{ story.headline }}</a> <time>{{ story.published }}</time></li>
{% endfor %}</ol></aside>
</main>
<footer class="site-footer"><p>{{ site }}</p></footer>{% if padding %}
<!-- {{ padding }} -->{% endif %}
</body>
</html>
"""
)

SENTENCE = (
    "The council voted on Tuesday to keep the library open on Sundays, after a "
    "petition signed by more than four thousand residents. "
)


def build_page(target_bytes):
    """The in-memory content, padded so the page is about target_bytes long."""
    data = {
        "site": "The Newsroom",
        "sections": [(f"Section {n}", f"/section/section-{n}/") for n in range(1, 9)],
        "article": {
            "headline": "Library stays open on Sundays after residents' petition",
            "standfirst": "Councillors reversed the cut after a campaign by readers.",
            "section": "Local",
            "section_url": "/section/local/",
            "authors": [{"name": "Sam Writer", "url": "/author/sam-writer/"}],
            "published": "2026-11-24T06:00:00+00:00",
            "paragraphs": [],
        },
        "latest": [
            {
                "url": f"/news/story-{n}/",
                "headline": f"Another story of the day, number {n}",
                "published": "2026-11-24T05:00:00+00:00",
            }
            for n in range(10)
        ],
    }
    base = len(TEMPLATE.render(data).encode())
    paragraph = SENTENCE * 4
    paragraph_bytes = len(paragraph.encode()) + 8
    count = max(1, (target_bytes - base) // paragraph_bytes)
    data["article"]["paragraphs"] = [paragraph] * count
    missing = target_bytes - len(TEMPLATE.render(data).encode()) - 10
    data["padding"] = "x" * max(0, missing)
    return data


PAGE = build_page(int(os.environ.get("BENCH_FLOOR_BYTES") or 40_000))


def floor(request):
    return HttpResponse(TEMPLATE.render(PAGE))
