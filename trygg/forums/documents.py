"""Turns a meeting into its minutes (forums/minutes.py writes them): the meeting's own
record plus what contributing apps add for its kind of forum."""

from django.utils import timezone

from trygg.core.viewer import Viewer

from . import contributions, selectors
from .minutes import Minutes, MinutesAction, MinutesDecision, minutes_docx, minutes_pdf
from .models import Meeting

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_for(viewer: Viewer, meeting: Meeting) -> Minutes:
    forum = meeting.forum
    contributed = []
    for contribution in contributions.for_kind(forum.kind):
        if contribution.minutes is not None:
            contributed += contribution.minutes(viewer, meeting)
    return Minutes(
        municipality_name=meeting.municipality.name,
        municipality_official_name=meeting.municipality.official_name,
        forum_name=forum.name,
        held_at=timezone.localtime(meeting.held_at),
        place=meeting.place,
        status=meeting.get_status_display(),
        insatser=forum.decisions_direct_resources,
        period_start=meeting.period_start,
        # Up to today for a meeting planned ahead (its picture counts no later day).
        period_end=meeting.period_end_so_far or meeting.period_end,
        participants=[p.strip() for p in meeting.participants.splitlines() if p.strip()],
        organisations=[o.name for o in meeting.organisations.all()],
        members=[
            (seat.display_name, seat.get_role_display())
            for seat in selectors.forum_members(forum=forum)
        ],
        agenda=[(a.title, a.body) for a in meeting.agenda.all()],
        notes=meeting.notes,
        decisions=[
            MinutesDecision(
                paragraph=d.paragraph,
                what=d.what,
                area=d.area.name if d.area else "",
                place=d.place,
                time_window=d.time_window,
                responsible=d.responsible.name if d.responsible else "",
                until=d.until,
                status=d.get_status_display(),
            )
            for d in meeting.decisions.all()
        ],
        actions=[
            MinutesAction(
                title=a.title,
                owner=a.owner_organisation.name,
                due=a.due,
                status=a.get_status_display(),
                from_meeting=timezone.localtime(a.meeting.held_at).date(),
            )
            for a in _actions(meeting)
        ],
        contributed=contributed,
    )


def _actions(meeting: Meeting):
    own = list(meeting.action_items.all())
    carried = [a.action_item for a in meeting.agenda.all() if a.action_item_id]
    return own + [a for a in carried if a not in own]


def minutes_document(viewer: Viewer, meeting: Meeting, fmt: str) -> tuple[bytes, str]:
    minutes = minutes_for(viewer, meeting)
    now = timezone.localtime()
    if fmt == "pdf":
        return minutes_pdf(minutes, generated_at=now), PDF
    return minutes_docx(minutes, generated_at=now), DOCX
