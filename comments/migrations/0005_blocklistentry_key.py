from django.db import migrations, models

from comments.models import canonical_email, normalise_ip


def fill_keys(apps, schema_editor):
    """Entries made before the key existed are matched by it too."""
    BlocklistEntry = apps.get_model("comments", "BlocklistEntry")
    for entry in BlocklistEntry.objects.all():
        if entry.kind == "email":
            entry.key = canonical_email(entry.value)
        else:
            entry.key = normalise_ip(entry.value)
        entry.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_comment_form_nonce"),
    ]

    operations = [
        migrations.AddField(
            model_name="blocklistentry",
            name="key",
            field=models.CharField(default="", editable=False, max_length=254),
        ),
        migrations.AddIndex(
            model_name="blocklistentry",
            index=models.Index(fields=["kind", "key"], name="blocklist_key_idx"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
