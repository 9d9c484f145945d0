#!/usr/bin/env bash
# ctest: several nodes behind HAProxy, sharing PostgreSQL (scripts/cluster):
# brings up PostgreSQL, 3 nodes and HAProxy on loopback, walks 300
# challengers through HAProxy with build/loadtest (multi-user with storage,
# idle restores included), then checks from HAProxy's log and the nodes'
# /metrics that every request for one GUID landed on one node, that each
# node owns a share of the GUIDs, that HAProxy itself failed no request and
# that the nodes counted what HAProxy sent them. Tears everything down, also
# on failure.
#
# Usage: cluster_test.sh CASE CLUSTER_SCRIPT SERVER LOADTEST DIR PORT
#   CASE routing: the walks' requests unchecked (loadtest --no-verify, which
#                 still fails on socket errors); the routing checks above.
#   CASE walks:   the same, and every walk must complete: every challenge
#                 credited, every status as expected.
#   CASE sigterm: a planned restart: while the walks run, one node gets
#                 SIGTERM (it drains for --drain-seconds, HAProxy takes it
#                 out, then it saves its sessions and releases their
#                 leases); every walk must still complete with 0 errors.
#                 loadtest resends only requests answered 502 or 503
#                 (--retry-unavailable, counted as retried=). The routing
#                 checks are skipped: the node's GUIDs move on purpose.
#   CASE kill9:   a crash: one node gets SIGKILL mid-walks (nodes run with
#                 --lease-seconds 2). Measures failover: from the kill to
#                 the first 200 for one of the dead node's sessions through
#                 HAProxy, which must be within the lease + HAProxy's check
#                 time (about 2.5 s: a failed check, then two more 250 ms
#                 apart) + 3 s margin. Every walk must
#                 end; what the dead node had acknowledged but not yet
#                 committed (at most its last storage tick) shows as the
#                 walks' errors (uncredited challenges, unexpected
#                 statuses), and a request in flight on the dead node may
#                 end without an answer (a read error, never resent): both
#                 are counted and printed, not hidden; other errors fail.
#   Ports: PORT (site), PORT+1 (stats), PORT+2.. (nodes), PORT+9 (database).
set -euo pipefail
case_name=$1
cluster=$2
server=$3
loadtest=$4
dir=$5
port=$6
nodes=3
challengers=300

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cleanup() {
  local rc=$?
  if [ -n "${loadtest_pid:-}" ] && [ -e "/proc/$loadtest_pid" ]; then
    kill "$loadtest_pid" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ]; then
    for f in "$dir"/node-*.log; do
      [ -f "$f" ] && { echo "-- $f" >&2; tail -n 5 "$f" >&2; }
    done
  fi
  "$cluster" down --dir "$dir" >/dev/null || true
  exit "$rc"
}
trap cleanup EXIT

case "$case_name" in
  routing | walks | sigterm | kill9) ;;
  *) fail "unknown case $case_name" ;;
esac
lease=5
[ "$case_name" = kill9 ] && lease=2
rm -rf "$dir"
"$cluster" up --nodes "$nodes" --port "$port" --node-port $((port + 2)) \
  --pg-port $((port + 9)) --dir "$dir" --binary "$server" \
  -- --idle-timeout 1 --http-threads 300 --lease-seconds "$lease"

verify=()
[ "$case_name" = routing ] && verify=(--no-verify)
retry=()
[ "$case_name" = sigterm ] || [ "$case_name" = kill9 ] &&
  retry=(--retry-unavailable 20)
"$loadtest" --url "http://127.0.0.1:$port" --challengers "$challengers" \
  --concurrency 50 --mode multi-storage --quiet "${verify[@]}" \
  "${retry[@]}" >"$dir/loadtest.out" 2>&1 &
loadtest_pid=$!

