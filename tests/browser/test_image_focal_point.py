"""Setting an image's focal point by clicking its preview in the admin."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from images.models import Image
from tests.browser.test_richtext_editor import csp_violations, log_in, watch
from tests.factories import make_user, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_click_on_preview_sets_focal_point_and_remakes_crops(page, live_server):
    user = make_user(superuser=True)
    image = Image.objects.create(
        file=SimpleUploadedFile("wide.jpg", png_bytes(900, 300, fmt="JPEG")),
        title="Wide",
        alt_text="A wide view",
    )
    before = {r["path"] for r in image.renditions}
    problems = watch(page)
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/admin/images/image/{image.pk}/change/")
    preview = page.get_by_role("button", name=re.compile("^Focal point"))
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    assert 78 <= int(page.input_value("#id_focal_x")) <= 82
    assert 23 <= int(page.input_value("#id_focal_y")) <= 27
    preview.press("ArrowLeft")
    x = int(page.input_value("#id_focal_x"))
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/images/image/$"))
    image.refresh_from_db()
    assert image.focal_x == x
    assert {r["path"] for r in image.renditions}.isdisjoint(before)
    assert csp_violations(page, problems) == []


def test_the_focal_point_is_set_in_the_upload_form_with_the_crops_shown(page, live_server):
    user = make_user(superuser=True)
    problems = watch(page)
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/admin/images/image/add/")
    page.set_input_files(
        "#id_file",
        {"name": "quay.jpg", "mimeType": "image/jpeg", "buffer": png_bytes(900, 300, fmt="JPEG")},
    )
    preview = page.get_by_role("button", name=re.compile("^Focal point"))
    preview.wait_for()
    assert page.get_by_role("img", name="The 3:2 crop").is_visible()
    assert page.get_by_role("img", name="The 1:1 crop").is_visible()
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.5})
    assert 18 <= int(page.input_value("#id_focal_x")) <= 22
    page.fill("#id_title", "Quay")
    page.fill("#id_alt_text", "Boats at the quay")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/images/image/$"))
    image = Image.objects.get()
    assert 18 <= image.focal_x <= 22
    square = next(r for r in image.renditions if r["ratio"] == "1:1")
    assert square["width"] <= 300  # cropped around the chosen spot
    assert csp_violations(page, problems) == []
