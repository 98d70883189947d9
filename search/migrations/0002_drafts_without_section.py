import django.db.models.deletion
from django.db import migrations, models

# SQLite rebuilds the table to change a column, which drops the triggers that
# keep the full-text index in step (0001_initial): made again, as they were.
# The index's rows are untouched (same rowids, same content).
COLS = "headline, standfirst, tags, authors, body"
NEW = ", ".join(f"new.{c}" for c in COLS.split(", "))
OLD = ", ".join(f"old.{c}" for c in COLS.split(", "))
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(rowid, {COLS}) VALUES (new.article_id, {NEW}); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLS}) VALUES ('delete', old.article_id, {OLD}); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLS}) VALUES ('delete', old.article_id, {OLD}); "
    f"INSERT INTO search_fts(rowid, {COLS}) VALUES (new.article_id, {NEW}); END",
]


def restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_drafts_need_only_a_headline'),
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='searchdocument',
            name='section',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.section'),
        ),
        migrations.RunPython(restore_triggers, restore_triggers),
    ]
