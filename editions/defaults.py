"""The five editions a new site starts with. Editors change them in the
admin afterwards; `ensure` only adds the ones missing, never overwrites.

Used by the first migration and after every `migrate` (post_migrate), so a
database emptied by a test's flush gets them back, as Django's own
permissions and content types do."""

EDITIONS = [
    # code, name, English name, direction, digits, site name, tagline
    (
        "en",
        "English",
        "English",
        "ltr",
        "latn",
        "The Newsroom",
        "Independent reporting from the region and the world.",
    ),
    (
        "ckb",
        "کوردی",
        "Sorani Kurdish",
        "rtl",
        "arab",
        "نیوزڕووم",
        "ڕاپۆرتی سەربەخۆ لە هەرێم و جیهانەوە.",
    ),
    (
        "kmr",
        "Kurmancî",
        "Kurmanji Kurdish",
        "ltr",
        "latn",
        "Newsroom Kurmancî",
        "Nûçeyên serbixwe ji herêmê û cîhanê.",
    ),
    ("ar", "العربية", "Arabic", "rtl", "latn", "نيوزروم", "تقارير مستقلة من المنطقة والعالم."),
    (
        "tr",
        "Türkçe",
        "Turkish",
        "ltr",
        "latn",
        "Newsroom Türkçe",
        "Bölgeden ve dünyadan bağımsız haberler.",
    ),
]


def ensure(edition_model, using="default"):
    """Add the default editions missing from the table of `edition_model`."""
    for order, (code, name, english, direction, digits, site_name, tagline) in enumerate(EDITIONS):
        edition_model.objects.using(using).get_or_create(
            code=code,
            defaults=dict(
                name=name,
                english_name=english,
                direction=direction,
                digits=digits,
                site_name=site_name,
                tagline=tagline,
                order=order,
            ),
        )
