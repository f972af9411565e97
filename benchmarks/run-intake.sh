#!/usr/bin/env bash
# Measures intake throughput and latency against a running Overdracht on the embedded PostgreSQL and
# Kafka, beside raw inserts of the same bytes through the same driver (see IntakeBenchmark).
# Usage, from anywhere: benchmarks/run-intake.sh [--clients 32] [--count 4000]
# Open loop instead: benchmarks/run-intake.sh --rate 200 --duration 30 [--size 20000] [--warmup 2000]
# sends at a fixed rate whatever the answers, each latency from its intended send time (p50 … max).
# It builds the service, starts it on a fresh data directory (benchmarks/target/intake-data) on
# ports 18080/19000 with PostgreSQL on 55432, runs the benchmark, and stops the service.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl transfer-service,benchmarks -am package -DskipTests
source benchmarks/service.sh
start_service benchmarks/target/intake-data 55432
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" nl.overdracht.benchmarks.IntakeBenchmark \
    --url "$SERVICE_URL" --key "$SERVICE_DATA/keys/jwt-signing-key.pem" \
    --pg "postgresql://overdracht_owner@127.0.0.1:55432/overdracht" "$@"
