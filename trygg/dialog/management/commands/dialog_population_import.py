from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.models import Role
from trygg.core.viewer import Viewer
from trygg.dialog.services.population import population_import
from trygg.geo.management.arguments import municipality_by_code, read_input


class Command(BaseCommand):
    help = (
        "Läser in befolkning per DeSO och kön (SCB:s FolkmDesoBakgrKon) eller per DeSO, kön "
        "och åldersgrupp (kolumnerna deso, kön, åldersgrupp, antal) att väga enkätsvar mot."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kommunkod", default="1983", help="kommunen som läser in, t.ex. 1983")
        parser.add_argument("--ar", type=int, default=None, help="året, om filen saknar det")
        parser.add_argument("--kalla", default="", help="varifrån siffrorna kommer")

    def handle(self, *args, **opts):
        municipality = municipality_by_code(opts["kommunkod"])
        raw = read_input(opts["path"])
        # The operator acts as the municipality's samordnare: importing the weighting
        # population is theirs (dialog.import_population), and the audit row names no user.
        viewer = Viewer(municipality=municipality, roles=frozenset({Role.SAMORDNARE}))
        with scope(municipality=municipality):
            try:
                n = population_import(
                    viewer=viewer,
                    raw=raw,
                    source=opts["kalla"] or f"SCB, {opts['path'].name}",
                    year=opts["ar"],
                )
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(f"{n} befolkningsgrupper inlästa.")
