#!/bin/sh
# tests/cli/numbers.sh — `mubiao numbers`: exact JSON with source offsets,
# --date resolution, the same offsets in a GB18030 copy, usage errors, and
# the seed documents.
. "$TOP/tests/cli/lib.sh"

printf '今年GDP超3万亿元，去年增长5%%左右。\n' >"$T/s.txt"

# --- exact output for one sentence, with a document date ---
"$MUBIAO" numbers --date 2025-03-05 "$T/s.txt" >"$T/out" 2>"$T/err"
cat >"$T/want" <<EOF
{"doc":"$T/s.txt","paragraph":0,"sentence":0,"type":"time","start":0,"end":6,"text":"今年","kind":"relative","year_from":2025,"year_to":2025,"month_from":null,"month_to":null,"day":null,"count":null,"marker":null,"relative":true,"resolved":true}
{"doc":"$T/s.txt","paragraph":0,"sentence":0,"type":"quantity","start":9,"end":22,"text":"超3万亿元","number":"3万亿","value":3000000000000,"min":null,"max":null,"unit":"元","comparator":"gt","qkind":"number","skip":false,"reason":null}
{"doc":"$T/s.txt","paragraph":0,"sentence":0,"type":"time","start":25,"end":31,"text":"去年","kind":"relative","year_from":2024,"year_to":2024,"month_from":null,"month_to":null,"day":null,"count":null,"marker":null,"relative":true,"resolved":true}
{"doc":"$T/s.txt","paragraph":0,"sentence":0,"type":"quantity","start":37,"end":45,"text":"5%左右","number":"5","value":5,"min":null,"max":null,"unit":"%","comparator":"approx","qkind":"percent","skip":false,"reason":null}
EOF
if cmp -s "$T/out" "$T/want"; then _ok "exact JSON for one sentence (--date 2025-03-05)"; else
    _notok "exact JSON for one sentence"
    diff "$T/out" "$T/want" | head -10
fi
expect_eq "nothing on stderr" "$(cat "$T/err")" ""
# the offsets are source offsets: the bytes [9,22) of the file are 超3万亿元
expect_eq "source bytes [9,22)" "$(tail -c +10 "$T/s.txt" | head -c 13)" "超3万亿元"

# --- without --date: relative times are unresolved ---
"$MUBIAO" numbers "$T/s.txt" >"$T/nodate"
expect_grep "今年 unresolved without --date" '"text":"今年","kind":"relative","year_from":null,"year_to":null' "$T/nodate"
expect_grep "resolved:false without --date" '"relative":true,"resolved":false' "$T/nodate"
expect_eq "quantities do not depend on the date" "$(grep -c '"type":"quantity"' "$T/nodate")" 2
"$MUBIAO" numbers --date 2016-03-05 "$T/s.txt" >"$T/d2016"
expect_grep "--date 2016: 去年 is 2015" '"text":"去年","kind":"relative","year_from":2015,"year_to":2015' "$T/d2016"

# --- the same sentence in GB18030: offsets count its bytes ---
iconv -f utf-8 -t gb18030 "$T/s.txt" >"$T/s.gb"
"$MUBIAO" numbers --date 2025-03-05 "$T/s.gb" >"$T/gb"
expect_grep "GB18030: 超3万亿元 at [7,16)" '"start":7,"end":16,"text":"超3万亿元"' "$T/gb"
expect_grep "GB18030: 5%左右 at [26,32)" '"start":26,"end":32,"text":"5%左右"' "$T/gb"
expect_eq "GB18030 bytes [7,16) decode to 超3万亿元" "$(tail -c +8 "$T/s.gb" | head -c 9 | iconv -f gb18030 -t utf-8)" \
    "超3万亿元"

# --- standard input ---
printf '到 2025 年离岸创新中心总数超过 25 个\n' | "$MUBIAO" numbers --date 2024-06-26 - >"$T/stdin"
expect_grep "stdin: deadline 到 2025 年" '"text":"到 2025 年","kind":"year","year_from":2025,"year_to":2025' "$T/stdin"
expect_grep "stdin: 超过 25 个" '"text":"超过 25 个","number":"25","value":25,"min":null,"max":null,"unit":"个","comparator":"gt"' "$T/stdin"

