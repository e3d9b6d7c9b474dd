"""The API against its own OpenAPI document: schemathesis generates requests for every
operation (valid and invalid, with a valid key, fixed seed) and each answer must be no 5xx, a
status the document declares, and the content type it declares.

Half the cases that name a report by UUID get one that exists, so PATCH and GET reach the
services rather than stopping at 404. The count per operation is checked after the module:
`max-examples` bounds one phase only, and the coverage and example phases add their own."""

import json
import sys
import uuid
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django_scopes import scope
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.helpers import make_member, make_organisation, viewer_for
from trygg.api import api
from trygg.core.models import Organisation, Role
from trygg.reports import services

MIN_CASES = 40
CHECKS = {"not_a_server_error", "status_code_conformance", "content_type_conformance"}

config = SchemathesisConfig.from_dict(
    {
        "seed": 20261201,
        "generation": {"max-examples": 40, "mode": "all"},
        # Only the named checks: the others judge API design (e.g. that a negative case is
        # refused), which this test does not claim.
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"), config=config)
schema.app = get_wsgi_application()

cases = Counter()


@pytest.fixture(scope="module", autouse=True)
def _enough_cases_per_operation():
    yield
    few = {label: n for label, n in cases.items() if n < MIN_CASES}
    assert not few, f"färre än {MIN_CASES} fall: {few}"
    sys.stderr.write(f"\nschemathesis fall per operation: {dict(cases)}\n")


@pytest.fixture
def key_and_report(koping, koping_org):
    guard = make_organisation(koping, "Väktarbolaget", kind=Organisation.Kind.VAKTARBOLAG)
    admin = viewer_for(make_member("api_admin", koping_org, Role.ADMINISTRATOR), koping)
    with scope(municipality=koping):
        secret = services.api_key_create(viewer=admin, organisation=guard, name="Fuzz")[1]
    known = str(uuid.uuid4())
    body = {
        "uuid": known,
        "category": "klotter",
        "occurred_at": "2026-11-20T22:15:00+01:00",
        "lat": 59.514,
        "lon": 15.9926,
    }
    created = Client(HTTP_X_API_KEY=secret).post(
        "/api/reports", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201
    return secret, known


@pytest.fixture
def wsgi_calls(key_and_report):
    """Django closes a connection after each request when it is inside a transaction (as the
    test's is). Its test client turns that off around each of its own requests (so this
    comes after the setup above, which uses it); a real WSGI call needs the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield key_and_report
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
# The key and report are made once per operation and shared by its cases, on purpose; the
# machine is shared, so no per-case deadline.
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
def test_api_conforms_to_its_openapi_document(case, wsgi_calls):
    secret, known = wsgi_calls
    # By operation: the coverage phase also sends methods the path does not have (405).
    label = case.operation.label
    cases[label] += 1
    if case.path_parameters and "uuid" in case.path_parameters and cases[label] % 2:
        case.path_parameters["uuid"] = known
    case.call_and_validate(headers={"X-API-Key": secret})
