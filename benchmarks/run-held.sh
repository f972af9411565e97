#!/usr/bin/env bash
# Whether the service's heap grows with the dossiers it holds (see HeldDossiersBenchmark): packages the
# service, starts it on a fresh embedded data directory (benchmarks/target/held-data, wiped each run),
# submits ~20 KB OSO dossiers that wait for their enrolment and, at each step, prints the heap right
# after a full GC, the RSS and the database size; last, the ratio of the heap at the last step to the
# first. A run with any answer but 201 is refused (exit 1, with the reason).
# The service's log goes to benchmarks/target/held-data-service.log.
# Usage, from anywhere: benchmarks/run-held.sh [--steps 20000,100000] [--clients 16] [--schools 20]
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B ${MAVEN_FLAGS:-} -pl transfer-service,benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.HeldDossiersBenchmark "$@"
