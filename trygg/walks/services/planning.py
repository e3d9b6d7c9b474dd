"""Planning a trygghetsvandring: checklist templates with their one scale, the walk itself
(from a decision or a dialogue, with area, route, dates, participants and the forum of the
återmöte) and its join link for participants without an account."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trygg.core.kernel import REFUSED, audit, own, require
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.forums.models import Forum
from trygg.forums.selectors import forum_of_kind
from trygg.geo.selectors import area_index
from trygg.locale_sv import day_start

from ..audit_events import (
    JOIN_LINK_RENEWED,
    JOIN_LINK_REVOKED,
    TEMPLATE_SAVED,
    WALK_PLANNED,
    WALK_UPDATED,
)
from ..models import ChecklistItem, ChecklistTemplate, Walk, new_join_token

# The guideline's inventory (Boverket's and Brå's checklists), scored 0–3.
DEFAULT_TEMPLATE_NAME = "Trygghetsvandring"
DEFAULT_SCALE = (0, 3, ["Mycket otryggt", "Otryggt", "Ganska tryggt", "Tryggt"])
DEFAULT_ITEMS = (
    ("belysning", "Belysning", "Är platsen upplyst när det är mörkt? Trasiga lampor, bländning."),
    ("sikt", "Sikt och överblick", "Kan man se och bli sedd? Skymda hörn, återvändsgränder."),
    ("gangvagar", "Gångvägar", "Är vägen jämn, bred och lätt att hitta? Alternativa vägar?"),
    ("vegetation", "Vegetation", "Buskar och träd som skymmer sikt eller belysning."),
    (
        "nedskrapning",
        "Nedskräpning och skadegörelse",
        "Skräp, klotter, krossat glas, förstörd utrustning.",
    ),
    ("skyltning", "Skyltning", "Går det att hitta? Skyltar till hållplatser och entréer."),
    (
        "kollektivtrafik",
        "Kollektivtrafik",
        "Hållplatser: belysning, väderskydd, sikt, väg till och från.",
    ),
    (
        "manniskor",
        "Människor och aktivitet",
        "Rör sig människor här? Verksamheter och fönster mot platsen.",
    ),
    ("kansla", "Känsla av trygghet", "Hur känns platsen? Skulle du gå här ensam en kväll?"),
)

# The participant groups of the representativeness check (Boverket: residents, the
# municipality, associations, housing companies, politicians, police).
PARTICIPANT_GROUPS = (
    ("boende", "Boende"),
    ("kommunen", "Kommunen"),
    ("foreningar", "Föreningar"),
    ("bostadsbolag", "Bostadsbolag"),
    ("politiker", "Politiker"),
    ("polis", "Polis"),
    ("ovriga", "Övriga"),
)
# The guidance: a group larger than about 20 stops being a conversation.
MAX_PARTICIPANTS = 20
MAX_SCALE_STEPS = 11
# The join link lasts through the day after the walk unless the leader says otherwise.
JOIN_DAYS_AFTER = 1


def _text(value: str) -> str:
    return strip_control_characters((value or "").strip())


# --- Checklist templates -------------------------------------------------------------------


def _may_templates(viewer: Viewer) -> None:
    if not (viewer.may("walks.manage_templates") or viewer.may("walks.manage")):
        raise PermissionDenied(REFUSED)


def template_in_use(template: ChecklistTemplate) -> bool:
    """A walk has been planned with it: its scale can no longer change."""
    return Walk.objects.filter(municipality_id=template.municipality_id, template=template).exists()


@transaction.atomic
def template_default(*, viewer: Viewer) -> ChecklistTemplate:
    """The municipality's standard checklist, made on first use (no data migration, so a new
    municipality gets it the first time someone plans a walk or opens the templates)."""
    _may_templates(viewer)
    template = ChecklistTemplate.objects.filter(
        municipality=viewer.municipality, name=DEFAULT_TEMPLATE_NAME
    ).first()
    if template is not None:
        return template
    low, high, labels = DEFAULT_SCALE
    template = ChecklistTemplate.objects.create(
        municipality=viewer.municipality,
        name=DEFAULT_TEMPLATE_NAME,
        scale_min=low,
        scale_max=high,
        scale_labels=labels,
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            municipality=viewer.municipality,
            template=template,
            order=n,
            code=code,
            label=label,
            help=help_text,
        )
        for n, (code, label, help_text) in enumerate(DEFAULT_ITEMS)
    )
    audit(viewer, TEMPLATE_SAVED, template, summary="Standardchecklista skapad", default=True)
    return template


def _scale(scale_min: int, scale_max: int, scale_labels: list[str]) -> list[str]:
    if scale_min is None or scale_max is None or scale_min < 0:
        raise ValidationError({"scale_min": "Ange lägsta och högsta poäng (0 eller mer)."})
    if scale_max <= scale_min:
        raise ValidationError({"scale_max": "Högsta poäng måste vara större än lägsta."})
    if scale_max - scale_min + 1 > MAX_SCALE_STEPS:
        raise ValidationError({"scale_max": f"Skalan får ha högst {MAX_SCALE_STEPS} steg."})
    labels = [_text(label) for label in scale_labels]
    if len(labels) != scale_max - scale_min + 1 or not all(labels):
        raise ValidationError(
            {
                "scale_labels": f"Skriv en betydelse för varje poäng från {scale_min} till "
                f"{scale_max}, en per rad ({scale_max - scale_min + 1} rader)."
            }
        )
    return labels


@transaction.atomic
def template_save(
    *,
    viewer: Viewer,
    template: ChecklistTemplate | None = None,
    name: str,
    scale_min: int,
    scale_max: int,
    scale_labels: list[str],
) -> ChecklistTemplate:
    """Creates or edits a template. The scale is the template's for good once a walk uses
    it: scores already given would otherwise change meaning."""
    _may_templates(viewer)
    own(viewer, template)
    name = _text(name)
    if not name:
        raise ValidationError({"name": "Ge checklistan ett namn."})
    labels = _scale(scale_min, scale_max, scale_labels)
    clash = ChecklistTemplate.objects.filter(municipality=viewer.municipality, name=name)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise ValidationError({"name": "Det finns redan en checklista med det namnet."})
    if template is None:
        template = ChecklistTemplate.objects.create(
            municipality=viewer.municipality,
            name=name,
            scale_min=scale_min,
            scale_max=scale_max,
            scale_labels=labels,
        )
        audit(viewer, TEMPLATE_SAVED, template, summary="Checklista skapad")
        return template
    changed = (template.scale_min, template.scale_max, template.scale_labels) != (
        scale_min,
        scale_max,
        labels,
    )
    if changed and template_in_use(template):
        raise ValidationError(
            {"scale_max": "Skalan kan inte ändras: en vandring använder redan checklistan."}
        )
    template.name, template.scale_min, template.scale_max = name, scale_min, scale_max
    template.scale_labels = labels
    template.save(update_fields=["name", "scale_min", "scale_max", "scale_labels"])
    audit(viewer, TEMPLATE_SAVED, template, summary="Checklista ändrad")
    return template


def _slug(label: str, taken: set[str]) -> str:
    from django.utils.text import slugify

    base = slugify(label.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:36] or "punkt"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def item_add(
    *, viewer: Viewer, template: ChecklistTemplate, label: str, help: str = ""
) -> ChecklistItem:
    """Adds a point last in the template."""
    _may_templates(viewer)
    own(viewer, template)
    label = _text(label)
    if not label:
        raise ValidationError({"label": "Skriv vad punkten gäller."})
    items = ChecklistItem.objects.filter(template=template)
    taken = set(items.values_list("code", flat=True))
    last = items.aggregate(n=Max("order"))["n"]
    item = ChecklistItem.objects.create(
        municipality=viewer.municipality,
        template=template,
        order=0 if last is None else last + 1,
        code=_slug(label, taken),
        label=label,
        help=_text(help),
    )
    audit(viewer, TEMPLATE_SAVED, template, summary="Punkt tillagd i checklista", item=item.pk)
    return item


@transaction.atomic
def item_move(*, viewer: Viewer, item: ChecklistItem, up: bool) -> None:
    """Swaps the point with its neighbour (a button per point: no script needed)."""
    _may_templates(viewer)
    own(viewer, item)
    items = list(ChecklistItem.objects.filter(template_id=item.template_id).order_by("order", "pk"))
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = at - 1 if up else at + 1
    if not 0 <= to < len(items):
        return
    items[at], items[to] = items[to], items[at]
    for n, other in enumerate(items):
        if other.order != n:
            other.order = n
            other.save(update_fields=["order"])
    audit(viewer, TEMPLATE_SAVED, item.template, summary="Checklistans ordning ändrad")


@transaction.atomic
def item_remove(*, viewer: Viewer, item: ChecklistItem) -> None:
    """Removes a point no walk has used yet."""
    _may_templates(viewer)
    own(viewer, item)
    if template_in_use(item.template):
        raise ValidationError("Punkten kan inte tas bort: en vandring använder redan checklistan.")
    template = item.template
    item.delete()
    audit(viewer, TEMPLATE_SAVED, template, summary="Punkt borttagen ur checklista")


# --- The walk ------------------------------------------------------------------------------


def participant_warnings(counts: dict) -> list[str]:
    """What the representativeness check says about the counts per group (warnings, not
    errors: the leader may have reasons)."""
    warnings = []
    total = sum(counts.values())
    if total > MAX_PARTICIPANTS:
        warnings.append(
            f"{total} deltagare är fler än de cirka {MAX_PARTICIPANTS} som en trygghetsvandring "
            "bör ha: dela gärna upp gruppen i två vandringar."
        )
    if not counts.get("boende"):
        warnings.append("Inga boende är med: trygghetsvandringen bör utgå från de boendes bild.")
    return warnings


def _counts(counts: dict | None) -> dict:
    known = {key for key, _ in PARTICIPANT_GROUPS}
    result = {}
    for key, value in (counts or {}).items():
        if key not in known:
            raise ValidationError({"participant_counts": f"Okänd deltagargrupp: {key}."})
        if value in (None, ""):
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(
                {"participant_counts": "Antal deltagare ska vara heltal, 0 eller fler."}
            )
        if value:
            result[key] = value
    return result


def _route(viewer: Viewer, route) -> dict | None:
    """A GeoJSON LineString of at least two points inside the municipality, or None."""
    if route in (None, "", {}):
        return None
    bad = ValidationError(
        {"route": "Slingan ska vara en linje med minst två punkter (GeoJSON LineString)."}
    )
    if not isinstance(route, dict) or route.get("type") != "LineString":
        raise bad
    coordinates = route.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        raise bad
    points = []
    for position in coordinates:
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in position)
            or not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90)
        ):
            raise bad
        points.append([round(float(position[0]), 6), round(float(position[1]), 6)])
    index = area_index(viewer.municipality)
    if any(index.inside_municipality(lat, lon) is False for lon, lat in points):
        raise ValidationError({"route": "Slingan går utanför kommunen. Rita den inom kommunen."})
    return {"type": "LineString", "coordinates": points}


def join_expiry_default(walk_on: date) -> datetime:
    """Midnight after the day after the walk, Swedish time."""
    return day_start(walk_on + timedelta(days=JOIN_DAYS_AFTER + 1))


def _check_links(viewer: Viewer, *, decision, dialogue, pre_survey, forum, template, area):
    own(viewer, decision, dialogue, pre_survey, forum, template, area)
    if area is None:
        raise ValidationError({"area": "Välj vilket område vandringen går i."})
    if template is None:
        raise ValidationError({"template": "Välj en checklista."})
    if not ChecklistItem.objects.filter(template=template).exists():
        raise ValidationError(
            {"template": "Checklistan har inga punkter: lägg till punkter eller välj en annan."}
        )
    if pre_survey is not None and dialogue is not None and pre_survey.dialogue_id != dialogue.pk:
        raise ValidationError({"pre_survey": "Enkäten hör till en annan dialog."})


def _check_dates(walk_on: date | None, pre_meeting_on: date | None) -> None:
    if walk_on is None:
        raise ValidationError({"walk_on": "Ange datum för vandringen."})
    if pre_meeting_on is not None and pre_meeting_on > walk_on:
        raise ValidationError({"walk_on": "Vandringen kan inte vara före förmötet."})


def _check_people(viewer: Viewer, leader, staff) -> None:
    from trygg.core.models import Membership

    ids = {leader.pk, *(u.pk for u in staff)} if leader else {u.pk for u in staff}
    ours = set(
        Membership.objects.filter(municipality=viewer.municipality, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    if leader is None:
        raise ValidationError({"leader": "Välj vem som leder vandringen."})
    if leader.pk not in ours:
        raise ValidationError({"leader": "Vandringsledaren måste ha en roll i kommunen."})
    if ids - ours:
        raise ValidationError({"staff": "Medverkande personal måste ha en roll i kommunen."})


@transaction.atomic
def walk_plan(
    *,
    viewer: Viewer,
    title: str,
    area,
    walk_on: date,
    template: ChecklistTemplate,
    leader,
    purpose: str = "",
    decision=None,
    dialogue=None,
    route: dict | None = None,
    meeting_point: str = "",
    route_description: str = "",
    pre_meeting_on: date | None = None,
    starts_at: time | None = None,
    invited_organisations=(),
    participant_counts: dict | None = None,
    staff=(),
    forum: Forum | None = None,
    pre_survey=None,
) -> Walk:
    """Plans a walk; the forum of the återmöte defaults to the one whose decision ordered it,
    else EST. The join link lasts through the day after the walk."""
    require(viewer, "walks.manage")
    title = _text(title)
    if not title:
        raise ValidationError({"title": "Ge vandringen en rubrik."})
    staff, invited = list(staff), list(invited_organisations)
    own(viewer, *invited)
    _check_links(
        viewer,
        decision=decision,
        dialogue=dialogue,
        pre_survey=pre_survey,
        forum=forum,
        template=template,
        area=area,
    )
    _check_dates(walk_on, pre_meeting_on)
    _check_people(viewer, leader, staff)
    if forum is None:
        forum = (
            decision.meeting.forum
            if decision is not None
            else forum_of_kind(municipality=viewer.municipality, kind=Forum.Kind.EST)
        )
    walk = Walk.objects.create(
        municipality=viewer.municipality,
        title=title,
        purpose=_text(purpose),
        decision=decision,
        dialogue=dialogue,
        forum=forum,
        area=area,
        route=_route(viewer, route),
        meeting_point=_text(meeting_point),
        route_description=_text(route_description),
        pre_meeting_on=pre_meeting_on,
        walk_on=walk_on,
        starts_at=starts_at,
        template=template,
        pre_survey=pre_survey,
        participant_counts=_counts(participant_counts),
        leader=leader,
        join_expires_at=join_expiry_default(walk_on),
    )
    walk.invited_organisations.set(invited)
    walk.staff.set(staff)
    audit(
        viewer,
        WALK_PLANNED,
        walk,
        summary="Trygghetsvandring planerad",
        decision=getattr(decision, "pk", None),
        dialogue=getattr(dialogue, "pk", None),
        area=area.pk,
    )
    return walk


UPDATABLE = (
    "title",
    "purpose",
    "area",
    "route",
    "meeting_point",
    "route_description",
    "pre_meeting_on",
    "walk_on",
    "starts_at",
    "template",
    "participant_counts",
    "leader",
    "forum",
    "pre_survey",
)


@transaction.atomic
def walk_update(*, viewer: Viewer, walk: Walk, invited_organisations=(), staff=(), **fields):
    """Changes a planned walk. The checklist cannot change once observations use it; a new
    walk date moves the join link's end with it unless the leader set another."""
    require(viewer, "walks.manage")
    own(viewer, walk)
    unknown = set(fields) - set(UPDATABLE)
    if unknown:
        raise TypeError(f"Okända fält: {sorted(unknown)}")
    values = {name: getattr(walk, name) for name in UPDATABLE} | fields
    values["title"] = _text(values["title"])
    if not values["title"]:
        raise ValidationError({"title": "Ge vandringen en rubrik."})
    staff, invited = list(staff), list(invited_organisations)
    own(viewer, *invited)
    _check_links(
        viewer,
        decision=walk.decision,
        dialogue=walk.dialogue,
        pre_survey=values["pre_survey"],
        forum=values["forum"],
        template=values["template"],
        area=values["area"],
    )
    _check_dates(values["walk_on"], values["pre_meeting_on"])
    _check_people(viewer, values["leader"], staff)
    if values["template"].pk != walk.template_id and walk.observations.exists():
        raise ValidationError({"template": "Checklistan kan inte bytas: det finns observationer."})
    if walk.join_expires_at == join_expiry_default(walk.walk_on):
        walk.join_expires_at = join_expiry_default(values["walk_on"])
    values["route"] = _route(viewer, values["route"])
    values["participant_counts"] = _counts(values["participant_counts"])
    for name in ("purpose", "meeting_point", "route_description"):
        values[name] = _text(values[name])
    for name, value in values.items():
        setattr(walk, name, value)
    walk.save(update_fields=[*UPDATABLE, "join_expires_at"])
    walk.invited_organisations.set(invited)
    walk.staff.set(staff)
    audit(viewer, WALK_UPDATED, walk, summary="Trygghetsvandring ändrad")
    return walk


