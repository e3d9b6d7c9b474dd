"""Staff pages for planning: the walk list, planning a walk (from a decision or a dialogue),
the walk's page with its join link, and the checklist templates. Thin: permissions are in
the services and selectors."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.forums.selectors import decision_get, forum_list, member_candidates
from trygg.geo.selectors import area_index, area_list

from ..forms.planning import ItemForm, JoinExpiryForm, TemplateForm, WalkForm
from ..models import Walk
from ..selectors import walks as selectors
from ..selectors.field import may_review, may_see_unreviewed
from ..services import planning as services

view_walks = member_required("walks.view")
manage = member_required("walks.manage")
templates_ = member_required("walks.manage_templates")


def _walk(request, pk) -> tuple:
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    if walk is None:
        raise Http404
    return viewer, walk


@view_walks
def walk_list(request):
    viewer = viewer_for_request(request)
    status = request.GET.get("status", "")
    page = selectors.walk_page(viewer=viewer, status=status, page=request.GET.get("sida", 1))
    return render(
        request,
        "walks/planning_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Walk.Status.choices,
            "may_plan": viewer.may("walks.manage"),
            "may_templates": viewer.may("walks.manage_templates"),
        },
    )


def _walk_form(viewer, data=None, *, initial=None, dialogue=None):
    municipality = viewer.municipality
    return WalkForm(
        data,
        initial=initial,
        areas=area_list(municipality=municipality, without_boundary=True),
        templates=selectors.template_list(viewer=viewer),
        people=member_candidates(municipality=municipality),
        organisations=organisation_list(municipality=municipality),
        forums=forum_list(viewer=viewer),
        surveys=selectors.survey_choices(viewer=viewer, dialogue=dialogue),
    )


def _origin(request, viewer):
    """The decision or dialogue the walk is planned from (?beslut= or ?dialog=)."""
    decision = dialogue = None
    raw = request.POST.get("beslut") or request.GET.get("beslut")
    if raw:
        decision = decision_get(viewer=viewer, pk=int(raw)) if raw.isdigit() else None
        if decision is None:
            raise Http404
    raw = request.POST.get("dialog") or request.GET.get("dialog")
    if raw:
        dialogue = selectors.dialogue_get(viewer=viewer, pk=int(raw)) if raw.isdigit() else None
        if dialogue is None:
            raise Http404
    return decision, dialogue


def _map_context(viewer) -> dict:
    return {"boundary": area_index(viewer.municipality).boundary_geojson}


@manage
def walk_plan(request):
    viewer = viewer_for_request(request)
    decision, dialogue = _origin(request, viewer)
    default = services.template_default(viewer=viewer)
    initial = {"template": default, "leader": request.user}
    if decision is not None:
        place = decision.area.name if decision.area else ""
        initial |= {"title": f"Trygghetsvandring {place}".strip()}
        initial |= {"purpose": decision.what, "area": decision.area}
    elif dialogue is not None:
        initial |= {"title": dialogue.title, "purpose": dialogue.question}
    form = _walk_form(viewer, request.POST or None, initial=initial, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            walk = services.walk_plan(viewer=viewer, decision=decision, dialogue=dialogue, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Vandringen är planerad.")
            for warning in services.participant_warnings(walk.participant_counts):
                messages.warning(request, warning)
            return redirect("walks:detail", walk.pk)
    return render(
        request,
        "walks/planning_form.html",
        {"form": form, "decision": decision, "dialogue": dialogue, **_map_context(viewer)},
    )


@manage
def walk_edit(request, pk):
    viewer, walk = _walk(request, pk)
    form = _walk_form(
        viewer, request.POST or None, initial=WalkForm.initial_for(walk), dialogue=walk.dialogue
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.walk_update(viewer=viewer, walk=walk, **form.service_data())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Vandringen är sparad.")
            for warning in services.participant_warnings(walk.participant_counts):
                messages.warning(request, warning)
            return redirect("walks:detail", walk.pk)
    return render(
        request,
        "walks/planning_form.html",
        {"form": form, "walk": walk, **_map_context(viewer)},
    )


def join_url(request, walk: Walk) -> str:
    """The participants' address of the walk's field mode (the field part's page)."""
    return request.build_absolute_uri(f"{reverse('walks:list')}{walk.join_token}/falt/")


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@view_walks
def walk_detail(request, pk):
    viewer, walk = _walk(request, pk)
    may_join = services.may_manage_join_link(viewer, walk)
    state = selectors.join_link_state(walk)
    url = join_url(request, walk) if may_join and state == "aktiv" else ""
    groups = [
        (label, walk.participant_counts.get(key, 0)) for key, label in services.PARTICIPANT_GROUPS
    ]
    return render(
        request,
        "walks/planning_detail.html",
        {
            "walk": walk,
            "may_manage": viewer.may("walks.manage"),
            "may_join": may_join,
            "join_state": state,
            "join_url": url,
            "join_qr": _qr_data_uri(url) if url else "",
            "expiry_form": JoinExpiryForm(),
            "groups": groups,
            "participants": sum(n for _label, n in groups),
            "warnings": services.participant_warnings(walk.participant_counts),
            "items": list(walk.template.items.all()),
            # The walk's later steps (field mode, review, findings, protocol, re-walk).
            "may_record": viewer.may("walks.record"),
            "may_review": may_review(viewer, walk),
            "private": may_see_unreviewed(viewer, walk),
            "observation_count": walk.observations.count(),
            "finding_count": walk.findings.count(),
            **_map_context(viewer),
        },
    )


@require_POST
@view_walks
def join_revoke(request, pk):
    viewer, walk = _walk(request, pk)
    services.join_link_revoke(viewer=viewer, walk=walk)
    messages.success(request, "Deltagarlänken är återkallad och fungerar inte längre.")
    return redirect("walks:detail", walk.pk)


@require_POST
@view_walks
def join_renew(request, pk):
    viewer, walk = _walk(request, pk)
    services.join_link_renew(viewer=viewer, walk=walk)
    messages.success(request, "En ny deltagarlänk är skapad. Den gamla fungerar inte längre.")
    return redirect("walks:detail", walk.pk)


@require_POST
@view_walks
def join_expiry(request, pk):
    viewer, walk = _walk(request, pk)
    form = JoinExpiryForm(request.POST)
    expires_on = form.cleaned_data["expires_on"] if form.is_valid() else None
    try:
        services.join_link_set_expiry(viewer=viewer, walk=walk, expires_on=expires_on)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Länkens giltighet är ändrad.")
    return redirect("walks:detail", walk.pk)


# --- Checklist templates -------------------------------------------------------------------


@templates_
def template_list(request):
    viewer = viewer_for_request(request)
    services.template_default(viewer=viewer)
    return render(
        request,
        "walks/planning_templates.html",
        {"templates": selectors.template_list(viewer=viewer)},
    )


@templates_
def template_create(request):
    viewer = viewer_for_request(request)
    form = TemplateForm(request.POST or None, initial={"scale_min": 0, "scale_max": 3})
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_save(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Checklistan är skapad. Lägg till punkter.")
            return redirect("walks:template_edit", template.pk)
    return render(request, "walks/planning_template.html", {"form": form})


@templates_
def template_edit(request, pk):
    viewer = viewer_for_request(request)
    template = selectors.template_get(viewer=viewer, pk=pk)
    if template is None:
        raise Http404
    which = request.POST.get("form") if request.method == "POST" else None
    form = TemplateForm(
        request.POST if which == "template" else None,
        initial={
            "name": template.name,
            "scale_min": template.scale_min,
            "scale_max": template.scale_max,
            "scale_labels": "\n".join(template.scale_labels),
        },
    )
    item_form = ItemForm(request.POST if which == "item" else None)
    bound = {"template": form, "item": item_form}.get(which)
    if bound is not None and bound.is_valid():
        try:
            if which == "template":
                services.template_save(viewer=viewer, template=template, **form.cleaned_data)
            else:
                services.item_add(viewer=viewer, template=template, **item_form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(bound, error)
        else:
            messages.success(request, "Checklistan är sparad.")
            return redirect("walks:template_edit", template.pk)
    return render(
        request,
        "walks/planning_template.html",
        {
            "form": form,
            "item_form": item_form,
            "template": template,
            "items": list(template.items.all()),
            "in_use": services.template_in_use(template),
        },
    )


def _item(request, pk):
    viewer = viewer_for_request(request)
    item = selectors.item_get(viewer=viewer, pk=pk)
    if item is None:
        raise Http404
    return viewer, item


@require_POST
@templates_
def item_move(request, pk):
    viewer, item = _item(request, pk)
    services.item_move(viewer=viewer, item=item, up=request.POST.get("riktning") == "upp")
    return redirect(f"{reverse('walks:template_edit', args=[item.template_id])}#punkt-{item.pk}")


@require_POST
@templates_
def item_remove(request, pk):
    viewer, item = _item(request, pk)
    try:
        services.item_remove(viewer=viewer, item=item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Punkten är borttagen.")
    return redirect("walks:template_edit", item.template_id)
