#!/usr/bin/env bash
# The production topology on one machine: builds the production jar (-Dproduction: nothing embedded),
# then starts one PostgreSQL and one Kafka as processes of their own and two replicas of the jar against
# them as a deployment runs them (as overdracht_app, registration required, the schema migrated as
# overdracht_owner by the first replica's start, before the second starts), each replica on its own HTTP
# and management ports. Prints where each answers and how to mint tokens; Ctrl-C stops everything.
# Data, keys and logs: benchmarks/target/cluster/. See RunCluster.
# Usage, from anywhere: deploy/run-cluster.sh [--replicas 2] [--work-dir DIR]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -Dproduction -pl transfer-service,benchmarks -am package -DskipTests -Dimage.skip
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.RunCluster "$@"
