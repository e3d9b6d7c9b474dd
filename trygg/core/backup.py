"""Backup and restore: one archive holding the database and every uploaded file.

The archive is a tar (gzip when its name ends in .gz) with `database.sqlite3` or
`database.pgdump`, the files of MEDIA_ROOT under `media/`, and `manifest.json` last: format
version, engine, server version, the applied migrations, when it was made, and every other
member with its size and sha256. A restore checks all of it in a staging folder before it
touches the database or the files.

SQLite is copied with the online backup API, PostgreSQL with `pg_dump -Fc`: both read one
consistent snapshot while the app keeps running. The database is dumped before the files, so
a file can at worst be an orphan (uploaded after the snapshot); files deleted meanwhile belong
to rows the retention job was already removing.
"""

import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from trygg.locale_sv import count_text

from . import pgtools
from .audit import audit_log
from .pgtools import BackupError

logger = logging.getLogger(__name__)

FORMAT = "trygg-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# The names `backup` gives in a folder; --keep-days deletes only files named like this.
NAME_PATTERN = re.compile(r"^trygg-backup-(\d{8}-\d{6})\.tar(\.gz)?$")
CHUNK = 1024 * 1024
_ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

__all__ = ["BackupError", "backup_create", "backup_restore", "backup_verify", "backups_purge"]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    files: int
    seconds: float
    purged: tuple[Path, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    created_at: str
    files: int
    pending_migrations: tuple[str, ...]
    seconds: float


def _engine(connection) -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Databastypen {connection.vendor} stöds inte av backup/restore.")
    return connection.vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_text(n: int) -> str:
    return count_text(n, "fil", "filer")


def _where(member: str) -> str:
    """A member's place for messages and logs: its top folder only, since an import's file
    name is the uploader's own and may name a person."""
    parts = PurePosixPath(member).parts
    return f"{'/'.join(parts[:2])}/…" if len(parts) > 2 else member


# --- backup -----------------------------------------------------------------------------


def _target_path(target: Path, now: datetime) -> Path:
    if target.is_dir():
        return target / f"trygg-backup-{now:%Y%m%d-%H%M%S}.tar"
    if target.exists():
        raise BackupError(f"Filen {target} finns redan; välj ett annat namn eller en mapp.")
    if not target.parent.is_dir():
        raise BackupError(f"Mappen {target.parent} finns inte.")
    return target


def _dump_sqlite(connection, dest: Path) -> str:
    connection.ensure_connection()
    copy = sqlite3.connect(dest)
    try:
        # One step: the copy is one read transaction, a consistent snapshot; in WAL mode
        # writers go on meanwhile. A stepwise copy would restart on every write.
        connection.connection.backup(copy)
        # The archived file stands alone (no -wal beside it).
        copy.execute("PRAGMA journal_mode=DELETE")
        (result,) = copy.execute("PRAGMA quick_check").fetchone()
    finally:
        copy.close()
    if result != "ok":
        raise BackupError(f"Kopian av SQLite-databasen är inte hel ({result}).")
    return connection.connection.execute("SELECT sqlite_version()").fetchone()[0]


class _HashingReader:
    """Reads a file for tarfile while computing its sha256, so each file is read once."""

    def __init__(self, f):
        self._f = f
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self._f.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, source: Path, name: str) -> dict | None:
    try:
        f = open(source, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return None  # deleted by the app since it was listed
    with f:
        info = tarfile.TarInfo(name)
        stat = os.fstat(f.fileno())
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
        reader = _HashingReader(f)
        tar.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


def _media_files(root: Path):
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def _applied_migrations(connection) -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup_create(
    target: Path, *, using: str = "default", keep_days: int | None = None
) -> BackupResult:
    """Writes one archive of the database `using` and MEDIA_ROOT to `target` (a file name,
    or a folder to get a dated name). The archive appears whole or not at all, readable by
    its owner only. With keep_days, older dated backups in the same folder are deleted."""
    started = time.monotonic()
    if keep_days is not None and keep_days < 1:
        raise BackupError("--keep-days måste vara minst 1.")
    connection = connections[using]
    engine = _engine(connection)
    now = datetime.now(UTC)
    path = _target_path(Path(target), now)
    work = Path(tempfile.mkdtemp(prefix=".trygg-backup-", dir=path.parent))
    try:
        if engine == "sqlite":
            db_name = "database.sqlite3"
            server_version = _dump_sqlite(connection, work / db_name)
        else:
            db_name = "database.pgdump"
            server_version = pgtools.dump(connection, work / db_name)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(timespec="seconds"),
            "engine": engine,
            "server_version": server_version,
            "migrations": _applied_migrations(connection),
            "files": [],
        }
        partial = work / "archive.tar"
        mode = "w:gz" if path.name.endswith(".gz") else "w"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw:
            options = {"compresslevel": 6} if mode == "w:gz" else {}
            with tarfile.open(fileobj=raw, mode=mode, format=tarfile.PAX_FORMAT, **options) as tar:
                manifest["files"].append(_add_file(tar, work / db_name, db_name))
                for source, relative in _media_files(Path(settings.MEDIA_ROOT)):
                    entry = _add_file(tar, source, MEDIA_PREFIX + relative)
                    if entry is not None:
                        manifest["files"].append(entry)
                body = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(now.timestamp()), 0o600
                tar.addfile(info, _BytesReader(body))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size = path.stat().st_size
    files = len(manifest["files"]) - 1
    audit_log(
        event="core.backup_created",
        summary=f"Säkerhetskopia skapad: databasen och {files_text(files)} ({size} byte)",
        data={"kind": "backup", "file": path.name, "bytes": size, "files": files},
        using=using,
    )
    purged = () if keep_days is None else backups_purge(path.parent, keep_days=keep_days, keep=path)
    logger.info("Säkerhetskopia skapad: %s byte, %s", size, files_text(files))
    return BackupResult(path, size, files, time.monotonic() - started, tuple(purged))


