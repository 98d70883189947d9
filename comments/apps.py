from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from django.core.cache import cache
        from django.db import connections
        from django.db.models.signals import post_delete, post_migrate, post_save

        from comments.models import BannedWord
        from comments.moderation import BANNED_WORDS_CACHE_KEY
        from pagecache.backends import best_effort

        def forget_banned_words(**kwargs):
            # Without the cache the list is read from the database anyway.
            with best_effort("Banned words not forgotten in the cache"):
                cache.delete(BANNED_WORDS_CACHE_KEY)

        post_save.connect(forget_banned_words, sender=BannedWord, weak=False)
        post_delete.connect(forget_banned_words, sender=BannedWord, weak=False)

        def reinstall_guards(using="default", **kwargs):
            from comments.db import install_guards

            install_guards(connections[using])

        def ensure_moderators_group(apps=None, **kwargs):
            from django.apps import apps as global_apps

            from comments.roles import ensure_moderators

            apps = apps or global_apps
            ensure_moderators(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))

        post_migrate.connect(reinstall_guards, sender=self, weak=False)
        post_migrate.connect(ensure_moderators_group, sender=self, weak=False)
