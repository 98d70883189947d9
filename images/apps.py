from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        from django.conf import settings
        from PIL import Image as PILImage

        from images import signals

        signals.connect_photo_fields()

        # Every Pillow open in this process refuses a decompression bomb above
        # our own limit, not only Pillow's default of ~89 million pixels.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
