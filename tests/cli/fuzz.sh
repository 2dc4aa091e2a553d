# tests/cli/fuzz.sh — every fuzz target of tests/fuzz/ still builds and runs:
# each for FUZZ_CHECK_SECONDS (default 3) on its seeds (make check builds
# them in build/fuzz/ with clang, ASan and UBSan). A crash, a leak or a
# sanitizer report fails the test. Without clang/libFuzzer: skip.
. "$TOP/tests/cli/lib.sh"
# MUBIAO_FUZZ_DIR: where make check built them (none: skip, e.g. while
# another fuzzer runs); absolute, since a target may change its folder
D=${MUBIAO_FUZZ_DIR:-$TOP/build/fuzz}
case "$D" in /*) ;; *) D="$TOP/$D" ;; esac
S=${FUZZ_CHECK_SECONDS:-3}
for t in doc extract recognize dict user audit query; do
    if [ ! -x "$D/fuzz_$t" ]; then
        skip "fuzz_$t: not built in $D (clang with libFuzzer missing: see make fuzz-build)"
        continue
    fi
    mkdir -p "$T/corpus-$t"
    # the seeds are read, new inputs go to a scratch corpus; ASan's own
    # options (leaks on) apply
    nice -n 10 "$D/fuzz_$t" -max_total_time="$S" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
        -artifact_prefix="$T/crash-$t-" "$T/corpus-$t" "$D/seeds/$t" >"$T/$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$T/$t.log")
    if [ "$rc" = 0 ] && [ -n "$runs" ] && [ "$runs" -gt 0 ]; then
        _ok "fuzz_$t: $S s on its seeds, no crash ($runs runs)"
    else
        _notok "fuzz_$t: exit $rc"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written|No such|fuzz:' "$T/$t.log" | head -8
    fi
done
