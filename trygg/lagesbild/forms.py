from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.core import bounds
from trygg.reports.models import Sensitivity

from .models import Decision, Forum, Meeting, PoliceInputItem

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


class ScheduleForm(forms.Form):
    first_date = forms.DateField(label=_("Första mötet"), widget=DATE)
    interval_days = forms.IntegerField(label=_("Dagar mellan mötena"), min_value=1, max_value=90)
    time_of_day = forms.TimeField(
        label=_("Klockslag"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)


class MeetingCreateForm(forms.Form):
    forum = forms.ChoiceField(
        label=_("Forum"), choices=Forum.choices, initial=Forum.LAGESBILD, required=False
    )
    held_at = forms.DateTimeField(
        label=_("Mötestid"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    period_start = forms.DateField(
        label=_("Lägesbildens period från"),
        widget=DATE,
        required=False,
        help_text=_("Tomt: de 14 dagarna före mötet."),
    )
    period_end = forms.DateField(label=_("till"), widget=DATE, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deltagande organisationer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations

    def clean_forum(self):
        return self.cleaned_data.get("forum") or Forum.LAGESBILD


class MeetingUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    participants = forms.CharField(
        label=_("Närvarande (en per rad)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Deltagande organisationer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Anteckningar"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations


class DecisionForm(forms.Form):
    what = forms.CharField(
        label=_("Insats"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("T.ex. förstärkt väktarrond och nattvandrare."),
    )
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=None, required=False, empty_label=_("Inget område – ange plats")
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    time_window = forms.CharField(
        label=_("Tidsfönster"),
        required=False,
        max_length=200,
        help_text=_("T.ex. fredag–lördag 20–02."),
    )
    responsible = forms.ModelChoiceField(label=_("Ansvarig organisation"), queryset=None)
    until = forms.DateField(label=_("Till och med"), widget=DATE)

    def __init__(self, *args, areas, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["responsible"].queryset = organisations


class DecisionFollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Decision.Status.choices)
    follow_up = forms.CharField(
        label=_("Uppföljning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Åtgärd"), max_length=300)
    owner_organisation = forms.ModelChoiceField(label=_("Ansvarig organisation"), queryset=None)
    owner_name = forms.CharField(
        label=_("Ansvarig person (frivilligt)"), required=False, max_length=200
    )
    due = forms.DateField(label=_("Klart senast"), widget=DATE)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Ny punkt på dagordningen"), max_length=300)
    body = forms.CharField(
        label=_("Underlag"), required=False, widget=forms.Textarea(attrs={"rows": 2})
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
    area = forms.ModelChoiceField(
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


class AgendaSendForm(forms.Form):
    forum = forms.ChoiceField(label=_("Till dagordningen för"), choices=Forum.choices)
    title = forms.CharField(widget=forms.HiddenInput, max_length=300)
    link = forms.CharField(widget=forms.HiddenInput, max_length=500, required=False)
