from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.viewer import operator_viewer
from trygg.geo.gazetteer.services import place_names_import
from trygg.geo.management.arguments import municipality_by_code, read_input


class Command(BaseCommand):
    help = (
        "Läser in platsnamn utan koordinater (CSV med kolumnerna namn och typ, t.ex. gator och "
        "orter ur polisens notiser) som förslag i kommunens platsfält."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kommunkod", required=True, help="t.ex. 1983")
        parser.add_argument("--kalla", default="", help="varifrån namnen kommer")

    def handle(self, *args, **opts):
        municipality = municipality_by_code(opts["kommunkod"])
        raw = read_input(opts["path"])
        with scope(municipality=municipality):
            try:
                created = place_names_import(
                    viewer=operator_viewer(municipality), raw=raw, source=opts["kalla"]
                )
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(f"{created} platsnamn inlästa till {municipality.name}.")
