"""Excel uploads are checked before they are opened (zip bombs); photos have a pixel limit."""

import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook
from PIL import Image

from trygg.core.models import Role
from trygg.reports import images
from trygg.reports.models import ImportJob
from trygg.reports.tabular import TabularError, read_table

MB = 1024 * 1024


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive from already deflated members (name, data, crc, size), written by hand
    so a member can expand to hundreds of MB without this test compressing them."""
    out, central = io.BytesIO(), []
    for name, data, crc, size in members:
        offset, raw_name = out.tell(), name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(raw_name),
                0,
            )  # fmt: skip
            + raw_name
            + data
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + raw_name
        )
    start, directory = out.tell(), b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0
        )
    )
    return out.getvalue()


def _member(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    return name, _deflate(data), zlib.crc32(data), len(data)


def _expanding(name: str, head: bytes, tail: bytes, megabytes: int) -> tuple[str, bytes, int, int]:
    """A member of `head`, `megabytes` MB of spaces (valid XML whitespace) and `tail`. After a
    full flush deflate forgets its history, so every 1 MB block compresses to the same ~1 KB
    and is written once, repeated; only its CRC is computed over the whole."""
    block = b" " * MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    repeated = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return name, first + repeated * megabytes + last, crc, len(head) + megabytes * MB + len(tail)


def _workbook_members() -> list[tuple[str, bytes]]:
    workbook = Workbook()
    workbook.active.append(["Extern id", "Datum", "Kategori"])
    workbook.active.append(["1", "2026-05-01", "klotter"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    archive = zipfile.ZipFile(buffer)
    return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_bomb(megabytes: int = 400) -> bytes:
    """A real .xlsx whose sheet XML expands to `megabytes` MB (409 KB for 400 MB, as in the
    issue, where opening one drove a worker past 10 GB)."""
    members = []
    for name, data in _workbook_members():
        if name == "xl/worksheets/sheet1.xml":
            split = data.index(b"</sheetData>")
            members.append(_expanding(name, data[:split], data[split:], megabytes))
        else:
            members.append(_member(name, data))
    return _zip(members)


def test_the_zip_bomb_is_a_small_file_that_declares_hundreds_of_megabytes():
    bomb = zip_bomb()
    archive = zipfile.ZipFile(io.BytesIO(bomb))
    sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert len(bomb) < 450 * 1024
    assert sheet.file_size > 400 * MB
    with archive.open(sheet) as member:
        assert member.read(10) == b"<worksheet"


def test_zip_bomb_is_refused_before_it_is_opened_in_little_time_and_memory():
    bomb = zip_bomb()
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(TabularError) as refused:
        read_table(bomb, "rapporter.xlsx")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(refused.value) == (
        "Excelfilen blir 400 MB uppackad, högst 100 MB går att läsa. Dela upp filen eller "
        "spara den som CSV."
    )
    assert elapsed < 0.5
    assert peak < 5 * MB


@pytest.mark.parametrize(
    "members, message",
    [
        (
            [_member(f"xl/media/{n}.xml", b"<a/>") for n in range(1001)],
            "Excelfilen innehåller för många delar (1001, högst 1000); den kan inte vara ett "
            "vanligt kalkylark.",
        ),
        (
            [_expanding("xl/worksheets/sheet1.xml", b"<a>", b"</a>", 5)],
            "Excelfilen är packad orimligt hårt (mer än 100 gånger) och läses inte. Spara den "
            "på nytt från kalkylprogrammet eller som CSV.",
        ),
        (
            [_expanding("xl/worksheets/sheet1.xml", b"<a>", b"</a>", 101)],
            "Excelfilen blir 101 MB uppackad, högst 100 MB går att läsa. Dela upp filen eller "
            "spara den som CSV.",
        ),
    ],
    ids=["too-many-members", "ratio", "uncompressed-size"],
)
def test_suspicious_archives_get_a_swedish_reason(members, message):
    with pytest.raises(TabularError) as refused:
        read_table(_zip(members), "x.xlsx")
    assert str(refused.value) == message


def test_damaged_zip_is_refused_as_damaged():
    with pytest.raises(TabularError) as refused:
        read_table(b"PK\x03\x04" + b"\x00" * 100, "x.xlsx")
    assert str(refused.value) == "Excelfilen kunde inte läsas; den kan vara skadad."


def test_an_ordinary_workbook_written_by_hand_still_reads():
    raw = _zip([_member(name, data) for name, data in _workbook_members()])
    table = read_table(raw, "x.xlsx")
    assert table.headers == ["Extern id", "Datum", "Kategori"]
    assert table.rows == [["1", "2026-05-01", "klotter"]]


def test_import_page_refuses_a_zip_bomb_with_a_form_error_and_stores_nothing(client, users):
    client.force_login(users[Role.ANALYTIKER])
    response = client.post(
        reverse("reports:import"),
        {"kind": "tabell", "file": SimpleUploadedFile("rapporter.xlsx", zip_bomb())},
    )
    assert response.status_code == 200
    assert "Excelfilen blir 400 MB uppackad" in response.content.decode()
    with scopes_disabled():
        assert ImportJob.objects.count() == 0


def test_import_page_showing_columns_of_a_stored_zip_bomb_does_not_open_it(client, users, koping):
    # A file stored before the check existed: the mapping page reads it for its columns.
    with scopes_disabled():
        job = ImportJob(
            municipality=koping,
            kind=ImportJob.Kind.TABELL,
            filename="rapporter.xlsx",
            created_by=users[Role.ANALYTIKER],
            status=ImportJob.Status.VANTAR,
        )
        job.file.save("rapporter.xlsx", ContentFile(zip_bomb()), save=False)
        job.save()
    client.force_login(users[Role.ANALYTIKER])
    started = time.perf_counter()
    response = client.get(reverse("reports:import_detail", args=[job.pk]))
    assert time.perf_counter() - started < 2
    page = response.content.decode()
    assert response.status_code == 200
    assert "Excelfilen blir 400 MB uppackad" in page
    assert "Vilken kolumn är vilket fält?" not in page
    assert "data-status-url" not in page


def test_import_form_names_its_size_limit(client, users, settings):
    settings.IMPORT_MAX_MB = 1
    client.force_login(users[Role.ANALYTIKER])
    response = client.post(
        reverse("reports:import"),
        {"kind": "polisen", "file": SimpleUploadedFile("e.json", b"[" + b" " * MB + b"]")},
    )
    assert "Filen är större än 1 MB." in response.content.decode()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "width, height, refused",
    [(9000, 7000, True), (4000, 3000, False)],
    ids=["63-megapixels-refused", "12-megapixels-decoded"],
)
def test_photos_are_decoded_only_below_the_pixel_limit(width, height, refused):
    # The limit is 60 M pixels; a flat PNG of 63 M pixels is a few KB, decoded it is 189 MB.
    raw = _png(width, height)
    assert len(raw) < 100_000
    if refused:
        with pytest.raises(ValidationError) as error:
            images.clean_photo(raw)
        assert error.value.messages == ["Bilden har för många bildpunkter."]
    else:
        assert images.dimensions(images.clean_photo(raw)) == (2048, 1536)
