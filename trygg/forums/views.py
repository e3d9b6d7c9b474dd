"""Forum pages: the list, a forum with its members, meetings and decisions, membership
administration, meetings of every forum, minutes and calendar feeds. Thin: the permission
checks are in the selectors and services (a role, or a seat in the forum)."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list

from . import contributions, documents, feeds, selectors, services
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    AgendaSendForm,
    DecisionFollowUpForm,
    DecisionForm,
    MeetingCreateForm,
    MeetingUpdateForm,
    MemberForm,
    ScheduleForm,
    WorkingGroupForm,
)
from .models import ActionItem, Decision, Forum, ForumMembership
from .permissions import ForumCan, forum_may

# Every logged-in member reaches the pages; what each forum shows is decided per forum.
member = member_required("core.view_workspace")


def _forum(request, pk):
    viewer = viewer_for_request(request)
    forum = selectors.forum_get(viewer=viewer, pk=pk)
    if forum is None:
        raise Http404
    return viewer, forum


@member
def forum_list(request):
    viewer = viewer_for_request(request)
    forums = list(selectors.forum_list(viewer=viewer))
    return render(request, "forums/forum_list.html", {"forums": forums})


@member
def forum_detail(request, pk):
    viewer, forum = _forum(request, pk)
    can = ForumCan(viewer, forum)
    schedule_form = group_form = None
    schedule = None
    if forum.kind == Forum.Kind.LAGESBILD:
        schedule = selectors.schedule_for(municipality=viewer.municipality)
        schedule_form = ScheduleForm(
            request.POST if request.POST.get("form") == "schedule" else None,
            initial={
                "first_date": schedule.first_date,
                "interval_days": schedule.interval_days,
                "time_of_day": schedule.time_of_day,
                "place": schedule.place,
            }
            if schedule
            else {"first_date": timezone.localdate(), "interval_days": 14, "time_of_day": "09:00"},
        )
    if forum.kind in Forum.PARENT_KINDS:
        group_form = WorkingGroupForm(
            request.POST if request.POST.get("form") == "group" else None, auto_id="grupp-%s"
        )
    if request.method == "POST":
        form, save = {
            "schedule": (schedule_form, lambda d: services.schedule_set(viewer=viewer, **d)),
            "group": (
                group_form,
                lambda d: services.working_group_create(viewer=viewer, parent=forum, **d),
            ),
        }.get(request.POST.get("form"), (None, None))
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except PermissionDenied:
                raise
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Sparat.")
                return redirect("forums:detail", forum.pk)
    now = timezone.now()
    meetings = selectors.meeting_list(viewer=viewer, forum=forum)
    year = timezone.localdate().year
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "forum_can": can,
            "members": selectors.forum_members(forum=forum),
            "upcoming": [m for m in meetings if m.held_at >= now][::-1],
            "past": [m for m in meetings if m.held_at < now][:20],
            "decisions": selectors.forum_decisions(forum=forum, year=year),
            "year": year,
            "open_actions": selectors.open_action_items(
                municipality=viewer.municipality, forum=forum
            ),
            "groups": selectors.working_groups(forum=forum),
            "schedule": schedule,
            "schedule_form": schedule_form,
            "next_time": selectors.next_meeting_time(municipality=viewer.municipality)
            if schedule
            else None,
            "group_form": group_form,
            "feeds": selectors.calendar_feeds(viewer=viewer, forum=forum),
            "today": timezone.localdate(),
        },
    )


@member
def forum_members(request, pk):
    viewer, forum = _forum(request, pk)
    can = ForumCan(viewer, forum)
    users = selectors.member_candidates(municipality=viewer.municipality)
    form = MemberForm(request.POST or None, users=users, initial={"role": "ledamot"})
    if request.method == "POST":
        if not can.manage_members:
            raise PermissionDenied
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            data.setdefault("role", "ledamot")
            try:
                services.member_add(viewer=viewer, forum=forum, **data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Ledamoten är tillagd.")
                return redirect("forums:members", forum.pk)
    return render(
        request,
        "forums/forum_members.html",
        {
            "forum": forum,
            "forum_can": can,
            "form": form,
            "members": selectors.forum_members(forum=forum),
            "ended": [
                s for s in selectors.forum_members(forum=forum, include_ended=True) if not s.active
            ],
        },
    )


@require_POST
@member
def member_end(request, pk, seat_pk):
    viewer, forum = _forum(request, pk)
    seat = ForumMembership.objects.filter(
        municipality=viewer.municipality, forum=forum, pk=seat_pk
    ).first()
    if seat is None:
        raise Http404
    services.member_end(viewer=viewer, seat=seat)
    messages.success(request, f"Uppdraget för {seat.display_name} är avslutat.")
    return redirect("forums:members", forum.pk)


@member
def meeting_create(request, pk):
    viewer, forum = _forum(request, pk)
    if not forum_may(viewer, forum, "forums.manage_meetings"):
        raise PermissionDenied
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    operational = forum.kind == Forum.Kind.LAGESBILD
    next_time = (
        selectors.next_meeting_time(municipality=viewer.municipality) if operational else None
    )
    form = MeetingCreateForm(
        request.POST or None,
        organisations=organisations,
        with_period=operational,
        initial={"held_at": timezone.localtime(next_time) if next_time else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(viewer=viewer, forum=forum, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Mötet är skapat med en dagordning.")
            return redirect("forums:meeting_detail", meeting.pk)
    return render(
        request,
        "forums/meeting_create.html",
        {"form": form, "forum": forum, "operational": operational},
    )


def _meeting(request, pk):
    viewer = viewer_for_request(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=pk)
    if meeting is None:
        raise Http404
    return viewer, meeting


def _forms(viewer, meeting, data=None, which=None):
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    bound = lambda name: data if which == name else None  # noqa: E731
    return {
        # Four forms on one page: each gets its own id prefix so every label stays unique.
        "update_form": MeetingUpdateForm(
            bound("update"),
            auto_id="mote-%s",
            organisations=organisations,
            initial={
                "status": meeting.status,
                "place": meeting.place,
                "participants": meeting.participants,
                "notes": meeting.notes,
                "organisations": list(meeting.organisations.all()),
            },
        ),
        "decision_form": DecisionForm(
            bound("decision"),
            auto_id="beslut-%s",
            areas=areas,
            organisations=organisations,
            insats=meeting.forum.decisions_direct_resources,
            initial={"until": timezone.localdate() + timedelta(days=14)}
            if meeting.forum.decisions_direct_resources
            else {},
        ),
        "action_form": ActionItemForm(
            bound("action"),
            auto_id="atgard-%s",
            organisations=organisations,
            initial={"due": timezone.localdate() + timedelta(days=14)},
        ),
        "agenda_form": AgendaItemForm(bound("agenda"), auto_id="punkt-%s"),
    }


_SAVE = {
    "update": services.meeting_update,
    "decision": services.decision_add,
    "action": services.action_item_add,
    "agenda": services.agenda_item_add,
}


@member
def meeting_detail(request, pk):
    viewer, meeting = _meeting(request, pk)
    can = ForumCan(viewer, meeting.forum)
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = _forms(viewer, meeting, request.POST, which)
    if which:
        if not can.manage_meetings:
            raise Http404
        form = forms_.get(f"{which}_form")
        if form is not None and form.is_valid():
            try:
                _SAVE[which](viewer=viewer, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Sparat.")
                return redirect("forums:meeting_detail", meeting.pk)
    links = [
        link
        for c in contributions.for_kind(meeting.forum.kind)
        if c.links is not None
        for link in c.links(viewer, meeting)
    ]
    return render(
        request,
        "forums/meeting_detail.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "forum_can": can,
            "links": links,
            "follow_up_form": DecisionFollowUpForm(),
            "today": timezone.localdate(),
            **forms_,
        },
    )


_SAVED = {"decision": "Beslutet är sparat.", "action": "Åtgärden är sparad."}


@member
def meeting_mode(request, pk, number=1):
    """The meeting on the projector, one agenda item a page (its own address, so it works
    without JavaScript), with the decision and action forms in place."""
    viewer, meeting = _meeting(request, pk)
    step = selectors.meeting_step(viewer=viewer, meeting=meeting, number=number)
    if step is None and not (number == 1 and not meeting.agenda.all()):
        raise Http404
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = _forms(viewer, meeting, request.POST, which)
    if which:
        form = forms_.get(f"{which}_form") if which in _SAVED else None
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                _SAVE[which](viewer=viewer, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _SAVED[which])
                return redirect("forums:meeting_mode_item", meeting.pk, number)
    return render(
        request,
        "forums/meeting_mode.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "step": step,
            "agenda": list(meeting.agenda.all()),
            "decision_form": forms_["decision_form"],
            "action_form": forms_["action_form"],
        },
    )


def _back(request, default):
    back = request.POST.get("back", "")
    return back if back.startswith("/forum/") else default


@require_POST
@member
def decision_follow_up(request, pk):
    viewer = viewer_for_request(request)
    decision = (
        Decision.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("meeting__forum")
        .first()
    )
    if decision is None or not forum_may(viewer, decision.meeting.forum, "forums.view"):
        raise Http404
    if not forum_may(viewer, decision.meeting.forum, "forums.manage_meetings"):
        raise PermissionDenied
    form = DecisionFollowUpForm(request.POST)
    if form.is_valid():
        services.decision_follow_up(viewer=viewer, decision=decision, **form.cleaned_data)
        messages.success(request, "Uppföljningen är sparad.")
    else:
        messages.error(request, "Välj en status.")
    return redirect(_back(request, reverse("forums:meeting_detail", args=[decision.meeting_id])))


@require_POST
@member
def action_item_done(request, pk):
    viewer = viewer_for_request(request)
    item = (
        ActionItem.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("meeting__forum")
        .first()
    )
    if item is None or not forum_may(viewer, item.meeting.forum, "forums.view"):
        raise Http404
    services.action_item_complete(viewer=viewer, item=item, note=request.POST.get("note", ""))
    messages.success(request, f"Åtgärden ”{item.title}” är markerad som klar.")
    return redirect(_back(request, reverse("forums:meeting_detail", args=[item.meeting_id])))


@member
def minutes_document(request, pk, fmt):
    viewer, meeting = _meeting(request, pk)
    if not forum_may(viewer, meeting.forum, "forums.export"):
        raise PermissionDenied
    body, content_type = documents.minutes_document(viewer, meeting, fmt)
    held = timezone.localtime(meeting.held_at)
    name = f"minnesanteckningar-{viewer.municipality.slug}-{meeting.forum.kind}-{held:%Y%m%d}.{fmt}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@member
def agenda_send(request):
    viewer = viewer_for_request(request)
    form = AgendaSendForm(request.POST, forums=selectors.forum_list(viewer=viewer))
    back = request.POST.get("back", "")
    back = back if back.startswith("/") and not back.startswith("//") else "/"
    if not form.is_valid():
        messages.error(request, "Välj ett forum.")
        return redirect(back)
    try:
        item = services.agenda_send(viewer=viewer, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Punkten är lagd på dagordningen för {item.meeting}.")
    return redirect(back)


@member
def calendar(request, pk):
    """The viewer's own secret calendar address for the forum: create (shown once) or revoke."""
    viewer, forum = _forum(request, pk)
    secret_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            n = services.calendar_feed_revoke(viewer=viewer, forum=forum)
            messages.success(
                request, "Kalenderlänken är spärrad." if n else "Ingen länk att spärra."
            )
            return redirect("forums:calendar", forum.pk)
        _, secret = services.calendar_feed_create(viewer=viewer, forum=forum)
        secret_url = request.build_absolute_uri(reverse("forums:feed", args=[secret]))
    return render(
        request,
        "forums/calendar.html",
        {
            "forum": forum,
            "forum_can": ForumCan(viewer, forum),
            "secret_url": secret_url,
            "feeds": selectors.calendar_feeds(viewer=viewer, forum=forum),
        },
    )


def feed(request, secret):
    """The forum's meetings as iCalendar, for a calendar program that cannot log in: the
    secret in the address is the key, checked again against the person's access now."""
    body = feeds.forum_feed(secret=secret, base_url=request.build_absolute_uri("/").rstrip("/"))
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
