"""API key services: hashing, creating and revoking an organisation's keys."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent, Organisation
from trygg.core.viewer import Viewer

from ..models import ApiKey
from ._common import _require


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, viewer: Viewer, organisation: Organisation, name: str) -> tuple[ApiKey, str]:
    """Returns the key and its secret; the secret is shown once and stored only hashed."""
    _require(viewer, "reports.manage_api_keys")
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
    audit_log(
        action=AuditEvent.Action.CREATED,
        actor=viewer.user,
        municipality=viewer.municipality,
        obj=key,
        summary=f"API-nyckel {key.name} skapad för {organisation.name}",
    )
    return key, secret


@transaction.atomic
def api_key_revoke(*, viewer: Viewer, key: ApiKey) -> ApiKey:
    _require(viewer, "reports.manage_api_keys")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_log(
            action=AuditEvent.Action.UPDATED,
            actor=viewer.user,
            municipality=viewer.municipality,
            obj=key,
            summary=f"API-nyckel {key.name} återkallad",
        )
    return key
