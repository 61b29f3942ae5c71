#!/usr/bin/env bash
# Sums the <Counters> of every TRX file under $1 and prints "N passed, N failed, N skipped".
# Exits 1 when a test failed or when no test ran at all.
set -euo pipefail
dir="${1:-TestResults}"
shopt -s nullglob globstar
files=("$dir"/**/*.trx)
passed=0 failed=0 skipped=0
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" || true)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(get passed); fl=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${fl:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "${#files[@]}" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
  echo "no test results found under ${dir}" >&2
  exit 1
fi
[ "$failed" -eq 0 ]
