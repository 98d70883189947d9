"""The admin in the journalist's language: each staff member chooses it
(Django's own Arabic, Sorani and Turkish admin), only /admin/ follows it."""

import pytest
from django.urls import reverse

from editorial.models import StaffProfile

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
LANGUAGE = reverse("admin-language")


def test_a_journalist_chooses_sorani_and_the_admin_speaks_it(client, journalist):
    client.force_login(journalist)
    page = client.get(INDEX).content.decode()
    assert '<html lang="en-gb" dir="ltr">' in page and "Admin language" in page
    response = client.post(LANGUAGE, {"admin_language": "ckb", "next": INDEX})
    assert response.status_code == 302 and response["Location"] == INDEX
    assert StaffProfile.objects.get(user=journalist).admin_language == "ckb"
    response = client.get(INDEX)
    page = response.content.decode()
    assert '<html lang="ckb" dir="rtl">' in page
    assert "چوونەدەرەوە" in page  # Django's Sorani "Log out"
    assert response["Content-Language"] == "ckb"
    # Readers' pages are not the admin's: they keep their own language.
    assert 'lang="ckb"' not in client.get("/").content.decode()[:300]


@pytest.mark.parametrize(
    "code, direction, word", [("ar", "rtl", "تسجيل الخروج"), ("tr", "ltr", "Değiştirmek için")]
)
def test_arabic_and_turkish_admins(client, editor, code, direction, word):
    StaffProfile.objects.create(user=editor, admin_language=code)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in page and word in page


def test_an_unknown_language_is_refused_and_an_outside_next_ignored(client, journalist):
    client.force_login(journalist)
    response = client.post(LANGUAGE, {"admin_language": "xx"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = client.post(LANGUAGE, {"admin_language": "", "next": "https://evil.example/"})
    assert response["Location"] == INDEX


def test_the_language_page_is_for_staff_only(client, db):
    assert client.get(LANGUAGE).status_code == 302  # to the login page
