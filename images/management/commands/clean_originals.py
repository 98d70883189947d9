import mimetypes

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from images import imaging
from images.models import Image
from images.photos import photos
from images.portraits import delete_portraits
from images.uploads import clean_upload


class Command(BaseCommand):
    help = (
        "Clean the stored originals of library images and author photos that still "
        "carry what uploads no longer keep: EXIF (GPS, serial numbers), XMP, IPTC, ICC "
        "profiles, comments, text, more frames; or whose name does not match their "
        "format. Each is re-encoded once, upright and in sRGB, under a new name (the old "
        "file is deleted), and the image's renditions are made again. Run it once after "
        "upgrading; running it again finds nothing to do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="Only these library images (by id). Default: all."
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Clean every original, even those that look clean (a header shows most, "
            "not all, of what a file can carry).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the files that would be cleaned and what they carry; change nothing.",
        )

    def handle(self, *args, **options):
        images = Image.objects.order_by("pk")
        if options["ids"]:
            images = images.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(images.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No image with id {', '.join(map(str, sorted(missing)))}.")
        self.counts = {"cleaned": 0, "clean": 0, "failed": 0}
        for image in images.exclude(file="").iterator(chunk_size=200):
            self.process(f"Image #{image.pk} {image.title}", image, "file", options)
        if not options["ids"]:
            for label, obj, field in photos():
                self.process(label[:1].upper() + label[1:], obj, field, options)
        verb = "would be cleaned" if options["dry_run"] else "cleaned"
        counts = self.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['cleaned']} {verb}, {counts['clean']} already clean, "
                f"{counts['failed']} failed."
            )
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed.")

    def process(self, label, obj, field_name, options):
        field_file = getattr(obj, field_name)
        old_name = field_file.name
        try:
            field_file.open("rb")
            try:
                reasons = self.reasons(field_file, options)
                if not reasons:
                    self.counts["clean"] += 1
                    return
                if options["dry_run"]:
                    self.stdout.write(f"Would clean {label} ({old_name}): {', '.join(reasons)}")
                    self.counts["cleaned"] += 1
                    return
                cleaned = clean_upload(field_file)
            finally:
                field_file.close()
            with transaction.atomic():
                setattr(obj, field_name, cleaned)
                obj.save()
                if not isinstance(obj, Image):
                    transaction.on_commit(lambda: _delete_photo(field_file.storage, old_name))
        except Exception as error:  # a missing or damaged file: report, go on
            self.counts["failed"] += 1
            self.stderr.write(f"{label} ({old_name}): {_describe(error)}")
            return
        self.counts["cleaned"] += 1
        now = getattr(obj, field_name).name
        self.stdout.write(f"{label}: {', '.join(reasons)} removed; now {now}")

    def reasons(self, field_file, options):
        found = imaging.extras(field_file)
        real = imaging.FORMATS[imaging.inspect(field_file).format].content_type
        if mimetypes.guess_type(field_file.name)[0] != real:
            found.append(f"a name that is not {real}")
        if options["all"] and not found:
            found.append("nothing seen (--all)")
        return found


def _delete_photo(storage, name):
    """A photo's file and squares (a library image's own save deletes its old
    file and renditions)."""
    storage.delete(name)
    delete_portraits(name, storage)


def _describe(error):
    messages = getattr(error, "messages", None)
    return " ".join(messages) if messages else str(error) or type(error).__name__
