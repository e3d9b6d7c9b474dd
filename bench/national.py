"""Synthetic reports at national scale: 290 municipalities, N reports over 5 years (seeded).

Reports are spread over the municipalities in proportion to their population (SCB, Nov 2024).
In space they cluster around a few hot-spot centres within a few km of the municipality's
centroid (Gaussian clusters plus a wider background); in time they follow seasons, weekdays
and hours of the day per category, a slow upward trend, and near-repeats (a share of reports
follows an earlier one close by within days). Police events carry the municipality centroid
with precision "kommun" and no H3 cells, as the import stores them. Rows come out in time
order, interleaved over municipalities, as a live system would append them.

Everything is numpy arrays of codes (indexes into the tuples below); the loaders map them to
each database's primary keys and strings. `generated(n)` caches the arrays in var/bench.
"""

import csv
import json
import math
import os
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from pathlib import Path

import h3.api.basic_int as h3i
import numpy as np

from trygg.locale_sv import STOCKHOLM
from trygg.reports.categories import SEED

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRYGG_SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
CACHE = ROOT / "var" / "bench"
YEARS = 5
METRES_PER_DEGREE = 111_320.0

CATEGORY_CODES = tuple(s.code for s in SEED)
CATEGORY_SENSITIVITY = tuple(s.sensitivity for s in SEED)
PRECISIONS = ("punkt", "adress", "omrade", "kommun")
SENSITIVITIES = ("oppen", "intern", "begransad")
STATUSES = ("ny", "bedomd", "atgardas", "avslutad", "avvisad")
SOURCES = ("personal", "medborgare", "api", "polisen")
KINDS = ("handelse", "otrygghet", "observation")
# Organisations every municipality gets: (key, name, Organisation.Kind).
ORGANISATIONS = (
    ("tekniska", "Tekniska förvaltningen", "forvaltning"),
    ("bostader", "Kommunala bostadsbolaget", "kommunalt_bolag"),
    ("rtj", "Räddningstjänsten", "raddningstjanst"),
    ("vakt", "Väktarbolaget", "vaktarbolag"),
    ("fritid", "Kultur- och fritidsförvaltningen", "forvaltning"),
    ("social", "Socialförvaltningen", "forvaltning"),
    ("polisen", "Polisen", "polis"),
)
ORG_INDEX = {key: i for i, (key, _, _) in enumerate(ORGANISATIONS)}

