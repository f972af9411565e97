#!/usr/bin/env bash
# Builds Overdracht and starts it on the embedded PostgreSQL and Kafka at http://localhost:8080
# (health and metrics on http://localhost:9000/q/...). Data lives in ~/.overdracht/embedded unless
# OVERDRACHT_EMBEDDED_DATA_DIR names another directory; it survives a restart.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
exec java ${JAVA_OPTS:-} -jar transfer-service/target/quarkus-app/quarkus-run.jar "$@"
