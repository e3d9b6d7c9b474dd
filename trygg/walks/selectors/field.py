"""Reads for field mode and the leader's review: the walk behind a join link, who may see a
walk's unreviewed observations, the review list with its filters, and the scores per
checklist item (the protocol and the re-walk comparison read them)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.viewer import Viewer

from ..models import ChecklistItem, Observation, ObservationPhoto, Walk

# Why a join link does not open the field page (shown as a page of its own).
LINK_OK = "ok"
LINK_EXPIRED = "utgangen"
LINK_REVOKED = "aterkallad"
LINK_CANCELLED = "installd"


def walk_for_join_token(token: str) -> Walk | None:
    """The walk whose join link this is, or None. The token is the key: a phone holding it
    has no account and no municipality yet, so the lookup spans every tenant (the token is
    unique and secret; nothing else is read before it matched)."""
    with scopes_disabled():
        return (
            Walk.objects.select_related("municipality", "template", "area")
            .filter(join_token=token)
            .first()
        )


def join_link_state(walk: Walk, *, now=None) -> str:
    now = now or timezone.now()
    if walk.join_revoked_at is not None:
        return LINK_REVOKED
    if walk.status == Walk.Status.INSTALLD:
        return LINK_CANCELLED
    if walk.join_expires_at is not None and now >= walk.join_expires_at:
        return LINK_EXPIRED
    return LINK_OK


def walk_is_closed(walk: Walk) -> bool:
    """After the walk (closed, or done and under review): what still arrives is late."""
    return walk.closed_at is not None or walk.status in (
        Walk.Status.GENOMFORD,
        Walk.Status.AVSLUTAD,
    )


def walk_get(*, viewer: Viewer, pk: int) -> Walk:
    """A walk of the viewer's municipality, else 404 (another tenant's walk never 403s)."""
    walk = (
        Walk.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("template", "area")
        .first()
    )
    if walk is None:
        raise Http404
    return walk


def on_walk(viewer: Viewer, walk: Walk) -> bool:
    """The leader or a staff member named on the walk."""
    if viewer.user_id is None:
        return False
    if walk.leader_id == viewer.user_id:
        return True
    return walk.staff.filter(pk=viewer.user_id).exists()


def may_see_unreviewed(viewer: Viewer, walk: Walk) -> bool:
    """Observations are private to the walk until reviewed: the leader, staff on the walk and
    the walks.review roles see them; everyone else sees only approved ones."""
    return viewer.municipality.pk == walk.municipality_id and (
        viewer.may("walks.review") or on_walk(viewer, walk)
    )


def may_review(viewer: Viewer, walk: Walk) -> bool:
    """Approve, reject and clear photos: walks.review, or the walk's own leader."""
    return viewer.municipality.pk == walk.municipality_id and (
        viewer.may("walks.review")
        or (viewer.user_id is not None and viewer.user_id == walk.leader_id)
    )


def template_items(walk: Walk) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(template_id=walk.template_id).order_by("order", "pk"))


def score_choices(walk: Walk) -> list[tuple[int, str]]:
    """The template's scale, lowest first, each with its word where the template has one."""
    template = walk.template
    labels = list(template.scale_labels or [])
    out = []
    for i, score in enumerate(range(template.scale_min, template.scale_max + 1)):
        word = labels[i] if i < len(labels) and labels[i] else ""
        out.append((score, f"{score} – {word}" if word else str(score)))
    return out


@dataclass(frozen=True)
class ReviewFilters:
    not_reviewed: bool = False
    outside_area: bool = False
    late: bool = False
    item_id: int | None = None

    @classmethod
    def from_query(cls, query) -> "ReviewFilters":
        item = query.get("punkt", "")
        return cls(
            not_reviewed=query.get("ej_granskade") == "1",
            outside_area=query.get("utanfor") == "1",
            late=query.get("sena") == "1",
            item_id=int(item) if item.isdigit() else None,
        )


def observations_for_review(
    *, viewer: Viewer, walk: Walk, filters: ReviewFilters | None = None
) -> QuerySet[Observation]:
    """The walk's observations for the review page, photos prefetched; unreviewed ones only
    for those who may see them (may_see_unreviewed), else the approved ones."""
    qs = Observation.objects.filter(municipality=viewer.municipality, walk=walk)
    if not may_see_unreviewed(viewer, walk):
        qs = qs.filter(review=Observation.Review.GODKAND)
    filters = filters or ReviewFilters()
    if filters.not_reviewed:
        qs = qs.filter(review=Observation.Review.NY)
    if filters.outside_area:
        qs = qs.filter(outside_area=True)
    if filters.late:
        qs = qs.filter(late=True)
    if filters.item_id is not None:
        qs = qs.filter(item_id=filters.item_id)
    return qs.select_related("item").prefetch_related("photos").order_by("recorded_at", "pk")


def review_counts(*, walk: Walk) -> dict[str, int]:
    """How many observations wait for review, and how many are flagged, for the page's summary."""
    return Observation.objects.filter(municipality_id=walk.municipality_id, walk=walk).aggregate(
        total=Count("pk"),
        not_reviewed=Count("pk", filter=Q(review=Observation.Review.NY)),
        outside_area=Count("pk", filter=Q(outside_area=True)),
        late=Count("pk", filter=Q(late=True)),
    )


def own_observations(*, walk: Walk, ids) -> list[Observation]:
    """What this phone sent (ids kept in its session): a participant sees only their own."""
    return list(
        Observation.objects.filter(municipality_id=walk.municipality_id, walk=walk, pk__in=ids)
        .select_related("item")
        .annotate(n_photos=Count("photos"))
        .order_by("-recorded_at", "-pk")
    )


def photo_get(*, viewer: Viewer, pk: int) -> ObservationPhoto:
    photo = (
        ObservationPhoto.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("observation__walk")
        .first()
    )
    if photo is None:
        raise Http404
    walk = photo.observation.walk
    if photo.observation.review != Observation.Review.GODKAND and not may_see_unreviewed(
        viewer, walk
    ):
        raise Http404
    return photo


@dataclass(frozen=True)
class ItemScore:
    item_id: int
    code: str
    label: str
    mean: float | None
    n: int


def scores_by_item(walk: Walk, *, approved_only: bool = False) -> list[ItemScore]:
    """Mean score and number of scored observations per checklist item of the walk's template,
    in the template's order (an item nobody scored has n = 0 and mean None). Rejected
    observations never count; `approved_only` for what is published. Two queries."""
    scored = Observation.objects.filter(
        municipality_id=walk.municipality_id, walk=walk, score__isnull=False, item__isnull=False
    ).exclude(review=Observation.Review.AVVISAD)
    if approved_only:
        scored = scored.filter(review=Observation.Review.GODKAND)
    by_item = {
        row["item_id"]: (row["mean"], row["n"])
        for row in scored.order_by().values("item_id").annotate(mean=Avg("score"), n=Count("pk"))
    }
    out = []
    for item in template_items(walk):
        mean, n = by_item.get(item.pk, (None, 0))
        out.append(ItemScore(item.pk, item.code, item.label, round(mean, 2) if n else None, n))
    return out
