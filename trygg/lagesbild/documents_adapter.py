"""Turns the lägesbild and a meeting into documents (document_content writes them)."""

from django.utils import timezone

from .document_content import minutes_docx, minutes_pdf, picture_docx, picture_pdf
from .minutes import Minutes, MinutesAction, MinutesDecision
from .models import Meeting
from .picture import Picture

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def picture_document(picture: Picture, fmt: str) -> tuple[bytes, str]:
    now = timezone.localtime()
    if fmt == "pdf":
        return picture_pdf(picture, generated_at=now), PDF
    return picture_docx(picture, generated_at=now), DOCX


def minutes_for(meeting: Meeting, picture: Picture | None) -> Minutes:
    return Minutes(
        municipality_name=meeting.municipality.name,
        held_at=timezone.localtime(meeting.held_at),
        place=meeting.place,
        period_start=meeting.period_start,
        # Up to today for a meeting planned ahead (its picture counts no later day).
        period_end=meeting.period_end_so_far or meeting.period_end,
        participants=[p.strip() for p in meeting.participants.splitlines() if p.strip()],
        organisations=[o.name for o in meeting.organisations.all()],
        agenda=[(a.title, a.body) for a in meeting.agenda.all()],
        notes=meeting.notes,
        decisions=[
            MinutesDecision(
                what=d.what,
                area=d.area.name if d.area else "",
                place=d.place,
                time_window=d.time_window,
                responsible=d.responsible.name,
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
        picture=picture,
    )


def _actions(meeting: Meeting):
    own = list(meeting.action_items.all())
    carried = [a.action_item for a in meeting.agenda.all() if a.action_item_id]
    return own + [a for a in carried if a not in own]


def minutes_document(meeting: Meeting, picture: Picture | None, fmt: str) -> tuple[bytes, str]:
    minutes = minutes_for(meeting, picture)
    now = timezone.localtime()
    if fmt == "pdf":
        return minutes_pdf(minutes, generated_at=now), PDF
    return minutes_docx(minutes, generated_at=now), DOCX
