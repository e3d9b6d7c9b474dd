"""Staff pages for dialogues: the list, the form (every field of SKR's styrkarta) and the
dialogue's page with its parts and what it links to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list
from trygg.strategy import selectors as strategy
from trygg.strategy.selectors.dialog_links import activity_choices, measure_choices

from ..builder_forms import DialogueForm
from ..models import Dialogue
from ..selectors.dialogues import dialogue_get, dialogue_list, sessions_of
from ..selectors.representativeness import representativeness
from ..selectors.surveys import surveys_with_versions
from ..services.dialogues import LINKS, dialogue_save

PAGE_SIZE = 25


@member_required("dialog.view")
def dialogue_index(request):
    viewer = viewer_for_request(request)
    status = request.GET.get("status", "")
    if status not in Dialogue.Status.values:
        status = ""
    page = Paginator(dialogue_list(viewer=viewer, status=status), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "dialog/dialogue_list.html",
        {"page": page, "status": status, "statuses": Dialogue.Status.choices},
    )


def _choices(viewer):
    municipality = viewer.municipality
    return {
        "target_areas": area_list(municipality=municipality, without_boundary=True),
        "strategic_picture": strategy.picture_list(viewer=viewer),
        "focus_areas": strategy.focus_areas(municipality=municipality),
        "measures": measure_choices(municipality=municipality),
        "promises": strategy.promises(municipality=municipality),
        "promise_activities": activity_choices(municipality=municipality),
    }


def _initial(dialogue: Dialogue | None) -> dict:
    if dialogue is None:
        return {"status": Dialogue.Status.PLANERAD, "forms": [Dialogue.Form.ENKAT]}
    initial = {
        name: getattr(dialogue, name)
        for name in (
            "title",
            "question",
            "decided_by",
            "forms",
            "target_group",
            "starts_on",
            "ends_on",
            "feedback_plan",
            "evaluation",
            "status",
            "strategic_picture",
        )
    }
    for name in LINKS:
        initial[name] = list(getattr(dialogue, name).all())
    return initial


@member_required("dialog.manage")
def dialogue_edit(request, pk=None):
    viewer = viewer_for_request(request)
    dialogue = None
    if pk is not None:
        dialogue = dialogue_get(viewer=viewer, pk=pk)
        if dialogue is None:
            raise Http404
    form = DialogueForm(request.POST or None, choices=_choices(viewer), initial=_initial(dialogue))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = dialogue_save(viewer=viewer, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Dialogen är sparad.")
            return redirect("dialog:detail", dialogue.pk)
    return render(request, "dialog/dialogue_form.html", {"form": form, "dialogue": dialogue})


@member_required("dialog.view")
def dialogue_detail(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_get(viewer=viewer, pk=pk)
    if dialogue is None:
        raise Http404
    forms = dict(Dialogue.Form.choices)
    return render(
        request,
        "dialog/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "form_labels": [forms[f] for f in dialogue.forms if f in forms],
            "surveys": surveys_with_versions(viewer=viewer, dialogue=dialogue),
            "sessions": sessions_of(dialogue=dialogue),
            "walks": list(dialogue.walks.order_by("-walk_on")),
            "representativeness": representativeness(viewer=viewer, dialogue=dialogue)
            if viewer.may("dialog.view_results")
            else None,
        },
    )
