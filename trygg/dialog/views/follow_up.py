"""The dialogue's themes and representativeness (staff), and publishing "ni sa – vi gör",
under /dialog/<pk>/teman/ and /dialog/<pk>/ni-sa-vi-gor/."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.strategy.selectors.dialogue_links import linkable_activities, linkable_measures

from ..follow_up_forms import PublishForm
from ..selectors.representativeness import representativeness
from ..selectors.sessions import publish_state
from ..selectors.themes import themes_for_dialogue
from ..services import follow_up as services
from .sessions import dialogue_or_404


@member_required("dialog.view_results")
def dialogue_themes(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    return render(
        request,
        "dialog/follow_up_themes.html",
        {
            "dialogue": dialogue,
            "themes": themes_for_dialogue(viewer, dialogue),
            "representativeness": representativeness(viewer=viewer, dialogue=dialogue),
        },
    )


@member_required("dialog.manage")
def dialogue_publish(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    measures = list(linkable_measures(municipality=viewer.municipality))
    activities = list(linkable_activities(municipality=viewer.municipality))
    state = publish_state(viewer=viewer, dialogue=dialogue)
    form = PublishForm(
        request.POST or None, initial=state["initial"], measures=measures, activities=activities
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            told = services.dialogue_publish(
                viewer=viewer,
                dialogue=dialogue,
                public_summary=data["public_summary"],
                measures=[m for m in measures if m.pk in data["measures"]],
                promise_activities=[a for a in activities if a.pk in data["promise_activities"]],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                f"Sidan är publicerad. {told} som bett om det har fått e-post, och deras "
                "adresser är raderade.",
            )
            return redirect("dialog:publish", dialogue.pk)
    return render(
        request,
        "dialog/follow_up_publish.html",
        {
            "dialogue": dialogue,
            "form": form,
            "subscribers": state["subscribers"],
        },
    )


@require_POST
@member_required("dialog.manage")
def dialogue_unpublish(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    services.dialogue_unpublish(viewer=viewer, dialogue=dialogue)
    messages.success(request, "Sidan är inte längre publicerad.")
    return redirect("dialog:publish", dialogue.pk)
