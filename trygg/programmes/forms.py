"""Forms of the programme register: a programme with its logic model and links, a partner,
an indicator, and the period the outcome page counts outputs for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.geo.forms import AreaChoiceField, AreaMultipleChoiceField

from .models import Partner, ProgrammeIndicator, ProgrammeKind
from .models.register import KIND_GOAL
from .services.register import NO_OWNER, NO_PARTNER

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})
LOGIC_FIELDS = ("problem", "activity", "mechanism", "short_term_outcome", "long_term_outcome")


class _Labelled(forms.ModelMultipleChoiceField):
    def __init__(self, *args, label_from=None, **kwargs):
        self._label_from = label_from
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self._label_from(obj) if self._label_from else str(obj)


def _checkboxes(label, label_from=None):
    return _Labelled(
        label=label,
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label_from=label_from,
    )


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ av program"), choices=ProgrammeKind.choices)
    goal = forms.ChoiceField(
        label=_("Mål i riktlinjen"),
        required=False,
        help_text=_("Lämna tomt för typens mål (t.ex. G5 för nattvandring)."),
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarig organisation"),
        queryset=None,
        required=False,  # the service refuses a missing owner with the house's message
        empty_label=_("Välj organisation"),
    )
    target_group = forms.CharField(
        label=_("Målgrupp"),
        max_length=300,
        required=False,
        help_text=_("T.ex. unga 13–17 år i Karlberg, föräldrar till barn i årskurs 7."),
    )
    areas = AreaMultipleChoiceField(
        label=_("Områden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DATE)
    end = forms.DateField(label=_("Slut (frivilligt)"), required=False, widget=DATE)
    budget_sek = forms.DecimalField(
        label=_("Budget (kr)"), required=False, max_digits=12, decimal_places=0
    )
    problem = forms.CharField(
        label=_("Problem"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Vad lägesbilden visar som programmet ska ändra."),
    )
    activity = forms.CharField(
        label=_("Aktivitet"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Vad programmet gör, hur ofta och med vem."),
    )
    mechanism = forms.CharField(
        label=_("Mekanism"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Varför aktiviteten bör påverka problemet (förändringsteorin)."),
    )
    short_term_outcome = forms.CharField(
        label=_("Kortsiktigt resultat"), required=False, widget=TEXTAREA
    )
    long_term_outcome = forms.CharField(
        label=_("Långsiktigt resultat"), required=False, widget=TEXTAREA
    )
    comparison_area = AreaChoiceField(
        label=_("Jämförelseområde"),
        queryset=None,
        required=False,
        empty_label=_("Inget"),
        help_text=_("Ett liknande område där programmet inte finns, för att jämföra rapporter."),
    )
    effect_category = forms.ModelChoiceField(
        label=_("Rapportkategori för utfallet"),
        queryset=None,
        required=False,
        empty_label=_("Ingen"),
    )
    measures = _checkboxes(_("Åtgärder i åtgärdsplanen"), lambda m: f"{m.title} ({m.plan.title})")
    problems = _checkboxes(_("Problembilder"), lambda p: p.title)
    promise_activities = _checkboxes(
        _("Aktiviteter i medborgarlöftet"), lambda a: f"{a.title} ({a.promise.year})"
    )

    def __init__(self, *args, choices: dict, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("Typens mål"))] + list(goals)
        self.fields["owner"].queryset = choices["organisations"]
        self.fields["areas"].queryset = choices["areas"]
        self.fields["comparison_area"].queryset = choices["areas"]
        self.fields["effect_category"].queryset = choices["categories"]
        for name in ("measures", "problems", "promise_activities"):
            self.fields[name].queryset = choices[name]
        self.fields["owner"].error_messages["invalid_choice"] = NO_OWNER

    def logic_fields(self):
        return [self[name] for name in LOGIC_FIELDS]

    def kind_goals(self) -> dict[str, str]:
        """Each kind's goal, for the script that pre-sets the goal when the kind changes."""
        return {str(kind): str(goal) for kind, goal in KIND_GOAL.items()}

    @staticmethod
    def initial_for(programme) -> dict:
        names = ("name", "kind", "goal", "owner", "target_group", "start", "end", "budget_sek")
        names += LOGIC_FIELDS + ("comparison_area", "effect_category")
        initial = {name: getattr(programme, name) for name in names}
        for name in ("areas", "measures", "problems", "promise_activities"):
            initial[name] = list(getattr(programme, name).all())
        return initial


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("Välj organisation")
    )
    agreement = forms.ChoiceField(label=_("Överenskommelse"), choices=Partner.Agreement.choices)
    role = forms.CharField(
        label=_("Roll i programmet"),
        max_length=300,
        required=False,
        help_text=_("T.ex. håller lokalen öppen fredagar, står för fika."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].error_messages["invalid_choice"] = NO_PARTNER


class IndicatorForm(forms.Form):
    level = forms.ChoiceField(label=_("Nivå"), choices=ProgrammeIndicator.Level.choices)
    name = forms.CharField(label=_("Indikator"), max_length=200)
    unit = forms.CharField(
        label=_("Enhet"), max_length=40, required=False, help_text=_("T.ex. st, deltagare, %.")
    )
    target = forms.FloatField(label=_("Mål"), required=False)
    lower_is_better = forms.BooleanField(label=_("Lägre är bättre"), required=False)


class PeriodForm(forms.Form):
    fran = forms.DateField(label=_("Från"), widget=DATE)
    till = forms.DateField(label=_("Till"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["till"] < data["fran"]:
            self.add_error("till", _("Slutet av perioden kan inte vara före början."))
        return data
