import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_staff_are_locked_out_after_repeated_failures(client, axes_on):
    editor = make_user("editor", password=PASSWORD)
    for _ in range(2):
        response = login(client, editor.username, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = login(client, editor.username, "wrong")
    assert response.status_code == 429
    # Once locked, even the right password is refused.
    response = login(client, editor.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "after 3 failed login attempts" in page
    assert "try again in 30" in page
    assert int(response["Retry-After"]) == 30 * 60
    # The lockout page is the admin's own design.
    assert 'id="header"' in page and "admin/css/base.css" in page
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, axes_on):
    editor = make_user("editor", password=PASSWORD)
    other = make_user("reporter", password=PASSWORD)
    for _ in range(3):
        login(client, editor.username, "wrong")
    assert login(client, editor.username, PASSWORD).status_code == 429
    # Another account from the same address, and the same account from
    # another address, still get in.
    assert login(client, other.username, PASSWORD).status_code == 302
    client.logout()
    assert login(client, editor.username, PASSWORD, ip="198.51.100.2").status_code == 302


def test_a_successful_login_resets_the_count(client, axes_on):
    editor = make_user("editor", password=PASSWORD)
    for _ in range(2):
        login(client, editor.username, "wrong")
    assert login(client, editor.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        assert login(client, editor.username, "wrong").status_code == 200


def test_axes_reset_username_lifts_the_lock(client, axes_on):
    editor = make_user("editor", password=PASSWORD)
    for _ in range(3):
        login(client, editor.username, "wrong")
    assert login(client, editor.username, PASSWORD).status_code == 429
    call_command("axes_reset_username", editor.username, stdout=open("/dev/null", "w"))
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    assert login(client, editor.username, PASSWORD).status_code == 302


def test_client_address_behind_a_trusted_proxy(client, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    editor = make_user("editor", password=PASSWORD)
    for n in range(3):
        # An attacker cycling a forged left-most entry is still one client:
        # the proxy appended the address it really saw.
        client.post(
            reverse("admin:login"),
            {"username": editor.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )
    attempt = AccessAttempt.objects.get(username=editor.username)
    assert attempt.ip_address == "203.0.113.7"
    assert attempt.failures_since_start == 3
