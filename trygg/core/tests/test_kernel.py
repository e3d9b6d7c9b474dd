"""The service kernel: permission, tenant and audit checks every app's services share."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trygg.core.audit import EventType, event_label, register_events, unregister_event
from trygg.core.kernel import audit, own, require
from trygg.core.models import AuditEvent, Municipality, Role
from trygg.core.viewer import Viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    a = Municipality.objects.create(name="A", kommunkod="9991", county_code="99", slug="a")
    b = Municipality.objects.create(name="B", kommunkod="9992", county_code="99", slug="b")
    return a, b


@pytest.fixture
def test_event():
    register_events(EventType("core.kernel_tested", "Kärnan provad"))
    yield "core.kernel_tested"
    unregister_event("core.kernel_tested")


@pytest.mark.parametrize(
    "role, allowed",
    [(Role.ADMINISTRATOR, True), (Role.SAMORDNARE, False), (Role.RAPPORTOR, False)],
)
def test_require_follows_the_permission_table(municipalities, role, allowed):
    viewer = Viewer(municipality=municipalities[0], roles=frozenset({role}))
    if allowed:
        require(viewer, "core.manage_memberships")
    else:
        with pytest.raises(PermissionDenied):
            require(viewer, "core.manage_memberships")


def test_own_refuses_an_object_of_another_municipality_and_skips_none(municipalities):
    a, b = municipalities
    viewer = Viewer(municipality=a, roles=frozenset())
    own(viewer, a, None, field="pk")
    with pytest.raises(ValidationError, match="hör inte till kommunen"):
        own(viewer, a, b, field="pk")


def test_audit_stores_the_event_name_object_and_data(municipalities, test_event):
    a, _ = municipalities
    viewer = Viewer(municipality=a, roles=frozenset(), api_key_id=7)
    row = audit(viewer, test_event, a, summary="Provat", step=2)
    row.refresh_from_db()
    assert (row.event, row.object_type) == (test_event, "core.municipality")
    assert row.object_id == str(a.pk)
    assert row.data == {"step": 2, "api_key": 7}
    assert row.municipality_id == a.pk and row.actor_id is None
    assert event_label(test_event) == "Kärnan provad"


def test_an_unregistered_event_name_is_refused_and_nothing_is_written(municipalities):
    viewer = Viewer(municipality=municipalities[0], roles=frozenset())
    with pytest.raises(LookupError, match="Okänd granskningshändelse"):
        audit(viewer, "core.no_such_event", summary="x")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", ["nodot", ".what", "app."])
def test_an_event_name_must_be_dotted(name):
    with pytest.raises(ValueError):
        register_events(EventType(name, "x"))


def test_a_taken_name_cannot_get_another_label(test_event):
    register_events(EventType(test_event, "Kärnan provad"))
    with pytest.raises(ValueError):
        register_events(EventType(test_event, "Något annat"))
