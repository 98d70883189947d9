from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_guards_and_moderators"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="form_nonce",
            field=models.CharField(blank=True, default="", editable=False, max_length=32),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("form_nonce", ""), _negated=True),
                fields=("form_nonce",),
                name="comment_form_nonce_unique",
            ),
        ),
    ]
