"""Run by bench_exports in its own process, for one database (TRYGG_DATABASE_URL, chosen
before Django starts). Loads the demo municipality, copies its reports (with their areas)
up to N, then times, as an analyst of Köping:

- the CSV export (exports.csv_lines, every line produced),
- the reference: the export's own SELECT on the driver's bare cursor, its rows written by
  `csv.writer` to a string buffer,
- the XLSX export (exports.write_xlsx into memory).

Prints one JSON line with the figures last."""

import csv
import io
import json
import os
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from trygg.core.models import Municipality, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.reports import exports, selectors  # noqa: E402
from trygg.reports.models import Report  # noqa: E402


def setup(n: int) -> Municipality:
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    koping = Municipality.objects.get(slug="koping")
    with scopes_disabled():  # bench setup, no request
        demo = list(Report.objects.filter(municipality=koping).prefetch_related("areas"))
        through = Report.areas.through
        while Report.objects.filter(municipality=koping).count() < n:
            need = n - Report.objects.filter(municipality=koping).count()
            batch = demo[:need]
            copies = []
            for r in batch:
                c = Report(
                    **{f.attname: getattr(r, f.attname) for f in Report._meta.concrete_fields}
                )
                c.pk, c.uuid, c.external_id, c.tracking_code = None, uuid.uuid4(), "", None
                copies.append(c)
            made = Report.objects.bulk_create(copies, batch_size=2000)
            through.objects.bulk_create(
                [
                    through(report_id=c.pk, area_id=a.pk)
                    for c, r in zip(made, batch, strict=True)
                    for a in r.areas.all()
                ],
                batch_size=5000,
            )
    return koping


def main(n: int) -> None:
    koping = setup(n)
    viewer = Viewer(municipality=koping, roles=frozenset({Role.ANALYTIKER}))
    with scopes_disabled():  # the export's own selector scopes by the viewer's municipality
        qs = selectors.report_list(viewer=viewer, filters=selectors.ReportFilter.from_query({}))
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            size = sum(len(line) for line in exports.csv_lines(viewer=viewer, reports=qs, count=0))
        csv_s = time.perf_counter() - t
        select = max((q["sql"] for q in ctx.captured_queries), key=len)
        # PostgreSQL's iterator runs it through a server-side cursor (DECLARE … FOR SELECT).
        select = select[select.index("SELECT") :]

        connection.ensure_connection()
        cursor = connection.connection.cursor()
        t = time.perf_counter()
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(exports.HEADERS)
        cursor.execute(select)
        rows = 0
        while chunk := cursor.fetchmany(2000):
            writer.writerows(chunk)
            rows += len(chunk)
        ref_s = time.perf_counter() - t
        cursor.close()

        t = time.perf_counter()
        xlsx_rows = exports.write_xlsx(viewer=viewer, reports=qs, out=io.BytesIO())
        xlsx_s = time.perf_counter() - t
    print(
        json.dumps(
            {
                "rows": rows,
                "xlsx_rows": xlsx_rows,
                "csv_s": csv_s,
                "ref_s": ref_s,
                "xlsx_s": xlsx_s,
                "csv_bytes": size,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
