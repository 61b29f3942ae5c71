#!/usr/bin/env bash
# Runs every Sentinel test and prints one closing line: "N passed, N failed, N skipped".
# Installs the local servers the tests talk to when they are missing (see scripts/install-test-deps.sh).
# Exit status: non-zero when a test failed, a test host crashed, or no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
# helm and kubectl for the deploy tests (installed into the git-ignored .tools/bin).
export PATH="$PWD/.tools/bin:$PATH"

results="${SENTINEL_TEST_RESULTS:-TestResults}"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test Sentinel.sln --configuration Release --report-xunit-trx --results-directory "$results" "$@" || status=$?

bash scripts/count-test-results.sh "$results" || status=$?
exit "$status"
