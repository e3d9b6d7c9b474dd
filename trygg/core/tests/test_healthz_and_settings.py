import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_checks_the_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_is_unreachable(client, db):
    with mock.patch("trygg.core.views.connection.cursor", side_effect=OperationalError("nere")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503


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
        TRYGG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret(tmp_path):
    result = _manage("check", TRYGG_ENV="production", TRYGG_ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "TRYGG_SECRET_KEY is required" in result.stderr


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
