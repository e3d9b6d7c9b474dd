#!/usr/bin/env bash
# `make test`'s suite: both databases at the same time, one per core. SQLite runs under
# coverage without the browser journeys; PostgreSQL, the production database, runs
# everything, the journeys included (they drive the whole app in Chromium, so once is
# enough, as the brief allows). Each line is prefixed with its database; the exit status
# is non-zero when either run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
RC=$(mktemp -d)
trap 'rm -rf "$RC"' EXIT

(
  TRYGG_TEST_DB=sqlite "$PY" -m coverage run -m pytest -m "not browser" -p no:cacheprovider
  status=$?
  "$PY" -m coverage report || status=1
  echo "$status" >"$RC/sqlite"
) 2>&1 | sed -u 's/^/[sqlite] /' &

(
  TRYGG_TEST_DB=postgres "$PY" -m pytest -p no:cacheprovider
  echo "$?" >"$RC/postgres"
) 2>&1 | sed -u 's/^/[postgres] /' &

wait
sqlite=$(cat "$RC/sqlite" 2>/dev/null || echo 1)
postgres=$(cat "$RC/postgres" 2>/dev/null || echo 1)
echo "=== SQLite: $([ "$sqlite" = 0 ] && echo ok || echo "MISSLYCKADES ($sqlite)") ·" \
  "PostgreSQL: $([ "$postgres" = 0 ] && echo ok || echo "MISSLYCKADES ($postgres)") ==="
[ "$sqlite" = 0 ] && [ "$postgres" = 0 ]
