"""Spreadsheet imports in batches: what report_create stored row by row is stored chunk by
chunk; DST times, date-only rows, header-only files, and one run per job however often the
mapping form is submitted."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import Role
from trygg.lagesbild.selectors import picture_for_period
from trygg.reports import imports_table, services, tabular
from trygg.reports.models import ImportJob, Report, ReportEvent
from trygg.reports.selectors import report_totals

HEADER = "id;datum;kategori;beskrivning;lat;lon\n"
MAPPING = {
    "external_id": "id",
    "occurred_at": "datum",
    "category": "kategori",
    "description": "beskrivning",
    "lat": "lat",
    "lon": "lon",
}


def _run(viewer, koping, content: bytes, django_capture_on_commit_callbacks) -> ImportJob:
    """Uploads a table, confirms its mapping and runs the worker's part at once."""
    with scope(municipality=koping):
        job = services.import_start(
            viewer=viewer, kind="tabell", filename="r.csv", content=content, dry_run=False
        )
        headers = tabular.read_table(content, "r.csv").headers
        with django_capture_on_commit_callbacks(execute=True):
            services.import_mapping_set(
                viewer=viewer, job=job, mapping=MAPPING, headers=headers, dry_run=False
            )
        job.refresh_from_db()
    return job


def test_rows_are_stored_in_chunks_with_areas_cells_redacted_text_and_history(
    users, koping, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(imports_table, "TABLE_CHUNK", 2)
    rows = "".join(
        f"T{i};2026-10-01 21:{i:02d};klotter;Ring 070-123 45 67 om skolan;59,5140;15,9926\n"
        for i in range(5)
    )
    outside = "T9;2026-10-01 21:30;klotter;Långt bort;59,3293;18,0686\n"
    make_area(koping, "Köping", kind="kommungrans", d=0.2)
    make_area(koping, "Centrum")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    job = _run(
        viewer, koping, (HEADER + rows + outside).encode(), django_capture_on_commit_callbacks
    )
    assert (job.status, job.total, job.processed) == ("klar", 6, 6)
    assert (job.created_count, job.error_count) == (5, 1)
    assert job.errors[0]["message"].startswith("Rad 7: Platsen ligger utanför Köpings")
    with scope(municipality=koping):
        report = Report.objects.get(external_id="T3")
        assert report.occurred_at == datetime(2026, 10, 1, 19, 3, tzinfo=UTC)
        assert report.occurred_until is None
        assert (report.precision, report.source) == ("punkt", "fil")
        assert report.h3_r9 is not None and report.areas.exists()
        assert report.personal_data_found and "070-123 45 67" not in report.description_redacted
        assert report.reporter == users[Role.SAMORDNARE]
        events = list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))
        assert events == ["created"]
    # A second run of the same file stores nothing again.
    again = _run(viewer, koping, (HEADER + rows).encode(), django_capture_on_commit_callbacks)
    assert (again.created_count, again.skipped_count) == (0, 5)


def test_a_thousand_rows_take_a_bounded_number_of_statements(
    users, koping, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    rows = "".join(f"Q{i};2026-10-01 12:00;klotter;Klotter;59,5140;15,9926\n" for i in range(1000))
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    # Row by row this was about nine statements a row (9,000).
    with django_assert_max_num_queries(60):
        job = _run(viewer, koping, (HEADER + rows).encode(), django_capture_on_commit_callbacks)
    assert job.created_count == 1000


NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("datum", "klockslag", "stored", "error"),
    [
        # The clocks skip 02:00–03:00 on the last Sunday of March.
        ("2026-03-29 02:30", "", None, "klockslaget i '2026-03-29 02:30' finns inte"),
        ("2026-03-29", "02:30", None, "klockslaget i '2026-03-29 02:30' finns inte"),
        ("2026-03-29 01:59", "", datetime(2026, 3, 29, 0, 59, tzinfo=UTC), None),
        ("2026-03-29 03:00", "", datetime(2026, 3, 29, 1, 0, tzinfo=UTC), None),
        # 02:30 happens twice on the last Sunday of October: the first, still summer time.
        ("2025-10-26 02:30", "", datetime(2025, 10, 26, 0, 30, tzinfo=UTC), None),
        ("2025-10-26", "02:30", datetime(2025, 10, 26, 0, 30, tzinfo=UTC), None),
        # An explicit offset says which one was meant.
        ("2025-10-26 02:30+01:00", "", datetime(2025, 10, 26, 1, 30, tzinfo=UTC), None),
    ],
)
def test_a_time_the_clocks_skip_is_a_row_error_and_a_repeated_one_is_the_first(
    datum, klockslag, stored, error
):
    table = tabular.Table(
        headers=["id", "datum", "kl", "kategori", "plats"],
        rows=[["1", datum, klockslag, "klotter", "Torget"]],
    )
    mapping = {
        "external_id": "id",
        "occurred_at": "datum",
        "occurred_time": "kl",
        "category": "kategori",
        "place_name": "plats",
    }
    ok, bad = tabular.validate_rows(table, mapping, now=NOW)
    if error:
        assert ok == [] and len(bad) == 1
        assert bad[0].message.startswith(f"Rad 2: {error}")
    else:
        assert bad == []
        # Compared in UTC: an aware time in the fold never equals one in another zone (PEP 495).
        assert ok[0].values["occurred_at"].astimezone(UTC) == stored


