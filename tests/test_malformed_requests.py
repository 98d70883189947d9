"""No request gives a 500, however malformed.

A battery of bad input thrown at every URL pattern of the site: readers'
pages, feeds and sitemaps with odd page numbers, cursors, dates, bodies,
methods and headers, anonymously; and every admin view that takes an id,
with ids that are no id, as each staff role. Patterns are found by walking
the URL configuration, so a new one is covered (or the test says it needs a
sample value). Every 4xx page a browser shows is in the site's design.
"""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from articles.models import Article
from editorial.models import ShareLink
from pages.models import Page
from tests.comments.helpers import make_comment, make_moderator
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db

BOGUS_PAGES = [
    "page=٣",  # Arabic-Indic digit
    "page=３",  # fullwidth
    "page=²",  # a digit int() refuses
    "page=" + "9" * 5000,  # more digits than int() reads
    "page=99999999999999999999",
    "page=-1",
    "page=0",
    "page=01",
    "page=%00",
    "page=%FF",
    "page=1&page=2",
    "before=x",
    "before=٢٠٢٦٠١٠١T000000.000000Z-١",
    "before=20260101T000000.000000Z-99999999999999999999",
    "after=99991231T235959.999999Z-1",
    "after=00010101T000000.000000Z-1",
    "before=%00",
    "before=20260101T000000.000000Z-1&after=20260101T000000.000000Z-1",
    "p=٣",
    "p=0",
    "p=" + "9" * 30,
]
BOGUS_SEARCHES = [
    "q=%00",
    "q=%FF%FE",
    "q=" + "word%20" * 3000,
    "q=%3Cscript%3E",
    "q=dams&since=9999-12-31",
    "q=dams&until=9999-12-31",
    "q=dams&since=0001-01-01&until=0001-01-01",
    "q=dams&since=%00&until=31/02/2026",
    "q=dams&section=%00",
    "q=dams&section=" + quote("کوردستان"),
    "q=dams&until=9999-12-31&page=٣",
    "%FF=%FF",
    "=&&&=",
]
BOGUS_SLUGS = ["no-such-thing", "٣", quote("🔥"), "%00", "%FF", "a" * 3000]
BAD_BODIES = [
    ("application/x-www-form-urlencoded; charset=nonsense", b"name=x&body=y"),
    ("application/x-www-form-urlencoded; charset=latin-1", b"name=\xe9&body=y"),
    ("multipart/form-data; charset=nonsense", b"name=x"),  # no boundary
    ("multipart/form-data; boundary=zz", b"--zz\r\nnonsense"),
    ("application/json", b"{not json"),
    ("text/plain; charset=", b"\xff\xfe"),
]
BAD_HEADERS = [
    {"HTTP_HOST": "not-our-site.example"},
    {"HTTP_HOST": "bad host name"},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday-ish"},
    {"HTTP_IF_NONE_MATCH": '"'},
    {"HTTP_COOKIE": "csrftoken=%FF; sessionid=garbage; messages=garbage"},
    {"HTTP_ACCEPT_LANGUAGE": "x" * 500},
    {"HTTP_X_FORWARDED_FOR": "not-an-address, , 999.1.1.1"},
]
# Not a number, too big for any column, a NUL, no such object.
BOGUS_IDS = ["abc", "9" * 30, "%00", "424242"]


@pytest.fixture
def site():
    section = make_section("World", slug="world")
    author = make_author("Hana", slug="hana")
    story = make_article(section=section, authors=[author], tags=["Dams", "کوردستان"])
    make_comment(story)
    approved = make_comment(story, status="approved")
    draft = make_article(status=Article.Status.DRAFT, section=section, authors=[author])
    link = ShareLink.objects.create(article=draft, expires_at=timezone.now() + timedelta(days=1))
    about = Page.objects.create(title="About us", body="<p>Us.</p>", published=True)
    return {
        "reader:article": {"slug": story.slug},
        "reader:section": {"slug": section.slug},
        "reader:topic": {"slug": "dams"},
        "reader:author": {"slug": author.slug},
        "reader:comment": {"slug": story.slug},
        "reader:comment-token": {"slug": story.slug},
        "reader:comments": {"slug": story.slug},
        "syndication:section": {"slug": section.slug},
        "syndication:section-atom": {"slug": section.slug},
        "syndication:tag": {"slug": "dams"},
        "syndication:tag-atom": {"slug": "dams"},
        "syndication:author": {"slug": author.slug},
        "syndication:author-atom": {"slug": author.slug},
        "syndication:sitemap": {"section": "articles"},
        "reader:shared-preview": {"token": link.token},
        "reader:staff-preview": {"pk": str(story.pk)},
        "reader:unsaved-preview-story": {"pk": str(story.pk)},
        "reader:page": {"slug": about.slug},
        "reader:report-comment": {"pk": str(approved.pk)},
    }


