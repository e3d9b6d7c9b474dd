"""The Police's crime file per DeSO: summed per DeSO, offence group and year, shown per DeSO
and district per 1,000 inhabitants, with cells under 5 hidden from roles without the file."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.audit import AuditEvent
from trygg.core.models import Role
from trygg.strategy import desostats, selectors, services
from trygg.strategy.models import DesoCrimeCount

HEADER = (
    "LPO/Sektion nivå 4 brottsplats,Län,Kommunnamn,Kommunkod,desokod,Brottskod,"
    "Brottskod text,Inskr år,Inskr årmånad,Inskrivningsdatum,Brottsdatum från,"
    "Brottsdatum till,antal_brott,kallfil,regsonamn\n"
)


def police_row(deso, code, year, count, kommunkod="1983"):
    return (
        f"LPO Köping,Västmanland,Köping,{kommunkod},{deso},{code},text,{year},{year}01,"
        f"{year}-01-02,-,-,{count},Brottsstatistik_Koping_{year}12.csv,x\n"
    )


# 1201 is skadegörelse, 821 inbrott (tillgrepp), 9999 no code in the key.
FILE = (
    HEADER
    + police_row("1983C1050", 1201, 2024, 30)
    + police_row("1983C1050", 1201, 2024, 10)
    + police_row("1983C1050", 821, 2024, 2)
    + police_row("1983C1060", 821, 2024, 12)
    + police_row("1983C1060", 9999, 2024, 1)
    + police_row("1983C1050", 1201, 2023, 7)
    + police_row("1984A0010", 1201, 2024, 3, kommunkod="1984")
).encode()


def test_the_file_is_summed_per_deso_offence_group_and_year():
    counts, errors = desostats.parse_police_deso(FILE, kommunkod="1983")
    assert [(c.deso, c.year, c.group, c.count) for c in counts] == [
        ("1983C1050", 2023, "Skadegörelsebrott", 7),
        ("1983C1050", 2024, "Skadegörelsebrott", 40),
        ("1983C1050", 2024, "Tillgreppsbrott (exkl i butik)", 2),
        ("1983C1060", 2024, "Tillgreppsbrott (exkl i butik)", 12),
        ("1983C1060", 2024, "Övriga brott (okänd brottskod)", 1),
    ]
    assert [e.message for e in errors] == ["Rad 8: raden gäller en annan kommun (1984)."]


def test_a_semicolon_file_without_the_columns_names_its_separator():
    try:
        desostats.parse_police_deso(b"deso;antal\n1983C1050;1\n", kommunkod="1983")
    except ValueError as exc:
        message = str(exc)
    assert message == (
        "Kolumnerna desokod, Brottskod, Inskr år och antal_brott krävs. Filen lästes med "
        "semikolon som avgränsare och har kolumnerna: deso, antal."
    )


def _setup(koping, tmp_path):
    make_area(koping, "Centrum", kind="stadsdel", lon=16.0, lat=59.5, d=0.05)
    for code, lon in (("1983C1050", 15.98), ("1983C1060", 16.02)):
        area = make_area(koping, f"Köping {code[-4:]}", kind="deso", lon=lon, lat=59.5, d=0.01)
        with scopes_disabled():  # test setup: the DeSO code the import joins on
            area.code = code
            area.save(update_fields=["code"])
    population = tmp_path / "bef.csv"
    population.write_text(
        "desokod,region,Kommunkod,Kommunnamn,år,bef\n"
        "1983C1050,1983C1050,1983,Köping,2024,2000.0\n"
        "1983C1060,1983C1060,1983,Köping,2023,1000.0\n",
        encoding="utf-8",
    )
    call_command("load_statistics", str(population), "--format", "befolkning-deso")


def test_samordnare_imports_and_sees_every_count_per_deso_and_district(
    client, users, koping, tmp_path
):
    _setup(koping, tmp_path)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("strategy:statistics")
    for _ in range(2):  # a second import of the same file changes nothing
        page = client.post(
            url, {"layout": "polisen-deso", "file": SimpleUploadedFile("p.csv", FILE)}
        ).content.decode()
    assert "5 värden importerades." in page
    with scopes_disabled():  # only Köping's rows exist
        assert DesoCrimeCount.objects.filter(municipality=koping).count() == 5
    page = client.get(url).content.decode()
    assert "55 brott registrerade 2024" in page
    # Centrum: 55 offences among 3,000 inhabitants = 18.3 per 1,000; DeSO 1050: 42 / 2,000.
    assert (
        '<td class="num" data-label="Invånare">3\u00a0000</td>\n'
        '<td class="num" data-label="Alla brott">55</td>\n'
        '<td class="num" data-label="Per 1 000 inv.">18,3</td>' in page
    )
    assert (
        '<td class="num" data-label="Invånare">2\u00a0000</td>\n'
        '<td class="num" data-label="Alla brott">42</td>\n'
        '<td class="num" data-label="Per 1 000 inv.">21,0</td>' in page
    )
    assert "..</abbr>" not in page
    assert AuditEvent.objects.filter(event="strategy.deso_crime_imported").count() == 2


def test_radsledamot_sees_small_cells_hidden_with_their_complement(client, users, koping, tmp_path):
    _setup(koping, tmp_path)
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("strategy:statistics"),
        {"layout": "polisen-deso", "file": SimpleUploadedFile("p.csv", FILE)},
    )
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(reverse("strategy:statistics")).content.decode()
    assert "Värden under 5 visas inte (..)." in page
    deso_1050 = page.split("1983C1050", 1)[1].split("</tr>", 1)[0]
    # 2 inbrott is hidden, and 40 skadegörelse with it, or the total 42 would give it away.
    assert deso_1050.count("..</abbr>") == 2
    assert ">40<" not in deso_1050 and ">2<" not in deso_1050


def test_another_municipality_sees_none_of_the_counts(
    client, users, koping, arboga_admin, tmp_path
):
    _setup(koping, tmp_path)
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("strategy:statistics"),
        {"layout": "polisen-deso", "file": SimpleUploadedFile("p.csv", FILE)},
    )
    client.force_login(arboga_admin)
    page = client.get(reverse("strategy:statistics")).content.decode()
    assert "Polisens brottsstatistik per DeSO är inte importerad ännu." in page


def test_the_strategic_draft_gives_each_district_per_1000_inhabitants(
    client, users, koping, tmp_path
):
    _setup(koping, tmp_path)
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("strategy:statistics"),
        {"layout": "polisen-deso", "file": SimpleUploadedFile("p.csv", FILE)},
    )
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        picture = services.strategic_picture_draft(viewer=viewer, start_year=2024, end_year=2025)
        sections = picture.versions.get().sections
    assert (
        "Enligt Polisens brottsstatistik per DeSO registrerades 2024 **55 brott** i kommunen, "
        "per stadsdel:\n\n- Centrum: 55 (18,3 per 1 000 invånare)"
    ) in sections["omfattning"]
    assert "- Polisens brottsstatistik per DeSO (år 2023–2024)" in sections["kallor"]


def test_the_deso_table_takes_the_same_queries_for_one_or_three_desos(
    users, koping, tmp_path, django_assert_num_queries
):
    _setup(koping, tmp_path)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    counts, _ = desostats.parse_police_deso(FILE, kommunkod="1983")
    with scope(municipality=koping):
        services.deso_crime_import(viewer=viewer, counts=counts[:2])
        selectors.deso_crime_table(viewer=viewer, year=2024)  # warms geo's area index
        with django_assert_num_queries(3):
            one = selectors.deso_crime_table(viewer=viewer, year=2024)
        services.deso_crime_import(viewer=viewer, counts=counts)
        selectors.deso_crime_table(viewer=viewer, year=2024)
        with django_assert_num_queries(3):
            three = selectors.deso_crime_table(viewer=viewer, year=2024)
    assert [len(one["desos"]), len(three["desos"])] == [1, 2]


def test_a_hidden_deso_count_cannot_be_had_from_its_district_minus_the_other_deso(
    client, users, koping, tmp_path
):
    # 3 inbrott in 1050 would be the district's 28 minus 1060's 25 if only rows were protected.
    leaky = (
        HEADER
        + police_row("1983C1050", 1201, 2024, 30)
        + police_row("1983C1050", 821, 2024, 3)
        + police_row("1983C1060", 1201, 2024, 20)
        + police_row("1983C1060", 821, 2024, 25)
    ).encode()
    _setup(koping, tmp_path)
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("strategy:statistics"),
        {"layout": "polisen-deso", "file": SimpleUploadedFile("p.csv", leaky)},
    )
    with scope(municipality=koping):
        table = selectors.deso_crime_table(
            viewer=viewer_for(users[Role.RADSLEDAMOT], koping), year=2024
        )
    (district,) = table["districts"]
    for i, _group in enumerate(table["groups"]):
        column = [line.cells[i].count for line in table["desos"]] + [district.cells[i].count]
        assert column.count(None) != 1, column
    for line in [*table["desos"], district]:
        row = [cell.count for cell in line.cells] + [line.total.count]
        assert row.count(None) != 1, row
    totals = [line.total.count for line in table["desos"]] + [district.total.count]
    assert totals.count(None) != 1, totals
    inbrott = table["groups"].index(
        next(g for g in table["groups"] if "nbrott" in g.lower() or "illgrepp" in g.lower())
    )
    assert table["desos"][0].cells[inbrott].count is None
