"""The question bank: its core questions keyed to the NTU indicators, and the upload of the
municipality's CSV (the same import as `manage.py dialog_bank_import`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from ..builder_forms import BankUploadForm
from ..selectors.dialogues import bank_items
from ..services.bank import COLUMNS, bank_import


@member_required("dialog.view")
def bank_list(request):
    viewer = viewer_for_request(request)
    form = None
    errors: list[str] = []
    if viewer.may("dialog.manage"):
        form = BankUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = bank_import(viewer=viewer, raw=upload.read(), filename=upload.name)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    f"Frågebanken har {result.created} nya och {result.updated} ersatta frågor.",
                )
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect("dialog:bank")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "dialog/bank.html",
        {"items": bank_items(viewer=viewer), "form": form, "errors": errors, "columns": COLUMNS},
    )
