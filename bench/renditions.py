"""How long making the renditions of one upload takes, what they weigh, and
how much memory processing a big upload takes.

Usage: DEBUG=1 .venv/bin/python bench/renditions.py [megapixels ...]
Runs against a throw-away MEDIA_ROOT and database rows it deletes afterwards.
Prints, per photo size: seconds to save one upload (cleaning and all
renditions, median of 3), number of files, and total bytes of WebP and JPEG.

Usage: .venv/bin/python bench/renditions.py --memory [megapixels]
Writes a photo-like JPEG (as a phone would: EXIF orientation 6, so it must be
turned) and a graphic-like PNG of 50 megapixels (or as given), and processes
each in a fresh process as the upload form does: check, clean, store, make the
renditions. Prints per file the seconds, the peak memory (RSS) of that process
(what a web or task worker would grow to) and the peak of any helper process it
started (images.imaging), in MiB. The limit we hold to is 300 MiB for both
(tests/images/test_memory.py).
"""

import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image as PILImage

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))
    import django

    django.setup()


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


def big_jpeg(path, megapixels):
    """A photo-like JPEG within the byte limit (smooth noise), stored on its
    side (EXIF orientation 6) as phones do."""
    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = int(megapixels * 1_000_000 / width)
    noise = PILImage.effect_noise((width // 16, height // 16), 50).convert("RGB")
    noise = noise.resize((width, height), PILImage.Resampling.BILINEAR)
    exif = PILImage.Exif()
    exif[0x0112] = 6
    noise.save(path, "JPEG", quality=85, exif=exif)
    return width, height


def big_png(path, megapixels):
    """A graphic-like PNG (a chart, a map): big in pixels, small in bytes."""
    from PIL import ImageDraw

    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = int(megapixels * 1_000_000 / width)
    ramp = PILImage.linear_gradient("L").resize((width, height))
    picture = PILImage.merge(
        "RGB", (ramp, ramp.transpose(PILImage.Transpose.FLIP_TOP_BOTTOM), ramp)
    )
    draw = ImageDraw.Draw(picture)
    for left in range(0, width, width // 20):
        draw.rectangle(
            (left, height // 10, left + width // 40, height - height // 10), fill=(200, 60, 40)
        )
    picture.save(path, "PNG")
    return width, height


def peak_of(path):
    """Process the upload at `path` in a new process; its figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="bench-media-") as media:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "MEDIA_ROOT": media,
            "NEWSROOM_VAR_DIR": media,
        }
        result = subprocess.run(
            [sys.executable, __file__, "--peak", str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.splitlines()[-1])


def process_upload(path):
    """What the admin's upload form and save do with a file, without a database:
    check and clean it (LibraryImageField), store it, make its renditions."""
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from images import renditions
    from images.forms import LibraryImageField
    from images.models import Image

    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        upload = TemporaryUploadedFile(Path(path).name, "image/jpeg", size, None)
        while chunk := file.read(1 << 20):
            upload.write(chunk)
    upload.seek(0)
    started = time.perf_counter()
    cleaned = LibraryImageField().clean(upload)
    name = default_storage.save("images/bench/" + cleaned.name, cleaned)
    image = Image(pk=1, file=name, focal_x=50, focal_y=50)
    made = renditions.generate(image)
    seconds = time.perf_counter() - started
    with PILImage.open(default_storage.path(name)) as stored:
        stored_size = stored.size
    return {"seconds": seconds, "stored": stored_size, "renditions": len(made)}


def own_peak_mib():
    """This process's peak RSS. (Not ru_maxrss: Linux carries the parent's
    peak over an exec, so a worker started from a big process reports that.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def helpers_peak_mib():
    """The peak RSS of the helper processes this one started: an upper bound,
    as each reports this process's own peak when it started if that is more."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def memory(megapixels):
    print(f"{'upload':>26} {'stored as':>11} {'seconds':>8} {'worker MiB':>11} {'helper MiB':>11}")
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as folder:
        for make, suffix in ((big_jpeg, "jpg"), (big_png, "png")):
            path = Path(folder) / f"big.{suffix}"
            width, height = make(path, megapixels)
            figures = peak_of(path)
            mb = path.stat().st_size / 1_000_000
            print(
                f"{suffix.upper():>4} {width}x{height} {mb:5.1f} MB "
                f"{'x'.join(map(str, figures['stored'])):>11} {figures['seconds']:8.1f} "
                f"{figures['worker_mib']:11.0f} {figures['helper_mib']:11.0f}"
            )


def main():
    if sys.argv[1:2] == ["--memory"]:
        memory(float(sys.argv[2]) if sys.argv[2:] else 50)
        return
    setup_django()
    if sys.argv[1:2] == ["--peak"]:
        figures = process_upload(sys.argv[2])
        figures["worker_mib"] = own_peak_mib()
        figures["helper_mib"] = helpers_peak_mib()
        print(json.dumps(figures))
        return
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from images.models import Image

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