# (category code, weight, summer factor, night factor, cost range in SEK or None, reporter);
# reporter "medborgare" means no organisation. After trygg/demo/reports.py.
MIX = (
    ("klotter", 20, 1.4, 1.2, (800, 12000), "tekniska"),
    ("krossad_ruta", 9, 1.1, 1.5, (2500, 18000), "bostader"),
    ("annan_skadegorelse", 8, 1.2, 1.4, (500, 25000), "tekniska"),
    ("brand_container", 4, 1.3, 1.6, (3000, 40000), "rtj"),
    ("anlagd_brand", 2, 1.2, 1.8, (5000, 90000), "rtj"),
    ("stold", 7, 1.0, 1.0, None, "vakt"),
    ("inbrott", 3, 0.9, 1.6, (2000, 30000), "vakt"),
    ("ordningsstorning", 9, 1.3, 1.8, None, "vakt"),
    ("hot_vald", 3, 1.1, 1.8, None, "vakt"),
    ("narkotika", 3, 1.1, 1.5, None, "vakt"),
    ("ungdomar_oro", 3, 1.3, 1.5, None, "fritid"),
    ("grupperingar", 4, 1.4, 1.7, None, "fritid"),
    ("mopedbuskorning", 4, 2.2, 1.3, None, "fritid"),
    ("belysning", 6, 0.4, 1.0, (300, 4000), "tekniska"),
    ("vegetation", 2, 1.8, 0.6, (500, 6000), "tekniska"),
    ("nedskrapning", 6, 1.5, 0.8, (200, 3000), "tekniska"),
    ("otrygg_passage", 4, 0.8, 1.2, None, "medborgare"),
    ("trafik", 3, 1.1, 0.8, None, "medborgare"),
    ("valfardsbrott", 0.5, 1.0, 0.3, None, "social"),
    ("ovrigt", 2, 1.0, 1.0, None, "medborgare"),
)
# The Police's events, mapped to the seeded categories as the feed import does.
POLICE_MIX = (
    ("stold", 5),
    ("inbrott", 3),
    ("hot_vald", 3),
    ("ordningsstorning", 2),
    ("trafik", 4),
    ("narkotika", 1),
    ("brand", 1),
    ("skadegorelse", 2),
    ("ovrigt", 2),
)
TEXTS = {
    "klotter": ["Klotter på fasaden", "Nytt klotter på busskuren", "Taggar på elskåp"],
    "krossad_ruta": ["Krossad ruta i entrén", "Fönster krossat under natten"],
    "annan_skadegorelse": ["Sönderslagen parkbänk", "Skadad lekutrustning"],
    "brand_container": ["Brand i soprum", "Containerbrand, släckt av räddningstjänsten"],
    "anlagd_brand": ["Anlagd brand i papperskorg", "Brand i förråd, misstänkt anlagd"],
    "stold": ["Stöld av cykel", "Stöld ur bod"],
    "inbrott": ["Inbrott i förråd", "Inbrottsförsök i källare"],
    "ordningsstorning": ["Stökigt sällskap, störde boende", "Hög musik och bråk sent"],
    "hot_vald": ["Hot mot personal", "Bråk mellan två personer"],
    "narkotika": ["Misstänkt langning", "Sprutor hittade"],
    "ungdomar_oro": ["Oro bland unga vid skolan", "Ungdomar uppger att de känner sig otrygga"],
    "grupperingar": ["Grupp ungdomar samlas kvällstid", "Samma grupp som förra helgen"],
    "mopedbuskorning": ["Mopeder kör på gångvägen", "Buskörning på torget"],
    "belysning": ["Trasig gatubelysning", "Mörk gångtunnel, lampor ur funktion"],
    "vegetation": ["Buskar skymmer gångvägen", "Igenvuxen stig"],
    "nedskrapning": ["Mycket skräp efter helgen", "Nedskräpning vid återvinningen"],
    "otrygg_passage": ["Otrygg gångtunnel", "Mörk och ensam passage"],
    "trafik": ["Fortkörning vid skolan", "Farlig korsning"],
    "valfardsbrott": ["Misstänkt felaktig utbetalning"],
    "ovrigt": ["Övrigt att notera"],
    "brand": ["Brand, polisen på plats"],
    "skadegorelse": ["Skadegörelse, polisen informerad"],
}
TEXT_LIST = tuple(t for code in TEXTS for t in TEXTS[code])
_TEXT_RANGE = {}
for _code, _texts in TEXTS.items():
    _start = TEXT_LIST.index(_texts[0])
    _TEXT_RANGE[_code] = (_start, len(_texts))

HOUR_BASE = np.array(
    [1.6, 1.2, 0.9, 0.5, 0.3, 0.3, 0.5, 0.8, 1.0, 1.0, 1.0, 1.0]
    + [1.1, 1.1, 1.2, 1.4, 1.6, 1.9, 2.1, 2.2, 2.2, 2.1, 2.0, 1.8]
)
NIGHT_HOURS = np.array([h in (22, 23, 0, 1, 2, 3) for h in range(24)])
WEEKDAY_FACTOR = np.array([0.95, 0.95, 1.0, 1.05, 1.3, 1.4, 1.1])  # Monday .. Sunday
BACKGROUND_SHARE = 0.35
NEAR_REPEAT_SHARE = 0.12
POLICE_SHARE = 0.06


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    population: int
    lat: float
    lon: float
    geometry: dict


