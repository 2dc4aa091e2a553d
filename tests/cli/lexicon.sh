#!/bin/sh
# tests/cli/lexicon.sh — the lexicon (README "Lexicon"): the compiler's
# errors, data-driven from tests/data/lexicon/*.tsv (each file's first line
# says "# expect: LINE: message"; the error must be exactly
# "FILE:LINE: message"), the same errors for --user-lexicon, and a user
# lexicon that adds a cue word changing a record's kind.
. "$TOP/tests/cli/lib.sh"

for f in tests/data/lexicon/*.tsv; do
    want="$f:$(sed -n '1s/^# expect: //p' "$f")"
    "$MUBIAO" dict compile -o "$T/x.dict" --no-base --lexicon "$f" >"$T/out" 2>"$T/err"
    rc=$?
    expect_eq "dict compile $(basename "$f"): exit 1" "$rc" 1
    expect_eq "dict compile $(basename "$f"): the message" "$(cat "$T/err")" "mubiao dict: $want"
    printf '目标是增长5%%。\n' >"$T/a.txt"
    "$MUBIAO" extract --user-lexicon "$f" "$T/a.txt" >"$T/out" 2>"$T/err"
    rc=$?
    expect_eq "extract --user-lexicon $(basename "$f"): exit 1" "$rc" 1
    expect_eq "extract --user-lexicon $(basename "$f"): the message" "$(cat "$T/err")" "mubiao extract: $want"
done

# a word of a class in one lexicon file, then again in the next: the second
# file's line is named; the same word in another class is no duplicate
printf '确保\tcue_target\n' >"$T/dup1.tsv"
printf '确保\tmodal\n确保\tcue_target\n' >"$T/dup2.tsv"
"$MUBIAO" dict compile -o "$T/x.dict" --no-base --lexicon "$T/dup1.tsv" --lexicon "$T/dup2.tsv" >"$T/out" 2>"$T/err"
expect_eq "dict compile: a duplicate across two files: exit 1" "$?" 1
expect_eq "dict compile: a duplicate across two files: the message" "$(cat "$T/err")" \
    "mubiao dict: $T/dup2.tsv:2: duplicate: '确保' is already a word of class cue_target"

# a missing lexicon file
expect_status "dict compile --lexicon missing: exit 1" 1 "$MUBIAO" dict compile -o "$T/x.dict" --no-base \
    --lexicon "$T/none.tsv"
expect_grep "names the missing file" "none.tsv: cannot open" "$T/out"

# the compiled dictionary has the lexicon
"$MUBIAO" dict info "${MUBIAO%/mubiao}/mubiao.dict" >"$T/info" 2>&1
rows=$(sed -n 's/^lexicon rows: //p' "$T/info")
if [ "${rows:-0}" -gt 500 ]; then _ok "dict info: lexicon rows ($rows)"; else _notok "dict info: lexicon rows ($rows)"; fi

# a lexicon alone compiles, and its rows are counted
printf '# two rows\n力争\tcue_target\n%%\tunit\tunit=%%,cat=percent\n' >"$T/small.tsv"
expect_status "dict compile --no-base --lexicon" 0 "$MUBIAO" dict compile -o "$T/small.dict" --no-base \
    --lexicon "$T/small.tsv"
"$MUBIAO" dict info "$T/small.dict" >"$T/info" 2>&1
expect_grep "two lexicon rows" "^lexicon rows: 2$" "$T/info"

# --user-lexicon: a new target cue word changes a record's kind
printf '粮食产量奋力达到6.5亿吨。\n' >"$T/k.txt"
kind() { python3 -c 'import sys,json; print(" ".join(json.loads(l)["kind"] for l in sys.stdin))'; }
expect_eq "without the user lexicon: an achievement" \
    "$("$MUBIAO" extract --date 2024-03-05 "$T/k.txt" | kind)" "achievement"
expect_eq "with 奋力 as a cue_target: a target" \
    "$("$MUBIAO" extract --date 2024-03-05 --user-lexicon tests/data/lexicon/user-cue.txt "$T/k.txt" | kind)" \
    "target"
# a user row replaces the compiled row of the same word and class (flags)
printf '了\tcue_achievement\n' >"$T/le.tsv"
expect_status "a user row over a compiled one: ok" 0 "$MUBIAO" extract --user-lexicon "$T/le.tsv" "$T/k.txt"
# numbers takes --user-lexicon too: a new unit
printf '产量6.5亿筐。\n' >"$T/u.txt"
printf '筐\tunit\tunit=筐,cat=measure\n' >"$T/unit.tsv"
"$MUBIAO" numbers --user-lexicon "$T/unit.tsv" "$T/u.txt" >"$T/out" 2>&1
expect_grep "numbers --user-lexicon: the new unit is read" '"unit":"筐"' "$T/out"
# ... and a user row that replaces a compiled unit's canonical form: the
# unit found after the number is the replaced row's
printf '占比提高2个百分点。\n' >"$T/pp.txt"
printf '个百分点\tunit\tunit=pp,cat=ppoint\n' >"$T/pp.tsv"
"$MUBIAO" numbers --user-lexicon "$T/pp.tsv" "$T/pp.txt" >"$T/out" 2>&1
expect_grep "numbers --user-lexicon: a replaced unit's canonical form" '"text":"2个百分点",.*"unit":"pp","comparator":"eq","qkind":"ppoint"' "$T/out"
"$MUBIAO" numbers "$T/pp.txt" >"$T/out" 2>&1
expect_grep "numbers: the compiled unit's canonical form" '"text":"2个百分点",.*"unit":"个百分点"' "$T/out"
# comparator words before a number, longest first: a longer word refused
# (bare_only before a number with a unit) gives way to a shorter one ending
# at the same place
printf '增长超过5%%。\n' >"$T/cp.txt"
"$MUBIAO" numbers "$T/cp.txt" >"$T/out" 2>&1
expect_grep "numbers: 超过 before 5%" '"start":6,"end":14,"text":"超过5%",.*"comparator":"gt"' "$T/out"
printf '超过\tcmp_prefix\tcmp=gt,bare_only\n过\tcmp_prefix\tcmp=ge\n' >"$T/cp.tsv"
"$MUBIAO" numbers --user-lexicon "$T/cp.tsv" "$T/cp.txt" >"$T/out" 2>&1
expect_grep "numbers: 超过 refused, 过 taken" '"start":9,"end":14,"text":"过5%",.*"comparator":"ge"' "$T/out"

# dict lexicon prints the compiled rows in the file format: they compile back
# to the same rows
"$MUBIAO" dict lexicon "${MUBIAO%/mubiao}/mubiao.dict" >"$T/all.tsv" 2>&1
expect_status "dict lexicon output compiles" 0 "$MUBIAO" dict compile -o "$T/all.dict" --no-base --lexicon "$T/all.tsv"
"$MUBIAO" dict lexicon "$T/all.dict" >"$T/again.tsv" 2>&1
if cmp -s "$T/all.tsv" "$T/again.tsv"; then _ok "dict lexicon: a round trip"; else _notok "dict lexicon: a round trip"; fi
expect_eq "dict lexicon CLASS" "$("$MUBIAO" dict lexicon "$T/all.dict" plan | head -1)" "$(printf '十一五\tplan\tn=11')"

# a dictionary compiled without a lexicon: extract says so
printf '中国 10\n' >"$T/words.txt"
"$MUBIAO" dict compile -o "$T/nolex.dict" --no-base "$T/words.txt" >/dev/null 2>&1
expect_status "extract with a dictionary without lexicon: exit 1" 1 "$MUBIAO" extract --dict "$T/nolex.dict" "$T/k.txt"
expect_grep "says the dictionary has no lexicon" "has no lexicon" "$T/out"
