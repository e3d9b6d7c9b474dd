"""Photos from phones: verified, EXIF (GPS included) removed, re-encoded and resized."""

from io import BytesIO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC from iPhones, when the wheel is there.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover
    pass

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2048
THUMB_SIDE = 320
MAX_PIXELS = 60_000_000


def clean_photo(data: bytes) -> bytes:
    """Returns a new JPEG without metadata, at most MAX_SIDE px; refuses non-images."""
    if len(data) > MAX_BYTES:
        raise ValidationError("Bilden är större än 10 MB.")
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError("Bilden har för många bildpunkter.")
            probe.verify()
        with Image.open(BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img)
            img = img.convert("RGB")
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            # Pasting into a fresh image drops every metadata block, GPS included.
            clean = Image.new("RGB", img.size)
            clean.paste(img)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            "Filen är ingen bild som kan läsas (JPEG, PNG, WebP eller HEIC)."
        ) from None
    out = BytesIO()
    clean.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def thumbnail(data: bytes) -> bytes:
    with Image.open(BytesIO(data)) as img:
        img = img.convert("RGB")
        img.thumbnail((THUMB_SIDE, THUMB_SIDE))
        out = BytesIO()
        img.save(out, "JPEG", quality=80)
    return out.getvalue()


def dimensions(data: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(data)) as img:
        return img.size
