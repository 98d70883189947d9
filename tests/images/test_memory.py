"""A 50-megapixel upload, within the limits, is processed (checked, cleaned,
stored, its renditions made) without any process growing past 300 MiB.

Each upload is processed in a fresh process, as a web or task worker would,
and its peak memory read from the kernel (bench/renditions.py --memory prints
the same figures)."""

import pytest

from bench.renditions import big_jpeg, big_png, peak_of

LIMIT_MIB = 300


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_a_50_megapixel_upload_is_processed_within_300_mib(tmp_path, kind):
    path = tmp_path / f"big.{kind}"
    width, height = (big_jpeg if kind == "jpeg" else big_png)(path, 50)
    assert width * height > 49_000_000
    figures = peak_of(path)
    assert figures["worker_mib"] < LIMIT_MIB, figures
    assert figures["helper_mib"] < LIMIT_MIB, figures
    # And the output is right: the JPEG was on its side (EXIF orientation 6).
    upright = (height, width) if kind == "jpeg" else (width, height)
    assert tuple(figures["stored"]) == upright
    assert figures["renditions"] == 30  # 5 widths x 3 ratios x WebP and JPEG
