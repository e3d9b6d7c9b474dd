"""Who may do what: one table of role × action for the whole product.

Each app names its actions "<app>.<verb>". The table is written out per action so that a
data-protection officer can read it on one screen, and so that a new action fails the
permission test until someone has decided it for every role.
"""

from collections.abc import Iterable

from .models import Role

A = Role.ADMINISTRATOR
S = Role.SAMORDNARE
N = Role.ANALYTIKER
R = Role.RAPPORTOR
P = Role.POLIS
L = Role.RADSLEDAMOT
V = Role.VALFARD

ACTIONS: dict[str, frozenset[Role]] = {
    # Workspace
    "core.view_workspace": frozenset({A, S, N, R, P, L, V}),
    # Administration of the municipality's organisations and people
    "core.manage_organisations": frozenset({A}),
    "core.manage_memberships": frozenset({A}),
    "core.manage_municipality": frozenset({A}),
    "core.view_audit": frozenset({A}),
    # Geography
    "geo.view_areas": frozenset({A, S, N, R, P, L}),
    "geo.manage_areas": frozenset({A, S}),
    # Inrapportering
    "reports.create": frozenset({A, S, N, R, P}),
    "reports.view": frozenset({A, S, N, R, P}),
    "reports.view_all_organisations": frozenset({A, S, N, P}),
    "reports.view_original": frozenset({S, P}),
    "reports.triage": frozenset({S, N}),
    "reports.assign": frozenset({S}),
    # A reply the citizen reads on the tracking page: those who change the status explain it.
    "reports.reply_public": frozenset({S, N}),
    "reports.comment": frozenset({S, N, R, P}),
    "reports.export": frozenset({S, N}),
    "reports.import": frozenset({S, N}),
    "reports.manage_categories": frozenset({A, S}),
    "reports.manage_api_keys": frozenset({A}),
    # Operativ lägesbild och lägesbildsmöte
    "lagesbild.view": frozenset({S, N, P}),
    "lagesbild.view_police": frozenset({S, N, P}),
    "lagesbild.police_input": frozenset({P}),
    "lagesbild.export": frozenset({S, N, P}),
    # Forum: lägesbildsmöte, BRÅ, EST, KLG, Stora samverkansgruppen, arbetsgrupper. A seat in
    # a forum grants more in that forum (trygg/forums/permissions.py).
    "forums.view": frozenset({A, S, N, P, L}),
    "forums.view_operational": frozenset({S, N, P}),
    "forums.manage_forums": frozenset({A, S}),
    "forums.manage_members": frozenset({A, S}),
    "forums.manage_meetings": frozenset({S}),
    "forums.export": frozenset({A, S, N, P, L}),
    "forums.subscribe": frozenset({A, S, N, P, L}),
    # Strategiskt arbete: fokusområden och medborgarlöften
    "strategy.view": frozenset({A, S, N, P, L}),
    "strategy.manage_promises": frozenset({S}),
    "strategy.import_statistics": frozenset({S, N}),
    "strategy.manage_picture": frozenset({S, N}),
    "strategy.manage_plans": frozenset({S}),
    # Medborgardialog: dialogues, surveys and their results, interviews and focus groups.
    # Results shown to staff are suppressed as in public; only the owners handle the sample.
    "dialog.view": frozenset({A, S, N, P, L}),
    "dialog.manage": frozenset({S}),
    "dialog.manage_sample": frozenset({S}),
    "dialog.view_results": frozenset({S, N, P, L}),
    "dialog.code_answers": frozenset({S, N}),
    "dialog.record_sessions": frozenset({S, N}),
    "dialog.export": frozenset({S, N}),
    "dialog.import_population": frozenset({S, N}),
    # Trygghetsvandringar. Participants without an account use the walk's join link instead.
    "walks.view": frozenset({A, S, N, R, P, L}),
    "walks.manage": frozenset({S}),
    "walks.record": frozenset({S, N, R, P}),
    "walks.review": frozenset({S}),
    "walks.manage_templates": frozenset({A, S}),
    # Programmes behind goals G4–G7 (issue 19): the register, logic models and outcomes. The
    # rapportör may read them: field staff run many of the activities. Only the samordnare
    # registers programmes and their agreements.
    "programmes.view": frozenset({A, S, N, R, P, L}),
    "programmes.manage": frozenset({S}),
    # Youth activities (G4) and parent support (G7): the catalogue, sessions and events are
    # the coordinator's; the field staff who run a session count who came (no names).
    "programmes.view_activities": frozenset({A, S, N, R, P, L}),
    "programmes.manage_activities": frozenset({S}),
    "programmes.record_sessions": frozenset({S, R}),
    # Nattvandring (G5): a group page holds the association's contact and who signed up for
    # an evening, so the field reporter, who needs neither, does not read it. Night-walk
    # leaders use their group's secret link, not an account.
    "programmes.view_nightwalks": frozenset({A, S, N, P, L}),
    "programmes.manage_nightwalks": frozenset({S}),
    # Kvinnojour support, youth–police cooperation and SSPF: no client or case data, only
    # agreements and counts. Analysts and council members read counts suppressed under 5.
    "programmes.view_support": frozenset({S, N, P, L}),
    "programmes.manage_support": frozenset({S}),
    "programmes.record_cooperation": frozenset({S, P}),
    # Grannsamverkan: the register of areas and ombud (personal data) is the municipality's;
    # the police send area messages too, but do not read the ombud's contacts.
    "programmes.manage_neighbourhood": frozenset({S}),
    "programmes.send_area_message": frozenset({S, P}),
    # Välfärdsbrott (G8). A municipality has no legal basis for a register of suspected
    # individuals, so the register holds processes, risks, controls and pseudonymous cases,
    # and only the välfärdsbrottshandläggare reads or writes any of it; every other role is
    # refused with 404 so the pages' existence is not disclosed. The samordnare sees the
    # aggregates (counts under 5 suppressed) on the start page, the lägesbild and follow-up.
    "welfare.view_aggregates": frozenset({S, V}),
    "welfare.view": frozenset({V}),
    "welfare.manage": frozenset({V}),
    "welfare.view_cases": frozenset({V}),
    "welfare.manage_cases": frozenset({V}),
    # Publishing to the county (Länsstyrelsen): aggregates only, a dated snapshot the
    # samordnare makes and can withdraw; the county's own users are not in this table.
    "county.view_publications": frozenset({A, S, N}),
    "county.publish": frozenset({S}),
}

# Roles that must use two-factor login when REQUIRE_2FA is on (production).
ROLES_REQUIRING_2FA = frozenset({A, S})


def roles_may(roles: Iterable[str], action: str) -> bool:
    """True when any of the roles grants the action. An unknown action is an error."""
    allowed = ACTIONS[action]
    return any(role in allowed for role in roles)
