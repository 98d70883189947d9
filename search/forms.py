from datetime import date, datetime, time, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Dates a search may filter on: far enough either way for any archive, and
# well inside what a datetime in any time zone holds (9999-12-31 plus the day
# that makes "To" inclusive overflowed; so did 0001-01-01 east of UTC).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
OUT_OF_RANGE = lazy(
    lambda: (
        gettext("Enter a date from %(earliest)s to %(latest)s.")
        % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}
    ),
    str,
)()


def date_field(label, invalid):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}
        ),
        validators=[
            MinValueValidator(EARLIEST, OUT_OF_RANGE),
            MaxValueValidator(LATEST, OUT_OF_RANGE),
        ],
        error_messages={"invalid": invalid},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("There is no such section; showing all sections.")},
    )
    since = date_field(
        pgettext_lazy("dates", "From"), _("Enter the start date as YYYY-MM-DD, e.g. 2026-01-31.")
    )
    until = date_field(
        pgettext_lazy("dates", "To"), _("Enter the end date as YYYY-MM-DD, e.g. 2026-01-31.")
    )

    def __init__(self, *args, sections, **kwargs):
        """`sections`: the reader's edition's, [(pk, name, slug)] in menu order
        (the masthead's, reader.shared: no query); two editions may share a slug."""
        super().__init__(*args, **kwargs)
        self._section_pks = {slug: pk for pk, _, slug in sections}
        self.fields["section"].choices = [("", _("All sections"))] + [
            (slug, name) for _, name, slug in sections
        ]

    def clean_section(self):
        """The chosen section's pk, or None for all."""
        return self._section_pks.get(self.cleaned_data["section"])

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
            cleaned.pop("until", None)
        return cleaned

    def filters(self):
        """The filters that passed validation; a bad one is dropped, not fatal."""
        data = getattr(self, "cleaned_data", {})
        filters = {}
        if data.get("section"):
            filters["section"] = data["section"]
        if data.get("since"):
            filters["since"] = _start_of(data["since"])
        if data.get("until"):
            filters["until"] = _start_of(data["until"] + timedelta(days=1))
        return filters


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))
