from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trygg.geo.forms import AreaChoiceField, AreaMultipleChoiceField

from .crimestats import REPORTED_OFFENCES
from .models import FocusArea, Goal, PromiseActivity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FocusAreaForm(forms.Form):
    title = forms.CharField(label=_("Fokusområde"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label=_("Beslutat"), widget=DATE)
    decision_reference = forms.CharField(
        label=_("Beslutsreferens"), max_length=200, help_text=_("T.ex. EST-gruppen 2026-03-12 § 4.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=FocusArea.Status.choices)
    areas = AreaMultipleChoiceField(
        label=_("Områden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas


class PromiseForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    introduction = forms.CharField(
        label=_("Inledning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    signed_on = forms.DateField(label=_("Undertecknat"), widget=DATE, required=False)
    signed_by_municipality = forms.CharField(
        label=_("För kommunen"), max_length=200, required=False, help_text=_("Namn och titel.")
    )
    signed_by_police = forms.CharField(
        label=_("För polisen"), max_length=200, required=False, help_text=_("Namn och titel.")
    )

    def __init__(self, *args, focus_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = focus_areas


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Aktivitet"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    focus_area = forms.ModelChoiceField(
        label=_("Fokusområde"), queryset=None, required=False, empty_label=_("Inget")
    )
    owner = forms.ChoiceField(label=_("Ansvarig"), choices=PromiseActivity.Owner.choices)
    owner_name = forms.CharField(label=_("Annan aktör"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=PromiseActivity.Status.choices)
    goal = forms.ChoiceField(label=_("Mål i riktlinjen"), choices=Goal.choices)
    follow_up = forms.CharField(
        label=_("Uppföljning (visas publikt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, focus_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = focus_areas


class StatisticsImportForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV)"))
    layout = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (
                "indikatorer",
                _("BRÅ:s kommunindikatorer (geografi, enhet, ar, variabel, varde, kalla)"),
            ),
            ("kommunfil", _("BRÅ:s fil Anmälda brott i kommunerna (Kommun;Antal;Per 100 000 inv)")),
            ("polisen-deso", _("Polisens brottsstatistik per DeSO (Brottsstatistik_<Kommun>.csv)")),
        ],
    )
    offence = forms.ChoiceField(
        label=_("Brottskategori (bara för filen per brott)"),
        required=False,
        choices=[("", "–")] + [(o, o) for o in sorted(REPORTED_OFFENCES)],
    )
    year = forms.IntegerField(
        label=_("År (bara för filen per brott)"), required=False, min_value=1990, max_value=2100
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Filen är större än %(mb)d MB.") % {"mb": settings.IMPORT_MAX_MB}
            )
        head = f.read(4)
        f.seek(0)
        if head == b"PK\x03\x04":
            # Never unpacked here: the parsers read text only.
            raise forms.ValidationError(
                _("Filen är en Excel- eller ZIP-fil; spara den som CSV (UTF-8) och försök igen.")
            )
        return f


class StrategicPictureCreateForm(forms.Form):
    start_year = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Till år"), min_value=2000, max_value=2100)


# The toolbar script (static/trygg/markdown-toolbar.js) attaches to these; without it they
# are plain Markdown textareas.
MARKDOWN = {"data-markdown-toolbar": ""}


class StrategicPictureTextForm(forms.Form):
    omfattning = forms.CharField(
        label=_("Omfattning"), required=False, widget=forms.Textarea(attrs={"rows": 12, **MARKDOWN})
    )
    konsekvenser = forms.CharField(
        label=_("Konsekvenser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, **MARKDOWN}),
    )
    orsaker = forms.CharField(
        label=_("Orsaker"), required=False, widget=forms.Textarea(attrs={"rows": 10, **MARKDOWN})
    )
    kallor = forms.CharField(
        label=_("Källor"), required=False, widget=forms.Textarea(attrs={"rows": 5, **MARKDOWN})
    )
    note = forms.CharField(label=_("Ändringen i korthet"), required=False, max_length=300)


class StrategicPictureStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("utkast", _("Utkast")), ("remiss", _("På remiss")), ("beslutad", _("Beslutad"))],
    )
    decided_by = forms.CharField(label=_("Beslutande organ"), required=False, max_length=200)
    decided_on = forms.DateField(label=_("Beslutsdatum"), required=False, widget=DATE)
    decision_paragraph = forms.CharField(label=_("Paragraf"), required=False, max_length=50)


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=200)
    scanning = forms.CharField(
        label=_("Kartläggning (scanning)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    analysis_where = forms.CharField(
        label=_("Analys: var"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    analysis_when = forms.CharField(
        label=_("Analys: när"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    analysis_who = forms.CharField(
        label=_("Analys: vilka drabbas"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    analysis_why = forms.CharField(
        label=_("Analys: varför"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    response = forms.CharField(
        label=_("Åtgärder (response)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assessment = forms.CharField(
        label=_("Utvärdering (assessment)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    report_query = forms.ChoiceField(
        label=_("Rapportfilter"),
        required=False,
        help_text=_(
            "Välj ett av dina sparade filter. Filtrera rapportlistan och välj "
            "”Spara filtret” där, så finns filtret i listan här."
        ),
    )
    areas = AreaMultipleChoiceField(
        label=_("Områden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, areas, focus_areas, saved_filters=(), current_query="", **kwargs):
        """`saved_filters` are (name, query) pairs in the report list's query form; the
        problem's current filter stays a choice when no saved filter has it, so a filter
        pasted before there was a list (or saved by a colleague) is kept by a plain save."""
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas
        self.fields["focus_areas"].queryset = focus_areas
        choices = [("", _("Inget filter: alla rapporter"))]
        for name, query in saved_filters:
            if query not in dict(choices):
                choices.append((query, name))
        if current_query and current_query not in dict(choices):
            choices.append((current_query, _("Nuvarande filter: %(q)s") % {"q": current_query}))
        self.fields["report_query"].choices = choices


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    start_year = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Till år"), min_value=2000, max_value=2100)
    picture = forms.ModelChoiceField(
        label=_("Lägesbild planen bygger på"),
        queryset=None,
        required=False,
        empty_label=_("Ingen ännu"),
    )
    follow_up_months = forms.IntegerField(
        label=_("Uppföljning var … månad"), min_value=1, max_value=12, initial=3
    )

    def __init__(self, *args, pictures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picture"].queryset = pictures


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför dras den tillbaka?"),
        max_length=300,
        help_text=_(
            "Den tas inte bort: den finns kvar, märkt som tillbakadragen, med sin historik."
        ),
    )


class DecideForm(forms.Form):
    decided_by = forms.CharField(label=_("Beslutande organ"), max_length=200)
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    decision_paragraph = forms.CharField(label=_("Paragraf"), max_length=50)


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problem = forms.ModelChoiceField(
        label=_("Problembild"), queryset=None, required=False, empty_label=_("Ingen")
    )
    owner = forms.ModelChoiceField(label=_("Ansvarig organisation"), queryset=None)
    owner_person = forms.CharField(label=_("Ansvarig person"), required=False, max_length=200)
    goal = forms.ChoiceField(label=_("Mål i riktlinjen"), choices=Goal.choices)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("Slut"), widget=DATE)
    budget_sek = forms.DecimalField(
        label=_("Budget (kr)"), required=False, min_value=0, max_digits=12, decimal_places=0
    )
    area = AreaChoiceField(
        label=_("Område där åtgärden görs"), queryset=None, required=False, empty_label=_("Inget")
    )
    comparison_area = AreaChoiceField(
        label=_("Jämförelseområde (för effekten)"),
        queryset=None,
        required=False,
        empty_label=_("Inget"),
    )
    effect_category = forms.ModelChoiceField(
        label=_("Kategori som ska minska"), queryset=None, required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args, problems, organisations, areas, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = problems
        self.fields["owner"].queryset = organisations
        self.fields["area"].queryset = areas
        self.fields["comparison_area"].queryset = areas
        self.fields["effect_category"].queryset = categories


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indikator"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Typ"), choices=[("data", _("Från rapporterna")), ("manuell", _("Manuellt värde"))]
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=None, required=False, empty_label=_("Ingen")
    )
    area = AreaChoiceField(
        label=_("Område"), queryset=None, required=False, empty_label=_("Hela kommunen")
    )
    target = forms.FloatField(label=_("Mål"), required=False)
    lower_is_better = forms.BooleanField(label=_("Lägre är bättre"), required=False, initial=True)

    def __init__(self, *args, areas, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["area"].queryset = areas


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("planerad", _("Planerad")),
            ("pagar", _("Pågår")),
            ("genomford", _("Genomförd")),
            ("avbruten", _("Avbruten")),
        ],
    )
    text = forms.CharField(label=_("Hur går det?"), widget=forms.Textarea(attrs={"rows": 3}))


class IndicatorValueForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Avser datum"), widget=DATE)
    value = forms.FloatField(label=_("Värde"))
