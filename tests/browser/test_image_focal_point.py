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
