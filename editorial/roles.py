"""The newsroom's roles as groups: Journalists and Editors.

Moderators (comments only) belongs to the comments app; nothing here gives it
access to articles. `sync_roles` adds missing permissions and never removes
ones an administrator granted by hand. The migrations editorial.0002_roles and
0003_editors_edit_pages run it (each grants what the apps migrated by then
have); tests that flush the database (transactional ones) run it again.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

JOURNALISTS = {
    "articles": ["add_article", "change_article", "view_article", "view_section", "view_author"]
    + ["add_byline", "change_byline", "delete_byline", "view_byline"],
    "images": ["add_image", "change_image", "view_image"],
    "taggit": ["view_tag"],
    "editorial": ["view_transition", "view_correction", "add_sharelink", "view_sharelink"],
}

EDITORS = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "publish_article",
        "review_article",
        "add_section",
        "change_section",
        "delete_section",
        "view_section",
        "add_author",
        "change_author",
        "delete_author",
        "view_author",
        "add_byline",
        "change_byline",
        "delete_byline",
        "view_byline",
    ],
    "images": ["add_image", "change_image", "view_image"],
    "taggit": ["add_tag", "change_tag", "view_tag"],
    "pages": ["add_page", "change_page", "delete_page", "view_page"],
    "editorial": [
        "view_transition",
        "add_correction",
        "view_correction",
        "add_sharelink",
        "change_sharelink",
        "view_sharelink",
    ],
}

ROLES = {"Journalists": JOURNALISTS, "Editors": EDITORS}


def sync_roles(apps=global_apps, using=DEFAULT_DB_ALIAS):
    # Permissions are normally created after the whole migrate run; make them
    # now so the groups can be given them in this very run.
    from django.contrib.auth.management import create_permissions

    labels = {label for grants in ROLES.values() for label in grants}
    for app_config in global_apps.get_app_configs():
        if app_config.label not in labels:
            continue
        models_module = app_config.models_module
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, using=using, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        for app_label, codenames in grants.items():
            if not _in_state(apps, app_label):
                continue  # an app this migration comes before: a later one grants it
            perms = Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            found = set(perms.values_list("codename", flat=True))
            missing = set(codenames) - found
            if missing:
                raise RuntimeError(f"Permissions missing for {name}: {app_label}.{sorted(missing)}")
            group.permissions.add(*perms)


def _in_state(apps, app_label):
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True
