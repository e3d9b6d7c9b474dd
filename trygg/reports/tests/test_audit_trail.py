"""The reports app's administration, exports and retention in the audit log: one typed
event per write, with ids and codes (never report text) beside the Swedish summary."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_report, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.reports import exports, services
from trygg.reports.models import Report


def _trail(municipality):
    with scopes_disabled():
        return [
            (e.event, e.object_type, e.data, e.summary)
            for e in AuditEvent.objects.filter(municipality=municipality)
            .exclude(event="core.login")
            .order_by("at")
        ]


def test_categories_and_api_keys_record_their_events_with_codes_and_ids(users, koping, koping_org):
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    with scope(municipality=koping):
        made = services.category_create(
            viewer=admin,
            code="lampor",
            name="Trasiga lampor",
            parent=None,
            sensitivity="oppen",
            retention_days=365,
            citizen=True,
        )
        services.category_update(
            viewer=admin,
            category=made,
            name="Trasig belysning",
            sensitivity="intern",
            retention_days=730,
            citizen=False,
            active=True,
        )
        key, _secret = services.api_key_create(
            viewer=admin, organisation=koping_org, name="Väktare"
        )
        services.api_key_revoke(viewer=admin, key=key)
        services.api_key_revoke(viewer=admin, key=key)  # revoked already: nothing more
    assert _trail(koping) == [
        (
            "reports.category_created",
            "reports.category",
            {"code": "lampor", "parent": None, "sensitivity": "oppen", "retention_days": 365},
            "Kategorin Trasiga lampor skapad",
        ),
        (
            "reports.category_updated",
            "reports.category",
            {
                "code": "lampor",
                "sensitivity": "intern",
                "retention_days": 730,
                "citizen": False,
                "active": True,
                "youth_related": False,
            },
            "Kategorin Trasig belysning ändrad",
        ),
        (
            "reports.api_key_created",
            "reports.apikey",
            {"organisation_id": koping_org.pk, "prefix": key.prefix},
            f"API-nyckel Väktare skapad för {koping_org.name}",
        ),
        (
            "reports.api_key_revoked",
            "reports.apikey",
            {"organisation_id": koping_org.pk, "prefix": key.prefix},
            "API-nyckel Väktare återkallad",
        ),
    ]


def test_another_municipalitys_category_cannot_be_changed(users, koping, arboga):
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    theirs = category(arboga)
    with scope(municipality=koping), pytest.raises(ValidationError) as refused:
        services.category_update(
            viewer=admin,
            category=theirs,
            name="Kapad",
            sensitivity="oppen",
            retention_days=30,
            citizen=True,
            active=True,
        )
    assert refused.value.messages == ["Uppgiften hör inte till kommunen."]
    assert _trail(koping) == []


def test_an_export_and_a_purge_are_audited_with_counts_only(users, koping):
    make_report(koping, description="Klotter på skolan")
    make_report(koping, when=timezone.now() - timedelta(days=4000), description="Gammalt")
    analyst = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping):
        exports.to_csv(viewer=analyst, reports=Report.objects.filter(municipality=koping))
        services.reports_purge_expired(municipality=koping)
    assert [(event, data) for event, _type, data, _summary in _trail(koping)] == [
        ("reports.exported", {"fmt": "csv", "rows": 2}),
        ("reports.purged", {"deleted": 1}),
    ]
