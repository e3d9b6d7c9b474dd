"""Operator command: loads an official source file into the shared statistics every
municipality reads (BRÅ's indicators for the country and the counties, SCB's population per
DeSO). A municipality's own upload never writes here."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trygg.strategy import crimestats, desostats, services


class Command(BaseCommand):
    help = "Läser in officiell statistik (BRÅ:s kommunindikatorer, SCB:s befolkning per DeSO)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=["indikatorer", "befolkning-deso"], default="indikatorer"
        )
        parser.add_argument(
            "--dataset",
            default="bra-kommunindikatorer",
            help="Källans nyckel; en ny inläsning ersätter källans alla värden.",
        )

    def handle(self, *args, file: Path, format: str, dataset: str, **options):
        try:
            raw = file.read_bytes()
            if format == "befolkning-deso":
                population, errors = desostats.parse_deso_population(raw)
                stored = services.deso_population_load(population=population)
            else:
                rows, errors = crimestats.parse_indicators(raw)
                stored = services.official_statistics_load(dataset=dataset, rows=rows)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        for error in errors[:20]:
            self.stderr.write(error.message)
        self.stdout.write(f"{stored} värden inlästa, {len(errors)} rader med fel.")