def municipalities() -> list[Municipality]:
    """The 290 municipalities in kommunkod order, with population and centroid."""
    with open(SHARED / "ref" / "kommuner-sverige.csv", encoding="utf-8-sig") as f:
        names = {r["municipality_code"]: r for r in csv.DictReader(f)}
    with open(SHARED / "stats" / "scb-folkmangd-kommun-2024-nov.csv", encoding="utf-8-sig") as f:
        population = {r["kommun_kod"]: int(r["population"]) for r in csv.DictReader(f)}
    with open(SHARED / "geo" / "kommuner-sverige-okfse.geojson", encoding="utf-8") as f:
        features = {f["properties"]["id"]: f for f in json.load(f)["features"]}
    out = []
    for code in sorted(names):
        row, feature = names[code], features[code]
        lat, lon = feature["properties"]["geo_point_2d"]
        out.append(
            Municipality(
                code=code,
                name=row["municipality_name_short"],
                county_code=row["county_code"],
                population=population[code],
                lat=float(lat),
                lon=float(lon),
                geometry=feature["geometry"],
            )
        )
    assert len(out) == 290, len(out)
    return out


def h3_parent(cells: np.ndarray, res: int) -> np.ndarray:
    """Vectorised h3.cell_to_parent for int64 cells of a finer resolution (0 stays 0)."""
    digits = 0
    for r in range(res + 1, 16):
        digits |= 7 << (3 * (15 - r))
    out = (cells & ~np.int64(0xF << 52)) | np.int64(res << 52) | np.int64(digits)
    return np.where(cells == 0, 0, out)


def _loguniform(rng, lo, hi, size):
    return np.exp(rng.uniform(math.log(lo), math.log(hi), size))


