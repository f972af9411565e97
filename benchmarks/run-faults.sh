#!/usr/bin/env bash
# The fault suite: packages the service, then, for each fault, starts a PostgreSQL and a Kafka of its
# own and the packaged service against them (as a deployment runs it: nothing embedded), drives N
# dossiers from submission to DELIVERABLE (objection window zero) with several clients that send a
# request again with the same Idempotency-Key after a connection error, a timeout, a 5xx or a 429,
# and strikes mid-run:
#   kill-intake        kill -9 of the service once half the dossiers are accepted, then a restart
#   kill-delivery      kill -9 of the service while it packages (a quarter packaged), then a restart
#   postgres-refusing  PostgreSQL stopped (connections refused) for the outage, then started again
#   postgres-frozen    PostgreSQL frozen (SIGSTOP, postmaster and backends) for the outage, then SIGCONT
#   kafka-stopped      the Kafka broker stopped for the outage, then restarted on its log
# It then waits until every accepted dossier has arrived and the consumers have caught up, and counts
# in PostgreSQL. Per fault it prints what it did and when, the counts behind the figures, and one line:
# accepted, stored, delivered, duplicated, lost, notifications present/expected; at the end a table.
# Exits 1 on any loss, duplicate or missing notification, or a fault that could not be run; 0 otherwise.
# Each fault's data and the service's log stay in benchmarks/target/faults/<fault>/. See FaultSuite.
# Usage, from anywhere: benchmarks/run-faults.sh [--faults kill-intake,kafka-stopped] [--n 1000]
#   [--clients 8] [--outage-seconds 10] [--timeout-minutes 20]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -pl transfer-service,benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.FaultSuite "$@"
