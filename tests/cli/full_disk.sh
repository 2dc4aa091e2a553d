# tests/cli/full_disk.sh — every command that writes to standard output,
# run with standard output on /dev/full (a full disk): each must say
# "mubiao CMD: cannot write output: No space left on device" and exit
# non-zero, whether the failure comes at the first write, in the middle
# (an output larger than the stdio buffer) or at the final flush.
. "$TOP/tests/cli/lib.sh"
[ -w /dev/full ] || { skip "no /dev/full"; exit 0; }
cd "$T" || exit 1
DICT=$(dirname "$MUBIAO")/mubiao.dict
BIG="$TOP/corpus/002_5a266641c087b39d.txt"
SMALL="$TOP/tests/data/store/plan-2023.txt"
"$MUBIAO" extract "$BIG" >big.jsonl 2>/dev/null
export MUBIAO_DB="$T/m.db"
"$MUBIAO" ingest -q "$BIG" "$SMALL" >/dev/null 2>&1

# exit status, message prefix (empty: "mubiao"), arguments
while IFS='|' read -r want cmd args; do
    [ -z "$want" ] && continue
    case "$want" in \#*) continue ;; esac
    # shellcheck disable=SC2086 # the arguments are words of the table
    eval "set -- $args"
    "$MUBIAO" "$@" >/dev/full 2>err
    rc=$?
    msg="mubiao${cmd:+ $cmd}: cannot write output: No space left on device"
    got=$(grep -c -x -F "$msg" err)
    what=$(printf '%s' "$args" | sed "s|$TOP/||g; s|\"||g")
    expect_eq "$what > /dev/full: exit $want, one message" "$rc:$got" "$want:1"
done <<TABLE
1||--version
1||--help
1||help extract
1|extract|extract --help
1|extract|extract "$SMALL"
1|extract|extract "$BIG"
1|extract|extract --format json --pretty "$BIG" "$SMALL"
1|paragraphs|paragraphs "$BIG"
1|segment|segment "$BIG"
1|segment|segment --json "$SMALL"
1|numbers|numbers "$BIG"
1|show|show "$BIG"
1|report|report "$SMALL"
1|audit|audit --allow-any-path big.jsonl
1|audit|audit --fix --root "$TOP" big.jsonl
1|dict|dict info "$DICT"
1|dict|dict lookup "$DICT" 目标 任务
1|dict|dict lexicon "$DICT"
1|ingest|ingest -v "$SMALL"
1|query|query
1|query|query --format csv
1|query|query --format table
1|history|history 企业
1|history|history --format csv 企业
TABLE

# report -o FILE names the file
"$MUBIAO" report -o /dev/full "$SMALL" 2>err
expect_eq "report -o /dev/full: exit 1, the file named" "$?:$(grep -v warning err)" \
    "1:mubiao report: /dev/full: cannot write output: No space left on device"
# a failed write stops the command: extract of many files stops early
"$MUBIAO" extract "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" "$BIG" >/dev/full 2>err
expect_eq "extract: stops at the first failed write (one message, exit 1)" "$?:$(wc -l <err | tr -d ' ')" "1:1"
# the store is not harmed by a failed summary: the document is stored
"$MUBIAO" ingest -v "$TOP/tests/data/store/plan-2024.txt" >/dev/full 2>/dev/null
expect_eq "ingest > /dev/full: the document is still stored (committed before the summary)" \
    "$("$MUBIAO" query --doc "$TOP/tests/data/store/plan-2024.txt" | wc -l | tr -d ' ')" \
    "$("$MUBIAO" extract "$TOP/tests/data/store/plan-2024.txt" | wc -l | tr -d ' ')"
# and a closed standard output is an error too
"$MUBIAO" extract "$SMALL" >&- 2>err
expect_eq "extract with standard output closed: exit 1" "$?:$(sed 's/: [^:]*$//' err)" "1:mubiao extract: cannot write output"
