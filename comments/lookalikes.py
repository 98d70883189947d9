"""Text as the spam flags read it: what a reader sees, not the code points.

Spammers hide words from filters with characters a reader cannot see (zero
width spaces and joiners, soft hyphens, bidi controls) and with letters from
other scripts that look Latin ("саsino" with a Cyrillic с and а). `skeleton()`
drops the first and reads the second as the Latin letters they imitate, after
NFKD (which already turns fullwidth and mathematical letters into plain ones),
and folds case and accents as `moderation.fold()` does.

The skeleton is for matching only: a comment is stored and shown exactly as
typed. That matters beyond Latin script: ZWNJ (U+200C) is a letter joiner in
Persian and Sorani Kurdish words, and Greek and Cyrillic words are words, not
disguises. So the flags look for a word in the text as written (`fold`) and in
its skeleton: a Greek or Russian banned word is still found as written, a
disguised Latin one in the skeleton.
"""

import re
import unicodedata

# Letters that look like a Latin letter, from Unicode's confusables.txt (UTS #39,
# version 17.0.0): those of the Cyrillic, Greek, Armenian and Latin scripts whose
# prototype is a single ASCII letter and that NFKD leaves alone. Case is kept
# (a Cyrillic "Н" looks like "H", its lower case "н" like nothing Latin), so the
# table is applied before folding case and again after it. UTS #39 reads the
# capital I look-alikes as "l"; case-insensitive matching wants them as "I".
CONFUSABLES = {
    # Cyrillic
    "\u0405": "S",  # Ѕ CYRILLIC CAPITAL LETTER DZE
    "\u0406": "I",  # І CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
    "\u0408": "J",  # Ј CYRILLIC CAPITAL LETTER JE
    "\u0410": "A",  # А CYRILLIC CAPITAL LETTER A
    "\u0412": "B",  # В CYRILLIC CAPITAL LETTER VE
    "\u0415": "E",  # Е CYRILLIC CAPITAL LETTER IE
    "\u041a": "K",  # К CYRILLIC CAPITAL LETTER KA
    "\u041c": "M",  # М CYRILLIC CAPITAL LETTER EM
    "\u041d": "H",  # Н CYRILLIC CAPITAL LETTER EN
    "\u041e": "O",  # О CYRILLIC CAPITAL LETTER O
    "\u0420": "P",  # Р CYRILLIC CAPITAL LETTER ER
    "\u0421": "C",  # С CYRILLIC CAPITAL LETTER ES
    "\u0422": "T",  # Т CYRILLIC CAPITAL LETTER TE
    "\u0423": "Y",  # У CYRILLIC CAPITAL LETTER U
    "\u0425": "X",  # Х CYRILLIC CAPITAL LETTER HA
    "\u042c": "b",  # Ь CYRILLIC CAPITAL LETTER SOFT SIGN
    "\u0430": "a",  # а CYRILLIC SMALL LETTER A
    "\u0433": "r",  # г CYRILLIC SMALL LETTER GHE
    "\u0435": "e",  # е CYRILLIC SMALL LETTER IE
    "\u043e": "o",  # о CYRILLIC SMALL LETTER O
    "\u0440": "p",  # р CYRILLIC SMALL LETTER ER
    "\u0441": "c",  # с CYRILLIC SMALL LETTER ES
    "\u0443": "y",  # у CYRILLIC SMALL LETTER U
    "\u0445": "x",  # х CYRILLIC SMALL LETTER HA
    "\u0448": "w",  # ш CYRILLIC SMALL LETTER SHA
    "\u0455": "s",  # ѕ CYRILLIC SMALL LETTER DZE
    "\u0456": "i",  # і CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    "\u0458": "j",  # ј CYRILLIC SMALL LETTER JE
    "\u0461": "w",  # ѡ CYRILLIC SMALL LETTER OMEGA
    "\u0474": "V",  # Ѵ CYRILLIC CAPITAL LETTER IZHITSA
    "\u0475": "v",  # ѵ CYRILLIC SMALL LETTER IZHITSA
    "\u04ae": "Y",  # Ү CYRILLIC CAPITAL LETTER STRAIGHT U
    "\u04af": "y",  # ү CYRILLIC SMALL LETTER STRAIGHT U
    "\u04bb": "h",  # һ CYRILLIC SMALL LETTER SHHA
    "\u04bd": "e",  # ҽ CYRILLIC SMALL LETTER ABKHASIAN CHE
    "\u04c0": "I",  # Ӏ CYRILLIC LETTER PALOCHKA
    "\u04cf": "l",  # ӏ CYRILLIC SMALL LETTER PALOCHKA
    "\u0501": "d",  # ԁ CYRILLIC SMALL LETTER KOMI DE
    "\u050c": "G",  # Ԍ CYRILLIC CAPITAL LETTER KOMI SJE
    "\u051b": "q",  # ԛ CYRILLIC SMALL LETTER QA
    "\u051c": "W",  # Ԝ CYRILLIC CAPITAL LETTER WE
    "\u051d": "w",  # ԝ CYRILLIC SMALL LETTER WE
    "\ua647": "i",  # ꙇ CYRILLIC SMALL LETTER IOTA
    # Greek
    "\u037f": "J",  # Ϳ GREEK CAPITAL LETTER YOT
    "\u0391": "A",  # Α GREEK CAPITAL LETTER ALPHA
    "\u0392": "B",  # Β GREEK CAPITAL LETTER BETA
    "\u0395": "E",  # Ε GREEK CAPITAL LETTER EPSILON
    "\u0396": "Z",  # Ζ GREEK CAPITAL LETTER ZETA
    "\u0397": "H",  # Η GREEK CAPITAL LETTER ETA
    "\u0399": "I",  # Ι GREEK CAPITAL LETTER IOTA
    "\u039a": "K",  # Κ GREEK CAPITAL LETTER KAPPA
    "\u039c": "M",  # Μ GREEK CAPITAL LETTER MU
    "\u039d": "N",  # Ν GREEK CAPITAL LETTER NU
    "\u039f": "O",  # Ο GREEK CAPITAL LETTER OMICRON
    "\u03a1": "P",  # Ρ GREEK CAPITAL LETTER RHO
    "\u03a4": "T",  # Τ GREEK CAPITAL LETTER TAU
    "\u03a5": "Y",  # Υ GREEK CAPITAL LETTER UPSILON
    "\u03a7": "X",  # Χ GREEK CAPITAL LETTER CHI
    "\u03b1": "a",  # α GREEK SMALL LETTER ALPHA
    "\u03b3": "y",  # γ GREEK SMALL LETTER GAMMA
    "\u03b9": "i",  # ι GREEK SMALL LETTER IOTA
    "\u03bd": "v",  # ν GREEK SMALL LETTER NU
    "\u03bf": "o",  # ο GREEK SMALL LETTER OMICRON
    "\u03c1": "p",  # ρ GREEK SMALL LETTER RHO
    "\u03c3": "o",  # σ GREEK SMALL LETTER SIGMA
    "\u03c5": "u",  # υ GREEK SMALL LETTER UPSILON
    "\u03dc": "F",  # Ϝ GREEK LETTER DIGAMMA
    "\u03f3": "j",  # ϳ GREEK LETTER YOT
    "\u03f8": "p",  # ϸ GREEK SMALL LETTER SHO
    "\u03fa": "M",  # Ϻ GREEK CAPITAL LETTER SAN
    "\u1d26": "r",  # ᴦ GREEK LETTER SMALL CAPITAL GAMMA
    # Armenian
    "\u054d": "U",  # Ս ARMENIAN CAPITAL LETTER SEH
    "\u054f": "S",  # Տ ARMENIAN CAPITAL LETTER TIWN
    "\u0555": "O",  # Օ ARMENIAN CAPITAL LETTER OH
    "\u0561": "w",  # ա ARMENIAN SMALL LETTER AYB
    "\u0563": "q",  # գ ARMENIAN SMALL LETTER GIM
    "\u0566": "q",  # զ ARMENIAN SMALL LETTER ZA
    "\u0570": "h",  # հ ARMENIAN SMALL LETTER HO
    "\u0578": "n",  # ո ARMENIAN SMALL LETTER VO
    "\u057c": "n",  # ռ ARMENIAN SMALL LETTER RA
    "\u057d": "u",  # ս ARMENIAN SMALL LETTER SEH
    "\u0581": "g",  # ց ARMENIAN SMALL LETTER CO
    "\u0582": "i",  # ւ ARMENIAN SMALL LETTER YIWN
    "\u0584": "f",  # ք ARMENIAN SMALL LETTER KEH
    "\u0585": "o",  # օ ARMENIAN SMALL LETTER OH
    # Latin
    "\u00fe": "p",  # þ LATIN SMALL LETTER THORN
    "\u0131": "i",  # ı LATIN SMALL LETTER DOTLESS I
    "\u0184": "b",  # Ƅ LATIN CAPITAL LETTER TONE SIX
    "\u018d": "g",  # ƍ LATIN SMALL LETTER TURNED DELTA
    "\u0192": "f",  # ƒ LATIN SMALL LETTER F WITH HOOK
    "\u0196": "I",  # Ɩ LATIN CAPITAL LETTER IOTA
    "\u01a6": "R",  # Ʀ LATIN LETTER YR
    "\u01bd": "s",  # ƽ LATIN SMALL LETTER TONE FIVE
    "\u01bf": "p",  # ƿ LATIN LETTER WYNN
    "\u01c0": "l",  # ǀ LATIN LETTER DENTAL CLICK
    "\u0251": "a",  # ɑ LATIN SMALL LETTER ALPHA
    "\u0261": "g",  # ɡ LATIN SMALL LETTER SCRIPT G
    "\u0263": "y",  # ɣ LATIN SMALL LETTER GAMMA
    "\u0269": "i",  # ɩ LATIN SMALL LETTER IOTA
    "\u026a": "i",  # ɪ LATIN LETTER SMALL CAPITAL I
    "\u026f": "w",  # ɯ LATIN SMALL LETTER TURNED M
    "\u028b": "u",  # ʋ LATIN SMALL LETTER V WITH HOOK
    "\u028f": "y",  # ʏ LATIN LETTER SMALL CAPITAL Y
    "\u1d04": "c",  # ᴄ LATIN LETTER SMALL CAPITAL C
    "\u1d0f": "o",  # ᴏ LATIN LETTER SMALL CAPITAL O
    "\u1d11": "o",  # ᴑ LATIN SMALL LETTER SIDEWAYS O
    "\u1d1c": "u",  # ᴜ LATIN LETTER SMALL CAPITAL U
    "\u1d20": "v",  # ᴠ LATIN LETTER SMALL CAPITAL V
    "\u1d21": "w",  # ᴡ LATIN LETTER SMALL CAPITAL W
    "\u1d22": "z",  # ᴢ LATIN LETTER SMALL CAPITAL Z
    "\u1d83": "g",  # ᶃ LATIN SMALL LETTER G WITH PALATAL HOOK
    "\u1d8c": "y",  # ᶌ LATIN SMALL LETTER V WITH PALATAL HOOK
    "\u1e9d": "f",  # ẝ LATIN SMALL LETTER LONG S WITH HIGH STROKE
    "\u1eff": "y",  # ỿ LATIN SMALL LETTER Y WITH LOOP
    "\ua731": "s",  # ꜱ LATIN LETTER SMALL CAPITAL S
    "\ua798": "F",  # Ꞙ LATIN CAPITAL LETTER F WITH STROKE
    "\ua799": "f",  # ꞙ LATIN SMALL LETTER F WITH STROKE
    "\ua79f": "u",  # ꞟ LATIN SMALL LETTER VOLAPUK UE
    "\ua7b2": "J",  # Ʝ LATIN CAPITAL LETTER J WITH CROSSED-TAIL
    "\ua7b3": "X",  # Ꭓ LATIN CAPITAL LETTER CHI
    "\ua7b4": "B",  # Ꞵ LATIN CAPITAL LETTER BETA
    "\uab32": "e",  # ꬲ LATIN SMALL LETTER BLACKLETTER E
    "\uab35": "f",  # ꬵ LATIN SMALL LETTER LENIS F
    "\uab3d": "o",  # ꬽ LATIN SMALL LETTER BLACKLETTER O
    "\uab47": "r",  # ꭇ LATIN SMALL LETTER R WITHOUT HANDLE
    "\uab48": "r",  # ꭈ LATIN SMALL LETTER DOUBLE R
    "\uab4e": "u",  # ꭎ LATIN SMALL LETTER U WITH SHORT RIGHT LEG
    "\uab52": "u",  # ꭒ LATIN SMALL LETTER U WITH LEFT HOOK
    "\uab5a": "y",  # ꭚ LATIN SMALL LETTER Y WITH SHORT RIGHT LEG
}
_TABLE = str.maketrans(CONFUSABLES)


# Characters with no glyph of their own: soft hyphen, combining grapheme
# joiner, Arabic letter mark, Hangul fillers, Khmer invisible vowels,
# Mongolian variation selectors and vowel separator, zero-width space, ZWNJ,
# ZWJ, LRM and RLM, bidi embeddings, overrides and isolates, word joiner and
# invisible operators, variation selectors, BOM (zero-width no-break space),
# interlinear annotation marks, and the tag characters and variation
# selectors of plane 14.
INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e0fff]"
)


def skeleton(text):
    """The look-alike-proof, case- and accent-insensitive form of text."""
    text = unicodedata.normalize("NFKD", INVISIBLE_RE.sub("", text)).translate(_TABLE)
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_TABLE)
    return "".join(ch for ch in text if not unicodedata.combining(ch))
