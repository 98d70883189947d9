import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

EXPECTED = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def public_and_admin_urls():
    article = make_article()
    return [
        "/",
        article.get_absolute_url(),
        reverse("reader:latest"),
        article.section.get_absolute_url(),
        "/no-such-page/",
        reverse("admin:login"),
    ]


def assert_hardened(response):
    for header, value in EXPECTED.items():
        assert response.headers.get(header) == value, (response.request["PATH_INFO"], header)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split("; ") if part.strip()
    )
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert all(
        source == "'self'" or source.startswith("'sha256-") for source in directives["script-src"]
    )
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@override_settings(SECURE_SSL_REDIRECT=False)
def test_security_headers_on_public_pages_and_admin_login(client):
    for url in public_and_admin_urls():
        # The second request of a public page is answered from the page
        # cache: it must be just as hardened.
        for _ in range(2):
            response = client.get(url, secure=True)
            assert response.status_code in {200, 404}, url
            assert_hardened(response)


def test_security_headers_on_admin_pages_for_staff(client):
    article = make_article()
    client.force_login(make_user(superuser=True))
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_hardened(response)


def test_cookies_are_secure_and_http_only(client):
    user = make_user(password="a-long-password-1")
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "a-long-password-1"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = client.get(reverse("admin:login"), secure=True).cookies.get("csrftoken")
    if csrf is not None:
        assert csrf["secure"] and csrf["httponly"]


def test_plain_http_from_the_network_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org", "127.0.0.1"]
    response = client.get("/latest/", HTTP_HOST="news.example.org")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://news.example.org/latest/"


def test_plain_http_on_loopback_is_served(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org", "127.0.0.1"]
    response = client.get("/latest/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    # HSTS is only ever sent over HTTPS.
    assert "Strict-Transport-Security" not in response.headers


def test_head_requests_get_headers_without_a_body(client):
    make_article()
    get = client.get("/")
    head = client.head("/")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(get.content))
