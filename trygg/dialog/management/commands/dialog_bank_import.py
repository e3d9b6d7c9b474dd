"""manage.py dialog_bank_import --kommunkod 1983 FILE.csv: the municipality's question bank,
as the upload page imports it."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.models import Role
from trygg.core.viewer import Viewer
from trygg.geo.management.arguments import municipality_by_code, read_input

from ...services.bank import bank_import


class Command(BaseCommand):
    help = "Importerar kommunens frågebank (CSV) med kärnfrågor kopplade till NTU:s mått."

    def add_arguments(self, parser):
        parser.add_argument("--kommunkod", required=True)
        parser.add_argument("file", type=Path)

    def handle(self, *args, kommunkod, file, **options):
        municipality = municipality_by_code(kommunkod)
        raw = read_input(file)
        # The bank is the säkerhetssamordnare's (dialog.manage); the operator acts as one,
        # with no user, so the audit row names nobody.
        viewer = Viewer(municipality=municipality, roles=frozenset({Role.SAMORDNARE}))
        with scope(municipality=municipality):
            try:
                result = bank_import(viewer=viewer, raw=raw, filename=file.name)
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from None
        for warning in result.warnings:
            self.stderr.write(f"Varning: {warning}")
        self.stdout.write(
            f"Frågebanken för {municipality.name}: {result.created} nya och "
            f"{result.updated} ersatta frågor."
        )
