"""Reads for planning: the walk list and page, the checklist templates, what a walk can be
planned from, and the walk a join link opens."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.kernel import REFUSED
from trygg.core.viewer import Viewer
from trygg.dialog.selectors import dialogues as dialog_dialogues
from trygg.dialog.selectors import surveys as dialog_surveys

from ..models import ChecklistItem, ChecklistTemplate, Walk

PER_PAGE = 25


def _require_view(viewer: Viewer) -> None:
    if not viewer.may("walks.view"):
        raise PermissionDenied(REFUSED)


def walk_list(*, viewer: Viewer, status: str = "") -> QuerySet[Walk]:
    """The municipality's walks, latest first, optionally of one status."""
    _require_view(viewer)
    walks = Walk.objects.filter(municipality=viewer.municipality)
    if status in Walk.Status.values:
        walks = walks.filter(status=status)
    return (
        walks.select_related("area", "leader")
        .annotate(
            n_observations=Count("observations", distinct=True),
            n_findings=Count("findings", distinct=True),
        )
        .order_by("-walk_on", "pk")
    )


def walk_page(*, viewer: Viewer, status: str = "", page=1):
    """One page of walk_list."""
    return Paginator(walk_list(viewer=viewer, status=status), PER_PAGE).get_page(page)


def walk_get(*, viewer: Viewer, pk: int) -> Walk | None:
    """The walk with what its page shows; None (a 404) for another municipality's."""
    _require_view(viewer)
    return (
        Walk.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related(
            "area", "leader", "template", "forum", "decision__meeting__forum", "dialogue"
        )
        .select_related("pre_survey", "previous_walk")
        .prefetch_related("invited_organisations", "staff")
        .first()
    )


def walk_for_join_token(token: str) -> Walk | None:
    """The walk a participant's join link opens, or None when the link is unknown, revoked,
    expired or the walk cancelled. A closed walk still opens: a phone's drafts are taken into
    its review rather than lost."""
    if not token or len(token) > 40:
        return None
    # The token is the only thing a participant has: it names the walk across municipalities,
    # and the caller scopes everything after this to walk.municipality.
    with scopes_disabled():
        walk = Walk.objects.filter(join_token=token).select_related("municipality").first()
    if walk is None or walk.join_revoked_at is not None or walk.status == Walk.Status.INSTALLD:
        return None
    if walk.join_expires_at is not None and walk.join_expires_at <= timezone.now():
        return None
    return walk


def join_link_state(walk: Walk) -> str:
    """ "aktiv", "återkallad" or "utgången", for the walk's page."""
    if walk.join_revoked_at is not None:
        return "återkallad"
    if walk.join_expires_at is not None and walk.join_expires_at <= timezone.now():
        return "utgången"
    return "aktiv"


def template_list(*, viewer: Viewer) -> QuerySet[ChecklistTemplate]:
    """The municipality's checklists with their number of points and walks."""
    _require_view(viewer)
    return (
        ChecklistTemplate.objects.filter(municipality=viewer.municipality)
        .annotate(n_items=Count("items", distinct=True))
        .order_by("name")
    )


def template_get(*, viewer: Viewer, pk: int) -> ChecklistTemplate | None:
    _require_view(viewer)
    return (
        ChecklistTemplate.objects.filter(municipality=viewer.municipality, pk=pk)
        .prefetch_related(Prefetch("items", queryset=ChecklistItem.objects.order_by("order", "pk")))
        .first()
    )


def item_get(*, viewer: Viewer, pk: int) -> ChecklistItem | None:
    _require_view(viewer)
    return (
        ChecklistItem.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("template")
        .first()
    )


# The dialog app has no selectors for these yet: the walk only lists the municipality's rows.
def dialogue_get(*, viewer: Viewer, pk: int):
    """The dialogue a walk is planned from, read through the dialog app's selector."""
    return dialog_dialogues.dialogue_get(viewer=viewer, pk=pk)


def survey_choices(*, viewer: Viewer, dialogue=None) -> QuerySet:
    """The surveys a walk may use before it (the dialogue's own when it has one)."""
    if dialogue is not None:
        return dialog_surveys.surveys_of(viewer=viewer, dialogue=dialogue).order_by("-pk")
    return dialog_surveys.survey_choices(viewer=viewer).order_by("-pk")


def next_walk(*, viewer: Viewer) -> Walk | None:
    """The next planned walk, today's included."""
    return (
        Walk.objects.filter(
            municipality=viewer.municipality,
            status=Walk.Status.PLANERAD,
            walk_on__gte=timezone.localdate(),
        )
        .select_related("area")
        .order_by("walk_on", "starts_at", "pk")
        .first()
    )
