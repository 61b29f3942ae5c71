#!/usr/bin/env bash
# Sentinel's whole cycle on one machine, on the embedded defaults (no server, no network):
#   1. sentinel-monitor   - no model yet: every specialist is UNKNOWN
#   2. sentinel-retrain   - offline dataset -> train -> ONNX -> track -> register -> promote, per specialist
#   3. sentinel-monitor   - the promoted champions' real metrics
# Data goes to SENTINEL_DATA_DIR (default ./.sentinel). Extra arguments go to sentinel-retrain, e.g. --force.
set -euo pipefail
cd "$(dirname "$0")/.."
export SENTINEL_DATA_DIR="${SENTINEL_DATA_DIR:-.sentinel}"

dotnet build src/MonitorJob --configuration Release --nologo -v quiet
dotnet build src/AutoRetrain --configuration Release --nologo -v quiet
monitor() { dotnet src/MonitorJob/bin/Release/net10.0/sentinel-monitor.dll --specialist-type all "$@"; }
retrain() { dotnet src/AutoRetrain/bin/Release/net10.0/sentinel-retrain.dll --specialist-type all "$@"; }

echo "== 1/3 sentinel-monitor: before any model" >&2
monitor
echo "== 2/3 sentinel-retrain $*" >&2
retrain "$@"
echo "== 3/3 sentinel-monitor: the promoted champions" >&2
monitor
