"""Which language rules search applies to each edition: the one mapping.

PostgreSQL ships stemmers for English, Arabic and Turkish; it has none for
Kurdish, so Sorani and Kurmanji use `simple` (lower-casing, no stemming) after
search.normalise has made letter and digit forms equal. An edition not listed
(one an editor adds later) gets `simple` too. SQLite's FTS5 has one tokenizer
for every edition (unicode61, diacritics removed, Porter for English words).

The stored vector's SQL is generated from this mapping: a change here needs a
migration that rebuilds the column (see search/migrations/0002_*.py).
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Language:
    """How PostgreSQL reads text in one text-search configuration."""

    config: str
    # Where a lexeme stands in the text, as regular-expression edges around
    # its spelling (the body's passage is cut there): `simple` keeps whole
    # words; the English and Turkish stemmers cut only endings, so a stem
    # starts a word; Arabic's also cuts prefixes (al-, wa-, bi-...), so a stem
    # may start inside one. None: a match anywhere.
    before: str = ""
    after: str = ""
    # Latin accents folded (search.normalise.LATIN) in the text indexed and in
    # the reader's words; not where the stemmer reads the accented letters.
    folds_latin: bool = True


LANGUAGES = {
    language.config: language
    for language in [
        Language("english", before=r"\m"),
        Language("turkish", before=r"\m", folds_latin=False),
        Language("arabic"),
        Language("simple", before=r"\m", after=r"\M"),
    ]
}


def pg_config(edition):
    return PG_CONFIGS.get(edition, PG_FALLBACK)


def pg_language(edition):
    """The Language of an edition's configuration (an edition not listed:
    PG_FALLBACK's)."""
    config = pg_config(edition)
    return LANGUAGES.get(config) or Language(config)


def pg_folds_latin_sql(column):
    """pg_language(edition).folds_latin for the edition in `column`, as an SQL
    expression that a generated column may use (constants only)."""

    def sql(edition):
        return "true" if pg_language(edition).folds_latin else "false"

    cases = " ".join(f"WHEN '{code}' THEN {sql(code)}" for code in PG_CONFIGS)
    return f"CASE {column} {cases} ELSE {sql(None)} END"


def pg_config_sql(column):
    """The configuration for the edition in `column`, as an SQL expression that
    a generated column may use (constants only)."""
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in PG_CONFIGS.items()
    )
    return f"CASE {column} {cases} ELSE '{PG_FALLBACK}'::regconfig END"
