"""Forms of the dialogue pages and the survey builder (staff side)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trygg.geo.forms import AreaChoiceField, AreaMultipleChoiceField

from .models import Dialogue, Question, Survey

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class _Labelled(forms.ModelMultipleChoiceField):
    def __init__(self, *args, label_from=None, **kwargs):
        self._label_from = label_from
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self._label_from(obj) if self._label_from else str(obj)


class DialogueForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    question = forms.CharField(
        label=_("Frågeställning"),
        widget=TEXTAREA,
        help_text=_("Vad vill kommunen veta, och varför just nu?"),
    )
    decided_by = forms.CharField(
        label=_("Beslutad av"), max_length=200, help_text=_("T.ex. BRÅ 2026-03-12 § 4.")
    )
    target_areas = AreaMultipleChoiceField(
        label=_("Område"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_group = forms.CharField(
        label=_("Målgrupp"),
        max_length=300,
        required=False,
        help_text=_("T.ex. boende 16 år och äldre, unga i Karlberg, föräldrar."),
    )
    starts_on = forms.DateField(label=_("Från"), widget=DATE)
    ends_on = forms.DateField(label=_("Till"), widget=DATE)
    feedback_plan = forms.CharField(
        label=_("Så återkopplas resultatet"),
        widget=TEXTAREA,
        help_text=_("Hur och när deltagarna och allmänheten får veta vad dialogen ledde till."),
    )
    evaluation = forms.CharField(
        label=_("Utvärdering av dialogen"), widget=TEXTAREA, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Dialogue.Status.choices)
    strategic_picture = forms.ModelChoiceField(
        label=_("Lägesbild som dialogen ger underlag till"),
        queryset=None,
        required=False,
        empty_label=_("Ingen"),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Fokusområden"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    measures = _Labelled(
        label=_("Åtgärder som dialogen ledde till"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label_from=lambda m: f"{m.title} ({m.plan.title})",
    )
    promises = forms.ModelMultipleChoiceField(
        label=_("Medborgarlöften"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    promise_activities = _Labelled(
        label=_("Aktiviteter i medborgarlöftet"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label_from=lambda a: f"{a.title} ({a.promise.year})",
    )

    # Last in the class body: the field's name hides the forms module below it.
    forms = forms.MultipleChoiceField(
        label=_("Former"), choices=Dialogue.Form.choices, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["title", "question", "decided_by", "forms"]

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    mode = forms.ChoiceField(
        label=_("Svarssätt"),
        choices=Survey.Mode.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Svar från en öppen länk och från ett urval räknas aldrig ihop: välj ett per enkät."
        ),
    )
    intro = forms.CharField(label=_("Inledning"), widget=TEXTAREA, required=False)
    intro_en = forms.CharField(label=_("Inledning på engelska"), widget=TEXTAREA, required=False)
    intro_easy = forms.CharField(
        label=_("Inledning på lättläst svenska"), widget=TEXTAREA, required=False
    )
    opens_on = forms.DateField(label=_("Öppnar"), widget=DATE, required=False)
    closes_on = forms.DateField(label=_("Stänger"), widget=DATE, required=False)
    previous_round = forms.ModelChoiceField(
        label=_("Föregående omgång"),
        queryset=None,
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Enkäten som den här upprepar, så att resultaten kan jämföras."),
    )
    response_rate_note = forms.CharField(
        label=_("Bortfall och begränsningar"), widget=TEXTAREA, required=False
    )

    def __init__(self, *args, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous_round"].queryset = surveys


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    title_en = forms.CharField(label=_("Rubrik på engelska"), max_length=200, required=False)
    title_easy = forms.CharField(
        label=_("Rubrik på lättläst svenska"), max_length=200, required=False
    )


def options_text(options: list[dict], key: str) -> str:
    """Options as the form's lines: "värde=text" for the Swedish, the text alone otherwise."""
    if key == "label":
        return "\n".join(f"{o['value']}={o['label']}" for o in options)
    return "\n".join(o.get(key, "") for o in options)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


