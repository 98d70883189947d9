from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Publication pages"

    def ready(self):
        from pages import changes  # noqa: F401
