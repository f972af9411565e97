#!/usr/bin/env bash
# Measures CMS sign-then-encrypt throughput beside raw AES-256-GCM (see CmsBenchmark).
# Usage, from anywhere: benchmarks/run-cms.sh [--warmup-seconds N] [--seconds N] [--threads 1,2]
# The Quarkus application build is skipped: the benchmark needs the service's classes only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl benchmarks -am package -DskipTests -Dquarkus.build.skip=true
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    nl.overdracht.benchmarks.CmsBenchmark "$@"
