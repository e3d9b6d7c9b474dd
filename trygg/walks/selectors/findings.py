"""Reads for findings, the protocol and the re-walk: the walk as the viewer may see it, its
observations and findings, mean scores per checklist item, the owner's answer page by its
secret link, and the before/after comparison of a re-walk."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from trygg.core.kernel import require
from trygg.core.viewer import Viewer

from ..models import Finding, Observation, ObservationPhoto, Walk
from .field import scores_by_item

VIEW = "walks.view"


def walk_get(*, viewer: Viewer, pk: int) -> Walk | None:
    """A walk of the viewer's municipality (None for another's: the view answers 404)."""
    require(viewer, VIEW)
    return (
        Walk.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("area", "template", "forum", "leader", "previous_walk", "follow_up_meeting")
        .first()
    )


def walk_observations(*, walk: Walk) -> QuerySet[Observation]:
    """The walk's observations that were not rejected, with their item and photos."""
    return (
        Observation.objects.filter(municipality=walk.municipality, walk=walk)
        .exclude(review=Observation.Review.AVVISAD)
        .select_related("item")
        .prefetch_related("photos")
    )


def walk_findings(*, walk: Walk) -> QuerySet[Finding]:
    """The walk's findings with what a list and the protocol show of each."""
    return (
        Finding.objects.filter(municipality=walk.municipality, walk=walk)
        .select_related("item", "owner_organisation", "measure", "report", "previous_finding")
        .prefetch_related(
            Prefetch(
                "observations",
                queryset=Observation.objects.select_related("item").prefetch_related("photos"),
            )
        )
    )


def finding_by_token(token: str) -> Finding | None:
    """The finding whose answer link this is, while the link still works (None otherwise)."""
    from ..services.findings import answer_open_until

    if not token or len(token) > 40:
        return None
    finding = (
        Finding.objects.filter(owner_token=token)
        .select_related("walk", "walk__leader", "item", "municipality")
        .first()
    )
    if finding is None or timezone.localdate() > answer_open_until(finding):
        return None
    return finding


def public_photos(finding: Finding) -> list[ObservationPhoto]:
    """The finding's photos approved for showing outside the municipality."""
    return [p for o in finding.observations.all() for p in o.photos.all() if p.public_ok]


@dataclass
class ScoreChange:
    label: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class FindingPair:
    before: Finding
    after: Finding | None
    photos_before: list = field(default_factory=list)
    photos_after: list = field(default_factory=list)


def rewalk_comparison(*, walk: Walk) -> tuple[list[ScoreChange], list[FindingPair]]:
    """Scores per checklist item before (the earlier walk) and after (this re-walk), and for
    each earlier finding the finding that revisits it with the photos of both."""
    earlier = walk.previous_walk
    before = {s.item_id: s for s in scores_by_item(earlier)} if earlier else {}
    after = scores_by_item(walk)
    changes = [
        ScoreChange(s.label, before[s.item_id].mean if s.item_id in before else None, s.mean)
        for s in after
    ]
    if earlier is None:
        return changes, []
    revisits: dict[int, Finding] = {}
    for f in walk_findings(walk=walk):
        if f.previous_finding_id:
            revisits.setdefault(f.previous_finding_id, f)
    pairs = []
    for f in walk_findings(walk=earlier):
        again = revisits.get(f.pk)
        pairs.append(
            FindingPair(
                f,
                again,
                [p for o in f.observations.all() for p in o.photos.all()],
                [p for o in again.observations.all() for p in o.photos.all()] if again else [],
            )
        )
    return changes, pairs


def published_walk(*, municipality, pk: int) -> Walk | None:
    """A walk whose public protocol the leader has published (None otherwise)."""
    return (
        Walk.objects.filter(municipality=municipality, pk=pk, published_at__isnull=False)
        .select_related("area", "template")
        .first()
    )


def published_walks(*, municipality) -> QuerySet[Walk]:
    return Walk.objects.filter(
        municipality=municipality, published_at__isnull=False
    ).select_related("area")
