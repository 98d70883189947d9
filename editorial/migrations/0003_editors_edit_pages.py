"""Editors write the publication's pages (pages.Page): see editorial.roles."""

from django.db import migrations

from editorial.roles import sync_roles


def grant(apps, schema_editor):
    sync_roles(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
