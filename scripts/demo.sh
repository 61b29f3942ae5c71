#!/usr/bin/env bash
# Sentinel's story on one machine, on the embedded defaults (no server to install, no network):
#   1. build            - the three CLIs, with progress
#   2. sentinel-monitor - no model yet: every specialist is UNKNOWN
#   3. sentinel-retrain - first champions, trained on offline data (good, not perfect) and promoted
#   4. model server     - serves the sentiment champion and its page
#   5. users            - their words have moved away from the training data; they label what they sent
#   6. sentinel-monitor - sentiment DEGRADED: the users' labels say the champion is often wrong
#   7. sentinel-retrain - the degraded verdict triggers it: champion's rows + the users' labels; the challenger
#                         beats the champion on rows neither trained on and is promoted
#   8. hot swap         - the running model server picks up the new champion
#   9. users, monitor   - more labelled traffic on the new champion: sentiment healthy again
# Data goes to SENTINEL_DATA_DIR (default ./.sentinel). Lines starting "demo:" on stdout are the story in a
# machine-checkable form; the jobs' full reports and logs stay in $SENTINEL_DATA_DIR/demo/.
# SENTINEL_DEMO_PORT (18501) is the model server's port; SENTINEL_DEMO_BUILD=0 skips the build (the CLIs must be
# built already in SENTINEL_DEMO_CONFIGURATION, default Release).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mkdir -p "${SENTINEL_DATA_DIR:-.sentinel}"
SENTINEL_DATA_DIR=$(cd "${SENTINEL_DATA_DIR:-.sentinel}" && pwd) # absolute: the model server runs from its own directory
export SENTINEL_DATA_DIR
port="${SENTINEL_DEMO_PORT:-18501}"
base="http://127.0.0.1:$port"
configuration="${SENTINEL_DEMO_CONFIGURATION:-Release}"
out="$SENTINEL_DATA_DIR/demo"
mkdir -p "$out"
bin() { echo "$root/src/$1/bin/$configuration/net10.0/$2.dll"; }

