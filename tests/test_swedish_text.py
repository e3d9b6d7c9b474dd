"""Swedish text the product writes: counts in the singular only for one, decimals with a
comma, and the municipality's name in text stored (filled by the genitive rule, corrected by
an administrator) rather than built from its name."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.analytics.compare import format_p
from trygg.core.models import AuditEvent, Municipality, Role
from trygg.locale_sv import (
    count_text,
    format_number,
    municipality_boundary,
    municipality_official_name,
)

NB = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("n", "decimals", "text"),
    [
        (0, 0, "0 rapporter"),
        (1, 0, "1 rapport"),
        (2, 0, "2 rapporter"),
        (-1, 0, f"{MINUS}1 rapport"),
        (12345, 0, f"12{NB}345 rapporter"),
        (1.0, 1, "1,0 rapporter"),
        (1.5, 1, "1,5 rapporter"),
        # Rounds to one first: what the reader sees decides the form.
        (0.6, 0, "1 rapport"),
    ],
)
def test_a_count_is_singular_only_for_exactly_one(n, decimals, text):
    assert count_text(n, "rapport", "rapporter", decimals) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (0.83, 2, "0,83"),
        (0.5, 1, "0,5"),
        (1234.5, 1, f"1{NB}234,5"),
        (-0.25, 2, f"{MINUS}0,25"),
        (3, 0, "3"),
    ],
)
def test_decimals_are_written_with_a_comma(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(("p", "text"), [(0.83, "p = 0,83"), (0.05, "p = 0,050")])
def test_p_values_are_written_with_a_decimal_comma(p, text):
    assert format_p(p) == text


@pytest.mark.parametrize(
    ("template", "value", "text"),
    [
        ('{{ n|antal:"rapport,rapporter" }}', 1, "1 rapport"),
        ('{{ n|antal:"rad,rader" }}', 3, "3 rader"),
        ('{{ n|antal:"rad,rader" }}', None, "–"),
        ("{{ n|tal:2 }}", 0.83, "0,83"),
        # Django's own localisation, as templates that use floatformat rely on.
        ("{{ n|floatformat:2 }}", 0.83, "0,83"),
        ("{{ n }}", 0.83, "0,83"),
    ],
)
def test_templates_write_counts_and_decimals_the_swedish_way(template, value, text):
    rendered = Template("{% load humanize_sv %}" + template).render(Context({"n": value}))
    assert rendered == text


@pytest.mark.parametrize(
    ("name", "official", "boundary"),
    [
        ("Köping", "Köpings kommun", "Köpings kommungräns"),
        ("Arboga", "Arboga kommun", "Arboga kommungräns"),
        ("Ludvika", "Ludvika kommun", "Ludvika kommungräns"),
        ("Vännäs", "Vännäs kommun", "Vännäs kommungräns"),
        ("Kalix", "Kalix kommun", "Kalix kommungräns"),
        ("Umeå", "Umeå kommun", "Umeå kommungräns"),
        ("Gävle", "Gävle kommun", "Gävle kommungräns"),
        ("Sundsvall", "Sundsvalls kommun", "Sundsvalls kommungräns"),
        (" Lund ", "Lunds kommun", "Lunds kommungräns"),
    ],
)
def test_the_name_in_text_follows_the_swedish_genitive_rule(name, official, boundary):
    assert municipality_official_name(name) == official
    assert municipality_boundary(official) == boundary


def test_a_city_named_stad_has_its_own_boundary_phrase():
    assert municipality_boundary("Stockholms stad") == "Stockholms stads gräns"


def test_a_new_municipality_gets_its_name_in_text_and_keeps_a_corrected_one(db):
    falun = Municipality.objects.create(
        name="Falun", kommunkod="2080", county_code="20", slug="falun", official_name="Falu kommun"
    )
    mora = Municipality.objects.create(name="Mora", kommunkod="2062", county_code="20", slug="mora")
    assert (falun.official_name, mora.official_name) == ("Falu kommun", "Mora kommun")


def test_an_administrator_corrects_the_name_in_text_and_it_is_used(client, users, koping):
    client.force_login(users[Role.ADMINISTRATOR])
    url = reverse("core:municipality_edit")
    page = client.get(url).content.decode()
    assert 'value="Köpings kommun"' in page
    response = client.post(
        url,
        {
            "name": "Köping",
            "official_name": "Köpings kommunkoncern",
            "population": 25806,
            "job_file_keep_days": 7,
        },
    )
    assert response.status_code == 302
    koping.refresh_from_db()
    assert koping.official_name == "Köpings kommunkoncern"
    with scopes_disabled():
        event = AuditEvent.objects.get(event="core.municipality_updated")
    assert event.data["official_name"] == "Köpings kommunkoncern"
    page = client.get(reverse("public:report", args=["koping"])).content.decode()
    assert "Rapportera till Köpings kommunkoncern</h1>" in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("real_migrations")
def test_the_migration_fills_the_name_in_text_for_existing_rows():
    executor = MigrationExecutor(connection)
    before = [("core", "0008_municipality_job_file_keep_days")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("core", "Municipality")
    old.objects.create(name="Köping", kommunkod="1983", county_code="19", slug="koping")
    old.objects.create(name="Arboga", kommunkod="1984", county_code="19", slug="arboga")
    # Straight to the latest state (0009 and all after it), where the tests after this one
    # expect the database: one forward pass instead of two.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(Municipality.objects.values_list("name", "official_name")) == [
        ("Arboga", "Arboga kommun"),
        ("Köping", "Köpings kommun"),
    ]


def test_the_migration_keeps_its_own_copy_of_the_rule():
    migration = importlib.import_module("trygg.core.migrations.0009_municipality_official_name")
    for name in ("Köping", "Arboga", "Vännäs", "Kalix", "Sundsvall"):
        suffix = " kommun" if name[-1] in migration.NO_GENITIVE_S else "s kommun"
        assert name + suffix == municipality_official_name(name)
