"""The leader's review of a walk's observations: approve or reject each one, and say which
photos may be shown in public (a photo may show people or number plates)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from trygg.core.kernel import REFUSED, audit, own
from trygg.core.viewer import Viewer

from ..audit_events import OBSERVATION_REVIEWED
from ..models import Observation, ObservationPhoto
from ..selectors.field import may_review


@transaction.atomic
def observation_review(*, viewer: Viewer, observation: Observation, decision: str) -> Observation:
    """Sets the observation's review (Observation.Review); walks.review or the walk's leader."""
    own(viewer, observation)
    if not may_review(viewer, observation.walk):
        raise PermissionDenied(REFUSED)
    decision = Observation.Review(decision)
    if observation.review != decision:
        observation.review = decision
        observation.save(update_fields=["review"])
        audit(
            viewer,
            OBSERVATION_REVIEWED,
            observation,
            summary="Observation granskad",
            walk=observation.walk_id,
            review=decision.value,
        )
    return observation


@transaction.atomic
def photo_public_set(
    *, viewer: Viewer, photo: ObservationPhoto, public_ok: bool
) -> ObservationPhoto:
    """Marks a photo as fit (or no longer fit) for the public protocol."""
    own(viewer, photo)
    if not may_review(viewer, photo.observation.walk):
        raise PermissionDenied(REFUSED)
    if photo.public_ok != public_ok:
        photo.public_ok = public_ok
        photo.save(update_fields=["public_ok"])
        audit(
            viewer,
            OBSERVATION_REVIEWED,
            photo.observation,
            summary="Foto godkänt för allmänheten" if public_ok else "Foto inte för allmänheten",
            walk=photo.observation.walk_id,
            photo=photo.pk,
            public_ok=public_ok,
        )
    return photo
