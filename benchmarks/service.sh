# Starts the built service for a benchmark and stops it when the calling script exits.
# start_service DATA_DIR PG_PORT [extra -D options...]: a fresh embedded run on ports 18080 (API) and
# 19000 (management); sets SERVICE_URL and SERVICE_DATA; the service's log is DATA_DIR.log.
# SERVICE_JAR names another build of the service (default transfer-service/target/quarkus-app/quarkus-run.jar),
# to compare two builds in one sitting.
start_service() {
  SERVICE_DATA="$1"
  local pg_port="$2"
  shift 2
  rm -rf "$SERVICE_DATA"
  mkdir -p "$SERVICE_DATA"
  java -Xmx4g -Doverdracht.embedded.data-dir="$SERVICE_DATA" -Doverdracht.embedded.postgres-port="$pg_port" \
      -Dquarkus.http.port=18080 -Dquarkus.management.port=19000 "$@" \
      -jar "${SERVICE_JAR:-transfer-service/target/quarkus-app/quarkus-run.jar}" >"$SERVICE_DATA.log" 2>&1 &
  SERVICE_PID=$!
  trap 'kill $SERVICE_PID 2>/dev/null; wait $SERVICE_PID 2>/dev/null || true' EXIT
  SERVICE_URL=http://localhost:18080
  for _ in $(seq 1 120); do
    if curl -sf localhost:19000/q/health/ready >/dev/null 2>&1; then
      echo "service ready (log: $SERVICE_DATA.log)" >&2
      return 0
    fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "the service stopped; see $SERVICE_DATA.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "the service did not become ready in 120 s; see $SERVICE_DATA.log" >&2
  exit 1
}
