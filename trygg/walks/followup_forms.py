"""Forms for findings, the återmöte, publishing the protocol, the owner's answer and the
re-walk (issue 18, items 4–6)."""

from django import forms

TEXT_MAX = 4000


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FindingForm(forms.Form):
    observations = forms.MultipleChoiceField(
        label="Observationer som bristen bygger på",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst en observation som bristen bygger på."},
    )
    title = forms.CharField(label="Brist", max_length=200)
    proposal = forms.CharField(
        label="Förslag till åtgärd", widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX
    )
    owner_organisation = forms.ModelChoiceField(
        label="Ansvarig organisation i kommunen",
        queryset=None,
        required=False,
        empty_label="Ingen – en extern ansvarig",
    )
    owner_name = forms.CharField(
        label="Extern ansvarig",
        max_length=200,
        required=False,
        help_text="T.ex. Trafikverket eller Köpingebostäder; tomt för kommunens organisation.",
    )
    owner_email = forms.EmailField(label="E-post till ansvarig", required=False)
    deadline = forms.DateField(label="Svar senast", widget=_date_input())
    item = forms.ModelChoiceField(label="Punkt i checklistan", queryset=None, required=False)
    previous_finding = forms.ModelChoiceField(
        label="Brist från förra vandringen", queryset=None, required=False
    )

    def __init__(self, *args, observations, organisations, items, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observations"].choices = [
            (str(o.pk), _obs_label(n, o)) for n, o in observations
        ]
        self.fields["owner_organisation"].queryset = organisations
        self.fields["item"].queryset = items
        if previous is None:
            del self.fields["previous_finding"]
        else:
            self.fields["previous_finding"].queryset = previous


def _obs_label(n, o) -> str:
    item = o.item.label if o.item else "Observation"
    score = f", poäng {o.score}" if o.score is not None else ""
    text = f": {o.text[:80]}" if o.text else ""
    return f"{n}. {item}{score}{text}"


class MeasureOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label="Ansvarig organisation för åtgärden",
        queryset=None,
        required=False,
        empty_label="Bristens organisation",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations


class ReportCategoryForm(forms.Form):
    category = forms.ModelChoiceField(label="Kategori för rapporten", queryset=None)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(
        label="Tid för återmötet",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label="Plats", max_length=200, required=False)


class PublishForm(forms.Form):
    summary = forms.CharField(
        label="Sammanfattning för allmänheten",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
        help_text="Visas på den offentliga sidan. Skriv inga namn eller kontaktuppgifter.",
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Vad kommer ni att göra?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX,
        error_messages={"required": "Skriv vad ni kommer att göra."},
    )


class RewalkForm(forms.Form):
    walk_on = forms.DateField(label="Datum för den nya vandringen", widget=_date_input())
    title = forms.CharField(label="Rubrik", max_length=200, required=False)
    confirmed = forms.BooleanField(
        label="Jag bekräftar datumet även om det ligger utanför 6–12 månader", required=False
    )
