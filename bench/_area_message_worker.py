"""Run by bench_area_message in its own process (scratch SQLite, locmem mail, the memory SMS
gateway): one area message to 200 ombud (each with e-mail and mobile number, so 400
deliveries) through the worker's code path, against the same number of plain mail_send
calls of the same template, measured side by side."""

import json
import os
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
settings.SMS_BACKEND = "trygg.programmes.sms.MemoryGateway"
django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from trygg.core.jobs import job_claim  # noqa: E402
from trygg.core.mail import absolute_url, mail_send  # noqa: E402
from trygg.core.models import Municipality, Organisation, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.geo.models import Area  # noqa: E402
from trygg.programmes import sms  # noqa: E402
from trygg.programmes.models import (  # noqa: E402
    AreaMessage,
    NeighbourhoodArea,
    Ombud,
    Programme,
    ProgrammeKind,
)
from trygg.programmes.services.neighbourhood import (  # noqa: E402
    area_message_deliver,
    area_message_send,
)


def setup(n: int):
    call_command("migrate", verbosity=0)
    mail.outbox = []
    with scopes_disabled():  # bench setup, no request
        m = Municipality.objects.create(name="Köping", kommunkod="1983", slug="koping")
        owner = Organisation.objects.create(municipality=m, name="Säkerhetsavdelningen")
        programme = Programme.objects.create(
            municipality=m,
            kind=ProgrammeKind.GRANNSAMVERKAN,
            goal="G1",
            name="GS",
            owner=owner,
            start=date(2025, 1, 1),
        )
        areas = []
        for i in range(4):
            lon, lat, d = 15.99 + 0.03 * i, 59.51, 0.01
            ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat - d]]
            geo = Area.objects.create(
                municipality=m,
                name=f"Område {i}",
                kind="egen",
                geometry={"type": "Polygon", "coordinates": [ring]},
                min_lon=lon - d,
                min_lat=lat - d,
                max_lon=lon + d,
                max_lat=lat + d,
            )
            areas.append(
                NeighbourhoodArea.objects.create(
                    municipality=m,
                    programme=programme,
                    name=f"GS {i}",
                    area=geo,
                    started_on=date(2025, 1, 1),
                )
            )
        Ombud.objects.bulk_create(
            Ombud(
                municipality=m,
                area=areas[i % 4],
                name=f"Ombud {i}",
                email=f"ombud{i}@example.org",
                phone=f"+467017{i:05d}",
            )
            for i in range(n)
        )
    return m, areas


def main(n: int) -> None:
    m, areas = setup(n)
    viewer = Viewer(municipality=m, roles=frozenset({Role.POLIS}))
    with scope(municipality=m):
        started = time.perf_counter()
        message = area_message_send(
            viewer=viewer,
            areas=areas,
            subject="Inbrott i villor",
            body="Flera inbrott i villor kring Storgatan i natt. Lås dörrar och fönster.",
        )
        send_s = time.perf_counter() - started
        AreaMessage.objects.filter(pk=message.pk).update(queued_at=message.queued_at)
        claimed = job_claim(AreaMessage, message.pk)
        started = time.perf_counter()
        area_message_deliver(claimed)
        deliver_s = time.perf_counter() - started
        deliveries = claimed.total
        link = absolute_url("programmes:neighbourhood_message_public", message.token)
        mails_before = len(mail.outbox)
        started = time.perf_counter()
        for i in range(deliveries):
            mail_send(
                template="programmes/neighbourhood_message_mail",
                context={"message": message, "link": link},
                to=[f"ombud{i}@example.org"],
            )
        plain_s = time.perf_counter() - started
    assert len(mail.outbox) - mails_before == deliveries
    print(
        json.dumps(
            {
                "ombud": n,
                "deliveries": deliveries,
                "sms": len(sms.MemoryGateway.outbox),
                "send_s": send_s,
                "deliver_s": deliver_s,
                "plain_s": plain_s,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
