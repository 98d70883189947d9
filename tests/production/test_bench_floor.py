import importlib

import pytest
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


def test_the_benchmark_floor_is_off_by_default(client):
    assert client.get("/bench/floor/").status_code == 404


def test_the_benchmark_floor_serves_a_page_of_the_requested_size(client, settings, monkeypatch):
    import bench.floor
    import newsroom.urls

    monkeypatch.setenv("BENCH_FLOOR_BYTES", "20000")
    importlib.reload(bench.floor)
    settings.BENCH_FLOOR = True
    importlib.reload(newsroom.urls)
    clear_url_caches()
    try:
        response = client.get("/bench/floor/")
        assert response.status_code == 200
        assert abs(len(response.content) - 20000) <= 16
        assert b"<h1>" in response.content
    finally:
        settings.BENCH_FLOOR = False
        importlib.reload(newsroom.urls)
        clear_url_caches()