if [ "$case_name" = sigterm ] || [ "$case_name" = kill9 ]; then
  # Mid-walks: once a third of the challengers exist.
  deadline=$((SECONDS + 60))
  until [ "$(grep -c ' created=[0-9a-f-]\{36\} ' "$dir/haproxy.log")" -ge \
    $((challengers / 3)) ]; do
    ((SECONDS < deadline)) || fail "the walks did not get going"
    sleep 0.1
  done
  victim=$(awk '$1 == "node" { if (++n == 2) print $2 }' "$dir/pids")
  [ -n "$victim" ] || fail "no node 2 in $dir/pids"
  if [ "$case_name" = sigterm ]; then
    kill -TERM "$victim"
    echo "node 2 (pid $victim): SIGTERM"
  else
    # One of node 2's sessions, under way: the latest GUID it served.
    probe=$(awk '$4 == "nodes/node2" && $11 ~ /^guid=/ && length($11) == 41 {
                   g = substr($11, 6) } END { print g }' "$dir/haproxy.log")
    [ -n "$probe" ] || fail "no GUID served by node 2 yet"
    killed=$(date +%s%N)
    kill -KILL "$victim"
    echo "node 2 (pid $victim): SIGKILL; probing its session $probe"
    code=""
    until [ "$code" = 200 ]; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
        -H "X-CHALLENGER: $probe" -H 'Accept: application/json' \
        "http://127.0.0.1:$port/todos") || code=""
      (($(date +%s%N) - killed < 60000000000)) || fail "no failover in 60 s"
      [ "$code" = 200 ] || sleep 0.05
    done
    failover_ms=$((($(date +%s%N) - killed) / 1000000))
    bound_ms=$(((lease + 3 + 3) * 1000))
    echo "failover: ${failover_ms} ms from SIGKILL to a 200 for $probe" \
      "(bound ${bound_ms} ms)"
    ((failover_ms <= bound_ms)) || fail "failover took ${failover_ms} ms"
  fi
fi

loadtest_ok=true
wait "$loadtest_pid" || loadtest_ok=false
grep '^RESULT' "$dir/loadtest.out" || true
if [ "$case_name" = kill9 ]; then
  result=$(grep '^RESULT' "$dir/loadtest.out") || fail "no RESULT from loadtest"
  units=$(sed -n 's/.* units=\([0-9]*\).*/\1/p' <<<"$result")
  [ "$units" = "$challengers" ] || fail "$units of $challengers walks ended"
  # What the crash cost, as the walks saw it: challenges the walks had
  # been answered for but that are not credited at the end, and the walks
  # they belong to (each walk that lost anything is one error).
  credited=$(sed -n 's/.* credited=\([0-9]*\).*/\1/p' <<<"$result")
  expected=$(sed -n 's/.* expected=\([0-9]*\).*/\1/p' <<<"$result")
  errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$result")
  echo "lost: $((expected - credited)) of $expected credits," \
    "$errors walk errors (of $challengers walks)"
  sed -n '/^error details/,/^RESULT/p' "$dir/loadtest.out" | head -n 14
  # Only what the crash can cost is acceptable: a walk's step failing on
  # what the dead node had acknowledged but not committed (statuses,
  # uncredited challenges) and, through HAProxy, a request in flight on the
  # dead node whose connection closed without an answer (read; never
  # resent: it may have been applied). No connect, write or check errors.
  ! grep -Eq '^ *errors .*(connect|write|socket|check)' \
    "$dir/loadtest.out" || fail "errors other than lost progress"
  echo "PASS: kill9"
  exit 0
fi
if ! $loadtest_ok; then
  tail -n 25 "$dir/loadtest.out" >&2
  fail "loadtest through HAProxy reported errors"
fi
if [ "$case_name" = sigterm ]; then
  # The stopped node drained, saved its sessions and exited.
  deadline=$((SECONDS + 30))
  until [ ! -e "/proc/$victim" ]; do
    ((SECONDS < deadline)) || fail "node 2 did not stop after SIGTERM"
    sleep 0.1
  done
  grep -q 'draining for' "$dir/node-2.log" || fail "node 2 did not drain"
  grep -q 'all sessions saved, bye' "$dir/node-2.log" ||
    fail "node 2 did not save its sessions"
  echo "PASS: sigterm"
  exit 0
fi

log="$dir/haproxy.log"
# HAProxy may drop a few log lines under load; it counts them.
dropped_logs() {
  curl -sf "http://127.0.0.1:$((port + 1))/metrics" |
    awk '/^haproxy_process_dropped_logs_total / { printf "%d", $2 }'
}
# HAProxy writes a line when a request ends; the last ones may lag a little.
deadline=$((SECONDS + 10))
until [ $(($(grep -c ' created=[0-9a-f-]\{36\} ' "$log") + $(dropped_logs))) \
  -ge "$challengers" ]; do
  ((SECONDS < deadline)) || fail "HAProxy logged fewer than $challengers creations"
  sleep 0.1