# --- The join link -------------------------------------------------------------------------


def may_manage_join_link(viewer: Viewer, walk: Walk) -> bool:
    """The samordnare, or the walk's own leader (who may be any staff on it)."""
    return viewer.may("walks.manage") or (
        viewer.may("walks.record") and viewer.user_id == walk.leader_id
    )


def _require_join(viewer: Viewer, walk: Walk) -> None:
    own(viewer, walk)
    if not may_manage_join_link(viewer, walk):
        raise PermissionDenied(REFUSED)


@transaction.atomic
def join_link_revoke(*, viewer: Viewer, walk: Walk) -> Walk:
    """The link stops working at once (a phone that had it can no longer add anything)."""
    _require_join(viewer, walk)
    if walk.join_revoked_at is None:
        walk.join_revoked_at = timezone.now()
        walk.save(update_fields=["join_revoked_at"])
        audit(viewer, JOIN_LINK_REVOKED, walk, summary="Deltagarlänk återkallad")
    return walk


@transaction.atomic
def join_link_renew(*, viewer: Viewer, walk: Walk) -> Walk:
    """A new secret replaces the old one (which stops working); an end already passed moves
    to the default after the walk day, or a day from now if that is past too."""
    _require_join(viewer, walk)
    now = timezone.now()
    walk.join_token = new_join_token()
    walk.join_revoked_at = None
    if walk.join_expires_at is None or walk.join_expires_at <= now:
        walk.join_expires_at = max(join_expiry_default(walk.walk_on), now + timedelta(days=1))
    walk.save(update_fields=["join_token", "join_revoked_at", "join_expires_at"])
    audit(viewer, JOIN_LINK_RENEWED, walk, summary="Ny deltagarlänk")
    return walk


@transaction.atomic
def join_link_set_expiry(*, viewer: Viewer, walk: Walk, expires_on: date) -> Walk:
    """The link works through `expires_on` (Swedish time)."""
    _require_join(viewer, walk)
    if expires_on is None:
        raise ValidationError({"expires_on": "Ange till och med vilket datum länken gäller."})
    if expires_on < walk.walk_on:
        raise ValidationError({"expires_on": "Länken måste gälla åtminstone vandringens dag."})
    walk.join_expires_at = day_start(expires_on + timedelta(days=1))
    walk.save(update_fields=["join_expires_at"])
    audit(
        viewer,
        JOIN_LINK_RENEWED,
        walk,
        summary="Deltagarlänkens giltighet ändrad",
        expires_on=expires_on.isoformat(),
    )
    return walk
