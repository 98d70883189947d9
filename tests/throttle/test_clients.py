"""One rule for the client's address: comments, their rate limits and login
protection all read throttle.clients.client_ip."""

import pytest
from axes.models import AccessAttempt
from django.core import checks
from django.test import RequestFactory
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import form_data
from tests.factories import make_article, make_user
from throttle.clients import client_ip

LOAD_BALANCER = "10.0.0.5"
CDN_EDGE = "198.51.100.1"


def ip(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@pytest.fixture(autouse=True)
def _no_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXIES = []


def test_without_proxies_the_client_is_the_peer_and_the_header_is_ignored():
    assert ip("203.0.113.7", "192.0.2.1") == "203.0.113.7"


def test_behind_a_cdn_and_a_load_balancer_each_reader_is_told_apart(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # Each proxy appends the address it saw; the left-most entry is the
    # client's own to forge.
    assert ip(LOAD_BALANCER, f"203.0.113.7, {CDN_EDGE}") == "203.0.113.7"
    assert ip(LOAD_BALANCER, f"192.0.2.99, 203.0.113.8, {CDN_EDGE}") == "203.0.113.8"


def test_trusted_networks_skip_any_number_of_our_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "198.51.100.0/24"]
    assert ip(LOAD_BALANCER, f"192.0.2.99, 203.0.113.7, {CDN_EDGE}") == "203.0.113.7"
    # Straight to the load balancer, past the CDN: still the real peer,
    # not the entry the client wrote.
    assert ip(LOAD_BALANCER, "192.0.2.99, 203.0.113.7") == "203.0.113.7"
    assert ip("203.0.113.9", "192.0.2.99") == "203.0.113.9"  # no proxy at all


def test_addresses_are_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert ip(LOAD_BALANCER, "203.0.113.7:51234") == "203.0.113.7"
    assert ip(LOAD_BALANCER, "[2001:DB8::1]:443") == "2001:db8::1"
    assert ip(LOAD_BALANCER, "::ffff:203.0.113.7") == "203.0.113.7"
    # Not an address ("unknown"): the proxy's own stands in, so limits still count.
    assert ip(LOAD_BALANCER, "unknown") == LOAD_BALANCER
    assert ip("", None) is None


@pytest.mark.django_db
def test_comments_and_logins_see_the_same_reader_behind_a_cdn(client, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.AXES_ENABLED = True
    article = make_article()
    for n in (7, 8):
        response = client.post(
            reverse("reader:comment", args=[article.slug]),
            form_data(article),
            REMOTE_ADDR=LOAD_BALANCER,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {CDN_EDGE}",
        )
        assert response.status_code == 302
    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == [
        "203.0.113.7",
        "203.0.113.8",
    ]
    editor = make_user("editor")
    client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": "wrong"},
        REMOTE_ADDR=LOAD_BALANCER,
        HTTP_X_FORWARDED_FOR=f"203.0.113.7, {CDN_EDGE}",
    )
    assert AccessAttempt.objects.get(username=editor.username).ip_address == "203.0.113.7"


def test_the_removed_comments_header_setting_is_reported(settings):
    settings.COMMENTS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    messages = [m for m in checks.run_checks() if m.id == "throttle.W001"]
    assert len(messages) == 1
    assert "TRUSTED_PROXY_COUNT" in messages[0].hint
    del settings.COMMENTS_CLIENT_IP_HEADER
    assert not [m for m in checks.run_checks() if m.id == "throttle.W001"]
