"""Slugs in any script, made from the name when left empty.

allow_unicode and blank change validation only: the columns stay as they are
(SQLite would otherwise rebuild each table). Rows stored with an empty slug
(taggit gave one to the first topic named only in symbols or emoji) get one,
so that every page linking to them works again; other slugs are kept.
"""

from django.db import migrations, models
from django.utils.text import slugify

SLUG_HELP = "The last part of the address. Leave empty to make one from the name."


def fill_empty_slugs(apps, schema_editor):
    for app, model_name, source, fallback in (
        ("taggit", "Tag", "name", "topic"),
        ("articles", "Section", "name", "section"),
        ("articles", "Author", "name", "author"),
        ("articles", "Article", "headline", "story"),
    ):
        model = apps.get_model(app, model_name)
        max_length = model._meta.get_field("slug").max_length
        for pk, name in model.objects.filter(slug="").values_list("pk", source):
            base = slugify(name, allow_unicode=True)[:max_length].strip("-_") or fallback
            slug, number = base, 1
            while model.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base[: max_length - len(str(number)) - 1]}-{number}"
            model.objects.filter(pk=pk).update(slug=slug)


def slug_field(max_length, help_text=SLUG_HELP):
    return models.SlugField(
        allow_unicode=True, blank=True, help_text=help_text, max_length=max_length, unique=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_list_copies"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="slug",
                    field=slug_field(
                        200,
                        "The last part of the story's address. Leave empty to make one "
                        "from the headline.",
                    ),
                ),
                migrations.AlterField(model_name="author", name="slug", field=slug_field(120)),
                migrations.AlterField(model_name="section", name="slug", field=slug_field(80)),
            ],
        ),
        migrations.RunPython(fill_empty_slugs, migrations.RunPython.noop),
    ]
