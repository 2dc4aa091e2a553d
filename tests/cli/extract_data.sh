# tests/cli/extract_data.sh — the runner of tests/data/extract.test on small
# files: a pass, an expected failure (XFAIL), a block that passes while marked
# XFAIL (XPASS fails, so the mark gets removed), a wrong expectation (reported
# with FILE:LINE, expected and actual records), %%NONE, %% empty lines and
# malformed blocks.
. "$TOP/tests/cli/lib.sh"
RUN="$(dirname "$MUBIAO")/tests/test_extract_data"
if [ ! -x "$RUN" ]; then
    _notok "the runner $RUN is built"
    exit 1
fi
tab=$(printf '\t')

rec() { # quote kind indicator value unit cmp change year period
    printf '%s' "$1"
    shift
    for f in "$@"; do printf '\t%s' "$f"; done
    printf '\n'
}

{
    echo '# a block that passes'
    echo '%%DATE 2024-06-26'
    echo '三年内，力争高新技术企业总数达3500家。'
    echo '%%EXPECT'
    rec '达3500家' target 高新技术企业 3500 家 eq level 2027 null
    echo
    echo '# a failure marked as such'
    echo '%%XFAIL the year is wrong on purpose'
    echo '%%DATE 2024-06-26'
    echo '三年内，力争高新技术企业总数达3500家。'
    echo '%%EXPECT'
    rec '达3500家' target 高新技术企业 3500 家 eq level 2030 null
    echo
    echo '%%NONE'
    echo '发布时间：2024年3月18日'
    echo
    echo '# an empty line inside a document'
    echo '今年发展主要预期目标'
    echo '%%'
    echo '国内生产总值增长5%左右。'
    echo '%%NONE'
} >"$T/pass.test"
"$RUN" "$T/pass.test" >"$T/pass.out" 2>&1
rc=$?
expect_grep "XFAIL reported with its reason and today's difference" \
    "^ok 2 - $T/pass.test:7: .* # XFAIL the year is wrong on purpose \[record 1 (line 12): year\]" "$T/pass.out"
expect_grep "a directive before the text is an error" "^not ok 3 - $T/pass.test:14: .*misplaced directive" "$T/pass.out"
expect_grep "%% lines are document lines: the text after one gives a record (so %%NONE fails)" \
    "^not ok 4 - $T/pass.test:17: .*1 records, expected 0" "$T/pass.out"
expect_eq "exit status 1 when a block fails" "$rc" "1"

{
    echo '%%XFAIL marked, but right'
    echo '%%DATE 2024-06-26'
    echo '三年内，力争高新技术企业总数达3500家。'
    echo '%%EXPECT'
    rec '达3500家' target 高新技术企业 3500 家 eq level 2027 null
} >"$T/xpass.test"
"$RUN" "$T/xpass.test" >"$T/xpass.out" 2>&1
expect_eq "XPASS: exit 1" "$?" "1"
expect_grep "XPASS names the block and says to remove the mark" \
    "^not ok 1 - $T/xpass.test:1: .*XPASS: the block passes now; remove its %%XFAIL line" "$T/xpass.out"

{
    echo '今年全市地区生产总值预期增长6%左右。'
    echo '%%EXPECT'
    rec '增长6%左右' target 地区生产总值 6 % approx decrease null null
} >"$T/wrong.test"
"$RUN" "$T/wrong.test" >"$T/wrong.out" 2>&1
expect_eq "a wrong expectation: exit 1" "$?" "1"
expect_grep "FILE:LINE and the first difference" "^not ok 1 - $T/wrong.test:1: .*record 1 (line 3): change" "$T/wrong.out"
expect_grep "the expected record" "^#   want: 增长6%左右${tab}target${tab}.*${tab}decrease" "$T/wrong.out"
expect_grep "the actual record" "^#    got: 6%左右${tab}target${tab}地区生产总值${tab}6${tab}%${tab}approx${tab}increase${tab}null${tab}null" "$T/wrong.out"

{
    echo '今年全市地区生产总值预期增长6%左右。'
    echo '%%EXPECT'
    printf '增长6%%左右\ttarget\t地区生产总值\n'
    echo
    echo '%%DATE 2025-02-30'
    echo '今年。'
    echo '%%NONE'
    echo
    echo '没有期望。'
} >"$T/bad.test"
"$RUN" "$T/bad.test" >"$T/bad.out" 2>&1
expect_grep "a record line with too few columns" "^not ok 1 - .*line 3: a record line needs 9 tab-separated columns" "$T/bad.out"
expect_grep "an impossible date" "^not ok 2 - .*%%DATE needs a real YYYY-MM-DD date" "$T/bad.out"
expect_grep "a block without %%EXPECT or %%NONE" "^not ok 3 - .*no %%EXPECT or %%NONE" "$T/bad.out"
expect_status "a missing file fails" 1 "$RUN" "$T/missing.test"
