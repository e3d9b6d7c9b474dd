from django.contrib import admin

from .models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "municipality", "area_km2"]
    list_filter = ["kind", "municipality"]
    exclude = ["geometry"]
    readonly_fields = ["min_lon", "min_lat", "max_lon", "max_lat", "area_km2"]
