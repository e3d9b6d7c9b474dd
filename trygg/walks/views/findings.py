"""The leader's findings page (after the walk: observations grouped into findings, each
turned into a measure or a report, owners asked) and the owner's answer page, reached by
the link in the e-mail without an account."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_scopes import scope, scopes_disabled

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.reports.selectors import category_list

from ..followup_forms import (
    AnswerForm,
    FindingForm,
    MeasureOwnerForm,
    MeetingForm,
    PublishForm,
    ReportCategoryForm,
)
from ..models import ChecklistItem, Finding, ObservationPhoto
from ..selectors import findings as selectors
from ..services import findings as services
from ..services.followup import follow_up_meeting_create
from ..services.protocol import protocol_publish


def _walk(request, pk):
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    if walk is None:
        raise Http404
    return viewer, walk


def _finding(walk, fid) -> Finding:
    finding = selectors.walk_findings(walk=walk).filter(pk=fid).first()
    if finding is None:
        raise Http404
    return finding


def _organisations(viewer):
    return organisation_list(municipality=viewer.municipality).filter(active=True)


def _finding_form(viewer, walk, observations, data=None):
    previous = None
    if walk.previous_walk_id:
        previous = selectors.walk_findings(walk=walk.previous_walk)
    return FindingForm(
        data,
        observations=observations,
        organisations=_organisations(viewer),
        items=ChecklistItem.objects.filter(
            municipality=walk.municipality, template=walk.template_id
        ),
        previous=previous,
        prefix="brist",
    )


@member_required("walks.view")
def findings(request, pk):
    """Observations to group, the findings with their owners and answers, the återmöte and
    the protocol."""
    viewer, walk = _walk(request, pk)
    observations = list(enumerate(selectors.walk_observations(walk=walk), start=1))
    form = _finding_form(viewer, walk, observations, request.POST or None)
    if request.method == "POST":
        if not viewer.may("walks.review"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                chosen = services.observations_of(walk, data["observations"])
                services.finding_create(
                    viewer=viewer,
                    walk=walk,
                    data=services.FindingInput(
                        title=data["title"],
                        proposal=data["proposal"],
                        deadline=data["deadline"],
                        observations=chosen,
                        owner_organisation=data["owner_organisation"],
                        owner_name=data["owner_name"],
                        owner_email=data["owner_email"],
                        item=data["item"],
                        previous_finding=data.get("previous_finding"),
                    ),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Bristen är registrerad.")
                return redirect("walks:findings", walk.pk)
    return render(
        request,
        "walks/findings_page.html",
        {
            "walk": walk,
            "observations": observations,
            "findings": selectors.walk_findings(walk=walk),
            "scores": selectors.scores_by_item(walk),
            "form": form,
            "owner_form": MeasureOwnerForm(organisations=_organisations(viewer), prefix="atgard"),
            "category_form": ReportCategoryForm(
                categories=category_list(municipality=viewer.municipality), prefix="rapport"
            ),
            "meeting_form": MeetingForm(prefix="mote"),
            "publish_form": PublishForm(
                initial={"summary": walk.protocol_public_text}, prefix="pub"
            ),
        },
    )


def _done(request, walk, text):
    messages.success(request, text)
    return redirect("walks:findings", walk.pk)


def _refused(request, walk, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)
    return redirect("walks:findings", walk.pk)


@require_POST
@member_required("walks.review")
def finding_measure(request, pk, fid):
    viewer, walk = _walk(request, pk)
    finding = _finding(walk, fid)
    form = MeasureOwnerForm(request.POST, organisations=_organisations(viewer), prefix="atgard")
    owner = form.cleaned_data["owner"] if form.is_valid() else None
    try:
        measure = services.finding_to_measure(viewer=viewer, finding=finding, owner=owner)
    except ValidationError as error:
        return _refused(request, walk, error)
    return _done(request, walk, f"Bristen är nu åtgärden ”{measure.title}” i åtgärdsplanen.")


@require_POST
@member_required("walks.review")
def finding_report(request, pk, fid):
    viewer, walk = _walk(request, pk)
    finding = _finding(walk, fid)
    form = ReportCategoryForm(
        request.POST, categories=category_list(municipality=viewer.municipality), prefix="rapport"
    )
    if not form.is_valid():
        return _refused(request, walk, ValidationError("Välj en kategori för rapporten."))
    try:
        services.finding_to_report(
            viewer=viewer, finding=finding, category=form.cleaned_data["category"]
        )
    except ValidationError as error:
        return _refused(request, walk, error)
    return _done(request, walk, "Bristen är nu en rapport i ärendehanteringen.")


@require_POST
@member_required("walks.review")
def finding_ask(request, pk, fid):
    viewer, walk = _walk(request, pk)
    try:
        services.owner_ask(viewer=viewer, finding=_finding(walk, fid))
    except ValidationError as error:
        return _refused(request, walk, error)
    return _done(request, walk, "Den ansvarige har fått en länk för att svara.")


@require_POST
@member_required("walks.review")
def meeting_create(request, pk):
    viewer, walk = _walk(request, pk)
    form = MeetingForm(request.POST, prefix="mote")
    if not form.is_valid():
        return _refused(request, walk, ValidationError("Ange tid för återmötet."))
    try:
        meeting = follow_up_meeting_create(viewer=viewer, walk=walk, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, walk, error)
    return _done(request, walk, f"Återmötet är skapat: {meeting}.")


@require_POST
@member_required("walks.review")
def publish(request, pk):
    viewer, walk = _walk(request, pk)
    form = PublishForm(request.POST, prefix="pub")
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    withdraw = request.POST.get("withdraw") == "1"
    try:
        protocol_publish(viewer=viewer, walk=walk, summary=summary, publish=not withdraw)
    except ValidationError as error:
        return _refused(request, walk, error)
    return _done(
        request,
        walk,
        "Den offentliga versionen är återkallad." if withdraw else "Protokollet är publicerat.",
    )


@member_required("walks.view")
def photo(request, pk, photo_pk):
    """A photo of the walk for its staff pages (approved or not)."""
    _viewer, walk = _walk(request, pk)
    found = ObservationPhoto.objects.filter(
        municipality=walk.municipality, observation__walk=walk, pk=photo_pk
    ).first()
    if found is None:
        raise Http404
    field = found.thumbnail or found.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _by_token(token):
    # The owner has no account and no municipality in the URL: the secret token is the only
    # key, so the lookup runs unscoped and everything after it in the finding's scope.
    with scopes_disabled():
        finding = selectors.finding_by_token(token)
    if finding is None:
        raise Http404
    return finding


def owner_answer(request, token):
    """The owner's page: the finding, its proposal and approved photos, one answer."""
    finding = _by_token(token)
    with scope(municipality=finding.municipality):
        editable = services.answer_editable(finding)
        form = AnswerForm(request.POST or None, initial={"text": finding.owner_answer})
        if request.method == "POST" and editable and form.is_valid():
            try:
                services.owner_answer(finding=finding, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Tack! Ert svar är sparat.")
                return redirect("walks:owner_answer", token)
        photos = selectors.public_photos(
            selectors.walk_findings(walk=finding.walk).get(pk=finding.pk)
        )
        return render(
            request,
            "walks/findings_answer.html",
            {
                "finding": finding,
                "photos": photos,
                "form": form,
                "editable": editable,
                "token": token,
            },
        )


def owner_photo(request, token, photo_pk):
    finding = _by_token(token)
    with scope(municipality=finding.municipality):
        found = ObservationPhoto.objects.filter(
            municipality=finding.municipality,
            observation__findings=finding,
            public_ok=True,
            pk=photo_pk,
        ).first()
        if found is None:
            raise Http404
        response = FileResponse(
            (found.thumbnail or found.image).open("rb"), content_type="image/jpeg"
        )
        response["Cache-Control"] = "private, max-age=3600"
        return response
