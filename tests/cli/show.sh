# tests/cli/show.sh — mubiao show: exact plain output of a small document
# (tests/data/show/*.expect), --kind, colours only when asked, every line
# within 80 columns, marker numbers = extract's record order, errors.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$TOP/tests/data/show"

(cd "$D" && "$MUBIAO" show --date 2025-03-05 plan.txt) >"$T/out" 2>"$T/err"
expect_eq "plan.txt: exit 0, no stderr" "$?:$(cat "$T/err")" "0:"
if cmp -s "$T/out" "$D/plan.expect"; then _ok "plan.txt: plain output exactly as plan.expect"; else
    _notok "plan.txt: plain output exactly as plan.expect"
    diff "$D/plan.expect" "$T/out" | head -20
fi
(cd "$D" && "$MUBIAO" show --date 2025-03-05 --kind target --only-records plan.txt) >"$T/out" 2>&1
if cmp -s "$T/out" "$D/plan-target.expect"; then _ok "--kind target --only-records: as plan-target.expect"; else
    _notok "--kind target --only-records: as plan-target.expect"
    diff "$D/plan-target.expect" "$T/out" | head -20
fi

# colours: never when output is not a terminal (auto), always when asked
esc=$(printf '\033')
"$MUBIAO" show --date 2025-03-05 "$D/plan.txt" >"$T/out"
expect_eq "auto colour, not a terminal: no escapes" "$(grep -c "$esc" "$T/out")" 0
"$MUBIAO" show --color --date 2025-03-05 "$D/plan.txt" >"$T/out"
expect_grep "--color: a target span in reverse green after its number" "${esc}\[1;33m\[1\]${esc}\[0m${esc}\[7;32m5.5%左右${esc}\[0m" "$T/out"
expect_eq "--color: no ⟦ markers" "$(grep -c '⟦' "$T/out")" 0
"$MUBIAO" show --color=never --date 2025-03-05 "$D/plan.txt" >"$T/out"
expect_eq "--color=never: no escapes" "$(grep -c "$esc" "$T/out")" 0

# widths: no line over 80 columns (East Asian wide = 2), none with trailing spaces
width_check() {
    "$PY" -c '
import sys, unicodedata
bad = [l for l in sys.stdin.read().split("\n")
       if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l) > int(sys.argv[1]) or l != l.rstrip()]
print(len(bad), bad[:1])' "$1"
}
"$MUBIAO" show "$TOP"/corpus/*.txt >"$T/out"
expect_eq "corpus: exit 0" "$?" 0
expect_eq "corpus: every line within 80 columns, no trailing spaces" "$(width_check 80 <"$T/out")" "0 []"
"$MUBIAO" show --width 50 "$TOP"/corpus/000_f13218485f6e8987.txt | sed 1,3d | width_check 50 >"$T/w"
expect_eq "--width 50: every line after the header within 50 columns" "$(cat "$T/w")" "0 []"

# the number N in ⟦N:…⟧ is the Nth record of mubiao extract
f="$TOP/corpus/002_5a266641c087b39d.txt"
"$MUBIAO" extract "$f" >"$T/recs.jsonl"
"$MUBIAO" show "$f" >"$T/out"
expect_eq "markers: record N's span.text inside ⟦N:…⟧" "$("$PY" - "$T/recs.jsonl" "$T/out" <<'EOF'
import json, re, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = "".join(l for l in open(sys.argv[2], encoding="utf-8").read().split("\n")
               if not l.startswith("  ") and not l.startswith("["))
text = "".join(text.split())
marked = {int(n): s for n, s in re.findall(r"⟦(\d+):([^⟦⟧]*)⟧", text)}
bad = [i + 1 for i, r in enumerate(recs) if marked.get(i + 1) != "".join(r["span"]["text"].split())]
print(len(recs), "records,", len(marked), "marked, wrong:", bad)
EOF
)" "$(wc -l <"$T/recs.jsonl" | tr -d ' ') records, $(wc -l <"$T/recs.jsonl" | tr -d ' ') marked, wrong: []"

# errors
expect_status "missing file: exit 1" 1 "$MUBIAO" show "$T/nosuch.txt"
expect_grep "missing file: named" "mubiao show: $T/nosuch.txt: No such file or directory" "$T/out"
expect_status "bad --kind: exit 2" 2 "$MUBIAO" show --kind goal "$D/plan.txt"
expect_status "bad --width: exit 2" 2 "$MUBIAO" show --width 20 "$D/plan.txt"
expect_status "bad --color: exit 2" 2 "$MUBIAO" show --color=sometimes "$D/plan.txt"
expect_status "no file: exit 2 (on a terminal)" 2 script -qec "$MUBIAO show" /dev/null

if have_shared && [ -d "$SHARED/data/gwr" ]; then
    "$MUBIAO" show "$SHARED"/data/gwr/*.txt >"$T/out"
    expect_eq "GWR: exit 0" "$?" 0
    expect_eq "GWR: every line within 80 columns, no trailing spaces" "$(width_check 80 <"$T/out")" "0 []"
else
    skip "show on GWR: $SHARED/data/gwr not found"
fi
