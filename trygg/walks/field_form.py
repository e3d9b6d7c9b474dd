"""The field mode's form: one observation. Without JavaScript the page posts it as it is;
with it, the phone keeps it in the outbox and sends the same fields to the JSON endpoint."""

from django import forms

from .selectors.field import score_choices, template_items


class _ServiceChecked(forms.TypedChoiceField):
    """Radio buttons whose choices the page draws, but whose value the service checks (an
    item of another checklist, a score off the scale), in the service's own words."""

    def valid_value(self, value):
        return True


class ObservationForm(forms.Form):
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # Set by the phone when the observation is made (a queued one arrives later).
    recorded_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    item = _ServiceChecked(
        label="Punkt i checklistan",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    score = _ServiceChecked(
        label="Poäng", required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )
    lat = forms.FloatField(
        label="Latitud",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    lon = forms.FloatField(
        label="Longitud",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    place_text = forms.CharField(
        label="Plats i ord (frivilligt)",
        required=False,
        max_length=200,
        help_text="T.ex. ”gångtunneln vid stationen”.",
    )
    text = forms.CharField(
        label="Vad ser du?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skriv inte namn eller telefonnummer: sådant tas bort.",
    )

    def __init__(self, *args, walk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Ingen punkt")] + [
            (item.pk, item.label) for item in template_items(walk)
        ]
        self.fields["score"].choices = [("", "Ingen poäng")] + score_choices(walk)
        for name in ("lat", "lon"):
            # A Swedish phone keyboard writes a decimal comma.
            if self.data and self.data.get(name):
                self.data = self.data.copy()
                self.data[name] = self.data[name].replace(",", ".")
