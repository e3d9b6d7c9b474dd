"""Draws the installable app's icons (trygg/static/trygg/icons/): a white "T" on the brand
colour, plain and maskable (the maskable one keeps the letter inside the 80 % safe zone).
Run with the project's Python when the brand changes: `.venv/bin/python scripts/make-icons.py`."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "trygg" / "static" / "trygg" / "icons"
FONT = next((ROOT / "trygg" / "documents" / "fonts").glob("*Bold*.ttf"))
BRAND = "#0b4f8a"


def icon(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGB", (size, size), BRAND)
    draw = ImageDraw.Draw(image)
    if not maskable:
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BRAND)
    font = ImageFont.truetype(str(FONT), int(size * (0.5 if maskable else 0.66)))
    draw.text((size / 2, size / 2), "T", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
