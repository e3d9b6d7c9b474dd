"""Backup and restore: an archive restored into an empty database gives back every row of
every table and every uploaded file byte for byte; a damaged archive changes nothing.

The tests commit for real (transaction=True): pg_dump reads from its own session, and the
restore goes into a second database (a file on SQLite, CREATE DATABASE on PostgreSQL)."""

import io
import json
import secrets
import stat
import tarfile
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from PIL import Image

from tests.helpers import make_report, viewer_for
from trygg.core import backup, pgtools
from trygg.core.models import AuditEvent, Role
from trygg.lagesbild import services as lagesbild_services
from trygg.lagesbild.models import DocumentJob
from trygg.reports import services as report_services
from trygg.reports.models import ImportJob, Photo

pytestmark = pytest.mark.django_db(transaction=True)
TZ = ZoneInfo("Europe/Stockholm")
TARGET = "restored"
POSTGRES = connection.vendor == "postgresql"


def _jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def photo_report(koping, users, media):
    """A report with a photo and its thumbnail on disk."""
    user = users[Role.SAMORDNARE]
    with scope(municipality=koping):
        report = make_report(koping, "klotter", when=datetime(2026, 3, 10, 22, tzinfo=TZ))
        report_services.photo_add(
            viewer=viewer_for(user, koping), report=report, data=_jpeg((200, 30, 30))
        )
    return report


@pytest.fixture
def loaded(client, koping, users, photo_report, media):
    """Something of every kind that lives in files: photos, an import file, a document."""
    user = users[Role.SAMORDNARE]
    for month in range(1, 7):
        make_report(koping, "skadegorelse", when=datetime(2026, month, 12, 9, tzinfo=TZ))
    with scope(municipality=koping):
        job = lagesbild_services.document_job_start(
            viewer=viewer_for(user, koping),
            fmt="pdf",
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        )
        lagesbild_services.document_job_build(job)
    client.force_login(user)
    csv = b"datum;kategori;plats\n2026-05-01;klotter;Torget\n"
    upload = SimpleUploadedFile("rapporter maj.csv", csv)
    client.post(reverse("reports:import"), {"kind": "tabell", "file": upload})
    with scopes_disabled():
        assert Photo.objects.exclude(thumbnail="").count() == 1
        assert DocumentJob.objects.get().status == DocumentJob.Status.KLAR
        assert ImportJob.objects.count() == 1
    return koping


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty database on the same engine, as the alias TARGET."""
    target = dict(connections["default"].settings_dict)
    if POSTGRES:
        name = f"trygg_restore_{secrets.token_hex(4)}"
        with connections["default"].cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        target["NAME"] = name
    else:
        target["NAME"] = str(tmp_path / "restored.sqlite3")
    # Registered as a live connection only, not in the settings: Django's test case allows
    # a connection it did not know of when the test began.
    connections[TARGET] = load_backend(target["ENGINE"]).DatabaseWrapper(target, TARGET)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if POSTGRES:
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _contents(alias: str) -> dict:
    """Every table's rows (sorted, so the order of a scan does not matter) and, on
    PostgreSQL, every sequence's position."""
    conn = connections[alias]
    tables = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema()"
            )
            tables["<sequences>"] = sorted(cursor.fetchall())
    return tables


def _files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _drop_restore_event(alias: str) -> AuditEvent:
    event = AuditEvent.objects.using(alias).get(event="core.backup_restored", data__kind="restore")
    assert event.data["kind"] == "restore" and event.actor_id is None
    event.delete()
    return event


def test_a_restore_into_an_empty_database_gives_back_every_row_and_every_file(
    loaded, media, empty_database, settings, tmp_path
):
    before, files_before = _contents("default"), _files(media)
    assert {name.split("/")[0] for name in files_before} == {"reports", "documents", "imports"}
    assert sum(len(rows) for rows in before.values()) > 300  # permissions, categories, reports
    archive = tmp_path / "kopia.tar"

    call_command("backup", str(archive), stdout=io.StringIO())

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with scopes_disabled():
        made = AuditEvent.objects.get(event="core.backup_created", data__kind="backup")
    assert made.data["files"] == len(files_before)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", str(archive), "--database", empty_database, stdout=out)

    assert "Återställd från säkerhetskopian" in out.getvalue()
    _drop_restore_event(empty_database)
    after = _contents(empty_database)
    assert sorted(after) == sorted(before)
    for table in before:
        assert len(after[table]) == len(before[table]), table
        assert after[table] == before[table], table
    assert _files(settings.MEDIA_ROOT) == files_before
    assert not list(tmp_path.glob(".trygg-*"))


