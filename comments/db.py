"""Database guards: the moderation log is append-only, a comment's words are fixed.

Triggers, so that no code path (a future admin, a shell session, a raw
UPDATE) can rewrite them. They are (re)created after every migrate, since
SQLite drops a table's triggers when a migration rebuilds the table.
"""

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS comments_decision_append_only
    BEFORE UPDATE ON comments_moderationdecision
    BEGIN SELECT RAISE(ABORT, 'The moderation log is append-only: decisions are never changed.');
    END""",
    """CREATE TRIGGER IF NOT EXISTS comments_comment_words_fixed
    BEFORE UPDATE OF name, email, body ON comments_comment
    WHEN NEW.name IS NOT OLD.name OR NEW.email IS NOT OLD.email OR NEW.body IS NOT OLD.body
    BEGIN SELECT RAISE(ABORT, 'A comment''s name, email and text cannot be changed.');
    END""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION comments_decision_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'The moderation log is append-only: decisions are never changed.';
    END; $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER comments_decision_append_only
    BEFORE UPDATE ON comments_moderationdecision
    FOR EACH ROW EXECUTE FUNCTION comments_decision_append_only()""",
    """CREATE OR REPLACE FUNCTION comments_comment_words_fixed() RETURNS trigger AS $$
    BEGIN
        IF NEW.name IS DISTINCT FROM OLD.name OR NEW.email IS DISTINCT FROM OLD.email
           OR NEW.body IS DISTINCT FROM OLD.body THEN
            RAISE EXCEPTION 'A comment''s name, email and text cannot be changed.';
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER comments_comment_words_fixed
    BEFORE UPDATE ON comments_comment
    FOR EACH ROW EXECUTE FUNCTION comments_comment_words_fixed()""",
]

DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS comments_decision_append_only",
        "DROP TRIGGER IF EXISTS comments_comment_words_fixed",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS comments_decision_append_only ON comments_moderationdecision",
        "DROP TRIGGER IF EXISTS comments_comment_words_fixed ON comments_comment",
        "DROP FUNCTION IF EXISTS comments_decision_append_only()",
        "DROP FUNCTION IF EXISTS comments_comment_words_fixed()",
    ],
}


def install_guards(connection):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    tables = set(connection.introspection.table_names())
    if not {"comments_comment", "comments_moderationdecision"} <= tables:
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove_guards(connection):
    with connection.cursor() as cursor:
        for sql in DROP.get(connection.vendor, []):
            cursor.execute(sql)
