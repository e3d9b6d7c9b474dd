"""The forums' panels on the start page (issue 15): the samordnare's open action items and
next lägesbildsmöte with its period's figures, the rådsledamot's next BRÅ meeting. A few
queries each, whatever the number of meetings."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from trygg.locale_sv import day_bounds, format_number, local
from trygg.reports.selectors import report_totals, visible_reports

from .models import Forum, Meeting
from .selectors import next_meeting_of_kind, open_action_items, operational_forum

LATEST = 5


def _when(dt) -> str:
    return local(dt).strftime("%Y-%m-%d kl. %H.%M")


def action_items(viewer) -> dict:
    """Open action items of every forum, the overdue ones counted and listed first."""
    today = timezone.localdate()
    items = list(open_action_items(municipality=viewer.municipality))
    if not items:
        return {"empty": "Inga öppna åtgärdspunkter."}
    overdue = [i for i in items if i.due < today]
    forum = operational_forum(municipality=viewer.municipality)
    url = reverse("forums:detail", args=[forum.pk]) if forum else reverse("forums:list")
    figures = [{"value": format_number(len(items)), "label": "öppna åtgärdspunkter", "url": url}]
    if overdue:
        figures.append(
            {"value": format_number(len(overdue)), "label": "har passerat sitt datum", "url": url}
        )
    return {
        "figures": figures,
        "entries": [
            {
                "text": item.title,
                "url": reverse("forums:meeting_detail", args=[item.meeting_id]),
                "meta": f"{item.owner_organisation.name} · klart senast {item.due.isoformat()}"
                + (" · försenad" if item.due < today else ""),
            }
            for item in (overdue + [i for i in items if i.due >= today])[:LATEST]
        ],
    }


def _period_reports(viewer, meeting: Meeting) -> int | None:
    """The meeting period's reports as this viewer may count them: every report the viewer
    may read, or the official total with counts under 5 suppressed for one who may not."""
    start, end = meeting.period_start, meeting.period_end
    lo, hi = day_bounds(start, end)
    if viewer.may("reports.view"):
        return visible_reports(viewer).filter(occurred_at__gte=lo, occurred_at__lt=hi).count()
    return report_totals(viewer=viewer, start=lo, end=hi).reports


def _meeting_panel(viewer, kind: str, empty: str) -> dict:
    meeting = next_meeting_of_kind(viewer=viewer, kind=kind)
    if meeting is None:
        return {"empty": empty}
    url = reverse("forums:meeting_detail", args=[meeting.pk])
    n = _period_reports(viewer, meeting)
    period = f"{meeting.period_start.isoformat()}–{meeting.period_end.isoformat()}"
    if viewer.may("reports.view"):
        query = urlencode(
            {"fran": meeting.period_start.isoformat(), "till": meeting.period_end.isoformat()}
        )
        figure_url = f"{reverse('reports:list')}?{query}"
    else:
        figure_url = url
    figure = {
        "value": "färre än 5" if n is None else format_number(n),
        "label": f"rapporter under perioden {period}",
        "url": figure_url,
    }
    if n is None:
        figure["note"] = "Små antal visas inte, så att ingen enskild kan pekas ut."
    place = f" · {meeting.place}" if meeting.place else ""
    return {
        "entries": [
            {
                "text": f"{meeting.forum.name} {_when(meeting.held_at)}",
                "url": url,
                "meta": f"{meeting.get_status_display()}{place}",
            }
        ],
        "figures": [figure],
        "more": {
            "label": "Alla möten i forumet",
            "url": reverse("forums:detail", args=[meeting.forum_id]),
        },
    }


def next_operational_meeting(viewer) -> dict:
    return _meeting_panel(viewer, Forum.Kind.LAGESBILD, "Inget lägesbildsmöte är planerat.")


def next_council_meeting(viewer) -> dict:
    return _meeting_panel(viewer, Forum.Kind.BRA, "Inget möte i BRÅ är planerat.")
