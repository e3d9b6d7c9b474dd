"""The reference views of bench_intake and the URLconf that adds them to Trygg's own.

- `GET /bench/select1`: one `SELECT 1` and a small JSON answer, the floor of any request
  (`/healthz` was that until it began writing a heartbeat row).
- `POST /bench/insert`: reads the same JSON body as `POST /api/reports` and stores one row of
  the same width in one transaction: the database's own write cost for a report. The rows go
  into `bench_report_row`, created like `reports_report` (`CREATE TABLE … AS SELECT * …
  WHERE 1=0`: the same columns, no index or constraint); the values are those of the
  template report that bench_intake's setup stores, with the client's UUID.
  `?indexed=1` writes to `bench_report_row_indexed` instead, a full copy of `reports_report`
  (primary key, unique, foreign-key and check constraints, every index), to show what the
  constraints and index updates cost.
"""

import json
import uuid

from django.db import connection, transaction
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from trygg.urls import handler500  # noqa: F401 - handler500
from trygg.urls import urlpatterns as trygg_urlpatterns

TABLES = {False: "bench_report_row", True: "bench_report_row_indexed"}
_template: dict[str, object] = {}


def select1(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


def _row_template() -> tuple[list[str], list[object], int]:
    """Columns and values of the template report, read once per worker; the UUID's index."""
    if not _template:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM reports_report ORDER BY id LIMIT 1")
            row = cursor.fetchone()
            # Without the id: the indexed copy numbers its rows itself, as reports_report does.
            pairs = [(d[0], v) for d, v in zip(cursor.description, row, strict=True)]
            columns = [c for c, _v in pairs if c != "id"]
            values = [v for c, v in pairs if c != "id"]
        _template.update(columns=columns, values=values, uuid=columns.index("uuid"))
    return _template["columns"], _template["values"], _template["uuid"]


@csrf_exempt
def insert(request):
    body = json.loads(request.body)
    columns, values, uuid_at = _row_template()
    client_uuid = uuid.UUID(body["uuid"])
    row = list(values)
    # The same representation the template came back in: uuid on PostgreSQL, hex on SQLite.
    row[uuid_at] = client_uuid if isinstance(values[uuid_at], uuid.UUID) else client_uuid.hex
    placeholders = []
    for i, value in enumerate(row):
        if isinstance(value, dict | list):  # jsonb on PostgreSQL
            row[i] = json.dumps(value)
            placeholders.append("%s::jsonb")
        else:
            placeholders.append("%s")
    table = TABLES[request.GET.get("indexed") == "1"]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(placeholders)})"  # noqa: S608 - fixed names
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, row)
    return JsonResponse({"uuid": str(client_uuid)}, status=201)


urlpatterns = [
    path("bench/select1", select1),
    path("bench/insert", insert),
    *trygg_urlpatterns,
]
