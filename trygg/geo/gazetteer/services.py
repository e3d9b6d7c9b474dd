"""Writes for the gazetteer: the address register replaced from a file (directly, or by
the task worker from an upload) and place names loaded from a CSV. Each is all or nothing,
checks permission and writes its audit row in the same transaction."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trygg.core.jobs import job_enqueue
from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from ..geojson import SWEREF99TM, WGS84
from ..models import Address, AddressImportJob, PlaceName
from . import addresses, index
from .text import normalise

Format = AddressImportJob.Format
_CRS = {Format.CSV: None, Format.CSV_SWEREF: SWEREF99TM, Format.CSV_WGS84: WGS84}
BATCH = 2000


@dataclass(frozen=True)
class RegisterResult:
    imported: int
    replaced: int
    duplicates: int
    crs: str


def parse_address_file(raw: bytes | str, fmt: str) -> addresses.ParsedAddresses:
    """The file's addresses, or a ValidationError with every problem (nothing is stored)."""
    if fmt not in Format.values:
        raise ValidationError({"format": ["Välj ett filformat."]})
    try:
        if fmt == Format.GEOJSON:
            return addresses.parse_geojson(raw)
        return addresses.parse_csv(raw, crs=_CRS[fmt])
    except addresses.AddressFileError as exc:
        raise ValidationError(exc.problems) from None


def address_register_replace(
    *, viewer: Viewer, raw: bytes | str, fmt: str, job: AddressImportJob | None = None
) -> RegisterResult:
    """Replaces the municipality's whole address register with the file's addresses, or
    changes nothing when any row is malformed."""
    require(viewer, "geo.manage_areas")
    parsed = parse_address_file(raw, fmt)
    municipality = viewer.municipality
    with transaction.atomic():
        replaced, _ = Address.objects.filter(municipality=municipality).delete()
        for start in range(0, len(parsed.rows), BATCH):
            Address.objects.bulk_create(
                [
                    Address(municipality=municipality, **row.__dict__)
                    for row in parsed.rows[start : start + BATCH]
                ]
            )
            if job is not None:
                job.processed = min(len(parsed.rows), start + BATCH)
                job.heartbeat_at = timezone.now()
                job.save(update_fields=["processed", "heartbeat_at"])
        audit(
            viewer,
            "geo.addresses_imported",
            job,
            summary=f"Adressregistret ersatt: {len(parsed.rows)} adresser",
            imported=len(parsed.rows),
            replaced=replaced,
            duplicates=parsed.duplicates,
            crs=parsed.crs,
        )
    index.invalidate(municipality.pk)
    return RegisterResult(len(parsed.rows), replaced, parsed.duplicates, parsed.crs)


def address_import_start(
    *, viewer: Viewer, filename: str, content: bytes, fmt: str
) -> AddressImportJob:
    """Stores an upload and queues its import. The file is checked first, so a malformed
    one is refused on the page with its problems and never stored."""
    require(viewer, "geo.manage_areas")
    parsed = parse_address_file(content, fmt)
    job = AddressImportJob(
        municipality=viewer.municipality,
        format=fmt,
        filename=filename[:255],
        total=len(parsed.rows),
        created_by=viewer.user,
    )
    with transaction.atomic():
        job.file.save(filename, ContentFile(content), save=False)
        job.save()
        audit(
            viewer,
            "geo.addresses_uploaded",
            job,
            summary="Adressfil uppladdad",
            format=fmt,
            rows=len(parsed.rows),
        )
        from ..tasks import run_address_import

        job_enqueue(job, run_address_import)
    return job


def address_import_run(job: AddressImportJob, viewer: Viewer) -> AddressImportJob:
    """The worker's part: reads the stored upload and replaces the register with it."""
    with job.file.open("rb") as fh:
        raw = fh.read()
    try:
        result = address_register_replace(viewer=viewer, raw=raw, fmt=job.format, job=job)
    except ValidationError as exc:
        job.status, job.message = AddressImportJob.Status.MISSLYCKAD, " ".join(exc.messages)
    else:
        job.status = AddressImportJob.Status.KLAR
        job.imported_count = result.imported
        job.message = (
            f"{result.imported} adresser importerade; de {result.replaced} tidigare ersattes."
        )
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "imported_count", "finished_at"])
    return job


def place_names_import(*, viewer: Viewer, raw: bytes | str, source: str = "") -> int:
    """Loads names without coordinates from a CSV with the columns `namn` and `typ`
    (`gata/väg` or `område/ort`, as in the list of names seen in Police notices); a name
    already there keeps its row. A file with a bad row changes nothing."""
    require(viewer, "geo.manage_areas")
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"namn", "typ"} <= set(reader.fieldnames):
        raise ValidationError(["Platsnamnsfilen ska ha kolumnerna namn och typ."])
    kinds = {"gata/väg": PlaceName.Kind.GATA, "område/ort": PlaceName.Kind.ORT}
    kinds |= {k.value: k for k in PlaceName.Kind}
    names: dict[str, tuple[str, str]] = {}
    problems = []
    for line, row in enumerate(reader, start=2):
        name, kind = (row.get("namn") or "").strip(), kinds.get((row.get("typ") or "").strip())
        if not name or kind is None:
            problems.append(f"Rad {line}: namn saknas eller typen är okänd.")
            continue
        names.setdefault(normalise(name), (name[:200], kind))
    if problems:
        raise ValidationError(["Filen importerades inte.", *problems[:20]])
    municipality = viewer.municipality
    with transaction.atomic():
        have = {
            normalise(n)
            for n in PlaceName.objects.filter(municipality=municipality).values_list(
                "name", flat=True
            )
        }
        new = [
            PlaceName(municipality=municipality, name=name, kind=kind, source=source[:100])
            for key, (name, kind) in names.items()
            if key not in have
        ]
        PlaceName.objects.bulk_create(new)
        audit(
            viewer,
            "geo.place_names_imported",
            summary=f"{len(new)} platsnamn importerade",
            created=len(new),
        )
    index.invalidate(municipality.pk)
    return len(new)