# --- skipped numbers are reported with their reason ---
printf '加快建设“1030”产业体系，着力做好三件事，国发〔2024〕5号。\n' >"$T/skip.txt"
"$MUBIAO" numbers "$T/skip.txt" >"$T/skip"
expect_eq "three skipped numbers" "$(grep -c '"skip":true' "$T/skip")" 3
expect_grep "“1030” is a name" '"text":"1030".*"reason":"name"' "$T/skip"
expect_grep "三件 is rhetorical" '"text":"三件".*"reason":"rhetorical"' "$T/skip"
expect_grep "〔2024〕5号 is a document number" '"text":"〔2024〕5号".*"reason":"docnum"' "$T/skip"
expect_eq "no time expression in 〔2024〕" "$(grep -c '"type":"time"' "$T/skip")" 0

# --- usage errors: exit 2; unreadable input: exit 1 ---
expect_status "bad --date (no such day) exits 2" 2 "$MUBIAO" numbers --date 2025-02-30 "$T/s.txt"
expect_grep "bad --date is named" "2025-02-30" "$T/out"
expect_status "bad --date (format) exits 2" 2 "$MUBIAO" numbers --date 2025-3-5 "$T/s.txt"
expect_status "no file exits 2 (on a terminal)" 2 script -qec "$MUBIAO numbers" /dev/null
expect_status "unknown option exits 2" 2 "$MUBIAO" numbers --frobnicate "$T/s.txt"
expect_status "missing file exits 1" 1 "$MUBIAO" numbers "$T/nonexistent.txt"
expect_grep "missing file is named" "nonexistent.txt" "$T/out"
expect_status "one missing file among good ones exits 1" 1 "$MUBIAO" numbers "$T/s.txt" "$T/nonexistent.txt"
expect_grep "the good file is still read" '"text":"超3万亿元"' "$T/out"
printf 'abc\000def' >"$T/bin"
expect_status "binary input exits 1" 1 "$MUBIAO" numbers "$T/bin"
expect_status "help exits 0" 0 "$MUBIAO" help numbers
expect_grep "help lists --date" "--date YYYY-MM-DD" "$T/out"

# --- the seed documents ---
"$MUBIAO" numbers --date 2024-06-26 "$TOP/corpus/000_f13218485f6e8987.txt" >"$T/c0"
expect_grep "seed: 近5年 is 2020-2024" '"text":"近5年","kind":"span","year_from":2020,"year_to":2024' "$T/c0"
expect_grep "seed: 1.79∶1 is a ratio" '"text":"1.79∶1","number":"1.79∶1","value":1.79,"min":null,"max":null,"unit":"ratio"' "$T/c0"
expect_grep "seed: 亿元以上 is 1e8 元 ge" '"text":"亿元以上".*"value":100000000,.*"unit":"元","comparator":"ge"' "$T/c0"
expect_grep "seed: 6月 26日 is a date" '"kind":"date","year_from":2024,"year_to":2024,"month_from":6,"month_to":6,"day":26' "$T/c0"
n0=$(wc -l <"$T/c0" | tr -d ' ')
if [ "$n0" -ge 60 ]; then _ok "seed 000: $n0 items"; else _notok "seed 000: only $n0 items"; fi
# every span's source bytes hold its text (the layout's line breaks aside)
bad=0
while IFS='	' read -r s e txt; do
    got=$(tail -c +$((s + 1)) "$TOP/corpus/000_f13218485f6e8987.txt" | head -c $((e - s)) | tr -d '\n')
    [ "$got" = "$txt" ] || { bad=$((bad + 1)); echo "  [$s,$e) '$got' != '$txt'"; }
done <<EOF
$(sed 's/.*"start":\([0-9]*\),"end":\([0-9]*\),"text":"\([^"]*\)".*/\1	\2	\3/' "$T/c0")
EOF
expect_eq "seed 000: every span's source bytes are its text" "$bad" 0
