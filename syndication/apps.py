from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Feeds, sitemaps and structured data"

    def ready(self):
        from syndication import freshness  # noqa: F401
