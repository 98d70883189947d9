from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "throttle"
    verbose_name = "Client addresses and rate limits"

    def ready(self):
        from throttle import checks  # noqa: F401
