#!/usr/bin/env bash
# Resolves Apache Kafka's jars from Maven Central into a cache keyed by version; prints the dir.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"
LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
if [ -f "$LIBS/.complete" ]; then echo "$LIBS"; exit 0; fi
mkdir -p "$LIBS"
echo "resolving kafka $KAFKA_VERSION jars into $LIBS" >&2
mvn -B -q -f "$here/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2
touch "$LIBS/.complete"
echo "$LIBS"