steps=9 n=0 started=$SECONDS step_started=$SECONDS
step() {
  [[ $n -gt 0 ]] && finish
  n=$((n + 1)) step_started=$SECONDS
  printf '\n== %d/%d %s\n' "$n" "$steps" "$1" >&2
  [[ $# -gt 1 ]] && printf '   look at: %s\n' "$2" >&2
  return 0
}
finish() { echo "demo: step $n took $((SECONDS - step_started)) s"; }
say() { echo "   $*" >&2; }

# monitor_summary FILE: one "demo: monitor" line per specialist of a text report, then its status line on stderr.
monitor_summary() {
  awk '
    function flush() { if (type != "") printf "demo: monitor %s status=%s f1=%s feedback_average=%s rated=%s online_accuracy=%s aggregate=%s\n", type, status, f1, avg, rated, acc, agg }
    function first(s) { sub(/^[^:]*: */, "", s); split(s, a, " "); return a[1] }
    /^PERFORMANCE REPORT - / { flush(); type = $4; status = f1 = avg = rated = acc = agg = "n/a"; section = "" }
    /^Status: /              { status = tolower($NF); if (status == "ok") status = "healthy" }
    /^Aggregate Score: /     { agg = first($0) }
    /^Feedback Stats:/       { section = "feedback" }
    /^Online Quality:/       { section = "online" }
    /^  - F1 Score: /        { f1 = first($0) }
    /^  - Average: / && section == "feedback" { avg = first($0) }
    /^  - Rated: / && section == "feedback"   { rated = first($0) }
    /^  - Accuracy: / && section == "online"  { acc = first($0) }
    END { flush() }' "$1"
}

# retrain_summary FILE: the summary's key lines per specialist, and one "demo: retrain" line each.
retrain_summary() {
  # The decision lists every rule that fired: its first one is enough here (the report has them all).
  grep -E '^(AUTO-RETRAIN|Status|Decision|Registered|Challenger|Promotion|Dataset|  [a-z-]+:)' "$1" |
    awk '/^Decision: / && split($0, r, "; ") > 1 { $0 = r[1] "; … (" length(r) - 1 " more in the report)" } { print "   " $0 }' >&2 || true
  awk '
    function flush() { if (type != "") printf "demo: retrain %s status=%s challenger_f1=%s previous_rows=%s feedback_rows=%s\n", type, status, f1, previous, feedback }
    /^AUTO-RETRAIN - / { flush(); type = $3; status = f1 = previous = feedback = "n/a" }
    /^Dataset: [0-9]+ previous \+ [0-9]+ new feedback/ { previous = $2; feedback = $5 }
    /^Status: /        { status = tolower($NF) }
    /^Challenger: F1 / { f1 = $3; sub(/,$/, "", f1) }
    END { flush() }' "$1"
}

monitor() { # monitor NAME SPECIALIST
  dotnet "$(bin MonitorJob sentinel-monitor)" --specialist-type "$2" >"$out/$1.txt" 2>"$out/$1.log"
  monitor_summary "$out/$1.txt"
}
retrain() { # retrain NAME SPECIALIST [ENV=VALUE…]
  local name=$1 specialist=$2; shift 2
  env "$@" dotnet "$(bin AutoRetrain sentinel-retrain)" --specialist-type "$specialist" >"$out/$name.txt" 2>"$out/$name.log"
  retrain_summary "$out/$name.txt"
}
served_version() { curl -fs "$base/health/ready" 2>/dev/null | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'; }

# ---------------------------------------------------------------------------------------------------------
step "build sentinel-monitor, sentinel-retrain and sentinel-model-server ($configuration)" "each project as it is built"
if [[ "${SENTINEL_DEMO_BUILD:-1}" != 0 ]]; then
  for project in MonitorJob AutoRetrain ModelServer; do
    say "dotnet build src/$project"
    if ! dotnet build "src/$project" --configuration "$configuration" --nologo -tl:off -v minimal -clp:NoSummary >"$out/build-$project.log" 2>&1; then
      cat "$out/build-$project.log" >&2; exit 1
    fi
    sed -n 's/^ *\(Sentinel\.[A-Za-z.]*\|sentinel-[a-z-]*\) -> .*/     built \1/p' "$out/build-$project.log" >&2
  done
else
  say "skipped (SENTINEL_DEMO_BUILD=0)"
fi

step "sentinel-monitor --specialist-type all: before any model" "status UNKNOWN for both: no monitored run, no feedback"
monitor monitor-1 all

step "sentinel-retrain --specialist-type all: first champions from offline data" \
  "PROMOTED, trigger first_model (no --force), F1 below 1.000: the offline rows are noisy and ambiguous on purpose"
retrain retrain-1 all

# ---------------------------------------------------------------------------------------------------------
step "sentinel-model-server for sentiment on $base, from its content root (src/ModelServer, where its page lives)" \
  "the page at $base/ and the model it serves"
(cd src/ModelServer && exec env SPECIALIST_TYPE=sentiment MODEL_POLL_INTERVAL=00:00:01 \
  dotnet "$(bin ModelServer sentinel-model-server)" --urls "$base") >"$out/model-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  [[ -n "$(served_version)" ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$out/model-server.log" >&2; exit 1; }
  sleep 0.5
done
first_version=$(served_version)
[[ -n "$first_version" ]] || { say "the model server did not get ready"; cat "$out/model-server.log" >&2; exit 1; }
say "ready, serving sentiment-specialist v$first_version (polls the registry every second: MODEL_POLL_INTERVAL=00:00:01)"
echo "demo: page $(curl -s -o /dev/null -w '%{http_code}' "$base/")"
echo "demo: serving v$first_version"

# Users' texts, made up here from small word lists. Their words are not the training data's: people describe
# products with words no example uses, so the first champion has little to go on.
nouns=(blender headset charger kettle backpack lamp keyboard speaker thermos webcam scooter tripod)
openers=("" "so" "well" "fwiw" "okay" "day three" "after a month" "first impressions" "short review")
good=(stellar superb brilliant flawless sturdy gorgeous comfy snappy dependable delightful)
good_more=("worth every cent" "my kids adore it" "exceeded my hopes" "a joy to use" "no complaints whatsoever" "ten out of ten" "buying a second one" "would gift it to friends")
bad=(flimsy laggy useless overpriced faulty wobbly noisy sticky defective dreadful)
bad_more=("fell apart within a week" "total rip off" "sending it back tomorrow" "a waste of cash" "the seller ghosted me" "cannot recommend it" "stopped charging already" "regret buying it")
either=(cheap loud light heavy simple bright basic small) # words people use for praise and for complaint
facts=("weighs about three hundred grams" "ships in a cardboard sleeve" "comes with a spare cable" "measures twenty centimetres across"
  "was made in Portugal" "runs on two AA batteries" "has a matte grey finish" "fits in a standard drawer" "arrived in a brown box" "has a USB C port")
pick() { local -n list=$1; REPLY=${list[RANDOM % ${#list[@]}]}; }
# user_text LABEL: sets $text (no subshell, so the seeded $RANDOM sequence stays the same on every run).
user_text() {
  local opener noun g1 g2 gm b1 b2 bm f1 f2 e
  pick openers; opener=${REPLY:+$REPLY, }; pick nouns; noun=$REPLY
  pick good; g1=$REPLY; pick good; g2=$REPLY; pick good_more; gm=$REPLY
  pick bad; b1=$REPLY; pick bad; b2=$REPLY; pick bad_more; bm=$REPLY
  pick facts; f1=$REPLY; pick facts; f2=$REPLY; pick either; e=$REPLY
  # One text in four says two things at once; the user's label goes by what it ends on.
  case "$1:$((RANDOM % 4))" in
    positive:3) text="${opener}$b1 at first, but the $noun is $e and $g1" ;;
    negative:3) text="${opener}looks $g1, but the $noun is $e and $b1" ;;
    neutral:3) text="${opener}the $noun is $e, $f1" ;;
    positive:0) text="${opener}the $noun is $g1, $gm" ;;
    positive:1) text="${opener}$g1 $noun, $g2 too" ;;
    positive:2) text="${opener}$gm, this $noun is $g1" ;;
    negative:0) text="${opener}the $noun is $b1, $bm" ;;
    negative:1) text="${opener}$b1 $noun, $b2 too" ;;
    negative:2) text="${opener}$bm, this $noun is $b1" ;;
    neutral:0) text="${opener}the $noun $f1" ;;
    neutral:1) text="${opener}the $noun $f1 and $f2" ;;
    neutral:2) text="${opener}my $noun $f1" ;;
  esac
}
# users COUNT SEED NAME: COUNT texts, each predicted then labelled with the right label (label-only feedback: the
# server keeps the text with a label, PREDICTION_TEXT_RETENTION=labelled).
users() {
  local count=$1 right=0 i label text response id predicted
  local labels=(positive negative neutral)
  RANDOM=$2
  for ((i = 0; i < count; i++)); do
    label=${labels[i % 3]}
    user_text "$label"
    response=$(curl -fs -X POST "$base/predict" -H 'Content-Type: application/json' -d "{\"text\": \"$text\"}")
    id=$(sed -n 's/.*"prediction_id":"\([^"]*\)".*/\1/p' <<<"$response")
    predicted=$(sed -n 's/.*"label":"\([^"]*\)".*/\1/p' <<<"$response")
    curl -fs -X POST "$base/feedback" -H 'Content-Type: application/json' -d "{\"prediction_id\": \"$id\", \"label\": \"$label\"}" >/dev/null
    [[ "$predicted" == "$label" ]] && right=$((right + 1))
    ((i < 4)) && say "\"$text\" -> predicted $predicted, labelled $label"
  done
  say "… $count texts: the model was right on $right, wrong on $((count - right)) (all labelled through POST /feedback)"
  echo "demo: users $3 texts=$count right=$right"
}

