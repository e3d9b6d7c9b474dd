"""The Django admin is for superusers (national operators) only; municipalities administer
themselves in the app."""

from django.contrib import admin

from .models import AuditEvent, Membership, Municipality, Organisation


def _superuser_only(request):
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kommunkod", "county_code", "population"]
    search_fields = ["name", "kommunkod"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "active"]
    list_filter = ["kind", "municipality"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "municipality"]
    list_filter = ["role", "municipality"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "event", "actor", "municipality", "summary"]
    list_filter = ["event", "municipality"]
    search_fields = ["object_type", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