def generate(n: int, *, seed: int = 1983, now: datetime | None = None) -> dict[str, np.ndarray]:
    """N reports as arrays of codes, sorted by occurred_at (epoch seconds, UTC)."""
    rng = np.random.default_rng(seed)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    munis = municipalities()
    n_m = len(munis)
    pop = np.array([m.population for m in munis], dtype=np.float64)
    c_lat = np.array([m.lat for m in munis])
    c_lon = np.array([m.lon for m in munis])

    # --- who: municipality in proportion to population ------------------------------------
    per_muni = rng.multinomial(n, pop / pop.sum())
    muni = np.repeat(np.arange(n_m, dtype=np.int16), per_muni)

    # --- where: hot-spot centres near the centroid, Gaussian clusters, a wide background ---
    n_centres = np.clip(np.round(3 + 3 * np.log10(pop / 10_000)), 2, 12).astype(np.int64)
    radius = np.clip(1200 * (pop / 20_000) ** 0.4, 800, 6000)  # metres
    offsets = np.concatenate([[0], np.cumsum(n_centres)])
    owner = np.repeat(np.arange(n_m), n_centres)
    cen_lat = c_lat[owner] + rng.normal(0, radius[owner] / 2) / METRES_PER_DEGREE
    cen_lon = c_lon[owner] + rng.normal(0, radius[owner] / 2) / (
        METRES_PER_DEGREE * np.cos(np.radians(c_lat[owner]))
    )
    cen_sigma = _loguniform(rng, 80, 500, owner.size)
    rank = np.arange(owner.size) - offsets[owner] + 1
    weight = 1.0 / rank  # Zipf within each municipality
    cum = np.empty_like(weight)
    for i in range(n_m):
        w = weight[offsets[i] : offsets[i + 1]]
        cum[offsets[i] : offsets[i + 1]] = np.cumsum(w) / w.sum()
    # Global search over municipality + cumulative weight picks a centre of the right one.
    keys = owner + cum
    centre = np.searchsorted(keys, muni + rng.random(n) * (1 - 1e-12), side="left")
    centre = np.minimum(centre, offsets[muni.astype(np.int64) + 1] - 1)
    background = rng.random(n) < BACKGROUND_SHARE
    base_lat = np.where(background, c_lat[muni], cen_lat[centre])
    base_lon = np.where(background, c_lon[muni], cen_lon[centre])
    sigma = np.where(background, radius[muni], cen_sigma[centre])
    lat = base_lat + rng.normal(0, 1, n) * sigma / METRES_PER_DEGREE
    lon = base_lon + rng.normal(0, 1, n) * sigma / (METRES_PER_DEGREE * np.cos(np.radians(lat)))

    # --- what --------------------------------------------------------------------------------
    mix_codes = [c for c, *_ in MIX]
    mix_w = np.array([w for _, w, *_ in MIX], dtype=np.float64)
    mix = rng.choice(len(MIX), size=n, p=mix_w / mix_w.sum())

    # --- when: per category day weights (trend, season, weekday) and hour weights ------------
    end_day = now.astimezone(STOCKHOLM).date()
    first_day = end_day.replace(year=end_day.year - YEARS) + timedelta(days=1)
    days = np.array([first_day + timedelta(days=i) for i in range((end_day - first_day).days + 1)])
    n_days = days.size
    doy = np.array([d.timetuple().tm_yday for d in days])
    dow = np.array([d.weekday() for d in days])
    weekend_night = np.isin(dow, (4, 5))  # Friday and Saturday nights
    trend = 1 + 0.05 * np.arange(n_days) / 365.25
    summer = np.maximum(0.0, np.cos((doy - 196) / 365.25 * 2 * np.pi))
    day = np.empty(n, dtype=np.int64)
    hour = np.empty(n, dtype=np.int64)
    for k, (_code, _w, summer_factor, night_factor, _cost, _who) in enumerate(MIX):
        idx = np.flatnonzero(mix == k)
        w = trend * (1 + (summer_factor - 1) * summer) * WEEKDAY_FACTOR[dow]
        cdf = np.cumsum(w) / w.sum()
        day[idx] = np.minimum(np.searchsorted(cdf, rng.random(idx.size)), n_days - 1)
        for weekend in (False, True):
            hw = HOUR_BASE * np.where(NIGHT_HOURS, night_factor * (1.4 if weekend else 1.0), 1)
            hcdf = np.cumsum(hw) / hw.sum()
            sel = idx[weekend_night[day[idx]] == weekend]
            hour[sel] = np.minimum(np.searchsorted(hcdf, rng.random(sel.size)), 23)
    day_start_local = np.array(
        [datetime(d.year, d.month, d.day).replace(tzinfo=UTC).timestamp() for d in days],
        dtype=np.int64,
    )
    day_offset = np.array(
        [datetime(d.year, d.month, d.day, 12, tzinfo=STOCKHOLM).utcoffset().seconds for d in days],
        dtype=np.int64,
    )
    seconds = rng.integers(0, 3600, n)
    occurred = day_start_local[day] + hour * 3600 + seconds - day_offset[day]

    # --- near repeats: a share copies an earlier report's place and category ----------------
    starts = np.concatenate([[0], np.cumsum(per_muni)])[muni.astype(np.int64)]
    sizes = per_muni[muni.astype(np.int64)]
    child = np.flatnonzero(rng.random(n) < NEAR_REPEAT_SHARE)
    parent = starts[child] + (rng.random(child.size) * sizes[child]).astype(np.int64)
    parent = np.where(parent == child, starts[child], parent)
    mix[child] = mix[parent]
    lat[child] = lat[parent] + rng.normal(0, 40, child.size) / METRES_PER_DEGREE
    lon[child] = lon[parent] + rng.normal(0, 40, child.size) / (
        METRES_PER_DEGREE * np.cos(np.radians(lat[parent]))
    )
    occurred[child] = occurred[parent] + rng.exponential(2.5 * 86400, child.size).astype(np.int64)
    now_s = int(now.timestamp())
    late = occurred > now_s
    occurred[late] = now_s - rng.integers(60, 6 * 3600, int(late.sum()))

    # --- categories, organisations, sources ------------------------------------------------
    cat_of_mix = np.array([CATEGORY_CODES.index(c) for c in mix_codes], dtype=np.int8)
    category = cat_of_mix[mix]
    who = np.array([ORG_INDEX.get(w, -1) for *_, w in MIX], dtype=np.int8)
    org = who[mix]
    source = np.where(org < 0, SOURCES.index("medborgare"), SOURCES.index("personal"))
    source = np.where((org >= 0) & (rng.random(n) < 0.1), SOURCES.index("api"), source)
    precision = rng.choice(3, size=n, p=[0.88, 0.08, 0.04]).astype(np.int8)

    police = rng.random(n) < POLICE_SHARE
    p_codes = [c for c, _ in POLICE_MIX]
    p_w = np.array([w for _, w in POLICE_MIX], dtype=np.float64)
    p_cat = np.array([CATEGORY_CODES.index(c) for c in p_codes], dtype=np.int8)
    n_police = int(police.sum())
    police_pick = rng.choice(len(POLICE_MIX), size=n_police, p=p_w / p_w.sum())
    category[police] = p_cat[police_pick]
    org[police] = ORG_INDEX["polisen"]
    source[police] = SOURCES.index("polisen")
    precision[police] = PRECISIONS.index("kommun")
    lat[police] = c_lat[muni[police]]
    lon[police] = c_lon[muni[police]]
    area_only = precision == PRECISIONS.index("omrade")
    lat[area_only] = np.nan
    lon[area_only] = np.nan

    # Costs for damage categories (not for the Police's events).
    cost = np.full(n, np.nan)
    for k, (_c, _w, _s, _nf, costs, _who) in enumerate(MIX):
        if costs is None:
            continue
        idx = np.flatnonzero((mix == k) & ~police & (rng.random(n) < 0.8))
        cost[idx] = np.round(_loguniform(rng, *costs, idx.size), -2)

    sens_of_cat = np.array([SENSITIVITIES.index(s) for s in CATEGORY_SENSITIVITY], dtype=np.int8)
    sensitivity = sens_of_cat[category]
    sensitivity = np.where(
        (sensitivity == 1) & (rng.random(n) < 0.05), SENSITIVITIES.index("oppen"), sensitivity
    ).astype(np.int8)
    kind_of_cat = np.zeros(len(CATEGORY_CODES), dtype=np.int8)
    for code in ("otrygg_miljo", "belysning", "vegetation", "otrygg_passage", "grupperingar"):
        kind_of_cat[CATEGORY_CODES.index(code)] = KINDS.index("otrygghet")
    for code in ("narkotika", "ungdomar_oro"):
        kind_of_cat[CATEGORY_CODES.index(code)] = KINDS.index("observation")
    kind = kind_of_cat[category]

    youth = np.full(n, -1, dtype=np.int8)
    youthful = np.isin(
        category, [CATEGORY_CODES.index(c) for c in ("grupperingar", "mopedbuskorning", "klotter")]
    )
    youth[youthful] = (rng.random(int(youthful.sum())) < 0.6).astype(np.int8)

    text = np.empty(n, dtype=np.int16)
    for c in np.unique(category):
        idx = np.flatnonzero(category == c)
        start, count = _TEXT_RANGE[CATEGORY_CODES[c]]
        text[idx] = start + rng.integers(0, count, idx.size)

    delay = np.where(police, 3600, 4 * 3600)
    reported = np.minimum(occurred + rng.exponential(1, n) * delay, now_s).astype(np.int64)
    age_days = (now_s - occurred) // 86400
    old = age_days > 30
    status = np.where(
        old,
        rng.choice([3, 4, 2], size=n, p=[0.88, 0.05, 0.07]),
        rng.choice([0, 1, 2], size=n, p=[0.5, 0.25, 0.25]),
    ).astype(np.int8)

    # --- H3: resolution 9 per located point, parents by bit arithmetic ----------------------
    located = ~np.isnan(lat) & (precision != PRECISIONS.index("kommun"))
    r9 = np.zeros(n, dtype=np.int64)
    idx = np.flatnonzero(located)
    r9[idx] = np.fromiter(
        map(h3i.latlng_to_cell, lat[idx].tolist(), lon[idx].tolist(), repeat(9)),
        dtype=np.int64,
        count=idx.size,
    )

    order = np.argsort(occurred, kind="stable")
    # Time-ordered UUIDs (a millisecond prefix, as UUIDv7): rows arrive in time order, so the
    # unique index on uuid grows at its right edge during the SQLite load instead of taking a
    # random insert per row. No benchmarked query reads the uuid.
    millis = np.sort(occurred) * 1000 + rng.integers(0, 1000, n)
    uuid_words = np.empty((n, 2), dtype=np.int64)
    uuid_words[order, 0] = (millis << 16) | (7 << 12) | rng.integers(0, 1 << 12, n)
    uuid_words[:, 1] = rng.integers(0, np.iinfo(np.int64).max, n, dtype=np.int64)
    data = {
        "muni": muni,
        "category": category,
        "org": org,
        "occurred": occurred,
        "reported": reported,
        "lat": lat,
        "lon": lon,
        "precision": precision,
        "h3_r9": r9,
        "cost": cost,
        "sensitivity": sensitivity,
        "status": status,
        "source": source.astype(np.int8),
        "kind": kind,
        "youth": youth,
        "text": text,
        "uuid_hi": uuid_words[:, 0],
        "uuid_lo": uuid_words[:, 1],
    }
    data = {k: v[order] for k, v in data.items()}
    data["h3_r8"] = h3_parent(data["h3_r9"], 8)
    data["h3_r7"] = h3_parent(data["h3_r9"], 7)
    data["now"] = np.array([now_s], dtype=np.int64)
    return data


