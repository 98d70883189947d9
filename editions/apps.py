from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_editions(sender, using="default", apps=None, **kwargs):
    from django.apps import apps as global_apps

    from editions import defaults

    apps = apps or global_apps  # a flush sends none
    try:
        model = apps.get_model("editions", "Edition")
    except LookupError:  # migrated only part of the way
        return
    defaults.ensure(model, using=using)


class EditionsConfig(AppConfig):
    name = "editions"
    verbose_name = "Editions"

    def ready(self):
        post_migrate.connect(ensure_editions, sender=self)
