"""images.imaging on its own: the helper process gives what the worker would,
and pictures are turned strip by strip exactly as Pillow turns them."""

import io

import pytest
from PIL import Image as PILImage
from PIL import ImageChops

from images import imaging
from tests.images import pictures


def test_the_helper_process_writes_what_the_web_worker_would(monkeypatch, tmp_path):
    content = pictures.camera_jpeg(300, 200, orientation=5)
    here, there = io.BytesIO(), io.BytesIO()
    imaging.clean(io.BytesIO(content), here)
    monkeypatch.setattr(imaging, "IN_PROCESS_BYTES", 0)
    source = tmp_path / "in.jpg"
    source.write_bytes(content)
    with open(source, "rb") as file:  # a real file: handed over by descriptor
        imaging.clean(file, there)
    assert here.getvalue() == there.getvalue()
    picture = imaging.working_picture(io.BytesIO(content), side=100, max_pixels=10**6)
    assert picture.size == (100, 150) and picture.mode == "RGB"


def test_a_damaged_file_is_refused_by_the_helper_too(monkeypatch):
    monkeypatch.setattr(imaging, "IN_PROCESS_BYTES", 0)
    data = pictures.camera_jpeg(300, 200)
    with pytest.raises(imaging.PictureError):
        imaging.clean(io.BytesIO(data[: len(data) // 2]), io.BytesIO())


@pytest.mark.parametrize("orientation", sorted(imaging.UPRIGHT))
def test_pictures_are_turned_strip_by_strip_as_pillow_turns_them(monkeypatch, orientation):
    monkeypatch.setattr(imaging, "STRIP_BYTES", 700)  # many strips
    picture = PILImage.effect_noise((37, 23), 80).convert("RGB")
    method = imaging.UPRIGHT[orientation]
    turned = imaging._rebuild(picture.copy(), "RGB", method=method)
    assert ImageChops.difference(turned, picture.transpose(method)).getbbox() is None
