from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trygg.core.uploads import UploadRejected, check_zip
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup, place_message

from .images import MAX_BYTES
from .models import Category, ImportJob, Report, Sensitivity
from .services.citizen import BAD_EMAIL
from .services.intake import DESCRIPTION_MAX, DESCRIPTION_TOO_LONG


class GroupedCategoryField(forms.TypedChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        super().__init__(*args, **kwargs)


class PlaceCheckMixin:
    """A place field with the gazetteer behind it: autocomplete where scripts run (the
    combobox reads `data-place-search`), and a typed place that is no address or place of the
    municipality said so before the report is stored. Sending again with the same text
    stores it as text only (`place_checked` remembers what was checked)."""

    municipality = None

    def setup_place(self, *, municipality, search_url: str) -> None:
        self.municipality = municipality
        self.fields["place_name"].widget.attrs.update(
            {"data-place-search": search_url, "autocomplete": "off"}
        )

    def check_place(self, cleaned: dict) -> None:
        text = (cleaned.get("place_name") or "").strip()
        if not text or cleaned.get("lat") is not None or self.municipality is None:
            return
        if (cleaned.get("place_checked") or "").strip() == text:
            return
        # A file input cannot be refilled: a form sent back for its place would lose the
        # photo, so a report with one keeps its text at once (the receipt says so).
        if self.files.get(self.add_prefix("photo")):
            return
        match = place_lookup(municipality=self.municipality, text=text)
        # A municipality without a gazetteer yet has nothing to say about any name.
        if match.status in (PlaceStatus.ADRESS, PlaceStatus.OMRADE, PlaceStatus.TOM):
            return
        self.add_error("place_name", place_message(match, text))
        self.data = self.data.copy()
        self.data[self.add_prefix("place_checked")] = text


class StaffReportForm(PlaceCheckMixin, forms.Form):
    """Phone-first: the few fields a field worker needs first, the rest under "Mer"."""

    category = GroupedCategoryField(label=_("Vad gäller det?"))
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=Report.Kind.choices,
        initial=Report.Kind.HANDELSE,
        widget=forms.RadioSelect,
    )
    lat = forms.FloatField(
        label=_("Latitud"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    lon = forms.FloatField(
        label=_("Longitud"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    place_name = forms.CharField(
        label=_("Plats (adress eller platsnamn)"),
        required=False,
        max_length=200,
        help_text=_("Behövs om du inte anger position. T.ex. Stora Torget eller Ringvägen 12."),
    )
    place_checked = forms.CharField(required=False, widget=forms.HiddenInput)
    occurred_at = forms.DateTimeField(
        label=_("När hände det?"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={"invalid": _("Ange datum och tid, t.ex. 2026-11-25 14:30.")},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "Ta ett foto eller välj en bild (högst 10 MB). Platsuppgifter i bilden tas bort."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    occurred_until = forms.DateTimeField(
        label=_("Senast (om du bara vet ett tidsintervall)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    cost_sek = forms.DecimalField(
        label=_("Uppskattad skadekostnad (kr)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("Kostnaden kan inte vara negativ.")},
    )
    police_report_number = forms.CharField(
        label=_("Polisens diarienummer"), required=False, max_length=40
    )
    people_count = forms.IntegerField(
        label=_("Antal inblandade personer"), required=False, min_value=0
    )
    youth_involved = forms.NullBooleanField(
        label=_("Var unga inblandade?"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("Vet ej")), ("true", _("Ja")), ("false", _("Nej"))]
        ),
    )
    sensitivity = forms.ChoiceField(
        label=_("Skyddsnivå"),
        required=False,
        choices=[("", _("Kategorins standard")), *Sensitivity.choices],
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, category_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Välj kategori")), *category_choices]
        # The outbox names a queued report by its category.
        self.fields["category"].widget.attrs["data-outbox-label"] = ""
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean(self):
        cleaned = super().clean()
        self.check_place(cleaned)
        return cleaned

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_BYTES:
            raise forms.ValidationError(_("Bilden är större än 10 MB."))
        return photo


class CitizenReportForm(PlaceCheckMixin, forms.Form):
    category = GroupedCategoryField(label=_("Vad vill du rapportera?"))
    place_name = forms.CharField(
        label=_("Var? (adress eller plats)"),
        required=False,
        max_length=200,
        help_text=_("Skriv en adress eller ett platsnamn, eller välj platsen på kartan."),
    )
    place_checked = forms.CharField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    occurred_at = forms.DateTimeField(
        label=_("När?"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Ange datum och tid, t.ex. 2026-11-25 14:30.")},
    )
    description = forms.CharField(
        label=_("Beskriv vad du sett"),
        # The limit of every channel, Open311 too, in the service's words.
        max_length=DESCRIPTION_MAX,
        error_messages={"max_length": DESCRIPTION_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv inte namn, personnummer eller andra personuppgifter om andra."),
    )
    contact_name = forms.CharField(
        label=_("Ditt namn (frivilligt)"), required=False, max_length=200
    )
    contact_email = forms.EmailField(
        label=_("Din e-post (frivilligt)"),
        required=False,
        # Open311 gets the same words for the same mistake (services/citizen.py).
        error_messages={"invalid": BAD_EMAIL},
    )
    contact_phone = forms.CharField(
        label=_("Ditt telefonnummer (frivilligt)"), required=False, max_length=40
    )
    photo = forms.FileField(
        label=_("Foto (frivilligt)"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP eller HEIC, högst 10 MB. Platsuppgifter i bilden tas bort, och "
            "bara kommunens handläggare ser fotot."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    notify_email = forms.EmailField(
        label=_("E-post för besked när ärendet ändrar status (frivilligt)"),
        required=False,
        max_length=254,
        error_messages={"invalid": BAD_EMAIL, "max_length": BAD_EMAIL},
        help_text=_(
            "Används bara till att meddela dig när statusen ändras. Varje mejl har en länk "
            "för att sluta få besked, och adressen gallras med ärendet."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False, label=_("Lämna tomt"))
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, category_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Välj")), *category_choices]
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean(self):
        cleaned = super().clean()
        self.check_place(cleaned)
        return cleaned

    def clean_photo(self):
        # The file input cannot be refilled, so the rest of the form is what the citizen
        # gets back: the same message as the service's, before anything is read into memory.
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_BYTES:
            raise forms.ValidationError(_("Bilden är större än 10 MB. Välj en mindre bild."))
        return photo


REPLY_HELP = _("Visas för medborgaren på ärendesidan och i statusmejlet. Personuppgifter maskeras.")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=Report.Status.choices)
    comment = forms.CharField(
        label=_("Intern motivering (frivillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reply = forms.CharField(
        label=_("Svar till medborgaren (frivilligt)"),
        required=False,
        max_length=2000,
        help_text=REPLY_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a citizen's report has a tracking page to reply on.
        if not public:
            del self.fields["reply"]


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Svar till medborgaren"),
        max_length=2000,
        help_text=REPLY_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vad är inte åtgärdat?"),
        max_length=2000,
        error_messages={
            "required": _("Berätta kort vad som inte är åtgärdat."),
            "max_length": _("Texten får vara högst 2000 tecken."),
        },
        help_text=_("Skriv inte namn, personnummer eller andra personuppgifter om andra."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tilldela organisation"), queryset=None, required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Intern kommentar"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuplicateForm(forms.Form):
    original = forms.IntegerField(label=_("Dubblett av rapport nr"), min_value=1, required=False)


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Namn på filtret"), max_length=100)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=100)
    sensitivity = forms.ChoiceField(label=_("Skyddsnivå"), choices=Sensitivity.choices)
    retention_days = forms.IntegerField(
        label=_("Gallringsfrist (dagar)"), min_value=30, max_value=36500
    )
    citizen = forms.BooleanField(label=_("Kan rapporteras av medborgare"), required=False)
    youth_related = forms.BooleanField(
        label=_("Rör barn och unga"),
        required=False,
        help_text=_("Räknas bredvid utbudet av aktiviteter för unga per område."),
    )
    active = forms.BooleanField(label=_("Aktiv"), required=False)


class NewCategoryForm(CategoryForm):
    code = forms.SlugField(
        label=_("Kod"), max_length=50, help_text=_("Små bokstäver, siffror och _.")
    )
    parent = forms.ModelChoiceField(
        label=_("Överordnad kategori"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Ingen (huvudkategori)"),
    )
    field_order = [
        "code",
        "name",
        "parent",
        "sensitivity",
        "retention_days",
        "citizen",
        "youth_related",
    ]

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        del self.fields["active"]


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"), max_length=100, help_text=_("T.ex. 'Väktarbolagets app'.")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Filtyp"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(label=_("Fil"))
    dry_run = forms.BooleanField(
        label=_("Provkör först (inget sparas, alla fel listas)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Högst %(mb)d MB.") % {"mb": settings.IMPORT_MAX_MB}

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Filen är större än %(mb)d MB.") % {"mb": settings.IMPORT_MAX_MB}
            )
        head = f.read(4)
        f.seek(0)
        if head == b"PK\x03\x04":
            # An Excel file (or any ZIP): refused here if it would unpack to too much, before
            # it is stored or opened.
            try:
                check_zip(f.read())
            except UploadRejected as exc:
                raise forms.ValidationError(str(exc)) from None
            finally:
                f.seek(0)
        return f
