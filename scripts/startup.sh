#!/usr/bin/env bash
# Start-up of the embedded platform, measured as a user meets it: from `java -jar app/target/bulletin.jar run` to
# GET /health answering 200 (every stage started), and the resident memory of the app and its schema-registry child
# process together once the bundled sample has flowed (idle). Prints each run and the median of RUNS (default 5).
#
# Each run starts on a new data folder, with the JVM flags of scripts/run.sh. The first start of all writes the
# class-data archives: the registry's into the user's cache folder (BULLETIN_CACHE_DIR, here a fresh one; see
# RegistryProcess.cacheDir), the app's next to bulletin.jar (scripts/cds.sh); the measured runs start with them in
# place, as every later start on a machine does. The first start is printed apart.
#
#   scripts/startup.sh            # 1 first start + 5 measured runs, with the JVM flags of scripts/run.sh
#   RUNS=3 scripts/startup.sh
#   JAVA_OPTS=" " scripts/startup.sh   # plain `java -jar` (no flags)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
JAR=app/target/bulletin.jar
if [ ! -f "$JAR" ]; then
  mvn -B -ntp -q -DskipTests install
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=""
export BULLETIN_CACHE_DIR="$work/cache"
. scripts/cds.sh

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-60000 -n 1; }

rss_kib() { # the process and its descendants
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

one_run() { # prints "<ready ms> <rss MiB>"
  local data=$1 api kafka ctl reg start now
  api=$(free_port); kafka=$(free_port); ctl=$(free_port); reg=$(free_port)
  cds_flags "$JAR"
  start=$(date +%s%N)
  java ${JAVA_OPTS:--XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:CompileThresholdScaling=10} $CDS_FLAGS -jar "$JAR" run --data-dir "$data" --api-port "$api" --kafka-port "$kafka" --controller-port "$ctl" \
    --registry-port "$reg" > "$data.out" 2> "$data.err" &
  pid=$!
  until curl -sf "http://127.0.0.1:$api/health" > /dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "run exited; see $data.err" >&2; cat "$data.err" >&2; exit 1; fi
    sleep 0.05
  done
  now=$(date +%s%N)
  for _ in $(seq 1 600); do grep -q '^Running\.' "$data.out" && break; sleep 0.1; done
  sleep 2
  local result
  result="$(( (now - start) / 1000000 )) $(( $(rss_kib "$pid") / 1024 ))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
  cds_settle
  # Printed last: the caller reads it and goes on, so the next start must not overlap this one's stop (which writes
  # the class-data archives on the first start).
  echo "$result"
}

read -r ms mib < <(one_run "$work/first")
echo "first start (writes the class-data archives that are missing): ready in $ms ms, $mib MiB"
# The archives (~150 MB) are written as the first start exits: let the kernel put them on disk before measuring, or the
# first runs measure the flush, not a start.
sync
readies=(); rsses=()
for i in $(seq 1 "$RUNS"); do
  read -r ms mib < <(one_run "$work/run$i")
  echo "run $i: ready in $ms ms, $mib MiB (app + registry, idle after the sample)"
  readies+=("$ms"); rsses+=("$mib")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median of $RUNS: ready in $(median "${readies[@]}") ms, $(median "${rsses[@]}") MiB"
