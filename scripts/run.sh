#!/usr/bin/env bash
# The run command of the README: builds the one jar and starts the whole platform on its embedded default
# (in-process Kafka, a schema registry process, an embedded database, the HTTP API). Extra arguments go to 'run'.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f app/target/bulletin.jar ] || [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.avsc' \) -newer app/target/bulletin.jar -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package
fi
# A heap that gives back what it does not use: the platform idles small once the sample has flowed. JAVA_OPTS
# replaces these flags.
exec java ${JAVA_OPTS:--XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5} -jar app/target/bulletin.jar run "$@"
