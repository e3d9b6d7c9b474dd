"""The planning forms: a walk, a checklist template and its points, the join link's end."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.geo.forms import AreaChoiceField

from ..services.planning import PARTICIPANT_GROUPS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RouteField(forms.CharField):
    """The route drawn on the map, as GeoJSON text in a hidden field; the service checks the
    geometry (a LineString inside the municipality)."""

    widget = forms.HiddenInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise forms.ValidationError(_("Slingan kunde inte läsas. Rita den igen.")) from None

    def prepare_value(self, value):
        return json.dumps(value) if isinstance(value, dict) else value


class WalkForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    purpose = forms.CharField(
        label=_("Syfte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad lägesbilden eller dialogen visar som vandringen ska titta närmare på."),
    )
    area = AreaChoiceField(label=_("Område"), queryset=None)
    meeting_point = forms.CharField(
        label=_("Samlingsplats"),
        required=False,
        max_length=200,
        help_text=_("T.ex. Stora torget vid fontänen."),
    )
    route_description = forms.CharField(
        label=_("Slingan i text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Beskriv vägen med gatu- och platsnamn. Du kan också rita slingan på kartan; "
            "texten räcker för den som inte använder kartan."
        ),
    )
    route = RouteField(label=_("Slingan på kartan"), required=False)
    pre_meeting_on = forms.DateField(label=_("Förmöte"), required=False, widget=DATE)
    walk_on = forms.DateField(label=_("Datum för vandringen"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starttid"), required=False, widget=TIME)
    template = forms.ModelChoiceField(label=_("Checklista"), queryset=None, empty_label=None)
    leader = forms.ModelChoiceField(label=_("Vandringsledare"), queryset=None)
    staff = forms.ModelMultipleChoiceField(
        label=_("Medverkande personal"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invited_organisations = forms.ModelMultipleChoiceField(
        label=_("Inbjudna organisationer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    forum = forms.ModelChoiceField(
        label=_("Forum för återmötet"),
        queryset=None,
        required=False,
        empty_label=_("Forumet som beslutade, annars EST-gruppen"),
    )
    pre_survey = forms.ModelChoiceField(
        label=_("Enkät före vandringen (frivilligt)"),
        queryset=None,
        required=False,
        empty_label=_("Ingen enkät"),
        help_text=_("En kartenkät där boende visar var de känner sig otrygga, för att välja väg."),
    )

    def __init__(self, *args, areas, templates, people, organisations, forums, surveys, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].queryset = areas
        self.fields["template"].queryset = templates
        self.fields["leader"].queryset = people
        self.fields["staff"].queryset = people
        self.fields["invited_organisations"].queryset = organisations
        self.fields["forum"].queryset = forums
        self.fields["pre_survey"].queryset = surveys
        for key, label in PARTICIPANT_GROUPS:
            self.fields[f"count_{key}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=500
            )
        self.fields["leader"].label_from_instance = _person
        self.fields["staff"].label_from_instance = _person

    def count_fields(self):
        return [self[f"count_{key}"] for key, _label in PARTICIPANT_GROUPS]

    def service_data(self) -> dict:
        """The cleaned data in the service's terms (counts per group in one dict)."""
        data = dict(self.cleaned_data)
        data["participant_counts"] = {
            key: data.pop(f"count_{key}") or 0 for key, _label in PARTICIPANT_GROUPS
        }
        return data

    @staticmethod
    def initial_for(walk) -> dict:
        initial = {
            name: getattr(walk, name)
            for name in (
                "title",
                "purpose",
                "area",
                "meeting_point",
                "route_description",
                "route",
                "pre_meeting_on",
                "walk_on",
                "starts_at",
                "template",
                "leader",
                "forum",
                "pre_survey",
            )
        }
        initial["staff"] = list(walk.staff.all())
        initial["invited_organisations"] = list(walk.invited_organisations.all())
        for key, _label in PARTICIPANT_GROUPS:
            initial[f"count_{key}"] = walk.participant_counts.get(key, 0)
        return initial


def _person(user) -> str:
    return user.get_full_name() or user.username


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    scale_min = forms.IntegerField(label=_("Lägsta poäng"), min_value=0, max_value=10)
    scale_max = forms.IntegerField(label=_("Högsta poäng"), min_value=1, max_value=20)
    scale_labels = forms.CharField(
        label=_("Poängens betydelse, en rad per poäng från lägsta"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("T.ex. för 0–3: Mycket otryggt, Otryggt, Ganska tryggt, Tryggt."),
    )

    def clean_scale_labels(self):
        return [line.strip() for line in self.cleaned_data["scale_labels"].splitlines() if line]


class ItemForm(forms.Form):
    label = forms.CharField(label=_("Punkt"), max_length=200)
    help = forms.CharField(
        label=_("Vad att titta efter (frivilligt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JoinExpiryForm(forms.Form):
    expires_on = forms.DateField(label=_("Länken gäller till och med"), widget=DATE)
