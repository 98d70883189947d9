"""One spelling of Arabic-script text for search, before indexing and searching.

Readers type the same word in several forms: with or without short vowels
(tashkeel), stretched with tatweel, with the Arabic or the Persian/Kurdish yeh
and kaf (keyboards differ: a Sorani keyboard gives ی and ک, an Arabic one ي
and ك), with Arabic-Indic, Eastern Arabic-Indic or Western digits, and alef
with or without its hamza. Search treats them all as one: the text indexed and
the reader's words both go through this one table, character for character.

Sorani's own letters (ە ۆ ێ ڕ ڵ ڤ گ چ پ ژ) are left alone: they are letters,
not variants.

The table is used three ways, all derived from `PAIRS` below:

* `normalise(text)` in Python (the reader's query, and checking highlights);
* `sql_translate(column)` for PostgreSQL: translate(), immutable, so it can
  feed the stored tsvector column;
* `sql_replace_select(...)` for SQLite: nested replace() calls, for the
  triggers that feed the FTS5 index and the view its highlights read.

Each character maps to one character or to none, never to two: so a position
in the normalised text maps back to the original (`realign`), and the page
shows the story's own spelling with the reader's words marked.
"""

import re
import unicodedata
from functools import cache

# Deleted: harakat (fathatan to sukun), superscript alef, tatweel.
DELETED = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
# Made equal. Arabic forms are the targets, so PostgreSQL's Arabic stemmer
# still knows the letters (it normalises hamza and digits itself, not yeh/kaf).
REPLACED = {
    "\u06cc": "\u064a",  # ی Persian/Kurdish yeh -> ي
    "\u0649": "\u064a",  # ى alef maksura -> ي
    "\u06a9": "\u0643",  # ک keheh (Persian/Kurdish kaf) -> ك
    "\u0623": "\u0627",  # أ alef with hamza above -> ا
    "\u0625": "\u0627",  # إ alef with hamza below -> ا
    "\u0622": "\u0627",  # آ alef with madda -> ا
    "\u0671": "\u0627",  # ٱ alef wasla -> ا
    **{chr(0x0660 + n): str(n) for n in range(10)},  # ٠-٩ Arabic-Indic
    **{chr(0x06F0 + n): str(n) for n in range(10)},  # ۰-۹ Eastern Arabic-Indic
}
# Each character changed, and what it becomes ("" for a deleted one).
PAIRS = [*REPLACED.items(), *((char, "") for char in DELETED)]
VARIANTS = "".join(char for char, _ in PAIRS)


# Latin letters with accents, made plain, one for one, in both cases (à é ê î ş
# ç ğ ö ü ... -> a e e i s c g o u, and the dotless ı -> i): a reader who types
# "Ocalan" or "ezidi" finds "Öcalan" and "Êzîdî". SQLite's FTS5 tokenizer does
# this itself in every edition (remove_diacritics); on PostgreSQL it is applied
# to the text indexed and the reader's words where the edition's language has
# no stemmer that needs the letters (search.languages.Language.folds_latin: all but
# Turkish, whose stemmer reads ç ğ ı ö ş ü).
LATIN = {
    char: base
    for char, base in (
        (chr(c), unicodedata.normalize("NFD", chr(c))[0]) for c in range(0x00C0, 0x0180)
    )
    if base.isascii() and base.isalpha() and char != base
}
LATIN["ı"] = "i"
_LATIN_CHARS = re.compile("[" + "".join(LATIN) + "]")


def fold_latin(text):
    """Latin letters without their accents (LATIN): a replace() per accented
    letter the text has (str.translate() took 150 µs for 480 characters)."""
    if text.isascii():
        return text
    for char in set(_LATIN_CHARS.findall(text)):
        text = text.replace(char, LATIN[char])
    return text


def sql_fold_latin(expression):
    """PostgreSQL: fold_latin(expression), translated only where it has an
    accented letter (translate() walks its 162-letter list for every
    character: most text has none, and a pattern test is far cheaper)."""
    source, target = "".join(LATIN), "".join(LATIN.values())
    return (
        f"CASE WHEN {expression} ~ '[{source}]' "
        f"THEN translate({expression}, '{source}', '{target}') ELSE {expression} END"
    )


def normalise(text):
    # A replace() per character the text has (a fast scan each): str.translate()
    # looks every character up in a dict and a pattern calls back on every
    # match, both 10 to 25 times slower on Sorani text (which has a yeh or a
    # kaf in most words). No target is another's source: the order is free.
    text = text or ""
    if text.isascii():
        return text
    for char, replacement in PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def sql_translate(expression):
    """PostgreSQL: `expression` normalised (translate() deletes what has no counterpart)."""
    source = "".join(REPLACED) + "".join(DELETED)
    target = "".join(REPLACED.values())
    return f"translate({expression}, '{source}', '{target}')"


