"""Rows built once for a whole test module, like Django's `TestCase.setUpTestData`.

A module whose hundreds of parametrised tests each need the same world (one object of every
kind in two municipalities) spends most of its time building it again. `shared_rows(build)`
makes a module-scoped fixture: `build()` runs once inside a transaction that stays open for
the module and is rolled back after its last test. Each test's own `db` transaction nests in
it as a savepoint, so what a test writes is still undone after that test. Tests get
`copy.deepcopy` of the rows (as `setUpTestData` gives), so changing an instance in one test
does not change it for the next. Only for tests on `db`: `transactional_db` empties tables.
"""

import copy

import pytest
from django.db import transaction
from django_scopes import scopes_disabled


def shared_rows(build):
    @pytest.fixture(scope="module")
    def rows(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                with scopes_disabled():
                    built = build()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    return rows


def fresh(rows, key):
    """A test's own copy of one of the shared rows (or a dict of them)."""
    return copy.deepcopy(rows[key])
