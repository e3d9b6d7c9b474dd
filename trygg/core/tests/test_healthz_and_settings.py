import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_checks_that_the_database_reads_and_writes(client, db):
    from trygg.core.models import Heartbeat

    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "disk")} == {
        "status": "ok",
        "database": "ok",
        "disk": "ok",
    }
    assert body["disk_free_mb"] > 0
    assert Heartbeat.objects.count() == 1


def test_healthz_measures_the_disk_when_the_data_folder_does_not_exist_yet(
    client, db, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "not" / "made" / "yet"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["disk_free_mb"] > 0


def test_healthz_is_503_when_database_is_unreachable(client, db):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("nere")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["database"] == "otillgänglig"


def _make_read_only():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")


def _make_writable():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = OFF")
        else:
            cursor.execute("SET default_transaction_read_only = off")


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_answers_but_refuses_writes(client):
    # What a full disk or a read-only replica looks like: SELECT 1 still works.
    _make_read_only()
    try:
        response = client.get(reverse("healthz"))
    finally:
        _make_writable()
    assert response.status_code == 503
    assert response.json()["database"] == "skrivskyddad"


def test_healthz_is_503_when_the_disk_is_nearly_full(client, db, settings):
    settings.MIN_FREE_DISK_MB = 10**12
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["disk"] == "nästan full"


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (OperationalError("database or disk is full"), True),
        (OperationalError("database is locked"), True),
        (OperationalError("no such column: reports_report.nothing"), False),
        (ValueError("database or disk is full"), False),
    ],
)
def test_only_a_database_that_is_away_full_or_locked_counts_as_unavailable(db, error, unavailable):
    from trygg.core.errors import database_unavailable

    assert database_unavailable(error) is unavailable


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/logga-in/", "text/html; charset=utf-8"),
        ("/open311/v2/requests.json", "application/json"),
        ("/open311/v2/requests.xml", "text/xml; charset=utf-8"),
    ],
)
def test_a_write_to_a_database_that_refuses_writes_is_503_with_retry_after(
    koping, path, content_type
):
    from django.test import Client

    client = Client(raise_request_exception=False)
    _make_read_only()
    try:
        # A failed login and an Open311 request both write before they answer.
        response = client.post(
            path,
            {
                "username": "x",
                "password": "y",
                "jurisdiction_id": "1983",
                "service_code": "klotter",
                "lat": "59.514",
                "long": "15.9926",
                "description": "Klotter på busskuren",
            },
        )
    finally:
        _make_writable()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == content_type


def _manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("TRYGG_", "DJANGO_"))}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_deploy_check_has_no_issues(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TRYGG_ENV="production",
        TRYGG_SECRET_KEY="x" * 64 + "-a-long-random-production-secret-9f8e7d6c5b4a",
        TRYGG_ALLOWED_HOSTS="trygg.koping.se",
        TRYGG_SITE_URL="https://trygg.koping.se",
        TRYGG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret(tmp_path):
    result = _manage("check", TRYGG_ENV="production", TRYGG_ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "TRYGG_SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        (None, "TRYGG_SITE_URL is required"),
        ("trygg.koping.se", "TRYGG_SITE_URL must be an http(s) address"),
        ("https://trygg koping.se", "TRYGG_SITE_URL must be an http(s) address"),
    ],
)
def test_production_refuses_to_start_without_a_site_url_for_mail_links(site_url, message):
    extra = {"TRYGG_SITE_URL": site_url} if site_url is not None else {}
    result = _manage(
        "check", TRYGG_ENV="production", TRYGG_SECRET_KEY="x" * 64, TRYGG_ALLOWED_HOSTS="x", **extra
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_the_wsgi_application_loads_every_view_before_the_first_request(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRYGG_", "DJANGO_"))}
    env["TRYGG_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, trygg.wsgi; print('trygg.lagesbild.views' in sys.modules)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_uploaded_files_are_never_served_by_url_even_in_development(settings):
    import importlib

    from django.urls import Resolver404, clear_url_caches, resolve

    import trygg.urls

    settings.DEBUG = True
    try:
        importlib.reload(trygg.urls)
        clear_url_caches()
        for path in ("/media/documents/lagesbild.pdf", "/media/imports/polisen.json"):
            with pytest.raises(Resolver404):
                resolve(path)
    finally:
        settings.DEBUG = False
        importlib.reload(trygg.urls)
        clear_url_caches()
