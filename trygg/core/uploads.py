"""Checks on uploaded ZIP archives (Excel .xlsx files are ZIP) before anything opens them.

A 409 KB .xlsx whose shared-strings member expands to 400 MB drove a worker past 10 GB
when openpyxl opened it. Only the central directory is read here, never a member: Python's
zipfile (which openpyxl uses) stops each member at its declared size and fails its CRC when
the data says otherwise, so the declared sizes are the sizes that can come out."""

import io
import zipfile

from django.conf import settings

MB = 1024 * 1024
# Below this a member's ratio says nothing: a small XML file of repeated tags compresses
# 50:1 and is harmless. Real Excel files measured 5–14:1 overall (50,000 rows).
RATIO_FLOOR_BYTES = 1 * MB


class UploadRejected(ValueError):
    """The file is refused; the message is Swedish and shown to the user."""


def check_zip(raw: bytes, *, what: str = "Excelfilen") -> None:
    """Raises UploadRejected unless the archive's size, member count, total uncompressed size
    and compression ratio are within the configured limits."""
    max_bytes = settings.MAX_REQUEST_MB * MB
    if len(raw) > max_bytes:
        raise UploadRejected(f"{what} är större än {settings.MAX_REQUEST_MB} MB.")
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UploadRejected(f"{what} kunde inte läsas; den kan vara skadad.") from None
    if len(members) > settings.XLSX_MAX_MEMBERS:
        raise UploadRejected(
            f"{what} innehåller för många delar ({len(members)}, högst "
            f"{settings.XLSX_MAX_MEMBERS}); den kan inte vara ett vanligt kalkylark."
        )
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > settings.XLSX_MAX_UNCOMPRESSED_MB * MB:
        raise UploadRejected(
            f"{what} blir {unpacked // MB} MB uppackad, högst "
            f"{settings.XLSX_MAX_UNCOMPRESSED_MB} MB går att läsa. Dela upp filen eller spara "
            "den som CSV."
        )
    ratio = settings.XLSX_MAX_RATIO
    suspicious = unpacked > RATIO_FLOOR_BYTES and unpacked > ratio * max(packed, 1)
    suspicious |= any(
        m.file_size > RATIO_FLOOR_BYTES and m.file_size > ratio * max(m.compress_size, 1)
        for m in members
    )
    if suspicious:
        raise UploadRejected(
            f"{what} är packad orimligt hårt (mer än {ratio} gånger) och läses inte. Spara "
            "den på nytt från kalkylprogrammet eller som CSV."
        )
