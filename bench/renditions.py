"""How long making the renditions of one upload takes, and what they weigh.

Usage: DEBUG=1 .venv/bin/python bench/renditions.py [megapixels ...]
Runs against a throw-away MEDIA_ROOT and database rows it deletes afterwards.
Prints, per photo size: seconds to make all renditions (median of 3), number
of files, and total bytes of WebP and JPEG.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from images.models import Image  # noqa: E402


def photo(megapixels):
    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = int(width * 2 / 3)
    # Blurred noise on a gradient: closer to a photo than a flat colour (too
    # easy) or raw noise (far harder to compress than any photo).
    from PIL import ImageFilter

    noise = PILImage.effect_noise((width // 4, height // 4), 60).convert("RGB")
    noise = noise.resize((width, height)).filter(ImageFilter.GaussianBlur(2))
    gradient = PILImage.linear_gradient("L").resize((width, height)).convert("RGB")
    picture = PILImage.blend(noise, gradient, 0.5)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return width, height, buffer.getvalue()


def main():
    call_command("migrate", verbosity=0)
    sizes = [float(a) for a in sys.argv[1:]] or [2, 12, 24]
    print(f"{'photo':>18} {'seconds':>8} {'files':>6} {'webp KiB':>9} {'jpeg KiB':>9}")
    for megapixels in sizes:
        width, height, content = photo(megapixels)
        timings = []
        for _ in range(3):
            upload = SimpleUploadedFile("bench.jpg", content, content_type="image/jpeg")
            started = time.perf_counter()
            image = Image.objects.create(file=upload, title="bench", alt_text="bench")
            timings.append(time.perf_counter() - started)
            made = image.renditions
            root = Path(os.environ["MEDIA_ROOT"])
            weight = {"webp": 0, "jpeg": 0}
            for item in made:
                weight[item["format"]] += (root / item["path"]).stat().st_size
            image.delete()
        print(
            f"{width:>8}x{height:<9} {statistics.median(timings):8.2f} {len(made):6d} "
            f"{weight['webp'] / 1024:9.0f} {weight['jpeg'] / 1024:9.0f}"
        )


if __name__ == "__main__":
    main()
