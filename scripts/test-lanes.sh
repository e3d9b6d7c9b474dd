#!/usr/bin/env bash
# `make test`'s suite: both databases at the same time. SQLite runs without the browser
# journeys (coverage is `make coverage`: its tracer made this lane the slowest by far); PostgreSQL, the production database, runs everything, the journeys
# included (they drive the whole app in Chromium, so once is enough, as the brief allows).
# The journeys run as a third lane on their own PostgreSQL server: they wait on the browser
# much of the time, so three lanes keep both cores busy until the end. Each line is
# prefixed with its lane; the exit status is non-zero when any lane fails. Arguments are
# passed to every pytest (e.g. test files, to try the lanes on a part of the suite).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
RC=$(mktemp -d)
trap 'rm -rf "$RC"' EXIT

(
  TRYGG_TEST_DB=sqlite "$PY" -m pytest -m "not browser" -p no:cacheprovider "$@"
  echo "$?" >"$RC/sqlite"
) 2>&1 | sed -u 's/^/[sqlite] /' &

(
  TRYGG_TEST_DB=postgres "$PY" -m pytest -m "not browser" -p no:cacheprovider "$@"
  echo "$?" >"$RC/postgres"
) 2>&1 | sed -u 's/^/[postgres] /' &

(
  TRYGG_TEST_DB=postgres "$PY" -m pytest -m browser -p no:cacheprovider "$@"
  echo "$?" >"$RC/browser"
) 2>&1 | sed -u 's/^/[browser] /' &

wait
sqlite=$(cat "$RC/sqlite" 2>/dev/null || echo 1)
postgres=$(cat "$RC/postgres" 2>/dev/null || echo 1)
browser=$(cat "$RC/browser" 2>/dev/null || echo 1)
verdict() { [ "$1" = 0 ] && echo ok || echo "MISSLYCKADES ($1)"; }
echo "=== SQLite: $(verdict "$sqlite") · PostgreSQL: $(verdict "$postgres") ·" \
  "webbläsarresor (PostgreSQL): $(verdict "$browser") ==="
[ "$sqlite" = 0 ] && [ "$postgres" = 0 ] && [ "$browser" = 0 ]
