import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on the discard port.
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_healthz_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


def test_healthz_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.cookies
    assert client.get("/healthz/").status_code == 200


def test_healthz_is_503_when_the_database_is_down(client, caplog):
    with mock.patch(
        "newsroom.health.connection.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}
    # The cause goes to the log, not to whoever asked.
    assert "connection refused" not in response.content.decode()
    assert "Health check failed: database" in caplog.text


def test_healthz_is_degraded_but_200_when_only_the_cache_is_down(client):
    # Every page is still served (from the database): a load balancer must
    # keep the server, and a person reading the answer sees what is wrong.
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }


def test_healthz_is_503_when_the_database_and_the_cache_are_down(client):
    with (
        override_settings(CACHES=DEAD_REDIS),
        mock.patch(
            "newsroom.health.connection.cursor",
            side_effect=OperationalError("connection refused"),
        ),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "unavailable"},
    }


def test_healthz_answers_probes_by_internal_address_over_plain_http(client, settings):
    # A load balancer probes http://10.0.0.5:8000/healthz: no allowed host,
    # no TLS. It must see the server's health, not a 400 or a redirect.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200


def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code in {403, 404, 405}
