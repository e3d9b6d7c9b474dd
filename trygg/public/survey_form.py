"""The public survey form's fields: names in the POST, the raw values the answering service
takes, and the rows the template draws (texts in the chosen language, errors, conditions)."""

from trygg.dialog.services.answer_checks import TIMES_OF_DAY

# ?sprak= → Response.language
LANGUAGES = {"en": "en", "lattlast": "easy"}
MAP_PARTS = ("lat", "lon", "area", "place", "time", "reason")


def field_name(question, part: str = "") -> str:
    return f"q-{question.key}" + (f"-{part}" if part else "")


def form_values(post, questions) -> dict:
    """The raw answers in `post`, keyed by question key, as response_submit takes them."""
    values = {}
    for q in questions:
        if q.kind == "multiple":
            values[q.key] = post.getlist(field_name(q))
        elif q.kind == "map":
            values[q.key] = {part: post.get(field_name(q, part), "") for part in MAP_PARTS}
        else:
            values[q.key] = post.get(field_name(q), "")
    return values


def _text(obj, language: str, field: str = "text") -> tuple[str, str]:
    """The text in `language` when the survey has it, else Swedish; and its lang attribute."""
    if language == "en" and getattr(obj, f"{field}_en", ""):
        return getattr(obj, f"{field}_en"), "en"
    if language == "easy" and getattr(obj, f"{field}_easy", ""):
        return getattr(obj, f"{field}_easy"), ""
    return getattr(obj, field), ""


def _label(option: dict, language: str) -> str:
    if language == "en" and option.get("label_en"):
        return option["label_en"]
    if language == "easy" and option.get("label_easy"):
        return option["label_easy"]
    return option.get("label") or str(option.get("value"))


def question_rows(questions, *, language: str, values: dict, errors: dict) -> list[dict]:
    """One row per question for the template, numbered as the visitor sees them."""
    numbers = {q.pk: i for i, q in enumerate(questions, start=1)}
    by_pk = {q.pk: q for q in questions}
    rows = []
    for q in questions:
        text, lang = _text(q, language)
        raw = values.get(q.key)
        chosen = {str(v) for v in raw} if isinstance(raw, list) else {str(raw or "")}
        section_title, _section_lang = (
            _text(q.section, language, "title") if q.section else ("", "")
        )
        row = {
            "question": q,
            "kind": q.kind,
            "number": numbers[q.pk],
            "text": text,
            "lang": lang,
            "help": q.help,
            "required": q.required,
            "name": field_name(q),
            "anchor": field_name(q) + ("-area" if q.kind == "map" else "")
            if q.kind not in ("single", "likert", "multiple")
            else field_name(q) + "-0",
            "errors": errors.get(q.key, []),
            "section": q.section_id,
            "section_title": section_title,
            "options": [
                {
                    "value": str(o.get("value")),
                    "label": _label(o, language),
                    "checked": str(o.get("value")) in chosen,
                    "id": f"{field_name(q)}-{i}",
                }
                for i, o in enumerate(q.options or [])
            ],
            "value": raw if isinstance(raw, str) else "",
            "map": raw if isinstance(raw, dict) else {},
            "times": TIMES_OF_DAY,
            "max_length": q.max_length,
        }
        parent = by_pk.get(q.condition_question_id)
        if parent is not None:
            labels = {str(o.get("value")): _label(o, language) for o in parent.options or []}
            said = " eller ".join(f"”{labels.get(str(v), v)}”" for v in q.condition_values or [])
            row["condition"] = {
                "text": f"Svara bara om du svarade {said} på fråga {numbers[parent.pk]}.",
                "name": field_name(parent),
                "values": [str(v) for v in q.condition_values or []],
            }
        rows.append(row)
    return rows
