#!/usr/bin/env bash
# The fault-tolerance suite of issue #9, in one command: kills enrich and publish with kill -9, stops and kills the
# broker, cuts PostgreSQL, feeds poison pills, an incompatible producer, a release from three sources and a replay,
# then prints a table and, last, `lost=N duplicate_rows=N duplicate_notifications=N poison_not_in_dlq=N`.
#
#   scripts/fault-suite.sh                       # full: 1000 releases/scenario, 5 kills, 30 s database outage
#   scripts/fault-suite.sh -Dfaults.pg.outage.seconds=10 -Dfaults.releases=500   # any -Dfaults.* override
#   scripts/fault-suite.sh -Dfaults.short=true -Dfaults.scenarios=5 # one short scenario (what CI runs)
#
# It first builds and installs every module without tests (`mvn install -DskipTests` from the root), because
# `-pl app` alone resolves the sibling modules from the local Maven repository and needs the registry module's runner
# jar (app bundles it into bulletin.jar). Set SKIP_BUILD=1 when they are installed already (as after scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -ntp -DskipTests install
fi
# -Pfaults runs only org.bulletin.app.faults.*IT; the report is printed by the test and kept in the failsafe report.
set +e
mvn -B -ntp -Pfaults -pl app verify "$@"
status=$?
set -e
report=app/target/faults/fault-suite-report.txt
if [ -f "$report" ]; then
  echo
  cat "$report"
fi
exit $status
