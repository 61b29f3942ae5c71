#!/usr/bin/env bash
# Publishes every application as its Dockerfile does (framework-dependent, for one runtime identifier), prints its
# size and assembly count, and fails when an application carries a system it never talks to.
#   bash bench/publish/run.sh [RUNTIME_ID] [OUT_DIR]          RUNTIME_ID defaults to linux-x64
#   PUBLISH_ARGS=-p:PublishReadyToRun=true bash bench/publish/run.sh linux-x64 /tmp/r2r
set -euo pipefail
cd "$(dirname "$0")/../.."
rid="${1:-linux-x64}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
read -r -a extra <<<"${PUBLISH_ARGS:-}"

onnx="Microsoft.ML.OnnxRuntime.dll libonnxruntime.so"
mlnet="Microsoft.ML.dll Microsoft.ML.Core.dll Microsoft.ML.Data.dll Microsoft.ML.OnnxConverter.dll"
llm="OpenAI.dll Anthropic.dll OllamaSharp.dll Microsoft.Extensions.AI.dll Microsoft.Extensions.AI.OpenAI.dll"
email="MailKit.dll MimeKit.dll"
mongo="MongoDB.Driver.dll MongoDB.Bson.dll"
kube="KubernetesClient.dll"
sqlite="Microsoft.Data.Sqlite.dll SQLitePCLRaw.core.dll"
parquet="Parquet.dll"
declare -A forbidden=(
  [Operator]="$onnx $mlnet $llm $email $mongo $sqlite $parquet"
  [ModelServer]="$mlnet $llm $email $kube $parquet"
  [MonitorJob]="$onnx $mlnet $llm $parquet"
  [GoldenJob]="$onnx $mlnet $llm $email $mongo $kube $sqlite"
  [AutoRetrain]=""
)

status=0
printf '%-12s %10s %11s  %s\n' application size assemblies "(publish for $rid in $out)"
for app in Operator ModelServer MonitorJob GoldenJob AutoRetrain; do
  dotnet publish "src/$app/Sentinel.$app.csproj" --configuration Release --runtime "$rid" --self-contained false \
    -p:UseAppHost=false --output "$out/$app" "${extra[@]}" >"$out/$app.publish.log" 2>&1 \
    || { echo "publish of $app failed, see $out/$app.publish.log" >&2; exit 1; }
  bytes=$(du -sb "$out/$app" | cut -f1)
  dlls=$(find "$out/$app" -name '*.dll' | wc -l)
  printf '%-12s %7.1f MB %11d\n' "$app" "$(awk -v b="$bytes" 'BEGIN { print b / 1000000 }')" "$dlls"
  for file in ${forbidden[$app]}; do
    if [ -n "$(find "$out/$app" -name "$file" -print -quit)" ]; then
      echo "  $app carries $file, a system it never talks to" >&2
      status=1
    fi
  done
done
exit "$status"
