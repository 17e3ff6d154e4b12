#!/usr/bin/env bash
# The fault-tolerance suite of issue #9, in one command: kills enrich and publish with kill -9, stops and kills the
# broker, cuts PostgreSQL, feeds poison pills, an incompatible producer, a release from three sources and a replay,
# then prints a table and, last, `lost=N duplicate_rows=N duplicate_notifications=N poison_not_in_dlq=N`.
#
#   scripts/fault-suite.sh                       # full: 1000 releases/scenario, 5 kills, 30 s database outage
#   scripts/fault-suite.sh -Dfaults.pg.outage.seconds=10 -Dfaults.releases=500   # any -Dfaults.* override
#   scripts/fault-suite.sh -Dfaults.short=true -Dfaults.scenarios=7 # one short scenario (what CI runs)
#
# `cluster` first runs only the cluster scenarios of issue #19 instead (docs/faults-cluster.md): three brokers
# (RF 3, min.insync.replicas 2), three enrich instances, ingest and publish; kill -9 of the raw leader broker, a broker
# stopped for 30 s, an enrich instance killed again and again, a rolling restart of every broker.
#
#   scripts/fault-suite.sh cluster                                  # all cluster scenarios, 400 releases each
#   scripts/fault-suite.sh cluster -Dfaults.scenarios=a,c            # chosen ones (0 = steady flow, latency)
#   scripts/fault-suite.sh cluster -Dfaults.short=true               # scenario a, 120 releases, 2 enrich (CI-sized)
#
# It first builds and installs every module without tests (`mvn install -DskipTests` from the root), because
# `-pl app` alone resolves the sibling modules from the local Maven repository and needs the registry module's runner
# jar (app bundles it into bulletin.jar). Set SKIP_BUILD=1 when they are installed already (as after scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=single
if [ "${1:-}" = "cluster" ]; then
  mode=cluster
  shift
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -ntp -DskipTests install
fi
# -Pfaults runs only org.bulletin.app.faults.*IT; the report is printed by the test and kept in the failsafe report.
if [ "$mode" = cluster ]; then
  report=app/target/faults/cluster-report.txt
  set -- -Dfaults.cluster=true "$@"
else
  report=app/target/faults/fault-suite-report.txt
fi
rm -f "$report" # never print a previous run's table
set +e
mvn -B -ntp -Pfaults -pl app verify "$@"
status=$?
set -e
if [ -f "$report" ]; then
  echo
  cat "$report"
fi
exit $status
