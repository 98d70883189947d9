"""The editions a newsroom publishes: one per language, each with its own
direction, name, site name, tagline and digits.

An edition is data: editors switch one on or off in the admin (or a site
narrows them with the EDITIONS setting), and every story, section and author
belongs to exactly one."""

from django.conf import settings
from django.db import models


def default_edition():
    """The code of the default edition (settings.SITE_LANGUAGE): the one a
    story, a section or an author belongs to unless told otherwise."""
    return settings.SITE_LANGUAGE


def is_default(code):
    """The default edition (settings.SITE_LANGUAGE): its addresses have no
    prefix, and the site's settings name and describe it."""
    return code == default_edition()


def shown_site_name(code, own):
    """The site's name in edition `code` whose own is `own`: the default
    edition's is settings.SITE_NAME, the others' their own (pages, feeds,
    e-mails all show this)."""
    return settings.SITE_NAME if is_default(code) else own


def shown_site_description(code, own):
    """The site's description in edition `code` (its tagline `own`)."""
    return settings.SITE_DESCRIPTION if is_default(code) else own


class Edition(models.Model):
    class Direction(models.TextChoices):
        LTR = "ltr", "Left to right"
        RTL = "rtl", "Right to left"

    class Digits(models.TextChoices):
        WESTERN = "latn", "Western (0123456789)"
        ARABIC_INDIC = "arab", "Arabic-Indic (٠١٢٣٤٥٦٧٨٩)"

    code = models.CharField(
        "language code",
        max_length=12,
        primary_key=True,
        help_text="The language's code (BCP 47), e.g. en, ckb, kmr, ar, tr. "
        "It is the edition's address prefix (/ckb/...), except for the default edition's.",
    )
    name = models.CharField(
        max_length=60, help_text="The edition's name in its own script, e.g. کوردی or Türkçe."
    )
    english_name = models.CharField(
        max_length=60, help_text="For the newsroom, e.g. Sorani Kurdish."
    )
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.LTR)
    digits = models.CharField(
        max_length=4,
        choices=Digits.choices,
        default=Digits.WESTERN,
        help_text="The digits dates, times and counts are written in.",
    )
    site_name = models.CharField(max_length=120, help_text="The site's name in this edition.")
    tagline = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(
        default=True, help_text="Readers see only enabled editions; stories of others stay stored."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Editions are listed in this order, lowest first."
    )

    class Meta:
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.english_name} ({self.code})"

    @property
    def is_rtl(self):
        return self.direction == self.Direction.RTL

    @property
    def shown_site_name(self):
        return shown_site_name(self.code, self.site_name)
