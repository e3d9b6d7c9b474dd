"""API key services: hashing, creating and revoking an organisation's keys."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.models import Organisation
from trygg.core.viewer import Viewer

from ..models import ApiKey


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, viewer: Viewer, organisation: Organisation, name: str) -> tuple[ApiKey, str]:
    """Returns the key and its secret; the secret is shown once and stored only hashed."""
    require(viewer, "reports.manage_api_keys")
    # A field error rather than own(): the form shows it next to the organisation.
    if organisation.municipality_id != viewer.municipality.pk:
        raise ValidationError({"organisation": ["Organisationen hör inte till kommunen."]})
    if not name.strip():
        raise ValidationError({"name": ["Ge nyckeln ett namn."]})
    prefix = secrets.token_hex(4)
    secret = f"trygg_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        municipality=viewer.municipality,
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_key(secret),
        created_by=viewer.user,
    )
    audit(
        viewer,
        "reports.api_key_created",
        key,
        summary=f"API-nyckel {key.name} skapad för {organisation.name}",
        organisation_id=organisation.pk,
        prefix=prefix,
    )
    return key, secret


@transaction.atomic
def api_key_revoke(*, viewer: Viewer, key: ApiKey) -> ApiKey:
    """Revokes a key at once; revoking a revoked key changes nothing."""
    require(viewer, "reports.manage_api_keys")
    own(viewer, key)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit(
            viewer,
            "reports.api_key_revoked",
            key,
            summary=f"API-nyckel {key.name} återkallad",
            organisation_id=key.organisation_id,
            prefix=key.prefix,
        )
    return key
