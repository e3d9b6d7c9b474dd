"""What nattvandring contributes, registered in ProgrammesConfig.ready: its audit events,
its outputs for the programme page and the annual follow-up, the phone's log page for the
service worker, the menu entry and the daily retention of sign-up nicknames."""

from datetime import time

from trygg.core.contributions import NavEntry, Section, navigation
from trygg.core.periodic import DailyJob
from trygg.core.periodic import register as register_job
from trygg.core.pwa import register_offline_pages

from . import nightwalk_events
from .models import ProgrammeKind
from .outputs import OutputSource, output_sources

# The group-link pages belong to no account: their own cache, kept across sign-outs (the
# link is the key; a revoked link's page answers 410 and is dropped from the cache).
LINK_PAGES = "trygg-nightwalk-links"


def _outputs(programme, start, end):
    from .selectors.nightwalk import programme_outputs

    return programme_outputs(programme, start, end)


def _prune():
    from .nightwalk_tasks import prune_nightwalk_signups

    return prune_nightwalk_signups.enqueue()


def register() -> None:
    nightwalk_events.register()
    output_sources.register(
        OutputSource(
            "programmes.nattvandring",
            frozenset({ProgrammeKind.NATTVANDRING}),
            _outputs,
            order=20,
        )
    )
    register_offline_pages(
        r"^/program/nattvandring/l/[A-Za-z0-9_-]{16,40}/logg/$",
        cache=LINK_PAGES,
        static=("trygg/nightwalk-log.js",),
    )
    navigation.register(
        NavEntry(
            "programmes.nightwalk",
            "Nattvandring",
            "programmes:nightwalk_groups",
            "programmes.view_nightwalks",
            32,
            Section.WORK,
            "Föreningarnas nattvandringsgrupper: kvällar, loggar från telefonen, ersättning och "
            "rutter mot lägesbildens hot spots.",
            # One "Program" entry in the menu; each kind is on the start page.
            in_menu=False,
        )
    )
    register_job(DailyJob("programmes.nightwalk_signups", time(3, 20), _prune))
