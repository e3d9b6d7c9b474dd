"""The welfare forms. The case form has no field for a person; the services scan the text
and check the organisation number, and the views show their errors at the fields."""

from django import forms

from .models import Analysis, Case, Control, ControlRun, Risk
from .services.analyses import NO_REGELVERK
from .services.controls import NO_RESULT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnalysisForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = ["regelverk", "scope", "owner", "review_months", "reviewed_on"]
        widgets = {"reviewed_on": DATE, "scope": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "owner": "En funktion, till exempel ”Enhetschef ekonomiskt bistånd” – inget namn.",
            "reviewed_on": "Dagen analysen gjordes eller senast gicks igenom.",
        }
        error_messages = {"regelverk": {"required": NO_REGELVERK}}


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "description", "exploitation", "likelihood", "consequence", "proposed_change",
            "owner", "status",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "exploitation": forms.Textarea(attrs={"rows": 2}),
            "proposed_change": forms.Textarea(attrs={"rows": 2}),
            "likelihood": forms.Select(choices=[(i, str(i)) for i in range(1, 5)]),
            "consequence": forms.Select(choices=[(i, str(i)) for i in range(1, 5)]),
        }
        help_texts = {
            "likelihood": "1 = osannolik, 4 = mycket sannolik.",
            "consequence": "1 = begränsad, 4 = mycket allvarlig.",
        }


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Granskad", widget=DATE)


class RiskStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Risk.Status.choices)


class ControlForm(forms.ModelForm):
    class Meta:
        model = Control
        fields = ["name", "regelverk", "description", "performer", "frequency", "starts_on"]
        widgets = {"starts_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"performer": "En funktion, till exempel ”Controller, socialförvaltningen”."}


class RunForm(forms.ModelForm):
    class Meta:
        model = ControlRun
        fields = ["run_on", "result", "checked", "deviations"]
        widgets = {"run_on": DATE, "deviations": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"deviations": "Vad som avvek, utan namn eller personnummer."}
        error_messages = {"result": {"required": NO_RESULT}}


class CaseForm(forms.ModelForm):
    # The queryset is the municipality's controls, given per request (scoped manager).
    control = forms.ModelChoiceField(
        queryset=None, required=False, label="Kontroll som upptäckte det"
    )

    def __init__(self, *args, controls=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["control"].queryset = controls
        self.fields["control"].empty_label = "Ingen"

    class Meta:
        model = Case
        fields = [
            "regelverk", "kind", "detection", "control", "detected_on", "organisation_number",
            "amount_paid", "amount_reclaimed", "police_report_on", "notifications_sent",
            "notifications_received", "outcome", "summary", "closed_on",
        ]  # fmt: skip
        widgets = {
            "detected_on": DATE,
            "police_report_on": DATE,
            "closed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "organisation_number": "Bara juridiska personer (tio siffror, t.ex. 556123-4567). "
            "Enskilda personer registreras inte här.",
            "summary": "Inga namn, personnummer, telefonnummer, e-postadresser eller "
            "registreringsnummer: ärendet finns i verksamhetssystemet.",
            "police_report_on": "Lämna tomt om ärendet inte är polisanmält.",
        }
        error_messages = {"regelverk": {"required": "Välj vilket område ärendet gäller."}}
