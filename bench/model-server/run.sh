#!/usr/bin/env bash
# Load test of the model server's single-text POST /predict on loopback with wrk, beside a bare endpoint that
# returns a constant (GET /health/live on the same server) and the in-process OnnxTextClassifier.Predict
# latency; then a soak of SOAK_REQUESTS predictions sampling the server's resident memory.
#
#   bash bench/model-server/run.sh            # defaults below; override with environment variables
#   DURATION=30s CONNECTIONS=64 bash bench/model-server/run.sh
#   SHADOW_SHARES="none 1 0.1" bash bench/model-server/run.sh
#       instead: /predict with the champion alone (none) and with a shadow challenger scoring each share of the
#       requests, each on a fresh server loading both from the local registry (same wrk settings, no soak)
#
# Needs: the .NET SDK and wrk (Debian package wrk). Binds 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${PORT:-5088}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
SOAK_REQUESTS="${SOAK_REQUESTS:-1000000}"
SOAK_ROUND="${SOAK_ROUND:-20s}"
MODEL="${MODEL:-tests/Adapters/Inference.Tests/Fixtures/support.onnx}"
OUT="${OUT:-$(mktemp -d -t sentinel-bench-XXXXXX)}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

echo "building (Release) into $OUT" >&2
dotnet build -c Release -v q -nologo src/ModelServer -o "$OUT/server" >/dev/null
dotnet build -c Release -v q -nologo bench/model-server/Latency -o "$OUT/latency" >/dev/null
[ -n "${SHADOW_SHARES:-}" ] && dotnet build -c Release -v q -nologo bench/model-server/Registry -o "$OUT/registry" >/dev/null

base="http://127.0.0.1:$PORT"
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi' EXIT

# start_server DATA_DIR [ENV=VALUE...]: starts the server on $PORT with the given settings and waits until it is ready.
start_server() {
  local data="$1"; shift
  mkdir -p "$data"
  env SENTINEL_DATA_DIR="$data" SPECIALIST_TYPE=support "$@" \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    dotnet "$OUT/server/sentinel-model-server.dll" --contentRoot "$PWD/src/ModelServer" >"$data.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$data.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "$base/health/ready" >/dev/null
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=
}

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }

# run NAME ARGS...: one wrk run; prints "NAME requests_per_second p50 p99 non_2xx" and keeps wrk's output.
run() {
  local name="$1"; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" --latency "$@" >"$OUT/$name.txt"
  awk -v name="$name" '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /requests in/ { total = $1 }
    END { printf "%-10s requests/s %9.0f  p50 %8s  p99 %8s  requests %9d  non-2xx %d\n", name, rps, p50, p99, total, bad + 0 }' "$OUT/$name.txt"
}

if [ -n "${SHADOW_SHARES:-}" ]; then
  echo "== shadow: $THREADS wrk thread(s), $CONNECTIONS connections, $DURATION each, $(nproc) cores"
  for share in $SHADOW_SHARES; do
    data="$OUT/shadow-$share"
    if [ "$share" = none ]; then
      dotnet "$OUT/registry/Sentinel.Benchmarks.ModelServerRegistry.dll" "$data" support "$MODEL" >/dev/null
    else
      dotnet "$OUT/registry/Sentinel.Benchmarks.ModelServerRegistry.dll" "$data" support "$MODEL" "$share" >/dev/null
    fi
    start_server "$data"
    if [ "$share" != none ]; then
      for _ in $(seq 1 100); do curl -fsS "$base/health" | grep -q '"challenger":{' && break; sleep 0.1; done
      curl -fsS "$base/health" | grep -q '"challenger":{' || { echo "no challenger loaded for share $share" >&2; exit 1; }
    fi
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/model-server/predict.lua "$base/predict" >/dev/null
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    run "shadow-$share" -d"$DURATION" -s bench/model-server/predict.lua "$base/predict"
    curl -fsS "$base/metrics" | grep -E '^sentinel_model_server_(off_path_scores|shadow_queue_dropped|challenger_errors|prediction_log_dropped)_total' || true
    stop_server
  done
  exit 0
fi

start_server "$OUT/data" MODEL_PATH="$MODEL" MODEL_VERSION=bench

echo "== warm-up" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/model-server/predict.lua "$base/predict" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$base/health/live" >/dev/null

echo "== load: $THREADS wrk thread(s), $CONNECTIONS connections, $DURATION each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run predict -d"$DURATION" -s bench/model-server/predict.lua "$base/predict"
run bare -d"$DURATION" "$base/health/live"
dotnet "$OUT/latency/Sentinel.Benchmarks.ModelServerLatency.dll" "$MODEL" 200000

echo "== soak: $SOAK_REQUESTS predictions in rounds of $SOAK_ROUND; resident memory after each round"
echo "rss_mib before: $(rss_mib)"
done_requests=0
round=0
while [ "$done_requests" -lt "$SOAK_REQUESTS" ]; do
  round=$((round + 1))
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$SOAK_ROUND" -s bench/model-server/predict.lua "$base/predict" >"$OUT/soak-$round.txt"
  n=$(awk '/requests in/ { print $1 }' "$OUT/soak-$round.txt")
  done_requests=$((done_requests + n))
  echo "round $round: requests $done_requests  rss_mib $(rss_mib)"
done
curl -fsS "$base/metrics" | grep -E '^sentinel_model_server_prediction_log_(dropped|written)_total' || true
