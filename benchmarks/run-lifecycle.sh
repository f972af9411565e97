#!/usr/bin/env bash
# Measures dossiers moved from enrolment to RELEASED per second with the objection window set to
# zero (see LifecycleBenchmark): packages the service, starts it on its own embedded PostgreSQL and
# Kafka (benchmarks/target/lifecycle-data, wiped each run), seeds N dossiers and times N enrolments
# until every dossier is RELEASED. The service's log goes to benchmarks/target/lifecycle-service.log.
# Usage, from anywhere: benchmarks/run-lifecycle.sh [--n 20000] [--clients 16] [--timer-interval 1s]
#   [--packaging [--release-at-once]]; SERVICE_JAVA_OPTIONS adds JVM options to the service (a JFR recording, say)
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -pl transfer-service,benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.LifecycleBenchmark "$@"
