"""The night-walk forms: a group with its agreement, an evening, a sign-up and the phone's
walk log. The services check everything again in their own words; the forms parse."""

import json

from django import forms

from trygg.core.models import Organisation
from trygg.core.selectors import organisation_list

from .selectors import nightwalk as selectors

OBSERVATION_SLOTS = 3
SLOT_FIELDS = ("category", "text", "place", "lat", "lon")


class GroupForm(forms.Form):
    programme = forms.ModelChoiceField(label="Program", queryset=None, required=False)
    association = forms.ModelChoiceField(
        label="Förening",
        queryset=None,
        required=False,
        help_text="Föreningen som överenskommelsen är tecknad med (en organisation av typen "
        "förening).",
    )
    name = forms.CharField(label="Gruppens namn", max_length=200, required=False)
    contact_email = forms.EmailField(
        label="Kontakt: föreningens funktionsadress",
        required=False,
        help_text="T.ex. nattvandring@forening.se – inte en privatpersons adress.",
    )
    contact_phone = forms.CharField(
        label="Kontakt: föreningens telefon (frivilligt)", max_length=40, required=False
    )
    agreement_on = forms.DateField(
        label="Överenskommelsen tecknad",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    rate_sek = forms.DecimalField(
        label="Ersättning per genomförd kväll (kr)", required=False, decimal_places=0, min_value=0
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.nightwalk_programmes(viewer=viewer)
        self.fields["association"].queryset = organisation_list(
            municipality=viewer.municipality
        ).filter(kind=Organisation.Kind.FORENING)


class EveningForm(forms.Form):
    walk_on = forms.DateField(
        label="Datum", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_at = forms.TimeField(
        label="Samling klockan",
        required=False,
        initial="21:00",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    meeting_place = forms.CharField(label="Samlingsplats", max_length=200, required=False)


class SignupForm(forms.Form):
    evening = forms.IntegerField(widget=forms.HiddenInput)
    adults = forms.IntegerField(
        label="Antal vuxna",
        required=False,
        initial=1,
        widget=forms.NumberInput(attrs={"min": 1, "max": 20, "inputmode": "numeric"}),
    )
    nickname = forms.CharField(
        label="Förnamn eller smeknamn (frivilligt)",
        max_length=60,
        required=False,
        help_text="Bara så att ledaren vet vem som kommer. Tas bort en vecka efter kvällen.",
    )


class _RouteField(forms.CharField):
    """The route as JSON [[lat, lon], …]; what cannot be read is left for the service to
    refuse in its own words."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        try:
            return json.loads(value)
        except ValueError:
            return "ogiltig"


class LogForm(forms.Form):
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)
    walked_on = forms.DateField(
        label="Kväll", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    walkers = forms.IntegerField(
        label="Antal vuxna som gick",
        required=False,
        widget=forms.NumberInput(attrs={"min": 2, "max": 60, "inputmode": "numeric"}),
        help_text="Minst två vuxna.",
    )
    route = _RouteField(required=False, widget=forms.HiddenInput)
    route_text = forms.CharField(
        label="Områden och gator ni gick",
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Behövs om rutten inte är ritad eller inspelad, t.ex. ”Centrum, Stora gatan, "
        "stationen”.",
    )
    concern_reported = forms.BooleanField(label="Orosanmälan gjord", required=False)
    note = forms.CharField(
        label="Övrigt (frivilligt)",
        required=False,
        max_length=2100,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Skriv inga namn, personnummer eller telefonnummer: texten tas då inte emot.",
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Ingen observation")] + categories
        for n in range(1, OBSERVATION_SLOTS + 1):
            self.fields[f"obs{n}_category"] = forms.TypedChoiceField(
                label="Kategori", choices=choices, coerce=int, empty_value=None, required=False
            )
            self.fields[f"obs{n}_text"] = forms.CharField(
                label="Vad ni såg",
                required=False,
                max_length=1100,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"obs{n}_place"] = forms.CharField(
                label="Plats i ord", required=False, max_length=250
            )
            self.fields[f"obs{n}_lat"] = forms.FloatField(required=False, widget=forms.HiddenInput)
            self.fields[f"obs{n}_lon"] = forms.FloatField(required=False, widget=forms.HiddenInput)

    def observation_slots(self):
        """Each slot's bound fields, for the template."""
        return [
            {
                "n": n,
                **{key: self[f"obs{n}_{key}"] for key in SLOT_FIELDS},
            }
            for n in range(1, OBSERVATION_SLOTS + 1)
        ]

    def observations(self):
        """The slots the leader filled in (a category, or text without one: the service asks
        for the category then)."""
        from .services.nightwalk import ObservationInput

        data = self.cleaned_data
        out = []
        for n in range(1, OBSERVATION_SLOTS + 1):
            category = data.get(f"obs{n}_category")
            text, place = data.get(f"obs{n}_text", ""), data.get(f"obs{n}_place", "")
            if category is None and not text.strip() and not place.strip():
                continue
            out.append(
                ObservationInput(
                    category_id=category,
                    text=text,
                    place_text=place,
                    lat=data.get(f"obs{n}_lat"),
                    lon=data.get(f"obs{n}_lon"),
                    slot=n,
                )
            )
        return out
