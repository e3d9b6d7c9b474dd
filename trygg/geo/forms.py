from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AddressImportJob, Area, Basemap

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


class _AreaIterator(forms.models.ModelChoiceIterator):
    """The field's areas in picker order with their labels (geo.selectors.area_labels)."""

    def __iter__(self):
        from .selectors import area_picker_key

        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        areas = list(self.queryset)
        labels = self.field.labels_for(areas)
        for area in sorted(areas, key=lambda a: area_picker_key(a, labels)):
            yield self.choice(area)


class _AreaLabels:
    iterator = _AreaIterator
    _labels: dict | None = None

    def labels_for(self, areas) -> dict[int, str]:
        # Once per form: every option of the select needs the municipality's labels.
        if self._labels is None:
            from .selectors import area_labels

            self._labels = area_labels(municipality=areas[0].municipality) if areas else {}
        return self._labels

    def label_from_instance(self, obj):
        return self.labels_for([obj]).get(obj.pk, obj.name)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._labels = None
        return result


class AreaChoiceField(_AreaLabels, forms.ModelChoiceField):
    """A select of areas that shows names first ("Köping centrala (RegSO)"), not codes."""


class AreaMultipleChoiceField(_AreaLabels, forms.ModelMultipleChoiceField):
    """Checkboxes of areas with the same labels and order as AreaChoiceField."""


class AddressImportForm(forms.Form):
    file = forms.FileField(
        label=_("Adressfil"),
        help_text=_(
            "CSV med gata, nummer, bokstav, postnummer, postort och koordinater (som "
            "Lantmäteriets adresser levereras), eller GeoJSON med OpenStreetMap-punkter "
            "(addr:street, addr:housenumber). Högst 20 MB."
        ),
    )
    format = forms.ChoiceField(label=_("Filformat"), choices=AddressImportJob.Format.choices)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 20 MB."))
        return upload
