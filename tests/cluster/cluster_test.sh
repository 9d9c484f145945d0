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
#   CASE kill9:   a crash: one node of 3 gets SIGKILL mid-walks (150
#                 walks, nodes run with --lease-seconds 2). Measures
#                 failover: from the kill to the first 200 for one of the
#                 dead node's sessions through HAProxy, which must be
#                 within the lease + the time HAProxy's checks take to
#                 see a node down (about 2.5 s: a failed check, then two
#                 more 250 ms apart) + a 3 s margin. Every walk must end. What the dead node had
#                 acknowledged but not yet committed is lost: loadtest
#                 --lost-out lists, per walk, the acknowledged challenges
#                 GET /challenges no longer shows; each must have been sent
#                 at most one storage tick plus its commit (50 ms + 1 s of
#                 slack on shared cores) before the kill. Only walks under
#                 way at the kill may see anything go wrong (a lost
#                 challenge, a status that follows from a lost write, a
#                 request in flight on the dead node that got no answer:
#                 never resent, except POST /challenger, which is safe to
#                 resend). A challenge whose credit rests on more than its
#                 step's answer (on set-up requests, an idle stop, or
#                 after a request that got no answer) counts as uncertain,
#                 not lost: only its walk must have been under way at the
#                 kill. All counted and printed.
#   CASE pgrestart: PostgreSQL stops mid-walks (900 walks without the idle
#                 steps, so many that they outlast the outage on an idle
#                 machine too; once a tenth of them began; lease 2 s; a
#                 fast shutdown, which itself takes
#                 seconds on loaded cores, refusing connections from its
#                 start) and starts again once the nodes have answered
#                 requests for at least 2 s since the stop began: the nodes
#                 serve from memory (then 503 with Retry-After, resent by
#                 loadtest, once a lease's margin is used up), catch up, and
#                 every walk is credited in full, 0 errors.
#   CASE addnode: 2 nodes; mid-walks (150) `scripts/cluster add-node` adds a
#                 third through HAProxy's runtime API: the GUIDs that hash
#                 to it move to it (it takes their leases), every walk is
#                 credited in full, 0 errors, and the new node served
#                 sessions that began on the others.
#   Ports: PORT (site), PORT+1 (stats), PORT+2.. (nodes), PORT+8 (HAProxy's
#   runtime API), PORT+9 (database).
set -euo pipefail
case_name=$1
cluster=$2
server=$3
loadtest=$4
dir=$5
port=$6
nodes=3
challengers=300
case "$case_name" in
  kill9) challengers=150 ;;
  pgrestart) challengers=900 ;;
  addnode) challengers=150 nodes=2 ;;
esac
# The disruption starts once this many challengers exist.
started=$((challengers / 3))
[ "$case_name" = pgrestart ] && started=$((challengers / 10))

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
  routing | walks | sigterm | kill9 | pgrestart | addnode) ;;
  *) fail "unknown case $case_name" ;;
esac
lease=5
case "$case_name" in kill9 | pgrestart | addnode) lease=2 ;; esac
rm -rf "$dir"
"$cluster" up --nodes "$nodes" --port "$port" --node-port $((port + 2)) \
  --pg-port $((port + 9)) --admin-port $((port + 8)) --dir "$dir" \
  --binary "$server" \
  -- --idle-timeout 1 --http-threads 300 --lease-seconds "$lease"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Lines HAProxy has logged so far (one per request ended).
logged() { wc -l <"$dir/haproxy.log"; }

verify=()
[ "$case_name" = routing ] && verify=(--no-verify)
extra=()
case "$case_name" in
  sigterm | addnode) extra=(--retry-unavailable 20) ;;
  kill9) extra=(--retry-unavailable 20 --lost-out "$dir/lost.txt") ;;
  pgrestart) extra=(--retry-unavailable 20 --skip-idle) ;;
esac
"$loadtest" --url "http://127.0.0.1:$port" --challengers "$challengers" \
  --concurrency 50 --mode multi-storage --quiet "${verify[@]}" \
  "${extra[@]}" >"$dir/loadtest.out" 2>&1 &
loadtest_pid=$!

if [ "$case_name" != routing ] && [ "$case_name" != walks ]; then
  # Mid-walks: once `started` challengers exist.
  deadline=$((SECONDS + 60))
  until [ "$(grep -c ' created=[0-9a-f-]\{36\} ' "$dir/haproxy.log")" -ge \
    "$started" ]; do
    ((SECONDS < deadline)) || fail "the walks did not get going"
    sleep 0.1
  done
fi
if [ "$case_name" = pgrestart ]; then
  postgres="$(dirname "$cluster")/postgres"
  before=$(logged)
  stopping_ms=$(now_ms)
  "$postgres" stop "$dir/postgres" >/dev/null
  down_ms=$(now_ms)
  echo "postgres: stopped (took $((down_ms - stopping_ms)) ms)"
  # Down until the nodes have answered (or refused with 503) a good number
  # of requests without it, and for at least 2 s since the stop began.
  deadline=$((SECONDS + 30))
  until (($(logged) - before >= 200 && $(now_ms) - stopping_ms >= 2000)); do
    ((SECONDS < deadline)) || fail "the nodes answered nothing without PostgreSQL"
    sleep 0.1
  done
  kill -0 "$loadtest_pid" 2>/dev/null ||
    fail "the walks ended before PostgreSQL came back"
  during=$(($(logged) - before))
  starting_ms=$(now_ms)
  "$postgres" start "$dir/postgres" >/dev/null
  echo "postgres: down $((starting_ms - down_ms)) ms, starting took" \
    "$(($(now_ms) - starting_ms)) ms; $during requests ended meanwhile"
