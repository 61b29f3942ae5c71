#!/usr/bin/env bash
# Sentinel's whole cycle on one machine, on the embedded defaults (no server to install, no network):
#   1. sentinel-monitor       - no model yet: every specialist is UNKNOWN
#   2. sentinel-retrain       - offline dataset -> train -> ONNX -> track -> register -> promote, per specialist
#   3. sentinel-model-server  - serves the sentiment champion; simulated users send texts and the right labels
#   4. sentinel-monitor       - the champions' real metrics, and for sentiment the feedback and the score
# Data goes to SENTINEL_DATA_DIR (default ./.sentinel). Extra arguments go to sentinel-retrain, e.g. --force.
set -euo pipefail
cd "$(dirname "$0")/.."
export SENTINEL_DATA_DIR="${SENTINEL_DATA_DIR:-.sentinel}"
port="${SENTINEL_DEMO_PORT:-18501}"
base="http://127.0.0.1:$port"

for project in MonitorJob AutoRetrain ModelServer; do
  dotnet build "src/$project" --configuration Release --nologo -v quiet >/dev/null
done
monitor() { dotnet src/MonitorJob/bin/Release/net10.0/sentinel-monitor.dll --specialist-type all "$@"; }
retrain() { dotnet src/AutoRetrain/bin/Release/net10.0/sentinel-retrain.dll --specialist-type all "$@"; }

echo "== 1/4 sentinel-monitor: before any model" >&2
monitor
echo "== 2/4 sentinel-retrain $*" >&2
retrain "$@"

echo "== 3/4 sentinel-model-server: predictions and feedback for sentiment on $base" >&2
SPECIALIST_TYPE=sentiment dotnet src/ModelServer/bin/Release/net10.0/sentinel-model-server.dll --urls "$base" \
  >"$SENTINEL_DATA_DIR/model-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$SENTINEL_DATA_DIR/model-server.log" >&2; exit 1; }
  sleep 0.5
done
# A simulated user: each text with the label a person would give it (the last two are ambiguous on purpose).
while IFS='|' read -r text label; do
  id=$(curl -fs -X POST "$base/predict" -H 'Content-Type: application/json' -d "{\"text\": \"$text\"}" |
    sed -n 's/.*"prediction_id":"\([^"]*\)".*/\1/p')
  curl -fs -X POST "$base/feedback" -H 'Content-Type: application/json' \
    -d "{\"prediction_id\": \"$id\", \"label\": \"$label\"}" >/dev/null
  echo "   \"$text\" -> feedback label $label" >&2
done <<'TEXTS'
I really love how fast the support answered|positive
this update is terrible and keeps crashing|negative
the parcel arrived on monday|neutral
great value and excellent quality|positive
awful experience, I want my money back|negative
the box is blue and has two handles|neutral
not bad at all, though the delivery was slow|positive
fine I guess|neutral
TEXTS
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT

echo "== 4/4 sentinel-monitor: the promoted champions, with feedback for sentiment" >&2
monitor
