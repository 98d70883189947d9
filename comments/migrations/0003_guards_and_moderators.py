from django.contrib.auth.management import create_permissions
from django.db import migrations

from comments.db import install_guards, remove_guards

MODERATOR_PERMISSIONS = [
    ("comments", "comment", "view_comment"),
    ("comments", "comment", "can_moderate"),
    ("comments", "moderationdecision", "view_moderationdecision"),
    ("comments", "bannedword", "view_bannedword"),
    ("comments", "bannedword", "add_bannedword"),
    ("comments", "bannedword", "change_bannedword"),
    ("comments", "bannedword", "delete_bannedword"),
    ("comments", "blocklistentry", "view_blocklistentry"),
    ("comments", "blocklistentry", "add_blocklistentry"),
    ("comments", "blocklistentry", "change_blocklistentry"),
    ("comments", "blocklistentry", "delete_blocklistentry"),
]


def create_moderators(apps, schema_editor):
    """The Moderators group: comments only, nothing on articles."""
    # Permissions are normally made after migrate; make ours now.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, model, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


def add_guards(apps, schema_editor):
    install_guards(schema_editor.connection)


def drop_guards(apps, schema_editor):
    remove_guards(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0002_moderation"),
    ]

    operations = [
        migrations.RunPython(add_guards, drop_guards),
        migrations.RunPython(create_moderators, remove_moderators),
    ]
