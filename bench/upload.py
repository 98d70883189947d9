"""How long an editor waits for an image upload to return.

Usage: .venv/bin/python bench/upload.py [megapixels] [--runs N]

Posts a photo-like JPEG (12 megapixels unless given) to the admin's "Add
image" form, as an editor's browser would, against a throw-away SQLite
database and MEDIA_ROOT, and prints the seconds until the response (median and
each run). Then, where renditions are made by the task worker, runs the worker
over the queued tasks and prints how long making them took there: the time
that moved out of the request.

To compare with the code before renditions moved to the worker, run this
script from a checkout of that code (it needs nothing the old code lacks).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv):
    runs = 3
    if "--runs" in argv:
        index = argv.index("--runs")
        runs = int(argv[index + 1])
        del argv[index : index + 2]
    megapixels = float(argv[0]) if argv else 12.0

    scratch = tempfile.mkdtemp(prefix="bench-upload-")
    os.environ["NEWSROOM_VAR_DIR"] = scratch
    os.environ["MEDIA_ROOT"] = str(Path(scratch) / "media")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from bench.renditions import photo

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-pw")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    width, height, content = photo(megapixels)
    print(f"{width} x {height} JPEG ({megapixels:g} MP), {len(content) / 1e6:.1f} MB")

    times = []
    for run in range(runs):
        upload = SimpleUploadedFile(f"photo-{run}.jpg", content, content_type="image/jpeg")
        started = time.perf_counter()
        response = client.post(
            f"/{settings.ADMIN_URL}images/image/add/",
            {"file": upload, "title": "Bench", "alt_text": "A bench", "focal_x": 50, "focal_y": 50},
        )
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    print(
        f"upload returns in {statistics.median(times):.2f} s (median of {runs}: "
        + ", ".join(f"{t:.2f}" for t in times)
        + ")"
    )

    tasks = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if "django_tasks_db" in tasks:
        started = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        spent = time.perf_counter() - started
        from images.models import Image

        done = sum(1 for image in Image.objects.all() if image.renditions)
        print(
            f"worker made the renditions of {done} uploads in {spent:.2f} s ({spent / runs:.2f} s each)"
        )
    else:
        print("renditions were made inside the request (no task worker)")


if __name__ == "__main__":
    main(sys.argv[1:])