@pytest.mark.parametrize(
    ("datum", "until"),
    [
        ("2026-10-03", datetime(2026, 10, 3, 21, 59, 59, 999999, tzinfo=UTC)),
        # The spring change's day is 23 hours long, the autumn change's 25.
        ("2026-03-29", datetime(2026, 3, 29, 21, 59, 59, 999999, tzinfo=UTC)),
        ("2026-10-25", datetime(2026, 10, 25, 22, 59, 59, 999999, tzinfo=UTC)),
        ("2026-10-03 00:00", None),
    ],
)
def test_a_date_without_a_time_is_stored_as_the_whole_day(datum, until):
    table = tabular.Table(
        headers=["id", "datum", "kategori", "plats"], rows=[["1", datum, "klotter", "Torget"]]
    )
    mapping = {
        "external_id": "id",
        "occurred_at": "datum",
        "category": "kategori",
        "place_name": "plats",
    }
    ok, bad = tabular.validate_rows(table, mapping, now=NOW)
    assert bad == []
    assert ok[0].values.get("occurred_until") == until


def test_date_only_rows_are_left_out_of_the_weekday_hour_table_and_weekend_nights(
    users, koping, django_capture_on_commit_callbacks
):
    # 2026-10-03 is a Saturday: at 00:00 a date-only row would count as a weekend night.
    rows = (
        "D1;2026-10-03;klotter;Hela dagen;59,5140;15,9926\n"
        "D2;2026-10-03;klotter;Hela dagen;59,5140;15,9926\n"
        "D3;2026-10-03 14:10;klotter;Klockslag känt;59,5140;15,9926\n"
    )
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    _run(viewer, koping, (HEADER + rows).encode(), django_capture_on_commit_callbacks)
    with scope(municipality=koping):
        stored = Report.objects.get(external_id="D1")
        assert timezone.localtime(stored.occurred_at).hour == 0
        assert stored.occurred_until is not None
        picture = picture_for_period(viewer=viewer, start=date(2026, 10, 1), end=date(2026, 10, 7))
        totals = _totals(viewer)
    assert picture.total == 3
    assert sum(map(sum, picture.weekday_hour)) == 1
    assert picture.weekday_hour[5][14] == 1 and picture.weekday_hour[5][0] == 0
    assert totals.weekend_nights in (0, None)


def _totals(viewer):
    start = datetime(2026, 9, 30, 22, tzinfo=UTC)
    return report_totals(viewer=viewer, start=start, end=datetime(2026, 10, 7, 22, tzinfo=UTC))


def test_a_file_with_only_a_header_row_says_it_had_no_rows(
    client, users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    job = _run(viewer, koping, HEADER.encode(), django_capture_on_commit_callbacks)
    assert (job.status, job.message) == ("klar", imports_table.NO_ROWS)
    client.force_login(users[Role.SAMORDNARE])
    data = client.get(reverse("reports:import_status", args=[job.pk])).json()
    assert data["text"] == "Klar: Filen har inga rader under rubrikraden; inget importerades."
    assert {
        "status",
        "label",
        "total",
        "processed",
        "created",
        "updated",
        "skipped",
        "errors",
    } <= set(data)
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "Filen har inga rader under rubrikraden" in page


def test_a_second_submit_of_the_mapping_neither_shows_the_form_nor_runs_the_job_twice(
    client, users, koping, django_capture_on_commit_callbacks
):
    content = (HEADER + "S1;2026-10-01 21:30;klotter;Klotter;59,5140;15,9926\n").encode()
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    client.force_login(users[Role.SAMORDNARE])
    with scope(municipality=koping):
        job = services.import_start(
            viewer=viewer, kind="tabell", filename="r.csv", content=content, dry_run=False
        )
        # Two submits of the form: both requests loaded the job while it still waited.
        first, second = ImportJob.objects.get(pk=job.pk), ImportJob.objects.get(pk=job.pk)
        headers = ["id", "datum", "kategori", "beskrivning", "lat", "lon"]
        with django_capture_on_commit_callbacks() as queued:
            services.import_mapping_set(
                viewer=viewer, job=first, mapping=MAPPING, headers=headers, dry_run=False
            )
        assert len(queued) == 1
    # The worker is busy (the task not run yet): the page shows progress, not the form.
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "Vilken kolumn är vilket fält?" not in page
    with scope(municipality=koping):
        queued[0]()  # the worker takes it and runs it
        with django_capture_on_commit_callbacks() as again:
            with pytest.raises(ValidationError, match="Importen har redan startats."):
                services.import_mapping_set(
                    viewer=viewer, job=second, mapping=MAPPING, headers=headers, dry_run=False
                )
        assert again == []
        job.refresh_from_db()
        assert (job.status, job.created_count) == ("klar", 1)
        assert Report.objects.filter(external_id="S1").count() == 1
    # The form posted again through the page is refused the same way.
    response = client.post(
        reverse("reports:import_detail", args=[job.pk]),
        {"action": "mapping", **{f"map_{k}": v for k, v in MAPPING.items()}},
        follow=True,
    )
    assert "Importen har redan startats." in response.content.decode()
    with scopes_disabled():
        assert ImportJob.objects.get(pk=job.pk).status == "klar"
