"""The report list's pages keep every filter, a repeated one too, on every page."""

import re
from html import unescape

from django.urls import reverse

from tests.helpers import category, make_report
from trygg.core.models import Role
from trygg.reports.views import PAGE_SIZE


def _next_link(page: str) -> str:
    return unescape(re.search(r'<a href="([^"]+)">Nästa</a>', page).group(1))


def test_a_repeated_category_filter_survives_to_page_two(client, users, koping):
    for _ in range(PAGE_SIZE):
        make_report(koping, "klotter")
    make_report(koping, "belysning")
    make_report(koping, "inbrott")  # in neither chosen category
    graffiti, lighting = category(koping, "klotter").pk, category(koping, "belysning").pk
    client.force_login(users[Role.SAMORDNARE])
    listing = reverse("reports:list")
    first = client.get(listing, {"kategori": [graffiti, lighting]}).content.decode()
    assert f"{PAGE_SIZE + 1} rapporter" in first
    link = _next_link(first)
    assert link == f"?kategori={graffiti}&kategori={lighting}&sida=2"
    second = client.get(listing + link).content.decode()
    assert f"{PAGE_SIZE + 1} rapporter" in second
    assert "Sida 2 av 2" in second
    assert re.findall(r'<a href="([^"]+)">Föregående</a>', second) == [
        f"?kategori={graffiti}&amp;kategori={lighting}&amp;sida=1"
    ]


def test_saving_a_filter_keeps_a_repeated_category(client, users, koping):
    graffiti, lighting = category(koping, "klotter").pk, category(koping, "belysning").pk
    make_report(koping, "klotter")
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(
        reverse("reports:list"), {"kategori": [graffiti, lighting], "sida": 1}
    ).content.decode()
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="(\d+)">', page)
    assert hidden == [("kategori", str(graffiti)), ("kategori", str(lighting))]
