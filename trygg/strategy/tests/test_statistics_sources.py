"""Official statistics are shared read-only and come from a source file an operator loads;
a municipality's upload is its own and never changes another's figures or the shared ones."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.helpers import make_member, make_organisation
from trygg.core.audit import AuditEvent
from trygg.core.models import Municipality, Role
from trygg.strategy.models import CrimeStatistic

ROW = "Totalt antal anmälda brott"
SOURCE = (
    "geografi,enhet,ar,variabel,varde,kalla\n"
    f"Ludvika,Antal per 100 000 inv,2024,{ROW},8000,Anmälda brott\n"
    f"Dalarnas län,Antal per 100 000 inv,2024,{ROW},9000,Anmälda brott\n"
    f"Hela landet,Antal per 100 000 inv,2024,{ROW},14000,Anmälda brott\n"
    f"Östersund,Antal per 100 000 inv,2024,{ROW},12000,Anmälda brott\n"
)
# Östersund's samordnare uploads a file that also has Ludvika's, the county's and the
# national figure (the case in issue 14).
UPLOAD = (
    "geografi;enhet;ar;variabel;varde;kalla\n"
    f"Ludvika;Antal per 100 000 inv;2024;{ROW};1;Anmälda brott\n"
    f"Dalarnas län;Antal per 100 000 inv;2024;{ROW};2;Anmälda brott\n"
    f"Hela landet;Antal per 100 000 inv;2024;{ROW};3;Anmälda brott\n"
    f"Östersund;Antal per 100 000 inv;2024;{ROW};12500;Anmälda brott\n"
).encode()


def _samordnare(name, kommunkod, county):
    municipality = Municipality.objects.create(
        name=name, kommunkod=kommunkod, county_code=county, slug=name.lower()
    )
    org = make_organisation(municipality, "Säkerhet")
    return municipality, make_member(name.lower(), org, Role.SAMORDNARE)


def _figures(client):
    page = client.get(reverse("strategy:statistics")).content.decode()
    row = page.split('<th scope="row">2024</th>', 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1] for cell in row.split("</td>")[:3]]


def test_an_upload_stays_its_municipalitys_own_and_the_source_stays_shared(client, db, tmp_path):
    source = tmp_path / "bra.csv"
    source.write_text(SOURCE, encoding="utf-8")
    call_command("load_statistics", str(source), "--dataset", "bra-kommunindikatorer")
    ludvika, ludvika_user = _samordnare("Ludvika", "2085", "20")
    ostersund, ostersund_user = _samordnare("Östersund", "2380", "23")

    client.force_login(ostersund_user)
    client.post(
        reverse("strategy:statistics"),
        {"layout": "indikatorer", "file": SimpleUploadedFile("s.csv", UPLOAD)},
    )
    # Östersund sees its own upload for itself, the shared source for the country.
    assert _figures(client) == ["12\u00a0500", "–", "14\u00a0000"]

    client.force_login(ludvika_user)
    assert _figures(client) == ["8\u00a0000", "9\u00a0000", "14\u00a0000"]
    assert CrimeStatistic.objects.filter(value__lt=10).count() == 0
    with scopes_disabled():  # reading both tenants' logs
        logged = list(
            AuditEvent.objects.filter(event="strategy.statistics_imported").values_list(
                "municipality", flat=True
            )
        )
    assert logged == [ostersund.pk]


def test_reloading_a_source_replaces_its_rows(db, tmp_path):
    source = tmp_path / "bra.csv"
    source.write_text(SOURCE, encoding="utf-8")
    call_command("load_statistics", str(source))
    source.write_text(SOURCE.replace("14000", "14100"), encoding="utf-8")
    call_command("load_statistics", str(source))
    assert CrimeStatistic.objects.get(region_code="00").value == 14100.0
    assert CrimeStatistic.objects.count() == 4
    assert AuditEvent.objects.filter(event="strategy.official_statistics_loaded").count() == 2
