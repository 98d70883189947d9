"""The newsroom's roles as groups: Journalists and Editors.

Moderators (comments only) is created by the comments app; nothing here gives
it access to articles. Re-running adds missing permissions and never removes
ones an administrator granted by hand.
"""

from django.db import migrations

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


def create_roles(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; make them
    # now so the groups can be given them in this very run.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        if app_config.label not in {"articles", "images", "taggit", "editorial"}:
            continue
        models_module = app_config.models_module
        app_config.models_module = models_module or True
        try:
            create_permissions(
                app_config, apps=apps, using=schema_editor.connection.alias, verbosity=0
            )
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            perms = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            found = set(perms.values_list("codename", flat=True))
            missing = set(codenames) - found
            if missing:
                raise RuntimeError(f"Permissions missing for {name}: {app_label}.{sorted(missing)}")
            group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0002_workflow_permissions_and_has_corrections"),
        ("images", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
