import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches, reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_at(settings):
    """Rebuild the URLconf with settings.ADMIN_URL set to the given value."""
    import newsroom.urls

    def move(url):
        settings.ADMIN_URL = url
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield move
    settings.ADMIN_URL = "admin/"
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_admin_is_at_admin_by_default(client):
    assert django_settings.ADMIN_URL == "admin/"
    assert reverse("admin:index") == "/admin/"
    assert client.get("/admin/login/").status_code == 200


def test_admin_moves_to_the_configured_url(client, admin_at):
    admin_at("desk-7f3a/")
    assert reverse("admin:index") == "/desk-7f3a/"
    assert client.get("/desk-7f3a/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 404
    # Logged-out staff are sent to the login page at its new address.
    response = client.get("/desk-7f3a/articles/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/desk-7f3a/login/")


def test_nothing_public_reveals_a_custom_admin_url(client, admin_at, settings):
    """robots.txt named the admin to keep crawlers out of it: with a custom
    ADMIN_URL, chosen to be hard to find, it told everyone where it was."""
    settings.SITE_URL = "https://news.example.org"
    admin_at("desk-7f3a-secret/")
    story = make_article(tags=["Dams"])
    for address in (
        "/robots.txt",
        "/",
        story.get_absolute_url(),
        "/latest/",
        "/tag/dams/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/no-such-page/",
    ):
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert b"desk-7f3a" not in response.content, address
    # Instead, every admin page asks not to be indexed or followed, the
    # login page a crawler would reach included.
    login = client.get("/desk-7f3a-secret/login/").content.decode()
    assert '<meta name="robots" content="NONE,NOARCHIVE">' in login


def test_admin_url_comes_from_the_environment():
    env = {**os.environ, "ADMIN_URL": "/newsdesk/", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; from django.urls import reverse; "
        "print(settings.ADMIN_URL, reverse('admin:index'), reverse('admin:login'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    assert result.stdout.split() == ["newsdesk/", "/newsdesk/", "/newsdesk/login/"]
