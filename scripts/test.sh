#!/usr/bin/env bash
# The test command of the README: installs and starts what the tests need, then runs every test (unit + integration)
# against a real in-process Kafka broker, a real schema registry process and a real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL at 127.0.0.1:5432 (trust auth), started if it is down.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Confluent's official JavaScript client, the outside consumer of the interop test.
if [ -f schemas/src/test/js/package-lock.json ]; then
  npm ci --no-audit --no-fund --prefix schemas/src/test/js
fi

# docker-compose.yml is validated where the docker-compose tool can be installed (no engine is needed for that).
if [ -f docker-compose.yml ]; then
  if ! command -v docker-compose >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq docker-compose) >/dev/null 2>&1 || echo "docker-compose not installable; skipping compose validation"
  fi
  if command -v docker-compose >/dev/null 2>&1; then
    # A broken compose file fails the run here, before the (long) Maven build; the guard test (ComposeFileTest)
    # then checks its names, topics and ports against the app.
    if ! docker-compose -f docker-compose.yml config -q; then
      echo "docker-compose.yml: invalid (docker-compose config failed, see above)" >&2
      exit 1
    fi
    echo "docker-compose.yml: valid"
  fi
fi

# install, not only verify: the scripts below (and scripts/fault-suite.sh with SKIP_BUILD=1) resolve the modules
# from the local repository, as a user running them after this command does.
mvn -B -ntp install "$@"

# Every other command the README names, in a smoke form, so a missing build or install step fails here.
echo "smoke: bulletin bench (tiny, in-memory registry)"
smoke_dir=$(mktemp -d)
trap 'rm -rf "$smoke_dir"' EXIT
java -jar app/target/bulletin.jar bench --records 300 --warmup-seconds 0 --e2e-seconds 2 --registry mem \
  --json "$smoke_dir/bench.json" > "$smoke_dir/bench.txt"
grep -q '"records"' "$smoke_dir/bench.json" || { echo "bench wrote no JSON results" >&2; exit 1; }
echo "smoke: JMH benchmarks jar (one short fork-less iteration)"
java -jar benchmarks/target/benchmarks.jar 'EnrichBenchmarks.classify$' -p language=en -f 0 -wi 0 -i 1 -r 1 \
  > "$smoke_dir/jmh.txt"
grep -q 'EnrichBenchmarks.classify' "$smoke_dir/jmh.txt" || { echo "JMH printed no result" >&2; exit 1; }
echo "smoke: scripts/fault-suite.sh, one short scenario (a release from three sources: the whole pipeline, once)"
SKIP_BUILD=1 scripts/fault-suite.sh -Dfaults.short=true -Dfaults.scenarios=7 -Dfaults.releases=60