def generated(n: int, *, seed: int = 1983) -> tuple[dict[str, np.ndarray], Path, float]:
    """The arrays for n reports ending today, from the cache in var/bench when there.

    Returns (data, cache path, seconds spent generating, 0 when cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"national-{n}-{seed}-{date.today():%Y%m%d}.npz"
    if path.exists():
        with np.load(path) as f:
            return {k: f[k] for k in f.files}, path, 0.0
    for old in CACHE.glob(f"national-{n}-{seed}-*.npz"):
        old.unlink()
    t = time.perf_counter()
    data = generate(n, seed=seed)
    elapsed = time.perf_counter() - t
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **data)
    tmp.rename(path)
    return data, path, elapsed


def load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as f:
        return {k: f[k] for k in f.files}


# --- Shaping the codes for the databases ------------------------------------------------------

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def uuid_hex(hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """32-character lowercase hex strings (numpy U32), as Django stores UUIDs on SQLite."""
    words = np.stack([hi, lo], axis=1).astype(">i8").view(np.uint8).reshape(-1, 16)
    chars = np.empty((words.shape[0], 32), dtype=np.uint32)
    chars[:, 0::2] = _HEX[words >> 4]
    chars[:, 1::2] = _HEX[words & 15]
    return chars.view("<U32").ravel()


def sql_datetimes(epoch: np.ndarray) -> np.ndarray:
    """'YYYY-MM-DD HH:MM:SS' in UTC (numpy U19), as Django stores datetimes on SQLite."""
    text = np.datetime_as_string(epoch.astype("datetime64[s]"), unit="s").astype("<U19")
    chars = text.view(np.uint32).reshape(-1, 19)
    chars[:, 10] = ord(" ")
    return text


def nullable(values: np.ndarray, missing: np.ndarray) -> list:
    out = values.astype(object)
    out[missing] = None
    return out.tolist()
