from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from articles.models import Section


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no such section; showing all sections."},
    )
    since = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD, e.g. 2026-01-31."},
    )
    until = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD, e.g. 2026-01-31."},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
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
