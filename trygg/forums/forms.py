from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.core import bounds
from trygg.geo.forms import AreaChoiceField

from .models import Decision, ForumRole, Meeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ScheduleForm(forms.Form):
    first_date = forms.DateField(label=_("Första mötet"), widget=DATE)
    interval_days = forms.IntegerField(label=_("Dagar mellan mötena"), min_value=1, max_value=90)
    time_of_day = forms.TimeField(
        label=_("Klockslag"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)


class MeetingCreateForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("Mötestid"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    # Only the lägesbildsmöte's form has the period (MeetingCreateForm drops it elsewhere).
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

    def __init__(self, *args, organisations, with_period=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        if not with_period:
            del self.fields["period_start"], self.fields["period_end"]


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
    """A § decision; in the lägesbildsmöte an insats with where, who and until when."""

    what = forms.CharField(
        label=_("Insats"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("T.ex. förstärkt väktarrond och nattvandrare."),
    )
    area = AreaChoiceField(
        label=_("Område"), queryset=None, required=False, empty_label=_("Inget område – ange plats")
    )
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    time_window = forms.CharField(
        label=_("Tidsfönster"),
        required=False,
        max_length=200,
        help_text=_("T.ex. fredag–lördag 20–02."),
    )
    responsible = forms.ModelChoiceField(
        label=_("Ansvarig organisation"), queryset=None, required=False
    )
    until = forms.DateField(label=_("Till och med"), widget=DATE, required=False)

    def __init__(self, *args, areas, organisations, insats=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["responsible"].queryset = organisations
        if insats:
            # Required in the service too; marked here so the form says so up front.
            self.fields["responsible"].required = True
            self.fields["until"].required = True
        else:
            del self.fields["area"], self.fields["place"], self.fields["time_window"]
            what = self.fields["what"]
            what.label, what.help_text = _("Beslut"), _("Det forumet beslutade.")
            self.fields["until"].label = _("Gäller till och med (frivilligt)")
            self.fields["responsible"].label = _("Ansvarig organisation (frivilligt)")


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


class AgendaSendForm(forms.Form):
    forum = forms.ModelChoiceField(label=_("Till dagordningen för"), queryset=None)
    title = forms.CharField(widget=forms.HiddenInput, max_length=300)
    link = forms.CharField(widget=forms.HiddenInput, max_length=500, required=False)

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums


class MemberForm(forms.Form):
    """A seat: choose a user of the municipality, or write an external person's name."""

    user = forms.ModelChoiceField(
        label=_("Användare i Trygg"),
        queryset=None,
        required=False,
        empty_label=_("Ingen – en extern ledamot"),
    )
    person_name = forms.CharField(
        label=_("Namn (extern ledamot)"),
        required=False,
        max_length=200,
        help_text=_("Gallras två år efter att uppdraget upphört."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    role = forms.ChoiceField(label=_("Roll i forumet"), choices=ForumRole.choices)
    appointment_reference = forms.CharField(
        label=_("Beslut om uppdraget"),
        required=False,
        max_length=200,
        help_text=_("För BRÅ:s ordförande: kommunfullmäktiges beslut, t.ex. KF § 45/2026."),
    )
    started_on = forms.DateField(
        label=_("Från"), widget=DATE, required=False, validators=[bounds.validate_date]
    )
    ended_on = forms.DateField(
        label=_("Till (frivilligt)"), widget=DATE, required=False, validators=[bounds.validate_date]
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Arbetsgruppens namn"), max_length=200)
    purpose = forms.CharField(
        label=_("Uppdrag"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
