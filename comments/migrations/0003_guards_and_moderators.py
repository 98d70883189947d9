from django.contrib.auth.management import create_permissions
from django.db import migrations

from comments.db import install_guards, remove_guards
from comments.roles import ensure_moderators

def create_moderators(apps, schema_editor):
    """The Moderators group: comments only, nothing on articles."""
    # Permissions are normally made after migrate; make ours now.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ensure_moderators(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


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
