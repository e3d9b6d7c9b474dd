from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.core import bounds
from trygg.geo.forms import AreaChoiceField
from trygg.reports.models import Sensitivity

from .models import PoliceInputItem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class PeriodForm(forms.Form):
    # Bounded: the picture compares with the period before and the year before.
    fran = forms.DateField(label=_("Från"), widget=DATE, validators=[bounds.validate_date])
    till = forms.DateField(label=_("Till"), widget=DATE, validators=[bounds.validate_date])
    upplosning = forms.TypedChoiceField(
        label=_("Rutnät för hot spots"),
        coerce=int,
        required=False,
        initial=8,
        choices=[
            (7, _("Grovt (cirka 5 km²)")),
            (8, _("Medel (cirka 0,7 km²)")),
            (9, _("Fint (cirka 0,1 km²)")),
        ],
    )


class PoliceInputForm(forms.Form):
    period_start = forms.DateField(label=_("Från"), widget=DATE)
    period_end = forms.DateField(label=_("Till"), widget=DATE)
    summary = forms.CharField(
        label=_("Polisens lokala lägesbild"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    sensitivity = forms.ChoiceField(
        label=_("Skyddsnivå"), choices=Sensitivity.choices, initial=Sensitivity.BEGRANSAD
    )


class PoliceItemForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Tema"),
        choices=[("", _("Välj tema")), *PoliceInputItem.Theme.choices],
        required=False,
    )
    area = AreaChoiceField(
        label=_("Område"), queryset=None, required=False, empty_label=_("Hela kommunen")
    )
    text = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(label=_("Referens"), required=False, max_length=100)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("theme"):
            self.add_error("theme", _("Välj ett tema för punkten."))
        if data.get("theme") and not data.get("text"):
            self.add_error("text", _("Beskriv punkten."))
        return data
