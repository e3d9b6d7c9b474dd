"""The support programmes' forms. They parse; the services check again in their own words
(the organisation, the counts, the PII scan) so the API and the demo get the same rules."""

from django import forms

from trygg.core.selectors import organisation_list

from .models import AnnualReport, IndicatorReview, SupportAgreement
from .selectors import support as selectors

NO_CLIENT_DATA = (
    "Skriv aldrig uppgifter om kvinnojourens klienter: inga namn, personnummer, telefonnummer, "
    "adresser eller e-postadresser. Texten kontrolleras och sparas inte om den innehåller "
    "något som liknar personuppgifter."
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.Form):
    programme = forms.ModelChoiceField(label="Program", queryset=None)
    organisation = forms.ModelChoiceField(
        label="Organisation (kvinnojouren)", queryset=None, required=False
    )
    form = forms.ChoiceField(label="Form", choices=SupportAgreement.Form.choices)
    amount_sek = forms.DecimalField(label="Belopp (kr)", decimal_places=0, max_digits=12)
    paid_sek = forms.DecimalField(
        label="Utbetalt hittills (kr)", decimal_places=0, max_digits=12, initial=0
    )
    start = forms.DateField(label="Gäller från", widget=DATE)
    end = forms.DateField(label="Gäller till", widget=DATE)
    purpose = forms.CharField(
        label="Vad stödet avser",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_CLIENT_DATA,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.kvinnojour_programmes(viewer=viewer)
        self.fields["organisation"].queryset = organisation_list(municipality=viewer.municipality)


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label="Överenskommen aktivitet", max_length=200, help_text=NO_CLIENT_DATA
    )
    unit = forms.CharField(label="Enhet", max_length=40, required=False)
    target = forms.IntegerField(label="Mål per år")


class ReportUploadForm(forms.Form):
    year = forms.IntegerField(label="År som rapporten gäller")
    file = forms.FileField(
        label="Årsrapport (PDF eller Word)",
        help_text="Rapporten får inte innehålla uppgifter om enskilda klienter.",
    )


class ReviewForm(forms.Form):
    """One reported figure, assessment and comment per agreed activity, then the status."""

    follow_up = forms.ChoiceField(label="Uppföljningsstatus", choices=AnnualReport.FollowUp.choices)
    summary = forms.CharField(
        label="Sammanfattande bedömning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_CLIENT_DATA,
    )

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(report.agreement.indicators.all())
        existing = {r.indicator_id: r for r in report.reviews.all()}
        for indicator in self.indicators:
            done = existing.get(indicator.pk)
            self.fields[f"ind_{indicator.pk}"] = forms.IntegerField(
                label=f"{indicator.name}: redovisat (mål {indicator.target})",
                initial=done.reported if done else None,
            )
            self.fields[f"ass_{indicator.pk}"] = forms.ChoiceField(
                label=f"{indicator.name}: bedömning",
                choices=IndicatorReview.Assessment.choices,
                initial=done.assessment if done else None,
            )
            self.fields[f"com_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.name}: kommentar",
                max_length=500,
                required=False,
                initial=done.comment if done else "",
            )
        if report.follow_up != AnnualReport.FollowUp.EJ_GRANSKAD:
            self.fields["follow_up"].initial = report.follow_up
        self.fields["summary"].initial = report.review_summary

    def rows(self):
        """The fields of each activity together, for the template."""
        return [
            (i, self[f"ind_{i.pk}"], self[f"ass_{i.pk}"], self[f"com_{i.pk}"])
            for i in self.indicators
        ]

    def assessments(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "indicator": i,
                "reported": data[f"ind_{i.pk}"],
                "assessment": data[f"ass_{i.pk}"],
                "comment": data[f"com_{i.pk}"],
            }
            for i in self.indicators
        ]


class QuarterForm(forms.Form):
    """A quarter's counts; one count field per area for recruitment concerns."""

    year = forms.IntegerField(label="År")
    quarter = forms.TypedChoiceField(
        label="Kvartal", coerce=int, choices=[(q, f"Kvartal {q}") for q in range(1, 5)]
    )
    open_at_start = forms.IntegerField(label="Pågående vid kvartalets början", initial=0)
    started = forms.IntegerField(label="Påbörjade under kvartalet", initial=0)
    ended = forms.IntegerField(label="Avslutade under kvartalet", initial=0)
    goal_met = forms.IntegerField(label="Av de avslutade: mål uppnått", initial=0)
    consent = forms.IntegerField(label="Samtycke inhämtat", initial=0)

    COUNTS = ("open_at_start", "started", "ended", "goal_met", "consent")

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = forms.IntegerField(
                label=area.name, required=False, initial=0
            )

    def area_fields(self):
        return [self[f"area_{a.pk}"] for a in self.areas]

    def counts(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.COUNTS}

    def concerns(self) -> dict:
        return {a: self.cleaned_data.get(f"area_{a.pk}") or 0 for a in self.areas}


class RoutineForm(forms.Form):
    title = forms.CharField(label="Rutin", max_length=200)
    description = forms.CharField(
        label="Beskrivning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Beskriv rutinen, inte enskilda ärenden eller personer.",
    )
    agreed_on = forms.DateField(label="Beslutad", widget=DATE)
    review_by = forms.DateField(label="Ses över senast", widget=DATE)


class RoutineReviewedForm(forms.Form):
    next_review_by = forms.DateField(label="Nästa översyn senast", widget=DATE)


class ForumLinkForm(forms.Form):
    forum = forms.ModelChoiceField(label="Forum där samverkan möts", queryset=None)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = selectors.forum_choices(viewer=viewer)
