"""Grannsamverkan's forms: an area (chosen, drawn or uploaded), an ombud, an area message."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.geo.forms import AreaChoiceField

from .services.neighbourhood import MAX_BODY, MAX_SUBJECT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 2 * 1024 * 1024


class PolygonField(forms.CharField):
    """The area drawn on the map, as GeoJSON text in a hidden field; the service checks it."""

    widget = forms.HiddenInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise forms.ValidationError(_("Området kunde inte läsas. Rita det igen.")) from None

    def prepare_value(self, value):
        return json.dumps(value) if isinstance(value, dict) else value


class NeighbourhoodAreaForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    programme = forms.ModelChoiceField(label=_("Program"), queryset=None)
    existing = AreaChoiceField(
        label=_("Befintligt område"),
        queryset=None,
        required=False,
        help_text=_("Välj ett område som redan finns, eller rita eller ladda upp ett nytt."),
    )
    drawn = PolygonField(required=False)
    upload = forms.FileField(
        label=_("Eller ladda upp området som GeoJSON"),
        required=False,
        help_text=_("En fil med en polygon, i WGS 84 eller SWEREF 99 TM. Högst 2 MB."),
    )
    comparison_area = AreaChoiceField(
        label=_("Jämförelseområde"),
        queryset=None,
        required=False,
        help_text=_(
            "Ett liknande område utan grannsamverkan (samma slags bebyggelse, ungefär lika "
            "många inbrott före start). Behövs för jämförelsen av inbrott och skadegörelse."
        ),
    )
    started_on = forms.DateField(label=_("Startdatum"), widget=DATE)
    signs_up = forms.IntegerField(label=_("Uppsatta skyltar"), min_value=0, initial=0)
    last_annual_meeting = forms.DateField(label=_("Senaste årsmöte"), required=False, widget=DATE)
    households_in = forms.IntegerField(label=_("Hushåll som är med"), min_value=0, initial=0)
    households_out = forms.IntegerField(label=_("Hushåll som inte är med"), min_value=0, initial=0)

    def __init__(self, *args, programmes, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["existing"].queryset = areas
        self.fields["comparison_area"].queryset = areas
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes.first()

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Filen är större än 2 MB."))
        return upload.read()


class OmbudForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.CharField(label=_("E-post"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Mobilnummer"),
        max_length=20,
        required=False,
        help_text=_("För SMS. E-post eller mobilnummer behövs, gärna båda."),
    )


class AreaMessageForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("Områden"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=_("Rubrik"), max_length=MAX_SUBJECT * 2)
    body = forms.CharField(
        label=_("Meddelande"),
        max_length=MAX_BODY * 2,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Skriv gata eller kvarter, aldrig gatunummer, namn, personnummer eller "
            "telefonnummer. Meddelandet går till ombuden med e-post och SMS och finns på en "
            "webbsida som bara ombuden får länken till."
        ),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas
