"""What a meeting's minutes say, for every forum: attendance, agenda, notes, the § decisions,
action items and whatever contributing apps add (the lägesbild's picture for the
lägesbildsmöte). Pure Python: plain data in (filled by forums/documents.py), blocks of
trygg.documents' neutral model out, so the minutes render without a database."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from trygg.documents.formatting import format_date, format_datetime, format_period
from trygg.documents.model import Block, Document, column, facts, heading, items, para, table
from trygg.documents.pdf import render_pdf
from trygg.documents.word import render_docx
from trygg.locale_sv import local


@dataclass
class MinutesDecision:
    paragraph: str  # "§ 12/2026"
    what: str
    area: str
    place: str
    time_window: str
    responsible: str
    until: date | None
    status: str


@dataclass
class MinutesAction:
    title: str
    owner: str
    due: date
    status: str
    from_meeting: date | None = None


@dataclass
class Minutes:
    municipality_name: str
    forum_name: str
    held_at: datetime
    place: str
    participants: list[str]
    organisations: list[str]
    agenda: list[tuple[str, str]]  # (title, body)
    notes: str
    # The lägesbildsmöte's decisions are insatser with where, when, who and until when.
    insatser: bool = False
    period_start: date | None = None
    period_end: date | None = None
    status: str = ""
    members: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    decisions: list[MinutesDecision] = field(default_factory=list)
    actions: list[MinutesAction] = field(default_factory=list)
    contributed: list[Block] = field(default_factory=list)
    # "Köpings kommun": the document's author in its metadata.
    municipality_official_name: str = ""


def minutes_document(minutes: Minutes, *, generated_at: datetime) -> Document:
    """A meeting's minutes, with what contributing apps add at the end."""
    held = local(minutes.held_at)
    title = f"Minnesanteckningar {minutes.forum_name} {format_date(held.date())}"
    period = (
        format_period(minutes.period_start, minutes.period_end)
        if minutes.insatser and minutes.period_start and minutes.period_end
        else ""
    )
    rows = [
        ("Kommun", minutes.municipality_name),
        ("Forum", minutes.forum_name),
        ("Tid", format_datetime(minutes.held_at)),
        ("Plats", minutes.place),
        ("Status", minutes.status),
        ("Period", period),
    ]
    blocks = [heading(title, 1), facts([(k, v) for k, v in rows if v])]
    blocks += _attendance(minutes)

    blocks.append(heading("Dagordning"))
    if minutes.agenda:
        blocks.append(items([(t, b) for t, b in minutes.agenda], numbered=True))
    else:
        blocks.append(para("Ingen dagordning antecknad."))

    blocks.append(heading("Anteckningar"))
    notes = _paragraphs(minutes.notes)
    blocks += [para(p) for p in notes] if notes else [para("Inga anteckningar.")]

    blocks += _decisions(minutes)
    blocks += _actions(minutes)
    blocks += minutes.contributed
    return Document(
        title=title,
        subtitle=minutes.municipality_name,
        footer=f"Trygg · {title} · skapad {format_datetime(generated_at)}",
        blocks=blocks,
        author=minutes.municipality_official_name,
        keywords=("minnesanteckningar", minutes.forum_name),
    )


def _attendance(minutes: Minutes) -> list[Block]:
    blocks = [heading("Närvarande")]
    if minutes.participants:
        blocks.append(items([("", name) for name in minutes.participants]))
    else:
        blocks.append(para("Inga deltagare antecknade."))
    if minutes.organisations:
        blocks.append(para(", ".join(minutes.organisations), label="Organisationer:"))
    if minutes.members:
        blocks.append(
            para(
                ", ".join(f"{name} ({role})" for name, role in minutes.members), label="Ledamöter:"
            )
        )
    return blocks


def _decisions(minutes: Minutes) -> list[Block]:
    if minutes.insatser:
        blocks = [heading("Beslut om insatser")]
        if not minutes.decisions:
            return blocks + [para("Inga beslut om insatser.")]
        columns = [
            column("§", width=0.8),
            column("Insats", width=2.2),
            column("Område", width=1.2),
            column("Plats", width=1.2),
            column("Tid", width=1.1),
            column("Ansvarig", width=1.3),
            column("Gäller till", width=1.1),
            column("Status", width=1),
        ]
        rows = [
            [
                d.paragraph,
                d.what,
                d.area or "–",
                d.place or "–",
                d.time_window or "–",
                d.responsible or "–",
                format_date(d.until) if d.until else "–",
                d.status,
            ]
            for d in minutes.decisions
        ]
        return blocks + [table(columns, rows)]
    blocks = [heading("Beslut")]
    if not minutes.decisions:
        return blocks + [para("Inga beslut.")]
    columns = [
        column("§", width=0.8),
        column("Beslut", width=3.4),
        column("Ansvarig", width=1.4),
        column("Gäller till", width=1.1),
        column("Status", width=1),
    ]
    rows = [
        [
            d.paragraph,
            d.what,
            d.responsible or "–",
            format_date(d.until) if d.until else "–",
            d.status,
        ]
        for d in minutes.decisions
    ]
    return blocks + [table(columns, rows)]


def _actions(minutes: Minutes) -> list[Block]:
    blocks = [heading("Åtgärder")]
    if not minutes.actions:
        return blocks + [para("Inga åtgärder.")]
    columns = [
        column("Åtgärd", width=2.6),
        column("Ansvarig", width=1.6),
        column("Klart senast", width=1.1),
        column("Status", width=1),
        column("Från möte", width=1.1),
    ]
    rows = [
        [
            a.title,
            a.owner,
            format_date(a.due),
            a.status,
            format_date(a.from_meeting) if a.from_meeting else "–",
        ]
        for a in minutes.actions
    ]
    return blocks + [table(columns, rows)]


def _paragraphs(text: str) -> list[str]:
    """Free text split on blank lines; single line breaks stay inside a paragraph."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def minutes_pdf(minutes: Minutes, *, generated_at: datetime) -> bytes:
    return render_pdf(
        minutes_document(minutes, generated_at=generated_at), generated_at=generated_at
    )


def minutes_docx(minutes: Minutes, *, generated_at: datetime) -> bytes:
    return render_docx(
        minutes_document(minutes, generated_at=generated_at), generated_at=generated_at
    )
