"""The reader's translations (locale/<code>/LC_MESSAGES/django.po): every
string translated, in the language's own letters, with the placeholders and
markup of the English, the right plural forms, and nothing the code says
missing from them."""

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != "en"]
# The gettext plural rules of each language (Arabic: zero, one, two, few
# (3-10), many (11-99), other; the order Django's own Arabic catalogue uses).
PLURAL_FORMS = {
    "ckb": "nplurals=2; plural=(n != 1);",
    "kmr": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 && n%100<=99 ? 4 : 5);",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"<[^>]+>")


def catalog(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=code)


def messages(code):
    return [message for message in catalog(code) if message.id]


def forms(message):
    return list(message.string) if message.pluralizable else [message.string]


def ids(message):
    return list(message.id) if message.pluralizable else [message.id]


def test_every_language_but_english_has_a_catalogue():
    assert sorted(TRANSLATED) == sorted(PLURAL_FORMS)
    for code in TRANSLATED:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_plural_rule_is_the_languages(code):
    text = (LOCALE / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert f'"Plural-Forms: {PLURAL_FORMS[code]}\\n"' in text
    expected = int(PLURAL_FORMS[code].split(";")[0].split("=")[1])
    for message in messages(code):
        if message.pluralizable:
            assert len(message.string) == expected, message.id


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_string_is_translated(code):
    untranslated = [
        message.id
        for message in messages(code)
        if message.fuzzy or not all(form.strip() for form in forms(message))
    ]
    assert untranslated == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_are_the_englishs(code):
    """The templates fill %(name)s by name: a translation may drop only the
    count (Arabic's "one" and "two" say it in words), never add one."""
    for message in messages(code):
        english = [set(PLACEHOLDER.findall(text)) for text in ids(message)]
        for form in forms(message):
            found = set(PLACEHOLDER.findall(form))
            if message.pluralizable:
                assert found <= set.union(*english), (message.id, form)
                assert set.union(*english) - {"num"} <= found, (message.id, form)
            else:
                assert found == english[0], (message.id, form)
            # Every string goes through "%": a lone % would break the page.
            assert "%" not in PLACEHOLDER.sub("", form).replace("%%", ""), (message.id, form)


@pytest.mark.parametrize("code", TRANSLATED)
def test_markup_is_the_englishs(code):
    """A translation is trusted markup (its links and times): it carries the
    English's tags, each once, and no other."""
    for message in messages(code):
        english = Counter(TAG.findall(ids(message)[-1]))
        for form in forms(message):
            assert Counter(TAG.findall(form)) == english, (message.id, form)


def test_each_language_is_in_its_own_letters():
    """Sorani has its own letters (ڕ ڵ ێ ۆ ە) and writes Persian kaf and yeh,
    Arabic its own; Kurmanji and Turkish are Latin, with their letters."""
    text = {
        code: " ".join(form for message in messages(code) for form in forms(message))
        for code in TRANSLATED
    }
    assert set("ڕڵێۆە") <= set(text["ckb"])
    assert not set("كي") & set(text["ckb"])
    assert not set("ڕڵێۆەکی") & set(text["ar"])
    assert set("êîûçş") <= set(text["kmr"])
    assert set("çğıöşü") <= set(text["tr"])
    for code in ("kmr", "tr"):
        assert not re.search(r"[\u0600-\u06ff]", text[code]), code


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path):
    """What `make pot` extracts now is what the catalogues translate: a
    string wrapped in _() since the last `make messages` fails here."""
    pot = tmp_path / "django.pot"
    subprocess.run(
        ["make", "-s", "--no-print-directory", "pot", f"POT={pot}"],
        cwd=settings.BASE_DIR,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as source:
        wanted = {(message.context, message.id) for message in read_po(source) if message.id}
    for code in TRANSLATED:
        have = {(message.context, message.id) for message in messages(code)}
        assert wanted - have == set(), f"{code}: run `make messages` and translate"
        assert have - wanted == set(), f"{code}: run `make messages` to drop what is gone"
