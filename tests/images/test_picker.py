"""The body editor's library picker: staff with the right permission only."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import make_image, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/images/image/picker/"


def test_picker_lists_library_images_newest_first_with_what_the_editor_needs(client):
    client.force_login(make_user(superuser=True))
    older = make_image(title="Harbour at dawn", credit="Photo: AFP")
    newer = make_image(title="Market day")
    data = client.get(URL).json()
    assert [r["id"] for r in data["results"]] == [newer.pk, older.pk]
    entry = data["results"][1]
    assert entry["title"] == "Harbour at dawn"
    assert entry["alt"] == older.alt_text
    assert entry["caption"] == older.caption
    assert entry["credit"] == "Photo: AFP"
    assert entry["src"] == older.rendition_set("free").src
    assert (entry["width"], entry["height"]) == (120, 80)
    assert "/1x1-" in entry["thumb"]
    assert data["has_next"] is False


def test_picker_search_and_pages(client, monkeypatch):
    from editorial.admin import images as images_admin

    monkeypatch.setattr(images_admin, "PICKER_PAGE_SIZE", 2)
    client.force_login(make_user(superuser=True))
    for n in range(3):
        make_image(title=f"Storm {n}")
    make_image(title="Calm sea", caption="Nothing stirs")
    assert [r["title"] for r in client.get(URL, {"q": "stirs"}).json()["results"]] == ["Calm sea"]
    first = client.get(URL, {"q": "storm"}).json()
    assert len(first["results"]) == 2 and first["has_next"] is True
    second = client.get(URL, {"q": "storm", "page": 2}).json()
    assert len(second["results"]) == 1 and second["has_next"] is False
    # A nonsense page number is the first page, not an error.
    assert client.get(URL, {"page": "abc"}).json()["page"] == 1


def test_picker_needs_permission(client):
    make_image()
    assert client.get(URL).status_code == 302  # to the login page
    staff = make_user(staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_image"))
    client.force_login(staff)
    assert client.get(URL).status_code == 200
