import json
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook

from tests.helpers import make_organisation
from trygg.core.models import Organisation, Role
from trygg.reports.models import ImportJob, Report

POLICE = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "polisen"
    / "polisen-events-vastmanland.json"
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a request, then what it queued for after its commit (the task worker's part:
    tasks run at once in tests)."""

    def run(request, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(*args, **kwargs)

    return run


def _upload(client, name, content, kind, dry_run=False):
    data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("reports:import"), data)


@pytest.mark.skipif(not POLICE.exists(), reason="../shared/data saknas")
def test_police_feed_import_is_idempotent(client, users, koping, committed):
    make_organisation(koping, "Polisen", kind=Organisation.Kind.POLIS)
    client.force_login(users[Role.ANALYTIKER])
    response = committed(_upload, client, "events.json", POLICE.read_bytes(), "polisen")
    job_url = response["Location"]
    page = client.get(job_url).content.decode()
    assert "Klar" in page
    with scopes_disabled():
        job = ImportJob.objects.get()
        created = Report.objects.filter(source="polisen").count()
    assert job.status == "klar"
    assert created == job.created_count > 100
    with scopes_disabled():
        sample = Report.objects.filter(source="polisen").first()
    assert sample.precision == "kommun"
    assert sample.h3_r9 is None
    assert sample.external_url.startswith("https://polisen.se/")
    assert sample.organisation.name == "Polisen"
    committed(_upload, client, "events.json", POLICE.read_bytes(), "polisen")
    with scopes_disabled():
        assert Report.objects.filter(source="polisen").count() == created
        assert ImportJob.objects.order_by("-pk").first().created_count == 0


def test_police_feed_with_bad_objects_reports_them_and_imports_the_rest(
    client, users, koping, committed
):
    events = [
        {
            "id": 1,
            "datetime": "2026-06-28 13:16:31 +02:00",
            "name": "28 juni 11.49, Skadegörelse, Köping",
            "summary": "Fönster krossat.",
            "url": "/aktuellt/1/",
            "type": "Skadegörelse",
            "location": {"name": "Köping", "gps": "59.511,15.993"},
        },
        {
            "id": 2,
            "datetime": "inte ett datum",
            "name": "x",
            "summary": "",
            "url": "/",
            "type": "Brand",
            "location": {"name": "Köping", "gps": "59.5,16.0"},
        },
    ]
    client.force_login(users[Role.ANALYTIKER])
    committed(_upload, client, "e.json", json.dumps(events).encode(), "polisen")
    with scopes_disabled():
        job = ImportJob.objects.get()
        assert Report.objects.count() == 1
    assert job.created_count == 1
    assert job.error_count == 1
    assert job.errors[0]["message"].startswith("Objekt 2")


def test_file_that_is_not_a_list_fails_clearly(client, users, koping, committed):
    client.force_login(users[Role.ANALYTIKER])
    committed(_upload, client, "e.json", b'{"not": "a list"}', "polisen")
    with scopes_disabled():
        job = ImportJob.objects.get()
    assert job.status == "misslyckad"
    assert job.message


CSV = (
    "id;datum;kategori;beskrivning;lat;lon;kostnad\n"
    "A1;2026-10-01 21:30;klotter;Klotter på skola;59,5140;15,9926;1 500\n"
    "A2;2026-13-01;klotter;Fel datum;59,5140;15,9926;\n"
    "A3;2026-10-02;finns_inte;Okänd kategori;59,5140;15,9926;\n"
    "A4;2026-10-03;belysning;Trasig lampa;;;-10\n"
    "A5;2026-10-04;belysning;Trasig lampa vid torget;;;\n"
).encode()


def _map_and_start(client, job, dry_run):
    data = {
        "action": "mapping",
        "map_external_id": "id",
        "map_occurred_at": "datum",
        "map_category": "kategori",
        "map_description": "beskrivning",
        "map_lat": "lat",
        "map_lon": "lon",
        "map_cost_sek": "kostnad",
    }
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("reports:import_detail", args=[job.pk]), data)


def test_csv_dry_run_lists_every_bad_row_and_stores_nothing(client, users, koping, committed):
    client.force_login(users[Role.SAMORDNARE])
    response = _upload(client, "rapporter.csv", CSV, "tabell")
    with scopes_disabled():
        job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Vilken kolumn är vilket fält?" in page
    committed(_map_and_start, client, job, dry_run=True)
    job.refresh_from_db()
    rows = sorted(e["row"] for e in job.errors)
    assert rows == [3, 4, 5, 6]
    messages = " ".join(e["message"] for e in job.errors)
    assert "Rad 3" in messages and "Rad 5" in messages
    assert "Ange var det hände" in messages  # row 6: no place at all
    assert job.created_count == 1
    with scopes_disabled():
        assert Report.objects.count() == 0
    # Then for real; a second run changes nothing.
    committed(client.post, reverse("reports:import_detail", args=[job.pk]), {"action": "run"})
    with scopes_disabled():
        assert Report.objects.count() == 1
        report = Report.objects.get()
    assert report.external_id == "A1"
    assert report.cost_sek == 1500


def test_xlsx_import(client, users, koping, committed):
    wb = Workbook()
    ws = wb.active
    ws.append(["Extern id", "Datum", "Kategori", "Plats"])
    ws.append(["X1", "2026-09-01 10:00", "Nedskräpning", "Stora Torget"])
    out = BytesIO()
    wb.save(out)
    client.force_login(users[Role.SAMORDNARE])
    _upload(client, "lista.xlsx", out.getvalue(), "tabell")
    with scopes_disabled():
        job = ImportJob.objects.get()
    committed(
        client.post,
        reverse("reports:import_detail", args=[job.pk]),
        {
            "action": "mapping",
            "map_external_id": "Extern id",
            "map_occurred_at": "Datum",
            "map_category": "Kategori",
            "map_place_name": "Plats",
        },
    )
    with scope(municipality=koping):
        report = Report.objects.get()
        assert report.category.code == "nedskrapning"
        assert report.place_name == "Stora Torget"
        assert report.precision == "adress"


def test_import_progress_json(client, users, koping, committed):
    client.force_login(users[Role.SAMORDNARE])
    committed(_upload, client, "e.json", b"[]", "polisen")
    with scopes_disabled():
        job = ImportJob.objects.get()
    data = client.get(reverse("reports:import_status", args=[job.pk])).json()
    assert data["status"] == "klar"
    assert data["percent"] == 0
    done = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "job-status.js" not in done and 'data-job-state="klar"' in done


def test_a_running_import_page_is_updated_in_place_not_reloaded(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    with scopes_disabled():
        job = ImportJob.objects.create(
            municipality=koping,
            kind="polisen",
            filename="e.json",
            file="e.json",
            status="kor",
            total=10,
            processed=4,
        )
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    # WCAG 2.2.1: no self-reloading page; the script asks for the progress instead.
    assert 'http-equiv="refresh"' not in page and "job-status.js" in page
    assert f'data-job-status-url="{reverse("reports:import_status", args=[job.pk])}"' in page
    assert "4 av 10 (40 %)" in page


def test_police_events_are_stored_chunk_by_chunk_with_fresh_statistics(koping, monkeypatch):
    from trygg.reports import imports, polisen
    from trygg.reports.models import Category

    analysed = []
    monkeypatch.setattr(imports, "_refresh_statistics", lambda: analysed.append(1))
    monkeypatch.setattr(imports, "ANALYZE_EVERY", 2)
    feed = [
        {
            "id": 900 + i,
            "datetime": f"2026-06-{10 + i} 13:16:31 +02:00",
            "name": f"{10 + i} juni 11.49, Stöld, Köping",
            "summary": "Stöld vid torget.",
            "url": f"/aktuellt/handelser/2026/juni/{10 + i}/",
            "type": "Stöld",
            "location": {"name": "Köping", "gps": "59.511828,15.992752"},
        }
        for i in range(5)
    ]
    events, errors = polisen.parse_feed(json.dumps(feed).encode())
    assert errors == []
    with scope(municipality=koping):
        categories = {c.code: c for c in Category.objects.filter(municipality=koping)}
        police = make_organisation(koping, "Polisen", kind=Organisation.Kind.POLIS)
        kwargs = {"municipality": koping, "categories": categories, "organisation": police}
        dry = list(
            imports.police_events_import(events=events, dry_run=True, chunk_size=2, **kwargs)
        )
        assert [n for n, *_ in dry] == [2, 2, 1] and not Report.objects.exists()
        assert analysed == []
        done = list(imports.police_events_import(events=events, chunk_size=2, **kwargs))
        assert [(n, c) for n, c, _u, _s in done] == [(2, 2), (2, 2), (1, 1)]
        assert Report.objects.count() == 5
        # After the first chunk and then every second one.
        assert len(analysed) == 2
        again = list(imports.police_events_import(events=events, chunk_size=2, **kwargs))
        assert sum(c for _n, c, _u, _s in again) == 0 and len(analysed) == 2
