"""Personas in two neighbouring municipalities, Köping (1983) and Arboga (1984), so every
isolation test has a neighbour whose data could leak."""

import pytest
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from tests.helpers import (
    ROLE_USERS,
    make_arboga,
    make_area,
    make_koping,
    make_member,
    make_organisation,
    make_role_users,
)
from trygg.core.models import Membership, Organisation, Role


@pytest.fixture(autouse=True)
def _fresh_area_index():
    """Each test's rows are rolled back without signals: start every test with no cache."""
    from trygg.geo import selectors, views
    from trygg.geo.gazetteer import index as gazetteer

    selectors._cache.clear()
    gazetteer._cache.clear()
    views._served.clear()  # the basemap files served, by content hash (rows roll back)
    yield
    selectors._cache.clear()
    gazetteer._cache.clear()
    views._served.clear()


@pytest.fixture
def koping(db):
    return make_koping()


@pytest.fixture
def arboga(db):
    return make_arboga()


@pytest.fixture
def koping_org(koping):
    return make_organisation(koping, "Säkerhetsavdelningen")


@pytest.fixture
def arboga_org(arboga):
    return make_organisation(arboga, "Arboga säkerhet")


@pytest.fixture
def users(koping, koping_org):
    """One user per role in Köping, keyed by role."""
    return make_role_users(koping_org)


@pytest.fixture
def arboga_admin(arboga, arboga_org):
    return make_member("arboga_admin", arboga_org, Role.ADMINISTRATOR)


@pytest.fixture
def arboga_data(arboga, arboga_org, arboga_admin):
    """Something of every kind in Arboga that a Köping user must never see."""
    with scopes_disabled():
        make_area(arboga, "Arboga centrum", kind="stadsdel", lon=15.84, lat=59.39)
    return arboga


@pytest.fixture
def outsider(db):
    return get_user_model().objects.create_user("utan_roll", password="x")


__all__ = ["ROLE_USERS", "Membership", "Organisation"]


@pytest.fixture
def migration_modules(settings):
    """The project's migrations visible to a MigrationLoader (the suite runs without them)."""
    settings.MIGRATION_MODULES = {}


@pytest.fixture
def real_migrations(transactional_db, migration_modules):
    """The project's migrations, for a test that moves the database through them.

    The suite builds its test database from the models (`--no-migrations` in pyproject: a
    full `migrate` of every app takes most of a minute, once per lane); `makemigrations
    --check` in `make test` proves the models and the migrations agree, and the production
    tests run the real `migrate`. A migration test gets the migrations back and the
    database recorded as migrated to the end, so the executor can take it back from there."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    loader = MigrationLoader(connection)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = recorder.applied_migrations()
    for key in loader.graph.nodes:
        if key not in applied:
            recorder.record_applied(*key)
