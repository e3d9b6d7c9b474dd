"""The walk's protocol as PDF and DOCX through trygg.documents: facts, the observation map
on the basemap with its table, mean scores per checklist item, and the findings with their
owners, answers and photos. The public version leaves out personal data — no staff names,
no owners' e-mail addresses, free text redacted again — and shows only approved photos; it
is published on the municipality's public pages when the leader publishes it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer
from trygg.documents.model import Document, column, facts, heading, image, items, para, table
from trygg.documents.pdf import render_pdf
from trygg.documents.word import render_docx
from trygg.geo.selectors import map_background
from trygg.locale_sv import format_number
from trygg.reports.privacy import redact

from .. import audit_events as events
from ..models import Walk
from ..protocol_svg import observation_map_svg, photo_svg
from ..selectors.field import scores_by_item
from ..selectors.findings import walk_findings, walk_observations

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GROUPS = {
    "boende": "Boende",
    "kommunen": "Kommunen",
    "foreningar": "Föreningar",
    "bostadsbolag": "Bostadsbolag",
    "politiker": "Politiker",
    "polis": "Polis",
    "ovriga": "Övriga",
}


def _text(value: str, public: bool) -> str:
    # Stored texts were redacted when they came in; the public version scans again since a
    # leader's or an owner's words (proposal, answer) were never citizen input.
    return redact(value).text if public else value


def public_text(obj, field: str) -> str:
    """A free-text field of an observation, finding or answer as the public version shows it."""
    return _text(getattr(obj, field) or "", True)


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _mean(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


def _photo_blocks(photos, *, public: bool, label: str) -> list:
    blocks = []
    for n, photo in enumerate(photos, start=1):
        if public and not photo.public_ok:
            continue
        try:
            # The thumbnail where the field mode made one: the protocol shows photos small.
            with (photo.thumbnail or photo.image).open("rb") as fh:
                data = fh.read()
        except (OSError, ValueError):
            continue  # a file removed by retention: the protocol still renders
        blocks.append(
            image(photo_svg(data, alt=f"{label}, foto {n}"), alt=f"{label}, foto {n}", width=45)
        )
    return blocks


def protocol_document(walk: Walk, *, public: bool) -> Document:
    """The protocol as a document model; `public` gives the version without personal data."""
    observations = list(walk_observations(walk=walk))
    findings = list(walk_findings(walk=walk))
    scale = walk.template
    info = [
        ("Datum", f"{walk.walk_on:%Y-%m-%d}"),
        ("Område", walk.area.name),
        ("Checklista", f"{scale.name} (poäng {scale.scale_min}–{scale.scale_max})"),
    ]
    if walk.meeting_point:
        info.append(("Samlingsplats", walk.meeting_point))
    counts = [
        f"{GROUPS.get(k, k.capitalize())} {v}"
        for k, v in (walk.participant_counts or {}).items()
        if v
    ]
    if counts:
        info.append(("Deltagare", ", ".join(counts)))
    if not public:
        info.append(("Ansvarig för vandringen", _person(walk.leader)))
        staff = ", ".join(_person(u) for u in walk.staff.all())
        if staff:
            info.append(("Personal", staff))
    blocks = [facts(info)]
    if public and walk.protocol_public_text:
        blocks.append(para(_text(walk.protocol_public_text, True)))
    elif walk.purpose:
        blocks.append(para(_text(walk.purpose, public), label="Syfte"))

    numbered = [(n, o) for n, o in enumerate(observations, start=1)]
    points = [
        (n, o.lat, o.lon, o.item.label if o.item else "Observation")
        for n, o in numbered
        if o.lat is not None
    ]
    blocks.append(heading("Observationer på kartan"))
    svg = observation_map_svg(
        area_name=walk.area.name,
        area_geometry=walk.area.geometry,
        route=walk.route,
        points=points,
        background=map_background(municipality=walk.municipality),
    )
    blocks.append(
        image(svg, alt=f"Karta över observationerna i {walk.area.name}", name="observationskarta")
    )
    blocks.append(
        table(
            [
                column("Nr", width=0.4),
                column("Punkt", width=1.4),
                column("Poäng", width=0.6, align="right"),
                column("Observation", width=3),
            ],
            [
                [
                    str(n),
                    o.item.label if o.item else "–",
                    "–" if o.score is None else str(o.score),
                    _text(o.text, public) or "–",
                ]
                for n, o in numbered
            ],
        )
    )

    blocks.append(heading("Poäng per punkt i checklistan"))
    labels = scale.scale_labels or []
    if labels:
        blocks.append(
            para(
                ", ".join(f"{scale.scale_min + i} = {w}" for i, w in enumerate(labels)),
                label="Skala",
                small=True,
            )
        )
    blocks.append(
        table(
            [
                column("Punkt", width=3),
                column("Medelpoäng", align="right"),
                column("Observationer", align="right"),
            ],
            [
                [s.label, _mean(s.mean), str(s.n)]
                # The public version counts only what the leader has reviewed.
                for s in scores_by_item(walk, approved_only=public)
            ],
        )
    )

    blocks.append(heading("Brister och åtgärder"))
    if not findings:
        blocks.append(para("Inga brister registrerade."))
    for n, f in enumerate(findings, start=1):
        blocks.append(heading(f"{n}. {f.title}", level=3))
        owner = f.owner_organisation.name if (public and f.owner_organisation) else f.owner_name
        rows = [
            ("Ansvarig", _text(owner, public)),
            ("Svar senast", f"{f.deadline:%Y-%m-%d}"),
            ("Status", f.get_status_display()),
        ]
        if not public and f.owner_email:
            rows.insert(1, ("E-post", f.owner_email))
        if f.item:
            rows.append(("Punkt i checklistan", f.item.label))
        if f.measure_id:
            rows.append(("Åtgärd i åtgärdsplanen", f.measure.title))
        if f.report_id:
            rows.append(
                ("Rapport", f.report.tracking_code or f"nr {f.report.pk}")
                if not public
                else ("Rapport", "Registrerad i kommunens ärendehantering")
            )
        blocks.append(facts(rows))
        if f.description:
            blocks.append(para(_text(f.description, public)))
        blocks.append(para(_text(f.proposal, public), label="Förslag till åtgärd"))
        answer = _text(f.owner_answer, public) if f.owner_answer else "Inget svar ännu."
        blocks.append(para(answer, label="Svar från ansvarig"))
        obs_numbers = [str(n) for n, o in numbered if o in f.observations.all()]
        if obs_numbers:
            blocks.append(para("Bygger på observation " + ", ".join(obs_numbers) + ".", small=True))
        photos = [p for o in f.observations.all() for p in o.photos.all()]
        blocks += _photo_blocks(photos, public=public, label=f.title)
    if not public and walk.follow_up_meeting_id:
        blocks.append(heading("Återmöte"))
        blocks.append(items([("", f"{walk.follow_up_meeting}")]))
    municipality = walk.municipality
    return Document(
        title=f"Protokoll: {walk.title}",
        subtitle=f"Trygghetsvandring i {walk.area.name} {walk.walk_on:%Y-%m-%d}"
        + (" – offentlig version" if public else ""),
        footer=f"{municipality.name} kommun · trygghetsvandring",
        blocks=blocks,
        marking="" if public else "Arbetsmaterial – innehåller personuppgifter",
        author=f"{municipality.name} kommun",
        keywords=("trygghetsvandring", walk.area.name),
    )


def protocol_render(walk: Walk, fmt: str, *, public: bool) -> tuple[bytes, str]:
    """The protocol as (bytes, content type) in `pdf` or `docx`."""
    document = protocol_document(walk, public=public)
    now = timezone.localtime()
    if fmt == "pdf":
        return render_pdf(document, generated_at=now), PDF
    if fmt == "docx":
        return render_docx(document, generated_at=now), DOCX
    raise ValueError(fmt)


@transaction.atomic
def protocol_publish(*, viewer: Viewer, walk: Walk, summary: str, publish: bool = True) -> Walk:
    """Publishes (or withdraws) the public version with the leader's summary for residents."""
    require(viewer, "walks.review")
    own(viewer, walk)
    summary = summary.strip()
    if publish and not summary:
        raise ValidationError({"summary": ["Skriv en kort sammanfattning för allmänheten."]})
    walk.protocol_public_text = redact(summary).text
    walk.published_at = timezone.now() if publish else None
    walk.save(update_fields=["protocol_public_text", "published_at"])
    audit(
        viewer,
        events.PROTOCOL_PUBLISHED,
        walk,
        summary="Protokoll publicerat" if publish else "Publicerat protokoll återkallat",
        published=publish,
    )
    return walk
