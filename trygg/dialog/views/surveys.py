"""Staff pages for a survey: the builder page, its texts, publishing and closing, the
preview as a respondent sees it, and the open link's channels with their QR posters."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.documents import model as doc
from trygg.documents.pdf import render_pdf
from trygg.geo.selectors import area_list

from ..builder_forms import BankAddForm, ChannelForm, SectionForm, SurveyForm
from ..models import Question, Survey
from ..selectors.answering import repeat_warnings
from ..selectors.dialogues import bank_items, dialogue_get
from ..selectors.surveys import (
    channel_get,
    channels_of,
    survey_choices,
    survey_get,
    survey_public_path,
    version_list,
    version_parts,
    working_version,
)
from ..services import surveys as services

SURVEY_FIELDS = (
    "title",
    "mode",
    "intro",
    "intro_en",
    "intro_easy",
    "opens_on",
    "closes_on",
    "previous_round",
    "response_rate_note",
)


def survey_or_404(viewer, pk) -> Survey:
    survey = survey_get(viewer=viewer, pk=pk)
    if survey is None:
        raise Http404
    return survey


def refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@member_required("dialog.manage")
def survey_create(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_get(viewer=viewer, pk=pk)
    if dialogue is None:
        raise Http404
    form = SurveyForm(
        request.POST or None,
        surveys=survey_choices(viewer=viewer),
        initial={"mode": Survey.Mode.OPEN},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(viewer=viewer, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Enkäten är skapad. Lägg till frågor.")
            return redirect("dialog:survey", survey.pk)
    return render(
        request, "dialog/survey_form.html", {"form": form, "dialogue": dialogue, "survey": None}
    )


@member_required("dialog.manage")
def survey_edit(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    initial = {name: getattr(survey, name) for name in SURVEY_FIELDS}
    form = SurveyForm(
        request.POST or None, surveys=survey_choices(viewer=viewer, exclude=survey), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(viewer=viewer, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Enkäten är sparad.")
            return redirect("dialog:survey", survey.pk)
    return render(
        request,
        "dialog/survey_form.html",
        {"form": form, "dialogue": survey.dialogue, "survey": survey},
    )


@member_required("dialog.view")
def survey_detail(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    version = working_version(survey)
    manage = viewer.may("dialog.manage") and survey.status != Survey.Status.STANGD
    channels = [
        (channel, survey_public_path(survey, channel)) for channel in channels_of(survey=survey)
    ]
    context = {
        "survey": survey,
        "version": version,
        "versions": version_list(survey=survey),
        "parts": version_parts(version),
        "manage": manage,
        "kinds": Question.Kind.choices,
        "strata": [s for s in Question.Stratum.choices if s[0]],
        "public_path": survey_public_path(survey),
        "channels": channels,
        "warning": repeat_warnings(viewer, survey) if survey.mode == Survey.Mode.OPEN else None,
        "may_sample": viewer.may("dialog.manage_sample") and survey.mode == Survey.Mode.SAMPLED,
    }
    if manage:
        areas = area_list(municipality=viewer.municipality, without_boundary=True)
        context["section_form"] = SectionForm(prefix="sektion")
        context["channel_form"] = ChannelForm(prefix="kanal", areas=areas)
        items = bank_items(viewer=viewer)
        context["bank_form"] = BankAddForm(prefix="bank", items=items) if items else None
    return render(request, "dialog/survey_detail.html", context)


@require_POST
@member_required("dialog.manage")
def survey_publish(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    try:
        version = services.survey_publish(viewer=viewer, survey=survey)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, f"Version {version.number} är publicerad och öppen för svar.")
    return redirect("dialog:survey", survey.pk)


@require_POST
@member_required("dialog.manage")
def survey_close(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    try:
        deleted = services.survey_close(viewer=viewer, survey=survey)
    except ValidationError as error:
        refused(request, error)
    else:
        note = f" Urvalslistan med {deleted} engångskoder är raderad." if deleted else ""
        messages.success(request, "Enkäten är stängd." + note)
    return redirect("dialog:survey", survey.pk)


@require_POST
@member_required("dialog.manage")
def survey_delete(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    dialogue = survey.dialogue
    try:
        services.survey_delete(viewer=viewer, survey=survey)
    except ValidationError as error:
        refused(request, error)
        return redirect("dialog:survey", survey.pk)
    messages.success(request, "Utkastet är borttaget.")
    return redirect("dialog:detail", dialogue.pk)


LANGUAGES = {"sv": "Svenska", "en": "Engelska", "easy": "Lättläst svenska"}


@member_required("dialog.view")
def survey_preview(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    language = request.GET.get("sprak", "sv")
    if language not in LANGUAGES:
        language = "sv"
    version = working_version(survey)
    parts = version_parts(version)
    for part in parts:
        for question in part.questions:
            _translate(question, language)
    suffix = {"sv": "", "en": "_en", "easy": "_easy"}[language]
    return render(
        request,
        "dialog/survey_preview.html",
        {
            "survey": survey,
            "intro": getattr(survey, "intro" + suffix) or survey.intro,
            "version": version,
            "parts": parts,
            "language": language,
            "languages": LANGUAGES,
        },
    )


def _translate(question, language: str) -> None:
    # A text missing in English or lättläst falls back to the Swedish one, marked so the
    # preview shows which language the respondent will actually read.
    suffix = {"sv": "", "en": "_en", "easy": "_easy"}[language]
    text = getattr(question, "text" + suffix)
    question.shown_text = text or question.text
    question.shown_lang = "en" if language == "en" and text else "sv"
    question.shown_options = []
    for option in question.options:
        label = option.get("label" + suffix) if suffix else option["label"]
        question.shown_options.append(
            {
                "value": option["value"],
                "label": label or option["label"],
                "lang": "en" if language == "en" and label else "sv",
            }
        )


@require_POST
@member_required("dialog.manage")
def channel_add(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    form = ChannelForm(request.POST, prefix="kanal", areas=areas)
    if not form.is_valid():
        messages.error(request, "Skriv kanalens namn (och välj ett område om du vill).")
        return redirect("dialog:survey", survey.pk)
    try:
        channel = services.channel_add(viewer=viewer, survey=survey, **form.cleaned_data)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, f"Kanalen {channel.name} har en egen länk och affisch.")
    return redirect("dialog:survey", survey.pk)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration: the SVG goes inline in HTML and into Typst as is.
    return svg[svg.index("<svg") :]


def _poster(request, pk):
    viewer = viewer_for_request(request)
    channel = channel_get(viewer=viewer, pk=pk)
    if channel is None:
        raise Http404
    url = request.build_absolute_uri(survey_public_path(channel.survey, channel))
    return viewer, channel, url, _qr_svg(url)


@member_required("dialog.view")
def channel_poster(request, pk):
    _, channel, url, svg = _poster(request, pk)
    # The SVG is qrcode's own output for our URL (paths only), so it goes in unescaped.
    qr = mark_safe(svg)  # noqa: S308
    return render(
        request,
        "dialog/channel_poster.html",
        {"channel": channel, "survey": channel.survey, "url": url, "qr": qr},
    )


@member_required("dialog.view")
def channel_poster_pdf(request, pk):
    viewer, channel, url, svg = _poster(request, pk)
    survey = channel.survey
    document = doc.Document(
        title=survey.title,
        subtitle=f"{viewer.municipality.name}s kommun frågar dig",
        footer=f"{viewer.municipality.name}s kommun · {channel.name}",
        author=f"{viewer.municipality.name}s kommun",
        blocks=[
            doc.para(survey.intro or "Svara på enkäten med mobilen eller datorn."),
            doc.image(svg, alt=f"QR-kod till {url}", width=60, name="qr"),
            doc.para(url, label="Adress: "),
            doc.para("Det tar några minuter. Svaren redovisas bara sammanräknade.", small=True),
        ],
    )
    pdf = render_pdf(document, generated_at=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="affisch-{channel.pk}.pdf"'
    return response
