from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, Basemap

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON-fil"),
        help_text=_("Polygoner i WGS 84 (EPSG:4326) eller SWEREF 99 TM (EPSG:3006), högst 20 MB."),
    )
    kind = forms.ChoiceField(label=_("Områdestyp"), choices=Area.Kind.choices)
    crs = forms.ChoiceField(
        label=_("Koordinatsystem"),
        choices=[
            ("", _("Läs av filen (rekommenderas)")),
            ("EPSG:4326", _("WGS 84 (longitud, latitud)")),
            ("EPSG:3006", _("SWEREF 99 TM")),
        ],
        required=False,
    )
    name_property = forms.CharField(
        label=_("Egenskap med områdets namn"),
        required=False,
        max_length=100,
        help_text=_("Lämna tomt för att använda t.ex. 'name', 'namn' eller 'regso'."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 20 MB."))
        return upload


class PointForm(forms.Form):
    lat = forms.FloatField(
        label=_("Latitud (WGS 84)"),
        min_value=55.0,
        max_value=69.2,
        error_messages={
            "min_value": _("Punkten ligger söder om Sverige."),
            "max_value": _("Punkten ligger norr om Sverige."),
        },
    )
    lon = forms.FloatField(
        label=_("Longitud (WGS 84)"),
        min_value=10.0,
        max_value=24.5,
        error_messages={
            "min_value": _("Punkten ligger väster om Sverige."),
            "max_value": _("Punkten ligger öster om Sverige."),
        },
    )


class BasemapForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Bakgrundskarta"), choices=Basemap.Source.choices, widget=forms.RadioSelect
    )
    tile_url = forms.CharField(
        label=_("Adress till kartrutor"),
        required=False,
        max_length=500,
        help_text=_(
            "En XYZ- eller WMTS-adress med {z}, {x} och {y}, t.ex. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png. Bara för en karta på nätet."
        ),
    )
    attribution = forms.CharField(
        label=_("Källa som visas på kartan"),
        required=False,
        max_length=300,
        help_text=_("T.ex. © OpenStreetMap-bidragsgivare eller © Lantmäteriet."),
    )
