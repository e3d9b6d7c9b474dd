"""Forms for youth activities and parent support. The services hold the rules; the forms
parse and keep what the user typed when a rule refuses it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Activity, EvidenceLevel, ParentEvent
from .models.youth import WEEKDAYS, YouthAgeBand, YouthSex


class ActivityForm(forms.ModelForm):
    # Querysets are set per viewer: the scoped managers refuse a query outside a municipality.
    programme = forms.ModelChoiceField(label=_("Program"), queryset=None)
    organiser = forms.ModelChoiceField(label=_("Arrangör"), queryset=None)
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=None,
        required=False,
        help_text=_("Lämna tomt om du anger en punkt: området räknas då ut från den."),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Veckodagar"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Activity
        fields = [
            "programme",
            "name",
            "description",
            "organiser",
            "place_name",
            "area",
            "lat",
            "lon",
            "weekdays",
            "starts_at",
            "ends_at",
            "age_min",
            "age_max",
            "cost_sek",
            "cost_note",
            "accessibility",
            "season_start",
            "season_end",
            "active",
        ]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "season_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "season_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place_name": _("T.ex. fritidsgården eller idrottshallen; visas på den öppna sidan."),
            "lat": _("Valfritt: en punkt på kartan (WGS84). Området räknas ut från punkten."),
            "cost_sek": _("0 betyder gratis."),
            "accessibility": _("T.ex. ramp, hörslinga, anpassade grupper."),
        }

    def __init__(self, *args, programmes, organisations, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["organiser"].queryset = organisations
        self.fields["area"].queryset = areas
        if self.instance.pk:
            self.initial["weekdays"] = list(self.instance.weekdays)

    def _post_clean(self):
        # The service validates and saves; the form only parses.
        pass


def count_field(band: str, sex: str) -> str:
    return f"n_{band}_{sex}"


class SessionForm(forms.Form):
    """One session's date and a count per age band and sex (no names)."""

    held_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band, band_label in YouthAgeBand.choices:
            for sex, sex_label in YouthSex.choices:
                # No min_value here: the service refuses a negative count with its own words.
                self.fields[count_field(band, sex)] = forms.IntegerField(
                    label=f"{sex_label}, {band_label}", required=False, initial=0
                )

    def grid(self):
        """Rows per age band of (sex label, bound field), for a table of inputs."""
        return [
            (band_label, [self[count_field(band, sex)] for sex, _label in YouthSex.choices])
            for band, band_label in YouthAgeBand.choices
        ]

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (band, sex): self.cleaned_data.get(count_field(band, sex)) or 0
            for band in YouthAgeBand.values
            for sex in YouthSex.values
        }


class ParentOfferForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program"), queryset=None)
    name = forms.CharField(label=_("Föräldraprogram"), max_length=200)
    evidence = forms.ChoiceField(label=_("Evidensnivå"), choices=EvidenceLevel.choices)
    organiser = forms.ModelChoiceField(label=_("Arrangör"), queryset=None)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, programmes, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["organiser"].queryset = organisations


class ParentEventForm(forms.ModelForm):
    offer = forms.ModelChoiceField(label=_("Föräldraprogram"), queryset=None)
    survey = forms.ModelChoiceField(
        label=_("Utvärdering (enkät)"),
        queryset=None,
        required=False,
        help_text=_("Enkäten från medborgardialogen som deltagarna svarar på efteråt."),
    )

    class Meta:
        model = ParentEvent
        fields = [
            "offer",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "participants",
            "survey",
            "cancelled",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "participants": _("Fylls i när träffen har hållits. Bara antal, inga namn."),
        }

    def __init__(self, *args, offers, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["survey"].queryset = surveys
        # A plain integer: the service refuses a negative count with its own words.
        self.fields["participants"] = forms.IntegerField(
            label=_("Deltagare"),
            required=False,
            help_text=self.fields["participants"].help_text,
        )

    def _post_clean(self):
        pass
