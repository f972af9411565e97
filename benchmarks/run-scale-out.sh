#!/usr/bin/env bash
# The scale-out check: two replicas of the production jar on one PostgreSQL and one Kafka, started as
# deploy/run-cluster.sh starts them (the production build, -Dproduction) (objection window zero), in four rounds of fresh dossiers taken
# from submission to DELIVERABLE: one replica (the other stopped) and two replicas (dossiers/s of each
# and the ratio), a kill -9 of one replica halfway through, and a rolling restart (SIGTERM, start, one
# replica after the other). Prints what it did and when, the counts in PostgreSQL (every accepted
# dossier delivered exactly once, one delivery package each), the events published while the killed
# replica was away, and the lifecycle and relay rounds seen per replica. Exits 1 on any loss or
# duplicate, 0 otherwise. Data and logs stay in benchmarks/target/scale-out. See ScaleOutCheck.
# Usage, from anywhere: benchmarks/run-scale-out.sh [--n 2000] [--rate-n 1000] [--rolling-n 1000]
#   [--clients 8] [--down-seconds 10] [--timeout-minutes 20]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B ${MAVEN_FLAGS:-} -Dproduction -pl transfer-service,benchmarks -am package -DskipTests -Dimage.skip
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.ScaleOutCheck "$@"