step "simulated users on the first champion: 210 texts in words it never saw, each labelled" \
  "how often the champion is wrong; every label goes to POST /feedback"
users 210 7 shifted

step "sentinel-monitor --specialist-type sentiment: the users' labels judge the champion" \
  "status DEGRADED: feedback average and online accuracy from the labels, far below their thresholds"
monitor monitor-2 sentiment
{ grep -m1 '^Status: ' "$out/monitor-2.txt"; sed -n '/^Degradation Reasons:/,/^$/p' "$out/monitor-2.txt" | head -5; } | sed 's/^/   /' >&2

step "sentinel-retrain --specialist-type sentiment: the degraded verdict triggers it" \
  "trigger degraded (no --force), previous + feedback rows, the comparison on rows neither model trained on, PROMOTED"
say "RETRAINING_COOLDOWN_HOURS=0: the first champion is minutes old and the default 24 h cooldown would hold the retrain back"
retrain retrain-2 sentiment RETRAINING_COOLDOWN_HOURS=0

step "the running model server hot-swaps to the new champion" "the version it serves, polled on $base/health/ready"
for _ in $(seq 1 60); do
  [[ "$(served_version)" != "$first_version" ]] && break
  sleep 0.5
done
second_version=$(served_version)
say "serving sentiment-specialist v$second_version (was v$first_version)"
echo "demo: serving v$second_version"

step "simulated users on the new champion: 150 more texts in the same words, labelled; then sentinel-monitor" \
  "the champion is right far more often; status HEALTHY"
users 150 11 after-retrain
monitor monitor-3 sentiment

finish
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
trap - EXIT
cat >&2 <<EOF

== done in $((SECONDS - started)) s
   data directory:    $SENTINEL_DATA_DIR (tracking.db, feedback, datasets/)
   reports and logs:  $out/ (monitor-*.txt, retrain-*.txt, *.log)
   model server log:  $out/model-server.log
   the page:          $base/ (served while the demo runs; start it again with
                      cd src/ModelServer && SENTINEL_DATA_DIR=$SENTINEL_DATA_DIR SPECIALIST_TYPE=sentiment dotnet $(bin ModelServer sentinel-model-server) --urls $base)
EOF
echo "demo: done $((SECONDS - started)) s"
