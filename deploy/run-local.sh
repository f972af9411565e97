#!/usr/bin/env bash
# Builds Overdracht and starts it on the embedded PostgreSQL and Kafka at http://localhost:8080
# (health and metrics on http://localhost:9000/q/...). Data lives in ~/.overdracht/embedded unless
# OVERDRACHT_EMBEDDED_DATA_DIR names another directory; it survives a restart and a crash (kill -9):
# PostgreSQL commits durably, Kafka keeps its log there, and a PostgreSQL left running by a killed
# run is stopped at the next start. Both listen on 127.0.0.1 only; the keys are 0600 in 0700.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
exec java ${JAVA_OPTS:-} -jar transfer-service/target/quarkus-app/quarkus-run.jar "$@"
