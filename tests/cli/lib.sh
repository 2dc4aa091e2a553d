# tests/cli/lib.sh — helpers for CLI tests (sourced). Each check prints
# "ok N - what" or "not ok N - what" with the difference.
# Environment: MUBIAO (the binary), TOP (project root), T (a scratch folder
# of this script, removed afterwards), SHARED (../shared, may be absent).
# A scratch folder is required: without it "$T/x" would be /x.
case "${T:-}" in
/?*) mkdir -p "$T" || exit 1 ;;
*) echo "not ok 1 - T must name a scratch folder (an absolute path), not '${T:-}'"; exit 1 ;;
esac
n=0
_ok() { n=$((n + 1)); echo "ok $n - $1"; }
_notok() { n=$((n + 1)); echo "not ok $n - $1"; }

# expect_eq WHAT GOT WANT
expect_eq() {
    if [ "$2" = "$3" ]; then _ok "$1"; else
        _notok "$1"
        printf '  got:  %s\n  want: %s\n' "$2" "$3" | head -20
    fi
}
# expect_status WHAT WANT_STATUS CMD...  (stdout+stderr in $T/out)
expect_status() {
    what=$1 want=$2
    shift 2
    "$@" >"$T/out" 2>&1
    rc=$?
    if [ "$rc" = "$want" ]; then _ok "$what"; else
        _notok "$what (exit $rc, want $want)"
        head -5 "$T/out"
    fi
}
# expect_grep WHAT PATTERN FILE
expect_grep() {
    if grep -q -- "$2" "$3"; then _ok "$1"; else
        _notok "$1 (no '$2' in output)"
        head -5 "$3"
    fi
}
# skip WHY
skip() { echo "skip - $1"; }
have_shared() { [ -d "$SHARED/data" ]; }
# need_chromium WHAT: set CHROME and OUT (BUILD/test-output, for screenshots
# a person looks at); without Chromium, "not ok" in CI (CI set) and "skip"
# otherwise, and the test ends there.
need_chromium() {
    CHROME=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$CHROME" ]; then
        if [ -n "$CI" ]; then
            _notok "$1: chromium is required in CI (sh scripts/install-deps.sh --browser)"
        else
            skip "$1: chromium not installed (as root: sh scripts/install-deps.sh --browser)"
        fi
        exit 0
    fi
    OUT="$(dirname "$MUBIAO")/test-output"
    mkdir -p "$OUT"
}
# chrome ARGS...: headless Chromium, a new profile each run, no network use
# beyond the file; CHROME_BUDGET ms of virtual time (default 5000); its
# stderr in $T/chrome.err.
chrome() {
    prof=$(mktemp -d "$T/profile.XXXXXX")
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
        --disable-default-apps --user-data-dir="$prof" --virtual-time-budget="${CHROME_BUDGET:-5000}" "$@" \
        2>>"$T/chrome.err"
}