def patterns(resolvers, prefix="", namespace=None):
    """(route, URL name) of every pattern under `resolvers`, routes joined."""
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name


def public_addresses(site):
    """The address of every public URL pattern, with real values in it, and
    the values it holds (to swap for bogus ones)."""
    addresses = []
    for route, name in patterns(get_resolver().url_patterns):
        if route.startswith((settings.ADMIN_URL, "^")):
            continue  # the admin (tested below) and media files
        values = site.get(name, {})
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        assert set(params) == set(values), f"give {name} ({route}) sample values"
        address = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, v=values: quote(v[m[1]]), route)
        addresses.append((address, [quote(v) for v in values.values()]))
    assert len(addresses) >= 20
    return addresses


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code)
    if 400 <= response.status_code < 500 and response.get("Content-Type", "").startswith(
        "text/html"
    ):
        # A page a browser shows: in the site's design, with a plain message.
        assert b'class="masthead"' in response.content, (what, response.content[:300])


def test_no_anonymous_request_to_a_public_address_is_a_server_error(site):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for address, values in public_addresses(site):
        for query in BOGUS_PAGES + BOGUS_SEARCHES:
            assert_no_server_error(client.get(f"{address}?{query}"), (address, query))
        for value in values:
            for bogus in BOGUS_SLUGS:
                wrong = address.replace(value, bogus)
                assert_no_server_error(client.get(wrong), wrong)
        for content_type, body in BAD_BODIES:
            response = client.generic("POST", address, body, content_type=content_type)
            assert_no_server_error(response, (address, content_type))
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"):
            response = client.generic(method, address)
            assert response.status_code < 500, (address, method)
        for headers in BAD_HEADERS:
            assert_no_server_error(client.get(address, **headers), (address, headers))


def admin_routes_with_ids():
    """Every admin route that takes an object's id (and version ids)."""
    routes = [
        route
        for route, _ in patterns(admin.site.urls[0])
        if "object_id>" in route or "_id>" in route
    ]
    assert len(routes) >= 30
    return routes


@pytest.mark.parametrize("role", ["superuser", "Journalists", "Moderators"])
def test_no_staff_request_with_a_bad_id_is_a_server_error(site, role):
    if role == "superuser":
        user = make_user(superuser=True)
    elif role == "Moderators":
        user = make_moderator()
    else:
        user = member(role, "jo")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    for route in admin_routes_with_ids():
        for bogus in BOGUS_IDS:
            address = "/admin/" + re.sub(r"<(?:\w+:)?\w+>", bogus, route)
            assert_admin_ok(client.get(address), address)
            assert_admin_ok(client.post(address, {"next": "/admin/", "reason": "x"}), address)
        response = client.generic(
            "POST", address, b"a=b", content_type="application/x-www-form-urlencoded; charset=x"
        )
        assert_admin_ok(response, (address, "charset"))


def assert_admin_ok(response, what):
    assert response.status_code < 500, (what, response.status_code)


def test_anonymous_requests_with_bad_ids_go_to_the_login_page(site):
    client = Client(raise_request_exception=False)
    for route in admin_routes_with_ids():
        address = "/admin/" + re.sub(r"<(?:\w+:)?\w+>", "abc", route)
        for response in (client.get(address), client.post(address)):
            assert response.status_code == 302, address
            assert response["Location"].startswith("/admin/login/")
