# Shared by the script suites (tests/*/run.sh): the counters, PASS/FAIL lines and the last line
# "N passed, M failed" that ./test.sh adds up. Source it; a suite may redefine fail to show more.
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
# fail NAME [LOG]: counts a failure and shows the first 40 lines of LOG when it has any.
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  if [ -n "${2:-}" ] && [ -s "$2" ]; then head -n 40 "$2" | sed 's/^/    /'; fi
  return 0
}
# expect_ok NAME LOG CMD...: passes when CMD exits 0, else fails showing its output.
expect_ok() {
  local name=$1 log=$2; shift 2
  if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name" "$log"; fi
}
# summary: the last line of a suite.
summary() { echo "$passed passed, $failed failed"; }
