"""What the support programmes contribute, registered in ProgrammesConfig.ready: audit events,
outputs for the three kinds, the menu entry, the samordnare's overdue-routines panel and the
daily retention of annual report files."""

from datetime import time

from django.urls import reverse

from trygg.core.contributions import NavEntry, Section, StartPanel, navigation, start_panels
from trygg.core.models import Role
from trygg.core.periodic import DailyJob
from trygg.core.periodic import register as register_job

from . import support_events
from .models import ProgrammeKind
from .outputs import OutputSource, output_sources


def _outputs(programme, start, end):
    from .selectors.support import programme_outputs

    return programme_outputs(programme, start, end)


def routines_panel(viewer) -> dict | None:
    """The routines past their review date; left out when none is."""
    from .selectors.support import overdue_routines

    late = list(overdue_routines(viewer=viewer)[:5])
    if not late:
        return None
    return {
        "entries": [
            {
                "text": routine.title,
                "url": reverse("programmes:support_cooperation", args=[routine.programme_id]),
                "meta": f"{routine.programme.name} · ses över senast {routine.review_by:%Y-%m-%d}",
            }
            for routine in late
        ],
        "more": {"label": "Stöd och samverkan", "url": reverse("programmes:support")},
    }


def _prune():
    from .support_tasks import prune_support_reports

    return prune_support_reports.enqueue()


def register() -> None:
    support_events.register()
    output_sources.register(
        OutputSource(
            "programmes.support",
            frozenset({ProgrammeKind.KVINNOJOUR, ProgrammeKind.UNGA_POLIS, ProgrammeKind.SSPF}),
            _outputs,
            order=40,
        )
    )
    navigation.register(
        NavEntry(
            "programmes.support",
            "Stöd och samverkan",
            "programmes:support",
            "programmes.view_support",
            34,
            Section.WORK,
            "Stödet till kvinnojouren med årsrapporter, samverkan med polisen om unga och SSPF i "
            "antal per kvartal, rutiner och möten.",
            # One "Program" entry in the menu; each kind is on the start page.
            in_menu=False,
        )
    )
    start_panels.register(
        StartPanel(
            "programmes.overdue_routines",
            "Samverkansrutiner att se över",
            "programmes.record_cooperation",
            "core/_panel.html",
            routines_panel,
            order=40,
            roles=frozenset({Role.SAMORDNARE}),
        )
    )
    register_job(DailyJob("programmes.support_reports", time(3, 25), _prune))
