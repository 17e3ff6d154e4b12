#!/usr/bin/env bash
# The run command of the README: builds the one jar and starts the whole platform on its embedded default
# (in-process Kafka, a schema registry process, an embedded database, the HTTP API). Extra arguments go to 'run'.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f app/target/bulletin.jar ] || [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.avsc' -o -path '*/src/main/resources/*' \) -newer app/target/bulletin.jar -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package
fi
# A heap that gives back what it does not use: the platform idles small once the sample has flowed. The JIT compiles
# a method after ten times the usual number of calls: start-up runs most code once or a few times, and on 2 cores
# compiling it took CPU from the start itself (ready ~1.3 s sooner, ~3 CPU-s less, measured with
# BULLETIN_LOG_LEVEL=DEBUG); the hot paths of the stream still reach C2 within seconds. JAVA_OPTS replaces these flags. The class-data archive (scripts/cds.sh) makes every start after the first ~3 s faster.
. scripts/cds.sh
cds_flags app/target/bulletin.jar
# Ctrl-C reaches java (and this script, which waits); a TERM sent to this script is passed on. When java has
# stopped, the archive it wrote on its first start is kept.
java ${JAVA_OPTS:--XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:CompileThresholdScaling=10} $CDS_FLAGS -jar app/target/bulletin.jar run "$@" &
child=$!
trap ':' INT
trap 'kill -TERM "$child" 2>/dev/null' TERM
status=0
while :; do
  if wait "$child"; then status=0; else status=$?; fi
  kill -0 "$child" 2>/dev/null || break
done
cds_settle
exit "$status"
