"""Writes for dialogues: created and edited by holders of `dialog.manage`, audited in the
same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..audit_events import DIALOGUE_CREATED, DIALOGUE_UPDATED
from ..models import Dialogue

LINKS = ("target_areas", "focus_areas", "measures", "promises", "promise_activities")


@transaction.atomic
def dialogue_save(
    *,
    viewer: Viewer,
    dialogue: Dialogue | None = None,
    title: str,
    question: str,
    decided_by: str,
    forms: list[str],
    starts_on,
    ends_on,
    feedback_plan: str,
    target_group: str = "",
    evaluation: str = "",
    status: str = Dialogue.Status.PLANERAD,
    strategic_picture=None,
    target_areas=(),
    focus_areas=(),
    measures=(),
    promises=(),
    promise_activities=(),
) -> Dialogue:
    """Stores a dialogue with the fields of SKR's styrkarta and what it informs and led to;
    every linked object must be the municipality's own."""
    require(viewer, "dialog.manage")
    links = {
        "target_areas": list(target_areas),
        "focus_areas": list(focus_areas),
        "measures": list(measures),
        "promises": list(promises),
        "promise_activities": list(promise_activities),
    }
    own(viewer, dialogue, strategic_picture, *(obj for objs in links.values() for obj in objs))
    errors = {}
    known = set(Dialogue.Form.values)
    if not forms:
        errors["forms"] = "Välj minst en form för dialogen."
    elif not set(forms) <= known:
        errors["forms"] = "Okänd form för dialogen."
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "Dialogen kan inte sluta före den börjar."
    if errors:
        raise ValidationError(errors)
    dialogue = dialogue or Dialogue(municipality=viewer.municipality, created_by=viewer.user)
    dialogue.title = title.strip()
    dialogue.question = question.strip()
    dialogue.decided_by = decided_by.strip()
    # Kept in the order the form lists them, so the page reads the same whatever was ticked.
    dialogue.forms = [value for value in Dialogue.Form.values if value in forms]
    dialogue.target_group = target_group.strip()
    dialogue.starts_on = starts_on
    dialogue.ends_on = ends_on
    dialogue.feedback_plan = feedback_plan.strip()
    dialogue.evaluation = evaluation.strip()
    dialogue.status = status
    dialogue.strategic_picture = strategic_picture
    dialogue.full_clean(exclude=["created_by"])
    created = dialogue.pk is None
    dialogue.save()
    for name, objs in links.items():
        getattr(dialogue, name).set(objs)
    audit(
        viewer,
        DIALOGUE_CREATED if created else DIALOGUE_UPDATED,
        dialogue,
        summary=f"Medborgardialog {dialogue.title}",
        status=dialogue.status,
        forms=dialogue.forms,
        **{name: sorted(obj.pk for obj in objs) for name, objs in links.items()},
    )
    return dialogue