class QuestionForm(forms.Form):
    """One question; which fields it has depends on the question's kind."""

    text = forms.CharField(label=_("Frågetext"), widget=TEXTAREA)
    text_en = forms.CharField(label=_("Frågetext på engelska"), widget=TEXTAREA, required=False)
    text_easy = forms.CharField(
        label=_("Frågetext på lättläst svenska"), widget=TEXTAREA, required=False
    )
    help = forms.CharField(label=_("Hjälptext"), widget=TEXTAREA, required=False)
    required = forms.BooleanField(label=_("Obligatorisk"), required=False)
    section = forms.ModelChoiceField(
        label=_("Sektion"), queryset=None, required=False, empty_label=_("Ingen (först)")
    )
    options = forms.CharField(
        label=_("Svarsalternativ"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "Ett per rad, gärna med värde först: ”1=Mycket trygg”. Utan värde numreras de."
        ),
    )
    options_en = forms.CharField(
        label=_("Svarsalternativ på engelska"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Ett per rad, i samma ordning."),
    )
    options_easy = forms.CharField(
        label=_("Svarsalternativ på lättläst svenska"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Ett per rad, i samma ordning."),
    )
    min_value = forms.IntegerField(label=_("Minsta tal"), required=False)
    max_value = forms.IntegerField(label=_("Största tal"), required=False)
    max_length = forms.IntegerField(
        label=_("Längsta svar (tecken)"), min_value=1, max_value=10000, initial=2000
    )
    map_time_of_day = forms.BooleanField(label=_("Fråga om tid på dygnet"), required=False)
    map_reason = forms.BooleanField(label=_("Fråga om orsak"), required=False)
    condition = forms.MultipleChoiceField(
        label=_("Visa bara om en tidigare fråga fått något av svaren"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lämna tomt för att alltid visa frågan."),
    )

    KIND_FIELDS = {
        Question.Kind.SINGLE: ("options", "options_en", "options_easy"),
        Question.Kind.MULTIPLE: ("options", "options_en", "options_easy"),
        Question.Kind.LIKERT: ("options", "options_en", "options_easy"),
        Question.Kind.NUMBER: ("min_value", "max_value"),
        Question.Kind.TEXT: ("max_length",),
        Question.Kind.MAP: ("map_time_of_day", "map_reason"),
    }
    OPTIONAL = (
        "options",
        "options_en",
        "options_easy",
        "min_value",
        "max_value",
        "max_length",
        "map_time_of_day",
        "map_reason",
    )

    def __init__(self, *args, kind, sections, conditions, stratum="", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = set(self.KIND_FIELDS[kind]) if not stratum else set()
        for name in self.OPTIONAL:
            if name not in keep:
                del self.fields[name]
        if kind == Question.Kind.LIKERT and "options" in self.fields:
            self.fields["options"].help_text = _(
                "Ett steg per rad. Lämna tomt för fem steg från ”Instämmer inte alls” till "
                "”Instämmer helt”."
            )
        self.fields["section"].queryset = sections
        if conditions:
            self.fields["condition"].choices = conditions
        else:
            del self.fields["condition"]

    def clean(self):
        data = super().clean()
        if "options" in self.fields:
            data["option_list"] = self._options(data)
        chosen = data.get("condition") or []
        pks = {value.split(":", 1)[0] for value in chosen}
        if len(pks) > 1:
            self.add_error("condition", _("Välj svar från en och samma fråga."))
        data["condition_pk"] = int(pks.pop()) if len(pks) == 1 else None
        data["condition_values"] = [value.split(":", 1)[1] for value in chosen]
        return data

    def _options(self, data) -> list[dict]:
        labels = [line for line in _lines(data.get("options", "")) if line]
        english = _lines(data.get("options_en", ""))
        easy = _lines(data.get("options_easy", ""))
        options = []
        for n, line in enumerate(labels):
            value, sep, label = line.partition("=")
            if not sep:
                value, label = str(n + 1), line
            options.append(
                {
                    "value": value.strip(),
                    "label": label.strip(),
                    "label_en": english[n] if n < len(english) else "",
                    "label_easy": easy[n] if n < len(easy) else "",
                }
            )
        return options


class ChannelForm(forms.Form):
    name = forms.CharField(
        label=_("Kanal eller plats"),
        max_length=200,
        help_text=_("T.ex. Affisch på biblioteket, Nyhetsbrevet, Karlbergsskolan."),
    )
    area = AreaChoiceField(
        label=_("Område"), queryset=None, required=False, empty_label=_("Inget särskilt")
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class BankUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil med frågebanken"),
        help_text=_(
            "Kolumnerna code, indicator, source, kind, text, text_en, text_easy, options "
            "(t.ex. ”1=Mycket trygg|2=Ganska trygg”) och indicator_values. Högst 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 2 MB."))
        return upload


class BankAddForm(forms.Form):
    bank_item = forms.ModelChoiceField(label=_("Fråga ur frågebanken"), queryset=None)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_item"].queryset = items
        self.fields["bank_item"].label_from_instance = lambda b: f"{b.code}: {b.text[:70]}"
