"""The site under a failing dependency, for real: gunicorn on production
settings, with its Redis stopped or hung, or its database gone.

A cache only makes the site faster: without Redis every reader page is
served from the database, comments are still taken, and /healthz says
"degraded" (a load balancer keeps the server). Without the database, pages
in the page cache are still served (marked stale when outdated) and
everything else gets a 503 page in the site's design.

The database test runs on PostgreSQL (through a proxy the test cuts) on a
PostgreSQL run of the suite, and on SQLite (its file taken away) otherwise.
"""

import json
import time

import pytest

from tests.production.servers import RedisServer, Site, suite_database

pytestmark = pytest.mark.servers

COMMENT = "The new opening hours are a real help for shift workers."
COUNT_COMMENTS = f"""
import json
from comments.models import Comment
print(json.dumps(Comment.objects.filter(body={COMMENT!r}).count()))
"""


@pytest.fixture
def redis():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site_factory(tmp_path):
    sites = []

    def make(database, **kwargs):
        site = Site(tmp_path, database, **kwargs)
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.stop()
        site.database.drop()


def timed_get(browser, path):
    started = time.monotonic()
    status, body, headers = browser.get(path)
    return status, body, headers, time.monotonic() - started


def post_comment(browser, article_url):
    """Open the story, fetch the form's token as its script does, wait the
    form's minimum fill time, post a comment."""
    status, page, _ = browser.get(article_url)
    assert status == 200
    status, token, _ = browser.get(f"{article_url}comment/token/")
    # Without it (the database down) the script leaves the field empty.
    fields = {"ts": json.loads(token)["ts"] if status == 200 else ""}
    time.sleep(1.2)  # COMMENTS_MIN_FILL_SECONDS=1 on these servers
    return browser.post(
        f"{article_url}comment/",
        {**fields, "name": "Pat Reader", "email": "pat@example.org", "body": COMMENT},
    )


def test_reader_pages_and_comments_survive_redis_hanging_and_going_away(
    redis, site_factory, tmp_path
):
    site = site_factory(suite_database(), redis_url=redis.url)
    story = site.prepare()["articles"][0]
    site.start()
    reader = site.browser()
    pages = ["/", story, "/latest/", "/feeds/latest/"]
    for path in pages * 2:
        assert reader.get(path)[0] == 200, path
    assert redis.key_count() > 0  # pages, versions and memos are in Redis

    # Hung: Redis takes connections and answers nothing. Each worker waits
    # for one short timeout, then skips the cache for a while.
    redis.pause()
    for path in pages * 2:
        status, body, _, seconds = timed_get(reader, path)
        assert status == 200, (path, body[:500])
        assert seconds < 2.5, (path, seconds)

    # Gone: connections are refused.
    redis.resume()
    redis.stop()
    for path in pages:
        status, body, _, seconds = timed_get(site.browser(), path)
        assert status == 200, (path, body[:500])
        assert seconds < 2.5, (path, seconds)
    assert "Library hours extended" in site.browser().get(story)[1]

    status, body, _ = reader.get("/healthz")
    assert status == 200  # the load balancer keeps this server
    assert json.loads(body) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }

    commenter = site.browser()
    status, _, headers = post_comment(commenter, story)
    assert status == 302, site.log()[-3000:]
    assert headers["Location"].split("#")[0].endswith(story)
    status, page, _ = commenter.get(story)
    assert status == 200 and "awaits moderation" in page
    assert site.shell(COUNT_COMMENTS) == 1
    log = site.log()
    assert "Internal Server Error" not in log and '"status": 500' not in log, log[-3000:]


EDIT_HEADLINE = """
import json
from articles.models import Article
story = Article.objects.get(slug="story-0")
story.headline = "Library hours extended again"
story.save()
print(json.dumps(story.headline))
"""


def test_cached_pages_outlive_the_database_and_the_rest_says_503(redis, site_factory):
    database = suite_database()
    site = site_factory(database, redis_url=redis.url)
    story = site.prepare()["articles"][0]
    site.start()
    reader = site.browser()
    for path in ("/", story, "/latest/"):
        for _ in range(2):
            assert reader.get(path)[0] == 200, path
    # An editor changes the story; nobody reads it before the database goes.
    site.shell(EDIT_HEADLINE)

    database.stop()
    status, page, headers = reader.get(story)
    assert status == 200, page[:500]
    assert "Library hours extended" in page  # the copy readers saw last
    assert "stale-if-error" in headers.get("Cache-Status", ""), headers
    assert "no-store" in headers["Cache-Control"]
    assert reader.get("/latest/")[0] == 200

    for path in ("/author/sam-writer/", "/section/world/", "/search/?q=council"):
        status, page, headers = reader.get(path)
        assert status == 503, (path, page[:500])
        assert headers["Retry-After"].isdigit()
        assert "The Newsroom" in page and "/static/css/site." in page  # the site's design
        assert "temporarily unavailable" in page.lower()
    # A reader posts from the stale copy of the story: nothing can be stored.
    status, page, headers = post_comment(site.browser(), story)
    assert status == 503 and headers["Retry-After"].isdigit()
    status, body, _ = reader.get("/healthz")
    assert status == 503 and json.loads(body)["checks"]["database"] == "unavailable"

    database.start()
    status, page, headers = reader.get(story)
    assert status == 200 and "Library hours extended again" in page
    assert "Cache-Status" not in headers
