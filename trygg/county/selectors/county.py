"""What the county user reads: only snapshots, always inside the county's scope (the views'
county_required decorator activates it). Nothing here touches a municipality's reports."""

from dataclasses import dataclass

from ..codes import COUNTY_CODES, SUPPRESSED
from ..models import HotspotRun, Snapshot
from ..services.hotspots import current_snapshots
from ..viewer import CountyViewer


@dataclass(frozen=True)
class Member:
    """One municipality of the county: in Trygg or not, publishing or not."""

    kommunkod: str
    name: str
    snapshot: Snapshot | None

    @property
    def publishes(self) -> bool:
        return self.snapshot is not None


def members(viewer: CountyViewer) -> list[Member]:
    by_id = {s.municipality_id: s for s in current_snapshots(viewer.county)}
    in_trygg = {m.kommunkod: m for m in viewer.municipalities}
    listed = {row["kommunkod"]: row["name"] for row in viewer.county.municipalities}
    for m in viewer.municipalities:
        listed.setdefault(m.kommunkod, m.name)
    out = []
    for code, name in sorted(listed.items(), key=lambda kv: kv[1]):
        m = in_trygg.get(code)
        out.append(Member(code, m.name if m else name, by_id.get(m.pk) if m else None))
    return out


def member_get(viewer: CountyViewer, kommunkod: str) -> Member | None:
    """A publishing municipality of the county; None (404) for anything else."""
    return next((m for m in members(viewer) if m.kommunkod == kommunkod and m.publishes), None)


def shown(value, decimals: int = 1) -> str:
    if value is None:
        return SUPPRESSED
    return f"{value:.{decimals}f}".replace(".", ",") if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class SideBySide:
    publishing: list[Member]
    quarters: list[str]
    # (code label, quarter, [(municipality, rate text, count text) per publishing one])
    rows: list[tuple[str, str, list[tuple[str, str, str]]]]


def side_by_side(viewer: CountyViewer) -> SideBySide:
    publishing = [m for m in members(viewer) if m.publishes]
    quarters = sorted({q for m in publishing for q in m.snapshot.figures["counts"]["quarters"]})
    rows = []
    for code, label in COUNTY_CODES:
        for quarter in quarters:
            cells = []
            for m in publishing:
                counts = m.snapshot.figures["counts"]
                row = next((r for r in counts["rows"] if r["code"] == code), None)
                if row is None or quarter not in counts["quarters"]:
                    cells.append((m.name, "–", "–"))
                    continue
                i = counts["quarters"].index(quarter)
                rate = row["rates"][i]
                suppressed = row["counts"][i] is None
                cells.append(
                    (m.name, SUPPRESSED if suppressed else shown(rate), shown(row["counts"][i]))
                )
            rows.append((label, quarter, cells))
    return SideBySide(publishing, quarters, rows)


def law_matrix(viewer: CountyViewer) -> tuple[list[str], list[tuple[Member, list]]]:
    """The checklist's requirement names (in the order snapshots list them) and per
    municipality its answers by name (None where it publishes nothing)."""
    everyone = members(viewer)
    names: list[str] = []
    labels: dict[str, str] = {}
    for m in everyone:
        if m.publishes:
            for item in m.snapshot.figures.get("law", []):
                if item["name"] not in labels:
                    names.append(item["name"])
                    labels[item["name"]] = item["requirement"]
    rows = []
    for m in everyone:
        answers = {i["name"]: i for i in m.snapshot.figures.get("law", [])} if m.publishes else None
        rows.append((m, [answers.get(n) if answers is not None else None for n in names]))
    return [labels[n] for n in names], rows


VERDICTS = {
    "minskning": "Minskning (signifikant)",
    "okning": "Ökning (signifikant)",
    "ingen_effekt": "Ingen påvisbar effekt",
    "kan_inte_bedomas": "Kan inte bedömas",
}


def measure_library(viewer: CountyViewer, verdict: str = "") -> list[dict]:
    out = []
    for m in members(viewer):
        if not m.publishes:
            continue
        for row in m.snapshot.figures.get("measures", []):
            if verdict and row["verdict"] != verdict:
                continue
            out.append({**row, "municipality": m.name, "verdict_label": VERDICTS[row["verdict"]]})
    return sorted(out, key=lambda r: (r["verdict"], r["municipality"], r["title"]))


def latest_hotspots(viewer: CountyViewer) -> HotspotRun | None:
    return HotspotRun.objects.filter(county=viewer.county).first()


def bra_draft(viewer: CountyViewer) -> list[tuple[str, str]]:
    """The county's yearly report to Brå as (heading, paragraph), from the matrix."""
    everyone = members(viewer)
    publishing = [m for m in everyone if m.publishes]
    silent = [m for m in everyone if not m.publishes]
    labels, rows = law_matrix(viewer)
    sections = [
        (
            "Underlag",
            f"{len(publishing)} av länets {len(everyone)} kommuner har publicerat en "
            "sammanställning till länsstyrelsen"
            + (": " + ", ".join(m.name for m in publishing) if publishing else "")
            + "."
            + (" Publicerar inget: " + ", ".join(m.name for m in silent) + "." if silent else ""),
        )
    ]
    for label, i in zip(labels, range(len(labels)), strict=True):
        met = [m.name for m, answers in rows if answers[i] and answers[i]["met"]]
        unmet = [m.name for m, answers in rows if answers[i] and answers[i]["met"] is False]
        unknown = [m.name for m, answers in rows if answers[i] and answers[i]["met"] is None]
        parts = []
        if met:
            parts.append("uppfyllt i " + ", ".join(met))
        if unmet:
            parts.append("inte uppfyllt i " + ", ".join(unmet))
        if unknown:
            parts.append("kräver bedömning i " + ", ".join(unknown))
        sections.append((label, (", ".join(parts) or "Inga uppgifter") + "."))
    library = measure_library(viewer)
    if library:
        worked = sum(1 for r in library if r["verdict"] == "minskning")
        failed = sum(
            1 for r in library if r["verdict"] in ("ingen_effekt", "okning") or r["stopped"]
        )
        sections.append(
            (
                "Åtgärder",
                f"Kommunerna redovisar {len(library)} åtgärder; {worked} med en signifikant "
                f"minskning och {failed} utan påvisbar effekt, med ökning eller avbrutna.",
            )
        )
    return sections
