"""`make bench`: runs every bench/bench_*.py module's `run()` and prints its ratios.

Each module measures Trygg against a reference (a minimal view, COPY, DuckDB, esda) side by
side in the same run, so the printed ratios hold on any machine. Benchmarks are never
timed tests: they print, they do not assert.
"""

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("only", nargs="*", help="run only these benchmarks (e.g. gi intake)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if args.only:
        names = [n for n in names if n.removeprefix("bench_") in args.only]
    print(
        f"# Trygg benchmarks — {platform.node()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    failures = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(
            f"\n## {name.removeprefix('bench_')}: {(module.__doc__ or '').strip().splitlines()[0]}"
        )
        started = time.perf_counter()
        try:
            for line in module.run(quick=args.quick):
                print(line, flush=True)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
            failures += 1
            print(f"FAILED: {exc!r}")
        print(f"({time.perf_counter() - started:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
