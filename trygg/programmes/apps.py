from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "trygg.programmes"
    label = "programmes"
    verbose_name = "Program (mål G4–G7)"

    def ready(self):
        # The register's part; each kind's module adds its own lines below.
        from . import audit_events, registrations

        audit_events.register()
        registrations.register()

        from . import registrations_youth

        registrations_youth.register()

        from . import nightwalk_registrations

        nightwalk_registrations.register()

        from . import support_registrations

        support_registrations.register()

        from . import neighbourhood_registrations

        neighbourhood_registrations.register()
