"""The outbox's endpoint: a phone's queued staff report, sent when it has coverage.

It takes the staff form's own fields (multipart, photo included) with the session and a
CSRF header, validates with the same form as the page, and answers JSON the outbox can act
on: 201 with the receipt for a new report, 200 with the same receipt for an identical retry
(the client UUID found the report a lost reply had stored), 400 with the form's Swedish
messages, 409 for a UUID that belongs to another submission, 401 when the session ended
while the phone was offline (the queue is kept; the person signs in and it is sent)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core.permissions import roles_may
from trygg.core.viewer import viewer_for_request

from . import idempotency
from .views import placed_note, staff_report_form, staff_report_store

UUID_REQUIRED = "Rapporten saknar sitt klient-UUID. Ladda om sidan och skicka igen."
SIGNED_OUT = "Du är utloggad. Logga in igen: rapporten finns kvar i enheten tills dess."
NOT_ALLOWED = "Du har inte behörighet att rapportera i den här kommunen."


def _errors(error: ValidationError) -> dict:
    """The form's JSON shape (`form.errors.get_json_data()`), for errors the services raise:
    per field, or under "__all__" where they name none (a photo that cannot be read)."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return {
        field: [{"message": str(message)} for message in messages_]
        for field, messages_ in by_field.items()
    }


@require_POST
def report_create_json(request):
    if not request.user.is_authenticated:
        return JsonResponse({"message": SIGNED_OUT, "login_url": reverse("core:login")}, status=401)
    if request.municipality is None or not roles_may(request.roles, "reports.create"):
        return JsonResponse({"message": NOT_ALLOWED}, status=403)
    viewer = viewer_for_request(request)
    form = staff_report_form(viewer, request)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    if form.cleaned_data.get("client_uuid") is None:
        return JsonResponse({"errors": {"__all__": [{"message": UUID_REQUIRED}]}}, status=400)
    try:
        report, created = staff_report_store(viewer, form)
    except ValidationError as error:
        return JsonResponse({"errors": _errors(error)}, status=400)
    except idempotency.UuidConflict as conflict:
        return JsonResponse({"message": conflict.message}, status=409)
    if created:
        # Shown on the report's page when the phone, online, goes there at once.
        messages.success(
            request, f"Tack! Rapport nr {report.pk} är registrerad.{placed_note(report)}"
        )
    return JsonResponse(
        {
            "state": "mottagen",
            "id": report.pk,
            "client_uuid": str(report.uuid),
            "tracking_code": report.tracking_code,
            "url": reverse("reports:detail", args=[report.pk]),
        },
        status=201 if created else 200,
    )