def test_replace_overwrites_a_database_and_files_that_have_changed_since(
    photo_report, media, empty_database, settings, tmp_path
):
    archive = tmp_path / "kopia.tar.gz"
    backup.backup_create(archive)
    before = _contents("default")
    before["core_auditevent"] = [
        row for row in before["core_auditevent"] if "Säkerhetskopia skapad" not in str(row)
    ]
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    backup.backup_restore(archive, using=empty_database)
    _drop_restore_event(empty_database)
    # Then the restored copy lives on: a new row and a new file, which the restore undoes.
    with connections[empty_database].cursor() as cursor:
        cursor.execute("DELETE FROM reports_photo")
    (settings.MEDIA_ROOT / "ny.txt").write_text("ny")

    with pytest.raises(backup.BackupError, match="Databasen är inte tom.*--replace"):
        backup.backup_restore(archive, using=empty_database)
    backup.backup_restore(archive, using=empty_database, replace=True)

    _drop_restore_event(empty_database)
    assert _contents(empty_database) == before
    assert _files(settings.MEDIA_ROOT) == _files(media)


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as tar:
        return [(m, tar.extractfile(m).read()) for m in tar]


def _write(archive: Path, members) -> None:
    with tarfile.open(archive, "w") as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _edit_manifest(change):
    def edit(archive: Path):
        members = _members(archive)
        for i, (info, data) in enumerate(members):
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                members[i] = (info, json.dumps(manifest).encode())
        _write(archive, members)

    return edit


def _flip_a_byte_in_the_photo(archive: Path):
    members = _members(archive)
    for i, (info, data) in enumerate(members):
        if info.name.startswith("media/reports/"):
            members[i] = (info, data[:100] + bytes([data[100] ^ 1]) + data[101:])
            break
    _write(archive, members)


def _cut_in_half(archive: Path):
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def _without(prefix: str):
    def edit(archive: Path):
        _write(archive, [(i, d) for i, d in _members(archive) if not i.name.startswith(prefix)])

    return edit


def _with_extra_member(name: str, in_manifest: bool):
    def edit(archive: Path):
        members = _members(archive)
        members.insert(0, (tarfile.TarInfo(name), b"x"))
        _write(archive, members)
        if in_manifest:
            entry = {"path": name, "size": 1, "sha256": "0" * 64}
            _edit_manifest(lambda m: m["files"].append(entry))(archive)

    return edit


def _other_engine(manifest):
    manifest["engine"] = "sqlite" if POSTGRES else "postgresql"


CORRUPTIONS = [
    ("a byte changed in a photo", _flip_a_byte_in_the_photo, "Kontrollsumman stämmer inte"),
    ("the archive cut in half", _cut_in_half, "skadad eller ofullständig"),
    ("random bytes", lambda a: a.write_bytes(secrets.token_bytes(4096)), "skadad eller"),
    ("no manifest", _without("manifest.json"), "saknar manifest.json"),
    ("a photo missing", _without("media/reports/"), "ofullständig: 2 filer saknas"),
    ("a file the manifest does not name", _with_extra_member("media/x", False), "inte nämner"),
    ("a path out of the folder", _with_extra_member("../x", True), "otillåten sökväg"),
    ("a newer format", _edit_manifest(lambda m: m.update(format_version=2)), "formatversion 2"),
    (
        "migrations this code does not know",
        _edit_manifest(lambda m: m["migrations"].append("core.9999_framtid")),
        "nyare version av Trygg",
    ),
    ("the other database engine", _edit_manifest(_other_engine), "restore flyttar inte"),
]


@pytest.mark.parametrize(
    "damage,message", [c[1:] for c in CORRUPTIONS], ids=[c[0] for c in CORRUPTIONS]
)
def test_a_damaged_archive_is_refused_with_a_clear_message_and_nothing_changes(
    photo_report, media, empty_database, settings, tmp_path, damage, message
):
    archive = tmp_path / "kopia.tar"
    backup.backup_create(archive)
    damage(archive)
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    settings.MEDIA_ROOT = restored_media

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), "--database", empty_database)

    assert _contents(empty_database) == ({"<sequences>": []} if POSTGRES else {})
    assert not any(restored_media.iterdir())
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging


