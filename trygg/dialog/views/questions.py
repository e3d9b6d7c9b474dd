"""The survey builder's sections and questions: forms for a question of each kind, and the
buttons that move, delete and add background or bank questions (no JavaScript needed)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from ..builder_forms import BankAddForm, QuestionForm, SectionForm, options_text
from ..models import Question, Section
from ..selectors.dialogues import bank_items
from ..selectors.surveys import (
    condition_choices,
    question_get,
    section_get,
    working_version,
)
from ..services import questions as services
from .surveys import refused, survey_or_404


def _question_or_404(viewer, pk) -> Question:
    question = question_get(viewer=viewer, pk=pk)
    if question is None:
        raise Http404
    return question


def _section_or_404(viewer, pk) -> Section:
    section = section_get(viewer=viewer, pk=pk)
    if section is None:
        raise Http404
    return section


def _question_page(request, survey, question=None, kind=None):
    viewer = viewer_for_request(request)
    version = working_version(survey)
    kind = question.kind if question else kind
    initial = {"max_length": 2000}
    if question is not None:
        initial = {
            name: getattr(question, name)
            for name in (
                "text",
                "text_en",
                "text_easy",
                "help",
                "required",
                "section",
                "min_value",
                "max_value",
                "max_length",
                "map_time_of_day",
                "map_reason",
            )
        }
        initial["options"] = options_text(question.options, "label")
        initial["options_en"] = options_text(question.options, "label_en")
        initial["options_easy"] = options_text(question.options, "label_easy")
        initial["condition"] = [
            f"{question.condition_question_id}:{value}" for value in question.condition_values
        ]
        # The builder shows the newest version; a question of an older one is edited there.
        version = question.version
    form = QuestionForm(
        request.POST or None,
        kind=kind,
        stratum=question.stratum if question else "",
        sections=version.sections.all(),
        conditions=condition_choices(version, exclude=question),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        condition = None
        if data["condition_pk"] is not None:
            condition = question_get(viewer=viewer, pk=data["condition_pk"])
        try:
            services.question_save(
                viewer=viewer,
                survey=survey,
                question=question,
                kind=kind,
                text=data["text"],
                text_en=data["text_en"],
                text_easy=data["text_easy"],
                help=data["help"],
                required=data["required"],
                options=data.get("option_list", []),
                min_value=data.get("min_value"),
                max_value=data.get("max_value"),
                max_length=data.get("max_length") or 2000,
                map_time_of_day=data.get("map_time_of_day", False),
                map_reason=data.get("map_reason", False),
                section=data["section"],
                condition_question=condition,
                condition_values=data["condition_values"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Frågan är sparad.")
            return redirect("dialog:survey", survey.pk)
    return render(
        request,
        "dialog/question_form.html",
        {
            "form": form,
            "survey": survey,
            "question": question,
            "kind_label": Question.Kind(kind).label,
            "frozen": version.frozen,
        },
    )


@member_required("dialog.manage")
def question_create(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    # The survey page links one form per kind; without a kind it is a single choice.
    kind = request.GET.get("typ", Question.Kind.SINGLE)
    if kind not in Question.Kind.values:
        raise Http404
    return _question_page(request, survey, kind=kind)


@member_required("dialog.manage")
def question_edit(request, pk):
    viewer = viewer_for_request(request)
    question = _question_or_404(viewer, pk)
    return _question_page(request, question.version.survey, question=question)


@require_POST
@member_required("dialog.manage")
def question_move(request, pk):
    viewer = viewer_for_request(request)
    question = _question_or_404(viewer, pk)
    try:
        services.question_move(
            viewer=viewer, question=question, direction=request.POST.get("riktning", "")
        )
    except ValidationError as error:
        refused(request, error)
    return redirect("dialog:survey", question.version.survey_id)


@require_POST
@member_required("dialog.manage")
def question_delete(request, pk):
    viewer = viewer_for_request(request)
    question = _question_or_404(viewer, pk)
    try:
        services.question_delete(viewer=viewer, question=question)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, "Frågan är borttagen ur utkastet.")
    return redirect("dialog:survey", question.version.survey_id)


@require_POST
@member_required("dialog.manage")
def background_add(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    try:
        services.background_question_add(
            viewer=viewer, survey=survey, stratum=request.POST.get("stratum", "")
        )
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, "Bakgrundsfrågan är tillagd.")
    return redirect("dialog:survey", survey.pk)


@require_POST
@member_required("dialog.manage")
def bank_add(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    form = BankAddForm(request.POST, prefix="bank", items=bank_items(viewer=viewer))
    if not form.is_valid():
        messages.error(request, "Välj en fråga ur frågebanken.")
        return redirect("dialog:survey", survey.pk)
    try:
        services.bank_item_add(viewer=viewer, survey=survey, **form.cleaned_data)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, "Frågan ur frågebanken är tillagd med sin ordalydelse.")
    return redirect("dialog:survey", survey.pk)


@member_required("dialog.manage")
def section_create(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_or_404(viewer, pk)
    return _section_page(request, viewer, survey)


@member_required("dialog.manage")
def section_edit(request, pk):
    viewer = viewer_for_request(request)
    section = _section_or_404(viewer, pk)
    return _section_page(request, viewer, section.version.survey, section)


def _section_page(request, viewer, survey, section=None):
    initial = {}
    if section is not None:
        initial = {"title": section.title, "title_en": section.title_en}
        initial["title_easy"] = section.title_easy
    form = SectionForm(request.POST or None, prefix="sektion", initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                viewer=viewer, survey=survey, section=section, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Sektionen är sparad.")
            return redirect("dialog:survey", survey.pk)
    return render(
        request,
        "dialog/section_form.html",
        {"form": form, "survey": survey, "section": section},
    )


@require_POST
@member_required("dialog.manage")
def section_move(request, pk):
    viewer = viewer_for_request(request)
    section = _section_or_404(viewer, pk)
    try:
        services.section_move(
            viewer=viewer, section=section, direction=request.POST.get("riktning", "")
        )
    except ValidationError as error:
        refused(request, error)
    return redirect("dialog:survey", section.version.survey_id)


@require_POST
@member_required("dialog.manage")
def section_delete(request, pk):
    viewer = viewer_for_request(request)
    section = _section_or_404(viewer, pk)
    try:
        services.section_delete(viewer=viewer, section=section)
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, "Sektionen är borttagen.")
    return redirect("dialog:survey", section.version.survey_id)
