"""What youth activities and parent support contribute: audit events, their outputs to the
programme page and the annual follow-up, and the menu entries. Called from
ProgrammesConfig.ready."""

from trygg.core.contributions import NavEntry, Section, navigation

from . import audit_events_youth
from .models import ProgrammeKind
from .outputs import OutputSource, output_sources


def register() -> None:
    from .selectors.parents import parent_outputs
    from .selectors.youth import youth_outputs

    audit_events_youth.register()
    output_sources.register(
        OutputSource(
            "programmes.ungdomsaktiviteter",
            frozenset({ProgrammeKind.UNGDOMSAKTIVITETER}),
            youth_outputs,
            order=10,
        )
    )
    output_sources.register(
        OutputSource(
            "programmes.foraldrastod",
            frozenset({ProgrammeKind.FORALDRASTOD}),
            parent_outputs,
            order=60,
        )
    )
    navigation.register(
        NavEntry(
            "programmes.youth",
            "Aktiviteter för unga",
            "programmes:youth_list",
            "programmes.view_activities",
            40,
            Section.WORK,
            "Utbudet av aktiviteter för barn och unga, deltagare per tillfälle och utbudet "
            "per område mot behovet.",
            # One "Program" entry in the menu; each kind is on the start page.
            in_menu=False,
        )
    )
    navigation.register(
        NavEntry(
            "programmes.parents",
            "Föräldrastöd",
            "programmes:parents_list",
            "programmes.view_activities",
            41,
            Section.WORK,
            "Föräldraprogram, föreläsningar och träffar med deltagare och utvärdering.",
            in_menu=False,
        )
    )
