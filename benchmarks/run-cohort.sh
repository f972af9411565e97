#!/usr/bin/env bash
# A cohort's transfer from end to end (see CohortBenchmark): packages the service, starts it as
# deploy/run-local.sh does on a fresh data directory (benchmarks/target/cohort-data, wiped each run;
# objection window zero), registers receiving schools with RSA and EC certificates made for the run,
# submits N dossiers (OSO 2019.1 of ~20 KB and ~175 KB, vl-baso v2), enrols every pupil, and then
# plays the receiving schools: lists, downloads, decrypts and verifies each package, checks its
# content hash and acknowledges it. Prints each stage's rate, the time from the first submission to
# the last acknowledgement, the service's heap after a full GC and RSS, and the database size per
# dossier; a run with any failure is refused (exit 1, with the reason) instead of reported.
# The service's log goes to benchmarks/target/cohort-data-service.log.
# Usage, from anywhere: benchmarks/run-cohort.sh [--n 10000] [--clients 8] [--schools 20]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -pl transfer-service,benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.CohortBenchmark "$@"
