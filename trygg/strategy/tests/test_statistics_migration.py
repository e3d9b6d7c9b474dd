"""The migration to statistics by source keeps the rows of the one shared table: they were
BRÅ's public figures, so they stay shared, under the key "tidigare-import", until an operator
loads the source again (then both are read, the later load winning)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("strategy", "0006_goals")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("real_migrations")
def test_rows_stored_before_the_migration_stay_shared_under_their_own_key():
    old = _migrate(BEFORE)
    try:
        old.get_model("strategy", "CrimeStatistic").objects.create(
            region_code="00",
            region_name="Hela landet",
            region_kind="riket",
            year=2024,
            indicator="Totalt antal anmälda brott",
            unit="per100k",
            value=14000.0,
            source="Anmälda brott",
        )
    finally:
        new = _migrate()
    rows = list(
        new.get_model("strategy", "CrimeStatistic").objects.values_list(
            "dataset", "region_code", "year", "value"
        )
    )
    assert rows == [("tidigare-import", "00", 2024, 14000.0)]
