"""The dialog app in the Django admin (superusers only, core/admin.py). Citizens' answers, the
sample and the e-mails left for results are read-only here: they change only through the
services and the retention job, so nothing bypasses the audit trail. A published version's
questions are frozen here as in the app."""

from django.contrib import admin

from .models import (
    Answer,
    BankItem,
    Channel,
    Dialogue,
    Invitation,
    PopulationStratum,
    Question,
    Response,
    ResultSubscriber,
    Section,
    Session,
    SessionNote,
    Survey,
    SurveyVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FrozenWhenPublished(admin.ModelAdmin):
    """Rows of a published (frozen) survey version cannot change under its answers."""

    def _frozen(self, obj) -> bool:
        version = obj if isinstance(obj, SurveyVersion) else getattr(obj, "version", None)
        return bool(version and version.frozen)

    def has_change_permission(self, request, obj=None):
        return not (obj and self._frozen(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and self._frozen(obj)) and super().has_delete_permission(request, obj)


@admin.register(Dialogue)
class DialogueAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "municipality", "starts_on", "ends_on", "published_at"]
    list_filter = ["status", "municipality"]
    search_fields = ["title"]
    raw_id_fields = ["strategic_picture", "created_by"]
    filter_horizontal = ["target_areas", "focus_areas", "measures", "promises"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "mode", "status", "municipality", "opens_on", "closes_on"]
    list_filter = ["mode", "status", "municipality"]
    search_fields = ["title"]
    raw_id_fields = ["dialogue", "previous_round", "current_version", "created_by"]
    readonly_fields = ["token", "published_at", "closed_at", "created_at"]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(FrozenWhenPublished):
    list_display = ["survey", "number", "published_at", "municipality"]
    list_filter = ["municipality"]
    raw_id_fields = ["survey"]


@admin.register(Section)
class SectionAdmin(FrozenWhenPublished):
    list_display = ["title", "version", "order", "municipality"]
    raw_id_fields = ["version"]


@admin.register(Question)
class QuestionAdmin(FrozenWhenPublished):
    list_display = ["key", "kind", "version", "order", "stratum", "municipality"]
    list_filter = ["kind", "stratum", "municipality"]
    search_fields = ["key", "text"]
    raw_id_fields = ["version", "section", "condition_question", "bank_item"]


@admin.register(BankItem)
class BankItemAdmin(admin.ModelAdmin):
    list_display = ["code", "indicator", "kind", "source", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["code", "indicator"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "survey", "area", "municipality"]
    list_filter = ["municipality"]
    raw_id_fields = ["survey", "area"]
    readonly_fields = ["token"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "held_on", "participants", "consent_recorded", "municipality"]
    list_filter = ["kind", "municipality"]
    raw_id_fields = ["dialogue", "area"]


@admin.register(SessionNote)
class SessionNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "is_quote", "speaker", "municipality"]
    list_filter = ["is_quote", "municipality"]
    raw_id_fields = ["session"]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "survey", "mode", "submitted_on", "deso_code", "looks_repeated"]
    list_filter = ["mode", "looks_repeated", "municipality"]
    # The device hash is the repeat-answer guard's key, of use to no one reading here.
    exclude = ["device_hash"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["pk", "question", "choice", "quotable", "municipality"]
    list_filter = ["quotable", "municipality"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "survey", "deso_code", "sex", "age_band", "used_at", "municipality"]
    list_filter = ["municipality"]
    # A one-time code is a key to answer as someone, and the reference points to a person.
    exclude = ["code", "reference"]


@admin.register(ResultSubscriber)
class ResultSubscriberAdmin(ReadOnlyAdmin):
    list_display = ["pk", "dialogue", "created_at", "municipality"]
    list_filter = ["municipality"]
    exclude = ["email"]


@admin.register(PopulationStratum)
class PopulationStratumAdmin(admin.ModelAdmin):
    list_display = ["deso_code", "year", "sex", "age_band", "population", "source"]
    list_filter = ["year", "sex", "age_band"]
    search_fields = ["deso_code"]
