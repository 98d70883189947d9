import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_drafts_need_only_a_headline"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                help_text="The story this one translates (the original of its group).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="articles.article",
            ),
        ),
    ]