def test_verify_reads_the_whole_archive_and_names_a_damaged_one(photo_report, media, tmp_path):
    archive = tmp_path / "kopia.tar"
    backup.backup_create(archive)
    out = io.StringIO()
    call_command("restore", "--verify", str(archive), stdout=out)
    assert "Säkerhetskopian är hel" in out.getvalue() and "2 filer" in out.getvalue()
    _flip_a_byte_in_the_photo(archive)
    with pytest.raises(CommandError, match="Kontrollsumman stämmer inte för media/reports/…"):
        call_command("restore", "--verify", str(archive))


def test_a_backup_never_overwrites_a_file(photo_report, media, tmp_path):
    archive = tmp_path / "kopia.tar"
    archive.write_text("annat")
    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup", str(archive))
    assert archive.read_text() == "annat"


def _fake_tools(folder: Path, major: int) -> Path:
    """Stand-ins for another PostgreSQL's tools: they only say their version."""
    folder.mkdir()
    for name in pgtools.TOOLS:
        tool = folder / name
        tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {major}.18 (Debian)'\n")
        tool.chmod(0o755)
    return folder


def test_tools_of_another_major_version_are_refused_with_what_was_found(tmp_path):
    fifteen = _fake_tools(tmp_path / "bin15", 15)
    with pytest.raises(backup.BackupError) as refused:
        pgtools.find_tools(18, configured=str(fifteen))
    message = str(refused.value)
    assert "samma huvudversion som PostgreSQL-servern (18)" in message
    assert f"{fifteen} (version 15)" in message and "Rätta TRYGG_PG_BIN" in message
    assert pgtools.find_tools(15, configured=str(fifteen)).folder == fifteen
    with pytest.raises(backup.BackupError, match=r"servern \(99\).*Ange mappen"):
        pgtools.find_tools(99)


@pytest.mark.skipif(not POSTGRES, reason="pg_dump gäller bara PostgreSQL")
def test_a_postgresql_backup_stops_before_writing_when_pg_dump_does_not_match(
    photo_report, media, settings, tmp_path
):
    settings.PG_BIN = str(_fake_tools(tmp_path / "bin15", 15))
    out_dir = tmp_path / "kopior"
    out_dir.mkdir()
    with pytest.raises(CommandError, match=r"servern \(18\); hittade: .*version 15"):
        call_command("backup", str(out_dir))
    assert not any(out_dir.iterdir())


def test_connection_parameters_go_in_the_environment_and_ours_are_not_inherited(monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "fel")
    monkeypatch.setenv("PGSERVICE", "annan")
    database = SimpleNamespace(
        settings_dict={
            "NAME": "trygg",
            "USER": "app",
            "PASSWORD": "hemligt",
            "HOST": "/run/postgresql",
            "PORT": "",
            "OPTIONS": {"sslmode": "require"},
        }
    )
    env = pgtools.environment(database)
    assert {k: v for k, v in env.items() if k.startswith("PG") and k != "PGOPTIONS"} == {
        "PGHOST": "/run/postgresql",
        "PGUSER": "app",
        "PGPASSWORD": "hemligt",
        "PGDATABASE": "trygg",
        "PGAPPNAME": "trygg-backup",
        "PGSSLMODE": "require",
    }


def test_keep_days_deletes_only_dated_backups_older_than_that(tmp_path):
    names = [
        "trygg-backup-20260101-020000.tar",  # 61 days old: deleted
        "trygg-backup-20260130-020000.tar.gz",  # 31 days 22 h: deleted
        "trygg-backup-20260201-020000.tar",  # 30 days minus 2 h: kept
        "trygg-backup-20260302-020000.tar",  # today: kept
        "annan-kopia-20250101-000000.tar",  # not ours: kept
        "trygg-backup-20250101-000000.tar.old",  # not ours: kept
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    now = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    purged = backup.backups_purge(tmp_path, keep_days=30, now=now)
    assert [p.name for p in purged] == names[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])


def test_a_backup_into_a_folder_gets_a_dated_name_and_purges_the_old_ones(
    photo_report, media, tmp_path
):
    folder = tmp_path / "kopior"
    folder.mkdir()
    (folder / "trygg-backup-20200101-000000.tar").write_bytes(b"gammal")
    out = io.StringIO()
    call_command("backup", str(folder), "--keep-days", "30", stdout=out)
    (made,) = folder.iterdir()
    assert backup.NAME_PATTERN.match(made.name)
    assert "Raderade gammal säkerhetskopia trygg-backup-20200101-000000.tar" in out.getvalue()
    assert backup.backup_verify(made)["engine"] == connection.vendor
