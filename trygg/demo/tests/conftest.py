import pytest

from tests.demo_snapshot import DemoSnapshot

_snapshot = DemoSnapshot()


@pytest.fixture
def loaded_demo(db):
    """The whole demo, built by the first test that asks and restored for the others: the
    tests that only read it need not build it again (tests of load_demo call the command)."""
    _snapshot.load()
