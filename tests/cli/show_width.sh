# tests/cli/show_width.sh — show wraps to $COLUMNS, else the terminal's
# width, else 80, and pages through $PAGER only with --pager on a terminal.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
F="$TOP/tests/data/show/plan.txt"
# widest: the display width of the widest line (East Asian wide = 2)
widest() { "$PY" -c "
import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l.rstrip('\r\n')) for l in sys.stdin))"; }
w80=$("$MUBIAO" show --color=never "$F" | widest)
expect_eq "no terminal, no COLUMNS: 80 columns" "$([ "$w80" -le 80 ] && [ "$w80" -gt 60 ] && echo yes)" "yes"
(cd "$TOP/tests/data/show" && "$MUBIAO" show --date 2025-03-05 --color=never plan.txt) >"$T/default"
expect_eq "... exactly plan.expect (made at --width 80)" "$(cmp "$T/default" "$TOP/tests/data/show/plan.expect" && echo same)" "same"
expect_eq "COLUMNS=60: at most 60" "$([ "$(COLUMNS=60 "$MUBIAO" show --color=never "$F" | widest)" -le 60 ] && echo yes)" "yes"
COLUMNS=60 "$MUBIAO" show --color=never "$F" >"$T/c60"
"$MUBIAO" show --color=never --width 60 "$F" >"$T/w60"
expect_eq "COLUMNS=60: as --width 60" "$(cmp "$T/c60" "$T/w60" 2>&1 && echo same)" "same"
w=$(script -qec "stty cols 120; env -u COLUMNS $MUBIAO show --color=never $F" /dev/null | widest)
expect_eq "on a terminal 120 wide: wider than 80, at most 120" "$([ "$w" -le 120 ] && [ "$w" -gt 80 ] && echo yes)" "yes"
script -qec "stty cols 100; env -u COLUMNS PAGER='cat >$T/paged' $MUBIAO show --pager --color=never $F" /dev/null >/dev/null
"$MUBIAO" show --color=never --width 100 "$F" >"$T/want"
expect_eq "--pager on a terminal: the output goes through \$PAGER" "$(cmp "$T/paged" "$T/want" 2>&1 && echo same)" "same"
script -qec "env -u COLUMNS PAGER='cat >$T/nopage' $MUBIAO show --color=never $F" /dev/null >/dev/null
expect_eq "without --pager: no pager" "$([ -e "$T/nopage" ] && echo paged || echo none)" "none"
(cd "$TOP/tests/data/show" && PAGER="cat >$T/notty" "$MUBIAO" show --pager --date 2025-03-05 --color=never plan.txt) >"$T/piped"
expect_eq "--pager with output not a terminal: no pager" "$(cmp "$T/piped" "$TOP/tests/data/show/plan.expect" && echo same)" "same"
