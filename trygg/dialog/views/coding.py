"""Theme coding of a dialogue's free-text answers, under /dialog/<pk>/kodning/: one page per
free-text question with its answers (redacted when stored), bulk tagging and quote approval."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.reports import selectors as report_selectors

from ..follow_up_forms import CodingForm
from ..selectors import coding as selectors
from ..services import coding as services
from .sessions import dialogue_or_404


@member_required("dialog.code_answers")
def coding_questions(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    return render(
        request,
        "dialog/coding_questions.html",
        {
            "dialogue": dialogue,
            "questions": selectors.free_text_questions(viewer=viewer, dialogue=dialogue),
        },
    )


def _question_or_404(viewer, dialogue, question_pk):
    question = selectors.coding_question_get(viewer=viewer, dialogue=dialogue, pk=question_pk)
    if question is None:
        raise Http404
    return question


@member_required("dialog.code_answers")
def coding_question(request, pk, question_pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    question = _question_or_404(viewer, dialogue, question_pk)
    page = selectors.coding_page(viewer=viewer, question=question, number=request.GET.get("sida"))
    form = CodingForm(
        request.POST or None,
        answer_ids=[a.pk for a in page.object_list],
        theme_choices=report_selectors.category_choices(municipality=viewer.municipality),
    )
    if request.method == "POST" and form.is_valid():
        themes = report_selectors.category_list(municipality=viewer.municipality).filter(
            pk__in=form.cleaned_data["themes"]
        )
        try:
            n = services.answers_code(
                viewer=viewer,
                question=question,
                answer_ids=form.cleaned_data["answers"],
                themes=list(themes),
                operation=form.cleaned_data["operation"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"{n} svar kodade.")
            url = reverse("dialog:coding_question", args=[dialogue.pk, question.pk])
            return redirect(f"{url}?sida={page.number}")
    return render(
        request,
        "dialog/coding_question.html",
        {
            "dialogue": dialogue,
            "question": question,
            "page": page,
            "form": form,
            "counts": selectors.theme_counts(viewer=viewer, question=question),
        },
    )


@require_POST
@member_required("dialog.code_answers")
def answer_quote(request, pk, answer_pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    answer = selectors.coding_answer_get(viewer=viewer, dialogue=dialogue, pk=answer_pk)
    if answer is None:
        raise Http404
    quotable = request.POST.get("quotable") == "1"
    try:
        services.answer_quotable_set(viewer=viewer, answer=answer, quotable=quotable)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Svaret kan citeras." if quotable else "Citatet är återkallat.")
    url = reverse("dialog:coding_question", args=[dialogue.pk, answer.question_id])
    return redirect(f"{url}?sida={request.POST.get('sida', 1)}#svar-{answer.pk}")
