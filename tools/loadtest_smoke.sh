#!/usr/bin/env bash
# ctest smoke run of the load tool: starts the real server on a free port
# and walks a few challengers through every challenge, in multi-user mode
# with storage (the full walk, idle restores included) and in single-user
# mode. Fails unless loadtest exits 0 with every challenge credited.
# Usage: loadtest_smoke.sh CHALLENGE_SERVER LOADTEST
set -euo pipefail
server=$1
loadtest=$2
tmp=$(mktemp -d /tmp/loadtest-smoke.XXXXXX)
srv=""
cleanup() {
  [ -z "$srv" ] || kill -TERM "$srv" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# start ARGS...: starts the server, sets $srv and $url.
start() {
  "$server" --host 127.0.0.1 --port 0 "$@" > "$tmp/server.log" 2>&1 &
  srv=$!
  for _ in $(seq 200); do
    if grep -q 'listening on http://' "$tmp/server.log"; then
      url="http://127.0.0.1:$(grep -o 'listening on http://[^ ]*' \
        "$tmp/server.log" | sed 's/.*://')"
      return 0
    fi
    sleep 0.05
  done
  cat "$tmp/server.log" >&2
  exit 1
}

stop() {
  kill -TERM "$srv"
  wait "$srv"
  srv=""
}

# check ARGS...: runs loadtest, requires exit 0 and credited == expected > 0.
check() {
  "$loadtest" --url "$url" --quiet "$@" | tee "$tmp/out.txt"
  local line credited expected
  line=$(grep '^RESULT' "$tmp/out.txt")
  credited=$(tr ' ' '\n' <<< "$line" | sed -n 's/^credited=//p')
  expected=$(tr ' ' '\n' <<< "$line" | sed -n 's/^expected=//p')
  if [ "$expected" -eq 0 ] || [ "$credited" -ne "$expected" ]; then
    echo "loadtest_smoke: credited $credited of $expected" >&2
    exit 1
  fi
}

start --multi-user --storage "sqlite:$tmp/smoke.db" --idle-timeout 1
# --idle-wait: the idle stop cannot be seen over HTTP, so the walks wait
# the idle timeout and a margin for a loaded machine.
check --challengers 6 --concurrency 6 --idle-wait 3000
check --challengers 40 --concurrency 8 --skip-idle --duration 5
stop

start --single-user --storage none
check --mode single
stop

# The 2026 edition, detected from its 97 challenges: the walk goes through
# /api and expects every one of them credited.
start --edition 2026 --multi-user --storage none
check --challengers 4 --concurrency 4 --skip-idle
stop
echo "loadtest_smoke: ok"