class _BytesReader:
    def __init__(self, data: bytes):
        self._data, self._pos = data, 0

    def read(self, size=-1):
        end = len(self._data) if size < 0 else self._pos + size
        chunk, self._pos = self._data[self._pos : end], min(end, len(self._data))
        return chunk


def backups_purge(folder: Path, *, keep_days: int, keep: Path | None = None, now=None) -> list:
    """Deletes the dated backups (trygg-backup-YYYYmmdd-HHMMSS.tar[.gz]) in `folder` made more
    than keep_days ago, judged by the time in the name; other files are never touched."""
    if keep_days < 1:
        raise BackupError("--keep-days måste vara minst 1.")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
    purged = []
    for path in sorted(Path(folder).iterdir()):
        match = NAME_PATTERN.match(path.name)
        if not match or not path.is_file() or (keep is not None and path == keep):
            continue
        made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        if made < cutoff:
            path.unlink()
            purged.append(path)
    return purged


# --- verify -----------------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        data = json.loads(tar.extractfile(member).read())
    except KeyError:
        raise BackupError(
            "Säkerhetskopian saknar manifest.json: den är avbruten eller inte gjord med "
            "manage.py backup."
        ) from None
    except (ValueError, AttributeError):
        raise BackupError("Säkerhetskopians manifest.json går inte att läsa.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("Filen är ingen säkerhetskopia från Trygg (okänt manifest).")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"Säkerhetskopian har formatversion {version}, men den här versionen av Trygg läser "
            f"bara version {FORMAT_VERSION} och äldre. Uppdatera Trygg först."
        )
    files = data.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and {"path", "size", "sha256"} <= f.keys() for f in files
    ):
        raise BackupError("Säkerhetskopians manifest saknar fillistan.")
    if data.get("engine") not in ("sqlite", "postgresql"):
        raise BackupError("Säkerhetskopians manifest anger ingen känd databastyp.")
    return data


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or not path.parts:
        raise BackupError(f"Säkerhetskopian innehåller en otillåten sökväg ({_where(name)}).")
    return path


