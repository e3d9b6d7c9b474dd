"""What the dialogues say in strategy's documents and pages, registered at start-up
(follow_up_registrations.py), so strategy and public show it without importing dialog:

- the strategic lägesbild draft: each survey and session of the period's dialogues in
  "kallor" (mode, sample, responses, response rate, limits), the themes they raised in
  "orsaker" (counts of at least 5 only);
- the public medborgarlöfte page: the published dialogues behind each focus area."""

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from trygg.core.contributions import DraftPassage
from trygg.core.viewer import Viewer
from trygg.locale_sv import format_number

from .models import Dialogue, Invitation, Response, Session, Survey
from .selectors.coding import SUPPRESS_BELOW
from .selectors.themes import theme_rows


def _period_dialogues(viewer: Viewer, start_year: int, end_year: int):
    first, last = date(start_year, 1, 1), date(end_year, 12, 31)
    return Dialogue.objects.filter(
        Q(strategic_picture__start_year=start_year, strategic_picture__end_year=end_year)
        | Q(starts_on__lte=last, ends_on__gte=first),
        municipality=viewer.municipality,
    ).order_by("starts_on", "pk")


def _survey_line(survey: Survey, responses: int, sample: int) -> str:
    line = f"- Enkät \u201d{survey.title}\u201d ({survey.dialogue.title}): "
    if survey.mode == Survey.Mode.SAMPLED:
        if sample:
            rate = format_number(100 * responses / sample, 1)
            line += (
                f"urval om {format_number(sample)} personer med engångskoder, "
                f"{format_number(responses)} svar (svarsfrekvens {rate} %)."
            )
        else:
            line += (
                f"urval med engångskoder, {format_number(responses)} svar (urvalslistan är "
                "gallrad, så svarsfrekvensen kan inte räknas om här)."
            )
    else:
        line += (
            f"öppen länk, självselekterat urval, {format_number(responses)} svar (ingen "
            "svarsfrekvens: de som svarade valde själva att svara)."
        )
    if survey.response_rate_note.strip():
        line += f" Bortfall och begränsningar: {' '.join(survey.response_rate_note.split())}"
    return line


def _session_line(session: Session) -> str:
    return (
        f"- {session.get_kind_display()} \u201d{session.title}\u201d "
        f"{session.held_on:%Y-%m-%d} ({session.dialogue.title}): "
        f"{format_number(session.participants)} deltagare; rekrytering: "
        f"{' '.join(session.recruitment.split())}"
    )


def draft_passages(*, viewer: Viewer, start_year: int, end_year: int) -> list[DraftPassage]:
    """The period's surveys and sessions as sources, and their top themes as causes."""
    if not viewer.may("dialog.view"):
        return []
    dialogues = list(_period_dialogues(viewer, start_year, end_year))
    if not dialogues:
        return []
    m = viewer.municipality
    surveys = list(
        Survey.objects.filter(municipality=m, dialogue__in=dialogues)
        .exclude(status=Survey.Status.UTKAST)
        .select_related("dialogue")
        .order_by("dialogue__starts_on", "created_at", "pk")
    )
    ids = [s.pk for s in surveys]
    responses = dict(
        Response.objects.filter(municipality=m, survey_id__in=ids)
        .values("survey_id")
        .annotate(n=Count("id"))
        .values_list("survey_id", "n")
    )
    samples = dict(
        Invitation.objects.filter(municipality=m, survey_id__in=ids)
        .values("survey_id")
        .annotate(n=Count("id"))
        .values_list("survey_id", "n")
    )
    lines = [_survey_line(s, responses.get(s.pk, 0), samples.get(s.pk, 0)) for s in surveys]
    sessions = Session.objects.filter(municipality=m, dialogue__in=dialogues).select_related(
        "dialogue"
    )
    lines += [_session_line(s) for s in sessions.order_by("held_on", "pk")]
    passages = [DraftPassage("kallor", "\n".join(lines))] if lines else []
    totals: dict[str, int] = {}
    for dialogue in dialogues:
        for row in theme_rows(m, dialogue):
            totals[row.theme] = totals.get(row.theme, 0) + row.total
    top = sorted(
        ((t, n) for t, n in totals.items() if n >= SUPPRESS_BELOW), key=lambda i: (-i[1], i[0])
    )[:5]
    if top:
        passages.append(
            DraftPassage(
                "orsaker",
                "I medborgardialogerna (intervjuer, fokusgrupper och enkäternas fritextsvar) "
                "togs oftast upp: "
                + ", ".join(f"{t.lower()} ({format_number(n)})" for t, n in top)
                + ".",
            )
        )
    return passages


def promise_links(*, municipality, focus_area_ids) -> dict[int, list[tuple[str, str]]]:
    """The published dialogues behind each focus area, linked to their public page."""
    through = Dialogue.focus_areas.through
    rows = (
        through.objects.filter(
            dialogue__municipality=municipality,
            dialogue__published_at__isnull=False,
            focusarea_id__in=list(focus_area_ids),
        )
        .select_related("dialogue")
        .order_by("dialogue__starts_on", "dialogue_id")
    )
    links: dict[int, list[tuple[str, str]]] = {}
    for row in rows:
        url = reverse("public:dialogue", args=[municipality.slug, row.dialogue_id])
        links.setdefault(row.focusarea_id, []).append((row.dialogue.title, url))
    return links
