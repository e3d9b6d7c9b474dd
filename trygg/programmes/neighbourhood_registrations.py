"""What grannsamverkan contributes: its menu entry, its outputs to the programme page and
the annual follow-up, its audit events and its daily gallring (ProgrammesConfig.ready)."""

from datetime import time

from trygg.core.contributions import NavEntry, Section, navigation
from trygg.core.periodic import DailyJob
from trygg.core.periodic import register as register_job

from . import audit_neighbourhood
from .models import ProgrammeKind
from .outputs import OutputSource, output_sources


def _outputs(programme, start, end):
    from .selectors.neighbourhood import neighbourhood_outputs

    return neighbourhood_outputs(programme, start, end)


def register() -> None:
    from .neighbourhood_tasks import sweep_neighbourhood

    audit_neighbourhood.register()
    navigation.register(
        NavEntry(
            "programmes.neighbourhood",
            "Grannsamverkan",
            "programmes:neighbourhood_list",
            "programmes.send_area_message",
            28,
            Section.WORK,
            "Grannsamverkansområden med kontaktombud, meddelanden till ombuden och "
            "inbrott och skadegörelse före och efter start.",
            # One "Program" entry in the menu; each kind is on the start page.
            in_menu=False,
        )
    )
    output_sources.register(
        OutputSource(
            "programmes.grannsamverkan",
            frozenset({ProgrammeKind.GRANNSAMVERKAN}),
            _outputs,
            order=70,
        )
    )
    register_job(
        DailyJob("programmes.neighbourhood_sweep", time(3, 40), sweep_neighbourhood.enqueue)
    )
