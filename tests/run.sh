#!/bin/sh
# tests/run.sh BUILD_DIR — run every test against the binaries in BUILD_DIR:
#   unit tests   BUILD_DIR/tests/test_*  (C programs linked with libmubiao)
#   CLI tests    tests/cli/*.sh          (shell scripts driving $MUBIAO)
# Each test prints "ok ..." / "not ok ..." lines; this script counts them
# and ends with "N passed, N failed". "ok ... # XFAIL reason" is a known
# failure (tests/data/extract.test): counted apart, as xfail, not as passed.
# Exit status 1 if anything failed.
BUILD=${1:-build}
LC_ALL=C.UTF-8
export LC_ALL
unset COLUMNS LINES # show follows them: tests see the default width
TOP=$(cd "$(dirname "$0")/.." && pwd)
MUBIAO="$TOP/$BUILD/mubiao"
case "$BUILD" in /*) MUBIAO="$BUILD/mubiao" ;; esac
export MUBIAO TOP
SHARED=${SHARED:-$TOP/../shared}
export SHARED
TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/mubiao-tests.XXXXXX")
trap 'rm -rf "$TMPROOT"' EXIT INT TERM
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$TOP" || exit 1

passed=0
failed=0
skipped=0
xfailed=0
failures=""

run_one() {
    name=$1
    shift
    out="$TMPROOT/$(basename "$name").out"
    "$@" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    s=$(grep -c '^skip ' "$out")
    x=$(grep -c '^ok .* # XFAIL' "$out")
    p=$((p - x))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc" >>"$out"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    xfailed=$((xfailed + x))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $name"
        grep -v '^ok ' "$out" | head -40
        failures="$failures $name"
    else
        if [ "$x" -gt 0 ]; then echo "pass $name ($p, $x xfail)"; else echo "pass $name ($p)"; fi
        grep '^skip ' "$out"
    fi
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "$t" "$t"
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    case "$t" in */lib.sh) continue ;; esac
    T="$TMPROOT/$(basename "$t" .sh)"
    mkdir -p "$T"
    run_one "$t" env T="$T" sh "$t"
done

[ -n "$failures" ] && echo "failed:$failures"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
[ "$xfailed" -gt 0 ] && summary="$summary, $xfailed xfail"
echo "$summary"
[ "$failed" -eq 0 ]