fi
if [ "$case_name" = addnode ]; then
  added_at=$(logged)
  "$cluster" add-node --dir "$dir" ||
    fail "add-node failed"
  kill -0 "$loadtest_pid" 2>/dev/null ||
    fail "the walks ended before the node was added"
fi

if [ "$case_name" = sigterm ] || [ "$case_name" = kill9 ]; then
  victim=$(awk '$1 == "node" { if (++n == 2) print $2 }' "$dir/pids")
  [ -n "$victim" ] || fail "no node 2 in $dir/pids"
  if [ "$case_name" = sigterm ]; then
    kill -TERM "$victim"
    echo "node 2 (pid $victim): SIGTERM"
  else
    # A session of node 2's, its lease just taken: created and used on
    # node 2 directly (a walk's session would be disturbed by the probe:
    # its restore steps need it out of memory).
    node2="http://127.0.0.1:$((port + 3))"
    probe=$(curl -s -D - -o /dev/null -X POST "$node2/challenger" |
      tr -d '\r' | awk 'tolower($1) == "x-challenger:" { print $2 }')
    [ -n "$probe" ] || fail "node 2 created no session"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-CHALLENGER: $probe" \
      "$node2/todos")" = 200 ] || fail "node 2 did not serve $probe"
    # Failover is timed from just before the kill; lost requests must have
    # been sent before it was done.
    killed=$(date +%s%N)
    kill -KILL "$victim"
    killed_after=$(date +%s%N)
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
  lost=$(sed -n 's/.* lost=\([0-9]*\).*/\1/p' <<<"$result")
  echo "lost: $lost acknowledged credits of $expected (credited" \
    "$credited); $errors errors (of $challengers walks)"
  sed -n '/^error details/,/^RESULT/p' "$dir/loadtest.out" | head -n 14
  # No connect, write or check errors: the survivors answered everything.
  ! grep -Eq '^ *errors .*(connect|write|socket|check)' \
    "$dir/loadtest.out" || fail "errors other than lost progress"
  # The walks that saw anything go wrong were under way at the kill, and
  # what they lost had been sent at most a tick and its commit before it.
  awk -v before=$((killed / 1000000)) -v kill=$((killed_after / 1000000)) \
    -v slack=1050 '
    {
      for (i = 2; i <= NF; i++) {
        split($i, kv, "=")
        f[kv[1]] = kv[2]
      }
      walks++
      if (f["start_ms"] > kill || f["end_ms"] < before) {
        print "FAIL: walk " $1 " was not under way at the kill: " $0; bad++
      }
      if (f["lost"] > 0) {
        age = kill - f["oldest_lost_sent_ms"]
        if (age > oldest) oldest = age
        if (age > slack || age < 0) {
          print "FAIL: walk " $1 " lost what it sent " age " ms before the kill"
          bad++
        }
      }
    }
    END {
      printf "lost: %d walks affected; the oldest lost request was sent %d ms" \
        " before the kill (bound %d ms)\n", walks, oldest, slack
      exit bad ? 1 : 0
    }' "$dir/lost.txt" || fail "lost more than the last tick"
  sum=$(awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^lost=/) s += substr($i, 6) }
             END { printf "%d", s }' "$dir/lost.txt")
  uncertain=$(awk '{ for (i = 2; i <= NF; i++)
                       if ($i ~ /^uncertain=/) s += substr($i, 11) }
                   END { printf "%d", s }' "$dir/lost.txt")
  echo "lost: $uncertain more (uncertain) not credited, in walks under way"

  sed 's/^/  /' "$dir/lost.txt"
  [ "$sum" = "$lost" ] || fail "loadtest reported lost=$lost, its file $sum"
  echo "PASS: kill9"
  exit 0
fi
if ! $loadtest_ok; then
  tail -n 25 "$dir/loadtest.out" >&2
  fail "loadtest through HAProxy reported errors"
fi
if [ "$case_name" = pgrestart ]; then
  # Every node saw commits fail and then succeed again.
  for i in $(seq 1 "$nodes"); do
    metrics="$(curl -sf "http://127.0.0.1:$((port + 1 + i))/metrics")" ||
      fail "node $i /metrics"
    failures=$(awk '/^challenge_server_storage_commit_failures_total/ {
                      printf "%d", $2 }' <<<"$metrics")
    healthy=$(awk '/^challenge_server_storage_healthy/ { printf "%d", $2 }' \
      <<<"$metrics")
    echo "node $i: ${failures:-0} failed commits, storage healthy ${healthy:-?}"
    [ "${healthy:-0}" = 1 ] || fail "node $i: storage not healthy at the end"
  done
  grep -q 'commit succeeded again' "$dir"/node-*.log ||
    fail "no node logged a commit that succeeded again"
  echo "PASS: pgrestart"
  exit 0
fi
if [ "$case_name" = addnode ]; then
  # GUIDs that began on node1 or node2 and were then served by node3.
  moved=$(awk -v from="$added_at" '
    $3 != "site" || $11 !~ /^guid=/ || length($11) != 41 { next }
    { g = substr($11, 6) }
    NR <= from { first[g] = $4; next }
    $4 == "nodes/node3" && (g in first) && first[g] != "nodes/node3" &&
      !(g in seen) { seen[g] = 1; n++ }
    END { printf "%d", n }' "$dir/haproxy.log")
  node3=$(awk '$4 == "nodes/node3"' "$dir/haproxy.log" | wc -l)
  echo "addnode: node3 served $node3 requests; $moved sessions moved to it"
  ((moved > 0)) || fail "no session moved to the new node"
  echo "PASS: addnode"
  exit 0
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
