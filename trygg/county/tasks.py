"""The county's background jobs: Gi* across the borders of its municipalities, and the
daily retention of its snapshots and runs."""

from django_scopes import scope
from django_tasks import task


@task()
def run_county_hotspots(county_id: int) -> int:
    """Returns the number of significant cells."""
    from .models import County
    from .services.hotspots import hotspots_run
    from .viewer import county_municipalities

    county = County.objects.get(pk=county_id)
    municipalities = county_municipalities(county)
    with scope(county=county, municipality=[m.pk for m in municipalities]):
        run = hotspots_run(county=county, names={m.pk: m.name for m in municipalities})
    return len(run.cells)


@task()
def purge_county_stores() -> dict:
    from .services.retention import county_stores_purge

    return county_stores_purge()
