#!/usr/bin/env bash
# ctest self-test of scripts/check-tests and of the test main's "no case
# ran" failure, on a case name holding ';'. A fake test binary lists its
# cases as doctest does; doctest's own discovery script registers them as
# in the real build, and a ctest project of its own holds the entries.
#   - with a ';' in a name, check-tests must fail and name that case and
#     the fragments ctest made of it; without, it must pass;
#   - a real test binary run with a filter that matches no case must exit
#     non-zero, while --list-test-cases still exits 0.
# Usage: check_tests_test.sh CHECK_TESTS DOCTEST_ADD_TESTS_CMAKE TEST_BINARY
set -euo pipefail
check_tests=$1
add_tests=$2
real_binary=$3
tmp=$(mktemp -d /tmp/check-tests-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "check_tests_test: $*" >&2
  exit 1
}

# discover NAME...: a fake binary listing the cases NAME..., registered
# with prefix fake/ in the ctest project $tmp/project.
discover() {
  rm -rf "$tmp/project"
  mkdir -p "$tmp/project"
  {
    echo '#!/bin/sh'
    echo "echo '[doctest] listing all test case names'"
    echo "echo '==============================================================================='"
    for name in "$@"; do
      printf "echo '%s'\n" "$name"
    done
    echo "echo '==============================================================================='"
  } > "$tmp/project/fake"
  chmod +x "$tmp/project/fake"
  cmake -D TEST_EXECUTABLE="$tmp/project/fake" -D TEST_PREFIX=fake/ \
    -D TEST_WORKING_DIR="$tmp/project" -D TEST_LIST=fake_TESTS \
    -D CTEST_FILE="$tmp/project/fake_tests.cmake" -P "$add_tests"
  echo 'include(fake_tests.cmake)' > "$tmp/project/CTestTestfile.cmake"
}

# A name holding ';': two entries, neither of them the case.
discover "a fine case" "one case; split by ctest"
(cd "$tmp/project" && ctest -N) > "$tmp/entries.txt"
grep -qxF '  Test #2: fake/one case' "$tmp/entries.txt" ||
  fail "ctest did not split the name as expected: $(cat "$tmp/entries.txt")"
if "$check_tests" "$tmp/project" "$tmp/project/fake=fake/" 2> "$tmp/err.txt"; then
  fail "check-tests passed a case name holding ';'"
fi
cat "$tmp/err.txt"
for line in \
  "check-tests: no ctest entry runs 'one case; split by ctest' of fake (its name holds ';', where ctest splits it)" \
  "check-tests: ctest entry 'fake/one case' runs no case of fake" \
  "check-tests: ctest entry 'fake/ split by ctest' runs no case of fake"; do
  grep -qxF -- "$line" "$tmp/err.txt" || fail "missing: $line"
done
grep -q "a fine case" "$tmp/err.txt" && fail "a fine case was reported"

# The same cases without ';': accepted.
discover "a fine case" "one case, not split by ctest"
"$check_tests" "$tmp/project" "$tmp/project/fake=fake/" ||
  fail "check-tests failed on names without ';'"

# The test main: a filter matching no case fails the run; a query does not.
if "$real_binary" --test-case="one case" > "$tmp/run.txt" 2>&1; then
  fail "$real_binary passed a run of 0 cases: $(cat "$tmp/run.txt")"
fi
grep -q "error: no test case ran" "$tmp/run.txt" ||
  fail "no message for a run of 0 cases: $(cat "$tmp/run.txt")"
"$real_binary" --list-test-cases > /dev/null ||
  fail "$real_binary --list-test-cases failed"
"$real_binary" --count > /dev/null || fail "$real_binary --count failed"
echo "check_tests_test: ok"
