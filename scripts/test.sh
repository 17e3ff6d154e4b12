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

exec mvn -B -ntp verify "$@"
