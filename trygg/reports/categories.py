"""The standard two-level report taxonomy that every municipality starts from.

Plain data (no Django) so the seeding service, the citizen form, the police-feed mapping and the
file importer all read one list. Parents come before their children, so seeding in order can
resolve each parent by code.
"""

from dataclasses import dataclass

OPPEN = "oppen"
INTERN = "intern"
BEGRANSAD = "begransad"
SENSITIVITIES = (OPPEN, INTERN, BEGRANSAD)

FIVE_YEARS = 1826
THREE_YEARS = 1096


@dataclass(frozen=True)
class CategorySeed:
    code: str
    name: str
    parent: str | None
    sensitivity: str
    retention_days: int
    # Offered on the public citizen form.
    citizen: bool


def _c(code, name, parent=None, *, sensitivity=INTERN, retention_days=FIVE_YEARS, citizen=True):
    return CategorySeed(code, name, parent, sensitivity, retention_days, citizen)


SEED: tuple[CategorySeed, ...] = (
    _c("skadegorelse", "Skadegörelse"),
    _c("klotter", "Klotter", "skadegorelse"),
    _c("krossad_ruta", "Krossad ruta", "skadegorelse"),
    _c("annan_skadegorelse", "Annan skadegörelse", "skadegorelse"),
    _c("brand", "Brand"),
    _c("anlagd_brand", "Anlagd brand", "brand"),
    _c("brand_container", "Brand i container eller soprum", "brand"),
    # The group is offered so a citizen can report a theft; a burglary belongs with the
    # police (insurance needs their report number), so "Inbrott" stays staff-only.
    _c("stold_inbrott", "Stöld och inbrott"),
    _c("stold", "Stöld", "stold_inbrott"),
    _c("inbrott", "Inbrott", "stold_inbrott", citizen=False),
    _c("ordningsstorning", "Ordningsstörning"),
    # Crimes against persons: citizens are told to call the police instead, and the reports
    # may identify victims, hence "begränsad".
    _c("hot_vald", "Hot och våld", sensitivity=BEGRANSAD, citizen=False),
    _c("narkotika", "Narkotika (observation)", sensitivity=BEGRANSAD, citizen=False),
    _c("ungdomar", "Ungdomar"),
    _c("ungdomar_oro", "Oro bland ungdomar", "ungdomar"),
    _c("grupperingar", "Grupperingar", "ungdomar", sensitivity=BEGRANSAD),
    _c("mopedbuskorning", "Mopedbuskörning", "ungdomar"),
    # Places rather than people: the data ages fast and carries little personal data.
    _c("otrygg_miljo", "Otrygg miljö", retention_days=THREE_YEARS),
    _c("belysning", "Trasig eller saknad belysning", "otrygg_miljo", retention_days=THREE_YEARS),
    _c("vegetation", "Skymmande vegetation", "otrygg_miljo", retention_days=THREE_YEARS),
    _c("nedskrapning", "Nedskräpning", "otrygg_miljo", retention_days=THREE_YEARS),
    _c("otrygg_passage", "Otrygg passage", "otrygg_miljo", retention_days=THREE_YEARS),
    _c("trafik", "Trafik"),
    _c("valfardsbrott", "Misstänkt välfärdsbrott", sensitivity=BEGRANSAD, citizen=False),
    _c("ovrigt", "Övrigt"),
)


def seed_by_code() -> dict[str, CategorySeed]:
    """Every seeded category keyed by its code (a new dict each call, safe to modify)."""
    return {seed.code: seed for seed in SEED}
