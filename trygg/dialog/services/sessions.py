"""Interviews and focus groups: the session record and its coded notes.

Who took part is kept as counts per sex and age band, never names; a session without recorded
consent is refused. A note's text goes through the PII scan: a quote that holds personal data
is refused with the reason (a quote is meant to be shown, so it must be right as written), a
plain note is redacted and stored (it is a working note, and losing a whole note for one phone
number would lose more than it protects); the counts of what was redacted are audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..models import Dialogue, Session, SessionNote
from ..models.answers import AgeBand, Sex
from ..textscan import redact_note, scan

ACTION = "dialog.record_sessions"
PSEUDONYM_PREFIX = "Deltagare"


def pseudonyms(participants: int) -> list[str]:
    """ "Deltagare A" … for a session of this many participants (AA, AB … past Z)."""
    letters = [chr(ord("A") + i) for i in range(26)]
    names = letters + [a + b for a in letters for b in letters]
    return [f"{PSEUDONYM_PREFIX} {n}" for n in names[: max(participants, 1)]]


def _composition(composition: dict, participants: int) -> dict:
    """Counts per sex and age band, each dimension at most the participants; zeros left out."""
    known = {"sex": set(Sex.values), "age_band": set(AgeBand.values)}
    labels = {"sex": "kön", "age_band": "åldersgrupp"}
    cleaned: dict[str, dict[str, int]] = {}
    for dimension, counts in (composition or {}).items():
        if dimension not in known:
            raise ValidationError({"composition": "Okänd indelning av deltagarna."})
        kept = {}
        for group, n in counts.items():
            if group not in known[dimension]:
                raise ValidationError({"composition": "Okänd grupp bland deltagarna."})
            if n is None or n == 0:
                continue
            if not isinstance(n, int) or n < 0:
                raise ValidationError({"composition": "Antalen måste vara heltal, 0 eller fler."})
            kept[group] = n
        if sum(kept.values()) > participants:
            raise ValidationError(
                {
                    "composition": f"Fler deltagare per {labels[dimension]} "
                    f"({sum(kept.values())}) än deltagare totalt ({participants})."
                }
            )
        if kept:
            cleaned[dimension] = kept
    return cleaned


@transaction.atomic
def session_record(
    *,
    viewer: Viewer,
    dialogue: Dialogue,
    kind: str,
    title: str,
    held_on,
    purpose: str,
    recruitment: str,
    participants: int,
    composition: dict,
    consent_recorded: bool,
    consent_method: str,
    area=None,
) -> Session:
    """A session of the dialogue with its composition as counts; consent must be recorded and
    how it was given said."""
    require(viewer, ACTION)
    own(viewer, dialogue, area)
    if not consent_recorded:
        raise ValidationError(
            {
                "consent_recorded": "Samtycke måste vara inhämtat innan en intervju eller "
                "fokusgrupp registreras."
            }
        )
    if not consent_method.strip():
        raise ValidationError({"consent_method": "Skriv hur samtycket inhämtades."})
    if participants is None or participants < 1:
        raise ValidationError({"participants": "Minst en deltagare."})
    session = Session(
        municipality=viewer.municipality,
        dialogue=dialogue,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        area=area,
        purpose=purpose.strip(),
        recruitment=recruitment.strip(),
        participants=participants,
        composition=_composition(composition, participants),
        consent_recorded=True,
        consent_method=consent_method.strip(),
    )
    session.full_clean()
    session.save()
    audit(
        viewer,
        "dialog.session_recorded",
        session,
        summary=f"{session.get_kind_display()} registrerad",
        dialogue=dialogue.pk,
        kind=kind,
        participants=participants,
    )
    return session


@transaction.atomic
def session_note_add(
    *,
    viewer: Viewer,
    session: Session,
    text: str,
    is_quote: bool = False,
    speaker: str = "",
    themes=(),
) -> SessionNote:
    """A note coded with themes (the municipality's report categories). A quote needs a
    pseudonym of the session ("Deltagare A") and is refused when the scan finds personal data;
    a note is stored redacted."""
    require(viewer, ACTION)
    own(viewer, session, *themes)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Skriv anteckningen."})
    redacted: dict[str, int] = {}
    if is_quote:
        if speaker not in pseudonyms(session.participants):
            raise ValidationError(
                {"speaker": "Välj en pseudonym för den som sa det, t.ex. Deltagare A."}
            )
        found = scan(text)
        if not found.clean:
            raise ValidationError({"text": found.reason()})
    else:
        speaker = ""
        text, redacted = redact_note(text)
    note = SessionNote(
        municipality=viewer.municipality,
        session=session,
        text=text,
        is_quote=is_quote,
        speaker=speaker,
    )
    note.full_clean()
    note.save()
    note.themes.set(themes)
    audit(
        viewer,
        "dialog.session_note_added",
        note,
        summary="Citat registrerat" if is_quote else "Anteckning registrerad",
        session=session.pk,
        themes=sorted(t.pk for t in themes),
        redacted=redacted,
    )
    return note