@cache  # the same SQL for every search: built once
def sql_normalise_quickly(expression, *, latin=False):
    """PostgreSQL: what sql_translate(expression) gives, for a plain column
    `expression`, at a fraction of the cost on long text (translate() walks
    its whole source list for every character: 0.5 ms per 2 kB Arabic body).
    Text with nothing to change (most Latin-script text) is returned as it is
    after one pattern test; otherwise the letters are translated, and digits
    and marks are handled only if the text has some. (The sets are disjoint
    and no target is in another set, so the order does not matter.) `latin`:
    Latin accents folded too, where the text has some."""
    letters = "".join(char for char in REPLACED if not REPLACED[char].isdigit())
    digits = "".join(char for char in REPLACED if REPLACED[char].isdigit())
    marks = "".join(DELETED)

    def translated(text, chars):
        return f"translate({text}, '{chars}', '{''.join(REPLACED[c] for c in chars)}')"

    def only_if(chars, changed, unchanged):
        return f"CASE WHEN {expression} ~ '[{chars}]' THEN {changed} ELSE {unchanged} END"

    # Latin accents first, on the column as written (each branch below reads
    # it once; the tests read the plain column).
    text = translated(sql_fold_latin(expression) if latin else expression, letters)
    text = only_if(digits, translated(text, digits), text)
    text = only_if(marks, f"regexp_replace({text}, '[{marks}]', '', 'g')", text)
    return (
        f"CASE WHEN {sql_has_variants(expression, latin=latin)} THEN {text} ELSE {expression} END"
    )


@cache  # the same SQL for every search: built once
def sql_spelling_pattern(expression):
    """PostgreSQL: a regular expression for the normalised word `expression`
    as a text may spell it: each letter in any of its forms, any deleted
    character (short vowels, tatweel) after each."""
    deleted = "".join(DELETED)
    pattern = f"regexp_replace({expression}, '(.)', '\\1[{deleted}]*', 'g')"
    forms = {}
    for source, target in [*REPLACED.items(), *LATIN.items()]:
        target = target.lower()
        forms.setdefault(target, target)
        forms[target] += source
    for target, chars in forms.items():
        pattern = f"replace({pattern}, '{target}', '[{chars}]')"
    return pattern


def sql_has_variants(expression, *, latin=False):
    """PostgreSQL: true if normalise() (and fold_latin(), with `latin`) would
    change `expression`."""
    return f"{expression} ~ '[{VARIANTS}{''.join(LATIN) if latin else ''}]'"


# SQLite's parser takes about 30 nested calls: the replace() calls come in
# rounds, each a subquery over the one before.
ROUND = 13


def sql_replace_select(key, columns, prefix="", source=""):
    """SQLite: SELECT `key` AS key, then each of `columns` normalised under its
    own name (read as `prefix` + column from `source`), in nested replace() calls."""
    rounds = [PAIRS[n : n + ROUND] for n in range(0, len(PAIRS), ROUND)]

    def chain(expression, pairs):
        for old, new in pairs:
            expression = f"replace({expression}, '{old}', '{new}')"
        return expression

    select = ", ".join(f"{chain(prefix + c, rounds[0])} AS {c}" for c in columns)
    sql = f"SELECT {key} AS key, {select} {source}".strip()
    for pairs in rounds[1:]:
        select = ", ".join(f"{chain(c, pairs)} AS {c}" for c in columns)
        sql = f"SELECT key, {select} FROM ({sql})"
    return sql


def realign(original, marked, markers, *, latin=False):
    """Put the markers of `marked` (normalise(original) with markers added) into
    `original`. A marker goes before the next letter kept by normalise(), so
    one closing a word follows the word's short vowels: a mark never splits a
    letter from its vowel.

    Returns None if `marked` is not `original` normalised (with `latin`:
    and its Latin accents folded; say, an engine changed the spacing): the
    caller then shows the text unmarked. (Folding replaces letters one for
    one: it moves no mark.)
    """
    pattern = _marker_pattern(markers)
    expected = normalise(original)
    if latin:
        expected = fold_latin(expected)
    if pattern.sub("", marked) != expected:
        return None
    places = [(found.start(), found.group()) for found in pattern.finditer(marked)]
    # Where the deleted characters are (few, found by a pattern, not a walk
    # through every character): the n-th character of the normalised text is
    # n plus the deleted ones up to it in the original.
    deleted = [found.start() for found in _DELETED_CHARS.finditer(original)]
    out, copied, skipped = [], 0, 0
    for seen, (position, char) in enumerate(places):
        at = position - seen + skipped
        while skipped < len(deleted) and deleted[skipped] <= at:
            skipped += 1
            at += 1
        out.append(original[copied:at])
        out.append(char)
        copied = at
    out.append(original[copied:])
    return "".join(out)


_DELETED_CHARS = re.compile("[" + re.escape("".join(DELETED)) + "]")
_marker_patterns = {}


def _marker_pattern(markers):
    if markers not in _marker_patterns:
        _marker_patterns[markers] = re.compile("[" + re.escape(markers) + "]")
    return _marker_patterns[markers]