def _open_staged(staging: Path, relative: PurePosixPath):
    dest = staging.joinpath(*relative.parts)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        return open(dest, "wb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise BackupError(f"Kunde inte packa upp säkerhetskopian: {exc}") from None


def _stage(tar: tarfile.TarFile, manifest: dict, staging: Path) -> None:
    """Extracts every member into `staging` and checks it against the manifest: the same
    set of files, each with its size and sha256."""
    expected = {f["path"]: f for f in manifest["files"]}
    seen = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        relative = _safe_member(member.name)
        entry = expected.get(member.name)
        if entry is None or member.name in seen:
            raise BackupError(
                f"Säkerhetskopian innehåller en fil som manifestet inte nämner "
                f"({_where(member.name)})."
            )
        if not member.isreg():
            raise BackupError(f"Säkerhetskopian innehåller en otillåten post ({member.name}).")
        seen.add(member.name)
        digest, size = hashlib.sha256(), 0
        source = tar.extractfile(member)
        out = _open_staged(staging, relative)
        with out:
            while chunk := source.read(CHUNK):  # a read error: the archive is damaged
                digest.update(chunk)
                size += len(chunk)
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise BackupError(f"Kunde inte packa upp säkerhetskopian: {exc}") from None
        if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            raise BackupError(
                f"Kontrollsumman stämmer inte för {_where(member.name)}: säkerhetskopian är "
                "skadad. Ingenting har ändrats."
            )
    missing = expected.keys() - seen
    if missing:
        first = _where(sorted(missing)[0])
        raise BackupError(
            f"Säkerhetskopian är ofullständig: {files_text(len(missing))} saknas (t.ex. {first})."
        )


def _database_member(manifest: dict) -> str:
    name = "database.sqlite3" if manifest["engine"] == "sqlite" else "database.pgdump"
    if name not in {f["path"] for f in manifest["files"]}:
        raise BackupError("Säkerhetskopian saknar databasen.")
    return name


def _check_sqlite_copy(path: Path) -> None:
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (result,) = copy.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Databasen i säkerhetskopian går inte att läsa ({exc}).") from None
    finally:
        copy.close()
    if result != "ok":
        raise BackupError(f"Databasen i säkerhetskopian är inte hel ({result}).")


def _open_and_stage(archive: Path, staging: Path, engine: str | None = None) -> dict:
    """Reads the manifest, checks that this code and database can take the archive, then
    stages and checks every file; raises BackupError on the first problem."""
    if not archive.is_file():
        raise BackupError(f"Filen {archive} finns inte.")
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            manifest = _read_manifest(tar)
            if engine is not None and manifest["engine"] != engine:
                raise BackupError(
                    f"Säkerhetskopian kommer från {_ENGINE_NAMES[manifest['engine']]} men "
                    f"databasen är {_ENGINE_NAMES[engine]}; restore flyttar inte mellan "
                    "databastyper."
                )
            manifest["pending"] = _migrations_check(manifest)
            _stage(tar, manifest, staging)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(
            f"Säkerhetskopian är skadad eller ofullständig och går inte att läsa ({exc}). "
            "Ingenting har ändrats."
        ) from None
    db_name = _database_member(manifest)
    if manifest["engine"] == "sqlite":
        _check_sqlite_copy(staging / db_name)
    return manifest


def _migrations_check(manifest: dict) -> tuple[str, ...]:
    """Refuses a backup from a newer Trygg (migrations this code does not know); returns
    the migrations the restored database still needs."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    archived = set(manifest.get("migrations") or [])
    unknown = sorted(archived - known)
    if unknown:
        raise BackupError(
            "Säkerhetskopian är gjord med en nyare version av Trygg (okända migreringar: "
            f"{', '.join(unknown[:3])}). Uppdatera Trygg först."
        )
    return tuple(sorted(known - archived))


def backup_verify(archive: Path) -> dict:
    """Reads the whole archive and checks every checksum, touching nothing; returns the
    manifest."""
    staging = Path(tempfile.mkdtemp(prefix=".trygg-verify-"))
    try:
        return _open_and_stage(Path(archive), staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- restore ----------------------------------------------------------------------------


def _tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _media_has_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() for p in root.rglob("*"))


def _restore_sqlite(connection, copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        # The backup API writes the whole database in one transaction on the target: other
        # connections see the old or the new database, never a mix.
        source.backup(connection.connection)
    finally:
        source.close()


def backup_restore(archive: Path, *, using: str = "default", replace: bool = False):
    """Restores an archive into the database `using` and MEDIA_ROOT. The target must be
    empty (no tables, no files) unless `replace`. Every checksum is checked in a staging
    folder first; the files are swapped in by renaming and put back if the database fails."""
    started = time.monotonic()
    archive = Path(archive)
    connection = connections[using]
    engine = _engine(connection)
    media = Path(settings.MEDIA_ROOT)
    if not replace:
        tables = _tables(connection)
        if tables:
            raise BackupError(
                f"Databasen är inte tom ({len(tables)} tabeller, t.ex. {sorted(tables)[0]}). "
                "Återställ till en tom databas (även en nyss migrerad räknas som icke tom), "
                "eller ange --replace för att ersätta allt innehåll."
            )
        if _media_has_files(media):
            raise BackupError(
                f"Mappen för uppladdade filer ({media}) innehåller redan filer. Töm den, eller "
                "ange --replace för att ersätta dem."
            )
    media.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    # Beside MEDIA_ROOT, so the swap is a rename on one file system.
    staging = media.parent / f".trygg-restore-{token}"
    staging.mkdir(mode=0o700)
    old = media.parent / f".{media.name}-före-återställning-{token}"
    try:
        manifest = _open_and_stage(archive, staging, engine)
        db_copy = staging / _database_member(manifest)
        staged_media = staging / "media"
        staged_media.mkdir(exist_ok=True)
        if engine == "postgresql":
            tools = pgtools.tools_for(connection)  # a version mismatch stops us here
        if media.exists():
            media.rename(old)
        staged_media.rename(media)
        try:
            if engine == "sqlite":
                _restore_sqlite(connection, db_copy)
            else:
                pgtools.restore(connection, db_copy, tools=tools, replace=replace)
        except BaseException:
            shutil.rmtree(media, ignore_errors=True)
            if old.exists():
                old.rename(media)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    files = len(manifest["files"]) - 1
    audit_log(
        event="core.backup_restored",
        summary=f"Återställd från säkerhetskopia skapad {manifest['created_at']} "
        f"({files_text(files)})",
        data={"kind": "restore", "created_at": manifest["created_at"], "files": files},
        using=using,
    )
    logger.info("Säkerhetskopia återställd: %s", files_text(files))
    return RestoreResult(
        manifest["created_at"], files, manifest["pending"], time.monotonic() - started
    )