done
dropped=$(dropped_logs)
echo "haproxy: $dropped log lines dropped"

# The routing checks read the lines HAProxy wrote. Fields: 4 backend/server, 8 termination state, 11 guid=, 12 created=,
# 13 method, 14 path.
awk -v nodes="$nodes" -v challengers="$challengers" -v dropped="$dropped" '
  $3 != "site" { next }
  { lines++ }
  $8 != "----" { bad_term++; if (bad_term <= 5) print "proxy error: " $0 }
  $4 !~ /^nodes\/node[0-9]+$/ { no_server++ }
  {
    split($4, bs, "/"); srv = bs[2]
    guid = substr($11, 6); created = substr($12, 9)
    if (created != "-") { made[created] = 1; creations++ }
    if (guid != "-") {
      if (!(guid in owner)) owner[guid] = srv
      else if (owner[guid] != srv && !(guid in split_guid)) {
        split_guid[guid] = 1; splits++
        if (splits <= 5) print "GUID on two nodes: " guid " " owner[guid] " " srv
      }
    }
    split($14, seg, "/")
    if (seg[2] == "todos" || seg[2] == "todo") todos++
  }
  END {
    for (g in made) {
      if (!(g in owner)) { unrouted++; continue }
      share[owner[g]]++
    }
    printf "haproxy: %d requests, %d creations, %d GUIDs routed\n", lines,
      creations, length(owner)
    for (s in share) printf "haproxy: %s owns %d created GUIDs\n", s, share[s]
    ok = 1
    if (bad_term + 0 > 0) { print "FAIL: " bad_term " requests ended by the proxy"; ok = 0 }
    if (no_server + 0 > 0) { print "FAIL: " no_server " requests reached no node"; ok = 0 }
    if (splits + 0 > 0) { print "FAIL: " splits " GUIDs served by two nodes"; ok = 0 }
    if (creations + dropped < challengers) { print "FAIL: fewer creations than walks"; ok = 0 }
    if (unrouted + 0 > 0) { print "FAIL: " unrouted " created GUIDs never routed"; ok = 0 }
    if (length(share) != nodes) { print "FAIL: not every node owns GUIDs"; ok = 0 }
    for (s in share) if (share[s] < creations / nodes / 3) {
      print "FAIL: " s " owns too few GUIDs"; ok = 0
    }
    print todos > "'"$dir"'/todos-requests"
    exit ok ? 0 : 1
  }' "$log" || fail "routing checks on $log"

# The nodes saw what HAProxy sent them: requests to /todos and /todo summed
# over the nodes' /metrics equal HAProxy's count. Creations: one per
# POST /challenger, each on one node.
node_todos=0
node_created=0
for i in $(seq 1 "$nodes"); do
  metrics="$(curl -sf "http://127.0.0.1:$((port + 1 + i))/metrics")" ||
    fail "node $i /metrics"
  t=$(awk '/^challenge_server_http_requests_total\{group="todos"/ { s += $2 }
           END { printf "%d", s }' <<<"$metrics")
  c=$(awk '/^challenge_server_sessions_created_total / { printf "%d", $2 }' \
    <<<"$metrics")
  echo "node $i: todos requests $t, sessions created ${c:-0}"
  node_todos=$((node_todos + t))
  node_created=$((node_created + ${c:-0}))
done
haproxy_todos=$(cat "$dir/todos-requests")
[ "$node_todos" -ge "$haproxy_todos" ] &&
  [ "$node_todos" -le $((haproxy_todos + dropped)) ] ||
  fail "nodes counted $node_todos /todos requests, HAProxy logged" \
    "$haproxy_todos (and dropped $dropped log lines)"
haproxy_created=$(grep -c ' created=[0-9a-f-]\{36\} ' "$log")
[ "$node_created" -ge "$haproxy_created" ] &&
  [ "$node_created" -le $((haproxy_created + dropped)) ] ||
  fail "nodes created $node_created sessions, HAProxy logged" \
    "$haproxy_created (and dropped $dropped log lines)"
echo "PASS: $case_name"
