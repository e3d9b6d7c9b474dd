"""Theme coding of survey free-text answers and approving quotes.

Free text was redacted when it was stored (the answering service scans it); coding adds themes
from the municipality's report categories, several per answer and many answers at once. A
quote is approved only when the scan finds nothing in the stored text — a redaction marker
counts as a finding, since the sentence around it was about somebody."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..models import Answer, Question
from ..textscan import scan

ACTION = "dialog.code_answers"
ADD = "add"
REMOVE = "remove"


def _answers(viewer: Viewer, question: Question, answer_ids) -> list[Answer]:
    ids = {int(i) for i in answer_ids}
    answers = list(
        Answer.objects.filter(municipality=viewer.municipality, question=question, pk__in=ids)
    )
    if len(answers) != len(ids):
        raise ValidationError("Ett av svaren hör inte till frågan.")
    return answers


@transaction.atomic
def answers_code(
    *, viewer: Viewer, question: Question, answer_ids, themes, operation: str = ADD
) -> int:
    """Adds (or removes) the themes on every chosen free-text answer of the question; returns
    how many answers were coded."""
    require(viewer, ACTION)
    own(viewer, question, *themes)
    if question.kind != Question.Kind.TEXT:
        raise ValidationError("Bara fritextsvar kodas med teman.")
    if not answer_ids:
        raise ValidationError({"answers": "Välj minst ett svar."})
    if not themes:
        raise ValidationError({"themes": "Välj minst ett tema."})
    answers = _answers(viewer, question, answer_ids)
    through = Answer.themes.through
    pairs = [(a.pk, t.pk) for a in answers for t in themes]
    if operation == ADD:
        existing = set(
            through.objects.filter(
                answer_id__in=[a.pk for a in answers], category_id__in=[t.pk for t in themes]
            ).values_list("answer_id", "category_id")
        )
        through.objects.bulk_create(
            [through(answer_id=a, category_id=t) for a, t in pairs if (a, t) not in existing]
        )
    elif operation == REMOVE:
        through.objects.filter(
            answer_id__in=[a.pk for a in answers], category_id__in=[t.pk for t in themes]
        ).delete()
    else:
        raise ValidationError("Okänd åtgärd.")
    audit(
        viewer,
        "dialog.answers_coded",
        question,
        summary=f"{len(answers)} fritextsvar kodade",
        operation=operation,
        answers=len(answers),
        themes=sorted(t.pk for t in themes),
    )
    return len(answers)


@transaction.atomic
def answer_quotable_set(*, viewer: Viewer, answer: Answer, quotable: bool) -> Answer:
    """Marks a free-text answer as a quote that may be shown (or withdraws it); approving is
    refused with the reason when the scan finds personal data in the stored text."""
    require(viewer, ACTION)
    own(viewer, answer)
    if quotable:
        found = scan(answer.text)
        if not answer.text.strip():
            raise ValidationError("Ett tomt svar kan inte bli ett citat.")
        if not found.clean:
            raise ValidationError(found.reason())
    answer.quotable = quotable
    answer.save(update_fields=["quotable"])
    audit(
        viewer,
        "dialog.quote_approved",
        answer,
        summary="Citat godkänt" if quotable else "Citat återkallat",
        question=answer.question_id,
        quotable=quotable,
    )
    return answer
