from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from images.models import Image
from images.photos import photos
from images.portraits import make_portraits, portrait_path
from images.renditions import rendition_version


class Command(BaseCommand):
    help = (
        "Make the renditions (resized WebP and JPEG copies) of library images: by "
        "default those that have none or are out of date (e.g. after a bulk import "
        "or a change of recipe), and the square renditions of author photos that "
        "lack them; --all remakes every one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="Only these images (by id). Default: all."
        )
        parser.add_argument(
            "--all", action="store_true", help="Remake renditions even when they look current."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the images that would be processed, and change nothing.",
        )

    def author_portraits(self, options):
        """Square renditions of photos (authors') that lack them; returns failures."""
        failed = 0
        for label, obj, field in photos():
            photo = getattr(obj, field)
            made = default_storage.exists(portrait_path(photo.name, 96, "jpeg"))
            if made and not options["all"]:
                continue
            if options["dry_run"]:
                self.stdout.write(f"Would make the square photo of {label}")
                continue
            try:
                make_portraits(photo)
            except Exception as error:
                failed += 1
                self.stderr.write(f"{label}: {error}")
                continue
            self.stdout.write(f"{label}: square photo made")
        return failed

    def handle(self, *ids, **options):
        images = Image.objects.order_by("pk")
        if options["ids"]:
            images = images.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(images.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No image with id {', '.join(map(str, sorted(missing)))}.")
        done = skipped = failed = 0
        for image in images.iterator(chunk_size=200):
            current = image.renditions and all(
                f"/{rendition_version(image)}/" in item["path"] for item in image.renditions
            )
            if current and not options["all"]:
                skipped += 1
                continue
            if options["dry_run"]:
                self.stdout.write(f"Would make renditions of #{image.pk} {image.title}")
                done += 1
                continue
            try:
                made = image.regenerate_renditions()
            except Exception as error:  # a missing or damaged file: report, go on
                failed += 1
                self.stderr.write(f"#{image.pk} {image.title}: {error}")
                continue
            done += 1
            self.stdout.write(f"#{image.pk} {image.title}: {len(made)} files", ending="\n")
        if not options["ids"]:
            failed += self.author_portraits(options)
        verb = "would be processed" if options["dry_run"] else "processed"
        self.stdout.write(
            self.style.SUCCESS(f"{done} {verb}, {skipped} already current, {failed} failed.")
        )
        if failed:
            raise CommandError(f"{failed} image(s) failed.")
