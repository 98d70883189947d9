"""Which language rules search applies to each edition: the one mapping.

PostgreSQL ships stemmers for English, Arabic and Turkish; it has none for
Kurdish, so Sorani and Kurmanji use `simple` (lower-casing, no stemming) after
search.normalise has made letter and digit forms equal. An edition not listed
(one an editor adds later) gets `simple` too. SQLite's FTS5 has one tokenizer
for every edition (unicode61, diacritics removed, Porter for English words).

The stored vector's SQL is generated from this mapping: a change here needs a
migration that rebuilds the column (see search/migrations/0002_*.py).
"""

from editions.models import default_edition

# The default edition (settings.SITE_LANGUAGE, through the editions app).
DEFAULT_EDITION = default_edition()

PG_CONFIGS = {
    "en": "english",
    "ar": "arabic",
    "tr": "turkish",
    "ckb": "simple",
    "kmr": "simple",
}
PG_FALLBACK = "simple"


# Where a configuration's lexeme stands in the text, as the two edges of a
# regular expression around its spelling: `simple` keeps whole words; the
# English and Turkish stemmers cut only endings, so a stem starts a word;
# Arabic's also cuts prefixes (al-, wa-, bi-...), so a stem may start inside one.
PG_LEXEME_EDGES = {
    "english": (r"\m", ""),
    "turkish": (r"\m", ""),
    "arabic": ("", ""),
    "simple": (r"\m", r"\M"),
}


# Stemmers that read a language's accented letters: their editions' text is
# indexed with its accents (search.normalise.LATIN is folded in every other).
PG_KEEP_ACCENTS = {"turkish"}


def pg_config(edition):
    return PG_CONFIGS.get(edition, PG_FALLBACK)


def pg_folds_latin(config):
    """Whether text in this configuration is indexed with Latin accents folded."""
    return config not in PG_KEEP_ACCENTS


def pg_folds_latin_sql(column):
    """pg_folds_latin() for the edition in `column`, as an SQL expression that a
    generated column may use (constants only)."""

    def sql(config):
        return "true" if pg_folds_latin(config) else "false"

    cases = " ".join(f"WHEN '{code}' THEN {sql(config)}" for code, config in PG_CONFIGS.items())
    return f"CASE {column} {cases} ELSE {sql(PG_FALLBACK)} END"


def pg_lexeme_edges(config):
    """(before, after): regular-expression edges of a lexeme's spelling; none
    (a match anywhere) for a configuration not described."""
    return PG_LEXEME_EDGES.get(config, ("", ""))


def pg_config_sql(column):
    """The configuration for the edition in `column`, as an SQL expression that
    a generated column may use (constants only)."""
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in PG_CONFIGS.items()
    )
    return f"CASE {column} {cases} ELSE '{PG_FALLBACK}'::regconfig END"
