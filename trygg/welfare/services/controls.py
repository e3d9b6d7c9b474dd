"""Writes of the control catalogue and its runs."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..audit_events import CONTROL_CREATED, CONTROL_RUN
from ..models import Control, ControlRun, Regelverk
from ..validation import refuse_personal_data

NO_RESULT = "Ange kontrollens resultat."
NO_DEVIATIONS = "Beskriv avvikelserna (utan personuppgifter)."


@transaction.atomic
def control_create(
    *,
    viewer: Viewer,
    name: str,
    regelverk: str,
    performer: str,
    frequency: int,
    starts_on: date,
    description: str = "",
) -> Control:
    """Adds a check to the catalogue; its first run is due one frequency after `starts_on`."""
    require(viewer, "welfare.manage")
    if regelverk not in Regelverk.values:
        raise ValidationError({"regelverk": "Välj vilken process kontrollen gäller."})
    if frequency not in Control.Frequency.values:
        raise ValidationError({"frequency": "Välj hur ofta kontrollen görs."})
    refuse_personal_data({"name": name, "description": description, "performer": performer})
    control = Control.objects.create(
        municipality=viewer.municipality,
        name=name,
        regelverk=regelverk,
        description=description,
        performer=performer,
        frequency=frequency,
        starts_on=starts_on,
    )
    audit(viewer, CONTROL_CREATED, control, summary=name, regelverk=regelverk)
    return control


@transaction.atomic
def control_run(
    *,
    viewer: Viewer,
    control: Control,
    run_on: date,
    result: str,
    checked: int = 0,
    deviations: str = "",
) -> ControlRun:
    """Logs a run of the control. A run without a result is refused, and so is a deviation
    without a description of it: the run is the evidence the control was done."""
    require(viewer, "welfare.manage")
    own(viewer, control)
    if result not in ControlRun.Result.values:
        raise ValidationError({"result": NO_RESULT})
    if run_on > timezone.localdate():
        raise ValidationError({"run_on": "En kontroll kan inte loggas i förväg."})
    if result == ControlRun.Result.AVVIKELSE and not deviations.strip():
        raise ValidationError({"deviations": NO_DEVIATIONS})
    refuse_personal_data({"deviations": deviations})
    run = ControlRun.objects.create(
        municipality=viewer.municipality,
        control=control,
        run_on=run_on,
        result=result,
        checked=checked,
        deviations=deviations,
        created_by=viewer.user,
    )
    if control.last_run_on is None or run_on > control.last_run_on:
        control.last_run_on = run_on
        control.save(update_fields=["last_run_on"])
    audit(viewer, CONTROL_RUN, run, summary=control.name, control=control.pk, result=result)
    return run
