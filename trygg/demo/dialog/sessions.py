"""The demo dialogue's focus groups: composition as counts, consent, coded notes and
pseudonymised quotes (texts.py)."""

from datetime import date, timedelta

from trygg.dialog.models import Dialogue, Session, SessionNote
from trygg.reports.models import Category

from .texts import SESSIONS


def sessions_load(dialogue: Dialogue, day0: date, districts) -> list[Session]:
    municipality = dialogue.municipality
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    made = []
    for row in SESSIONS:
        composition = row["composition"]
        session = Session.objects.create(
            municipality=municipality,
            dialogue=dialogue,
            kind=Session.Kind.FOKUSGRUPP,
            title=row["title"],
            held_on=day0 - timedelta(days=row["days_before"]),
            area=districts.get(row["district"]),
            purpose=row["purpose"],
            recruitment=row["recruitment"],
            composition=composition,
            participants=sum(composition["sex"].values()),
            consent_recorded=True,
            consent_method=row["consent"],
        )
        for text, is_quote, speaker, themes in row["notes"]:
            note = SessionNote.objects.create(
                municipality=municipality,
                session=session,
                text=text,
                is_quote=is_quote,
                speaker=speaker,
            )
            note.themes.set([categories[c] for c in themes])
        made.append(session)
    return made
