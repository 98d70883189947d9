import gzip

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(tmp_path):
    """Production static files: collectstatic into a fresh STATIC_ROOT."""
    with override_settings(
        STATIC_ROOT=tmp_path / "static",
        STORAGES=PRODUCTION_STORAGES,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_MAX_AGE=3600,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path / "static"


def test_hashed_static_files_are_cached_for_a_year(collected):
    url = staticfiles_storage.url("css/site.css")
    assert url != "/static/css/site.css"  # the name carries the content hash
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public, immutable"
    assert response["Content-Type"].startswith("text/css")
    body = b"".join(response.streaming_content)
    assert body == (collected / url.removeprefix("/static/")).read_bytes()


def test_static_files_are_served_compressed(collected):
    url = staticfiles_storage.url("css/site.css")
    plain = b"".join(Client().get(url).streaming_content)
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    compressed = b"".join(response.streaming_content)
    assert len(compressed) < len(plain)
    assert gzip.decompress(compressed) == plain


def test_unhashed_names_are_cached_briefly(collected):
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=3600, public"


def test_pages_link_the_hashed_files(collected, db):
    page = Client().get("/").content.decode()
    assert staticfiles_storage.url("css/site.css") in page
