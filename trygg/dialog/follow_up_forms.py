"""Forms for sessions, coding and "ni sa – vi gör". Each parses input only: the rules (consent,
the PII scan, what may be linked) are the services'."""

from django import forms

from .models import Session
from .models.answers import AgeBand, Sex


class DateInput(forms.DateInput):
    input_type = "date"


def _theme_field(choices, *, required=False, label="Teman"):
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=required,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Temana är kommunens rapportkategorier. Håll ned Ctrl (Cmd på Mac) för att "
        "välja flera.",
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label="Typ", choices=Session.Kind.choices)
    title = forms.CharField(label="Rubrik", max_length=200)
    held_on = forms.DateField(label="Datum", widget=DateInput)
    purpose = forms.CharField(label="Syfte", widget=forms.Textarea(attrs={"rows": 3}))
    recruitment = forms.CharField(
        label="Så rekryterades deltagarna", widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.IntegerField(label="Antal deltagare", min_value=1, max_value=500)
    consent_recorded = forms.BooleanField(
        label="Samtycke inhämtat från alla deltagare",
        required=False,
        help_text="Utan samtycke kan samtalet inte registreras.",
    )
    consent_method = forms.CharField(
        label="Hur samtycket inhämtades",
        max_length=200,
        required=False,
        help_text="T.ex. skriftligt samtycke på blankett, muntligt och antecknat.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Composition as counts only, never names: one number per sex and age band.
        plural = {Sex.KVINNA: "kvinnor", Sex.MAN: "män"}
        for value in Sex.values:
            self.fields[f"sex_{value}"] = forms.IntegerField(
                label=f"Antal {plural[value]}", min_value=0, required=False
            )
        for band in AgeBand:
            self.fields[f"age_{band.name.lower()}"] = forms.IntegerField(
                label=f"Antal i åldern {band.label}", min_value=0, required=False
            )

    def sex_fields(self):
        return [self[f"sex_{v}"] for v in Sex.values]

    def age_fields(self):
        return [self[f"age_{band.name.lower()}"] for band in AgeBand]

    def composition(self) -> dict:
        data = self.cleaned_data
        return {
            "sex": {v: data.get(f"sex_{v}") or 0 for v in Sex.values},
            "age_band": {b.value: data.get(f"age_{b.name.lower()}") or 0 for b in AgeBand},
        }


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Anteckning eller citat",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="En anteckning med personuppgifter sparas med dem borttagna; ett citat med "
        "personuppgifter eller namn sparas inte alls.",
    )
    is_quote = forms.BooleanField(label="Det är ett citat", required=False)
    speaker = forms.ChoiceField(label="Vem sa det (pseudonym)", required=False)

    def __init__(self, *args, pseudonyms, theme_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [("", "–")] + [(p, p) for p in pseudonyms]
        self.fields["themes"] = _theme_field(theme_choices)


class CodingForm(forms.Form):
    answers = forms.TypedMultipleChoiceField(
        label="Svar", coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    operation = forms.ChoiceField(
        label="Åtgärd",
        choices=[("add", "Lägg till teman"), ("remove", "Ta bort teman")],
        initial="add",
    )

    def __init__(self, *args, answer_ids, theme_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [(i, str(i)) for i in answer_ids]
        self.fields["themes"] = _theme_field(theme_choices)


class PublishForm(forms.Form):
    public_summary = forms.CharField(
        label="Ni sa – vi gör",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Vad dialogen visade och vad kommunen och polisen gör med det, i klarspråk. "
        "Visas offentligt.",
    )
    measures = forms.TypedMultipleChoiceField(
        label="Åtgärder som beslutades", coerce=int, required=False, widget=forms.SelectMultiple
    )
    promise_activities = forms.TypedMultipleChoiceField(
        label="Aktiviteter i medborgarlöftet",
        coerce=int,
        required=False,
        widget=forms.SelectMultiple,
    )

    def __init__(self, *args, measures, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = [(m.pk, f"{m.title} ({m.plan.title})") for m in measures]
        self.fields["promise_activities"].choices = [
            (a.pk, f"{a.title} (medborgarlöfte {a.promise.year})") for a in activities
        ]
