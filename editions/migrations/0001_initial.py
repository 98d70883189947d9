from django.db import migrations, models

from editions import defaults


def create_editions(apps, schema_editor):
    defaults.ensure(apps.get_model("editions", "Edition"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Edition",
            fields=[
                ("code", models.CharField(help_text="The language's code (BCP 47), e.g. en, ckb, kmr, ar, tr. It is the edition's address prefix (/ckb/...), except for the default edition's.", max_length=12, primary_key=True, serialize=False, verbose_name="language code")),
                ("name", models.CharField(help_text="The edition's name in its own script, e.g. کوردی or Türkçe.", max_length=60)),
                ("english_name", models.CharField(help_text="For the newsroom, e.g. Sorani Kurdish.", max_length=60)),
                ("direction", models.CharField(choices=[("ltr", "Left to right"), ("rtl", "Right to left")], default="ltr", max_length=3)),
                ("digits", models.CharField(choices=[("latn", "Western (0123456789)"), ("arab", "Arabic-Indic (٠١٢٣٤٥٦٧٨٩)")], default="latn", help_text="The digits dates, times and counts are written in.", max_length=4)),
                ("site_name", models.CharField(help_text="The site's name in this edition.", max_length=120)),
                ("tagline", models.CharField(blank=True, max_length=200)),
                ("enabled", models.BooleanField(default=True, help_text="Readers see only enabled editions; stories of others stay stored.")),
                ("order", models.PositiveSmallIntegerField(default=0, help_text="Editions are listed in this order, lowest first.")),
            ],
            options={"ordering": ["order", "code"]},
        ),
        migrations.RunPython(create_editions, migrations.RunPython.noop),
    ]
