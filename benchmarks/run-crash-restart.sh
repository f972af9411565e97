#!/usr/bin/env bash
# Crash check of the embedded run: packages the service, starts it as deploy/run-local.sh does on a
# fresh data directory (benchmarks/target/crash-data, kept across the restart, wiped at the next
# run), drives N dossiers towards DELIVERABLE (objection window zero), kills the service with
# SIGKILL halfway through the enrolments, restarts it on the same data directory and checks in
# PostgreSQL that every dossier reached DELIVERABLE exactly once (one PACKAGE event, one
# PACKAGE_CREATED audit entry) and every notification to a sending school is there exactly once.
# Exits non-zero when anything is lost or doubled. The service logs go to
# benchmarks/target/crash-data-service-{1,2}.log. See CrashRestartCheck for the details.
# Usage, from anywhere: benchmarks/run-crash-restart.sh [--n 2000] [--clients 8] [--kill-after 0.5]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -pl transfer-service,benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.CrashRestartCheck "$@"
