from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from . import loginthrottle
from .models import Organisation, Role


class FormRenderer(TemplatesSetting):
    """Every form and field in the project's own markup (FORM_RENDERER): `{{ form }}` gives
    the error summary and the fields, `{{ form.x.as_field_group }}` one field, so no page
    copies a field partial. Through the project's template engine, so the templates live in
    trygg/templates/forms/ and Django's widgets come from the `django.forms` app."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Tänk på att lösenordet skiljer på stora och små "
            "bokstäver."
        ),
        "inactive": _("Kontot är inaktiverat. Kontakta kommunens administratör."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        # AuthenticationForm sets max_length after the field is built, so it is never checked:
        # a long name reached axes, whose 255-character column made PostgreSQL answer 500.
        username_max = self.fields["username"].max_length or 150
        self.fields["username"].validators.append(MaxLengthValidator(username_max))
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = _("Lösenord")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            wait = getattr(self.request, loginthrottle.WAIT_ATTRIBUTE, 0)
            if wait:
                raise ValidationError(loginthrottle.wait_message(wait), code="throttled") from None
            raise


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ"), choices=Organisation.Kind.choices)
    email = forms.EmailField(label=_("Funktionsadress för e-post"), required=False)
    active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)


class MembershipForm(forms.Form):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Finns kontot inte skapas det; personen väljer lösenord via e-postlänk."),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("Välj organisation")


class MunicipalityForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=100)
    official_name = forms.CharField(
        label=_("Namn i text"),
        max_length=120,
        required=False,
        help_text=_(
            "Som kommunen skriver sitt namn i löptext, t.ex. Köpings kommun, Falu kommun "
            "eller Stockholms stad. Lämna tomt för att följa regeln (Köping → Köpings kommun)."
        ),
    )
    population = forms.IntegerField(label=_("Folkmängd"), min_value=0, required=False)
    job_file_keep_days = forms.IntegerField(
        label=_("Uppladdade filer sparas (dagar)"),
        min_value=1,
        max_value=365,
        help_text=_(
            "Så länge sparas en importfil eller ett dokument efter att jobbet är klart; sedan "
            "tas filen bort (gallring). Filerna kan innehålla personuppgifter."
        ),
    )


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engångskod"),
        max_length=8,
        min_length=6,
        help_text=_("Sex siffror från din autentiseringsapp."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Koden består bara av siffror."))
        return token


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form: next to its field when the form has
    that field, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
