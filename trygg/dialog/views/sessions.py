"""Interviews and focus groups of a dialogue, under /dialog/<pk>/samtal/: the list, the form
that records one (consent first, composition as counts) and a session's coded notes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.reports import selectors as report_selectors

from ..follow_up_forms import NoteForm, SessionForm
from ..selectors.sessions import dialogue_for_viewer, session_get, session_list
from ..services import sessions as services


def dialogue_or_404(viewer, pk):
    dialogue = dialogue_for_viewer(viewer=viewer, pk=pk)
    if dialogue is None:
        raise Http404
    return dialogue


@member_required("dialog.record_sessions")
def sessions(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    return render(
        request,
        "dialog/sessions_list.html",
        {"dialogue": dialogue, "sessions": session_list(viewer=viewer, dialogue=dialogue)},
    )


@member_required("dialog.record_sessions")
def session_create(request, pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in SessionForm.base_fields}
        try:
            session = services.session_record(
                viewer=viewer, dialogue=dialogue, composition=form.composition(), **data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Samtalet är registrerat. Lägg till anteckningar nedan.")
            return redirect("dialog:session_detail", dialogue.pk, session.pk)
    return render(request, "dialog/sessions_form.html", {"dialogue": dialogue, "form": form})


@member_required("dialog.record_sessions")
def session_detail(request, pk, session_pk):
    viewer = viewer_for_request(request)
    dialogue = dialogue_or_404(viewer, pk)
    session = session_get(viewer=viewer, dialogue=dialogue, pk=session_pk)
    if session is None:
        raise Http404
    form = NoteForm(
        request.POST or None,
        pseudonyms=services.pseudonyms(session.participants),
        theme_choices=report_selectors.category_choices(municipality=viewer.municipality),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        themes = report_selectors.category_list(municipality=viewer.municipality).filter(
            pk__in=data["themes"]
        )
        try:
            services.session_note_add(
                viewer=viewer,
                session=session,
                text=data["text"],
                is_quote=data["is_quote"],
                speaker=data["speaker"],
                themes=list(themes),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Anteckningen är sparad.")
            return redirect("dialog:session_detail", dialogue.pk, session.pk)
    return render(
        request,
        "dialog/sessions_detail.html",
        {"dialogue": dialogue, "session": session, "form": form},
    )
