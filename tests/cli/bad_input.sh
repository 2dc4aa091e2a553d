# tests/cli/bad_input.sh — the bad-input matrix, as data: every case of
# tests/data/bad_input.tsv (a command on a hostile or broken input) must
# exit with its status and print its message, which names the file (and
# the byte offset where there is one). The fixtures are made here.
. "$TOP/tests/cli/lib.sh"
W="$T/work"
mkdir -p "$W" "$T/outside" && cd "$W" || exit 1
W=$(pwd -P)
OUT=$(cd "$T/outside" && pwd -P)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# ---- fixtures ----
cp "$TOP/tests/data/store/plan-2023.txt" good.txt
: >empty.txt
printf 'abc\000def\n' >nul.txt
head -c 200000 /dev/zero >zeros.txt
"$PY" -c "
import sys
line = '到2025年新增企业100家。\n'.encode()
sys.stdout.buffer.write((line * 3000)[:96000] + b'\x00tail')" >late-nul.txt
truncate -s 2G big.txt && truncate -s 5G huge.txt || { skip "no sparse files"; exit 0; }
mkfifo fifo.txt
"$PY" -c "
import sys
t = '到2025年全市新增高新技术企业100家，城镇新增就业1.2万人。'.encode() * 3
sys.stdout.buffer.write(t + b'\xff' + '新增'.encode() + b'\n')
open('trunc-utf8.txt', 'wb').write(t + b'\xe4\xbc')" >bad-utf8.txt
printf '\265\2752025\304\352\n' >gbk.txt
printf 'not a dictionary at all, just text\n' >bad.dict
DICT=$(dirname "$MUBIAO")/mubiao.dict
head -c 1000 "$DICT" >trunc.dict
printf '新词 -5\n' >negfreq.txt
printf '新词 abc\n新词二 1.5 n\n' >fracfreq.txt
mkdir folder sub emptydir
printf '到2025年，新增企业100家。\n' >"$OUT/outside.txt"
ln -s "$OUT/outside.txt" link-out.txt
"$MUBIAO" extract good.txt >recs.jsonl 2>/dev/null
printf 'not json\n{"schema":1}\n' >badrecs.jsonl
# records naming paths they must not open: a secret, a FIFO, a device, a
# link out of the folder, a folder; and one good record
"$PY" -c "
import json, sys
r = json.loads(open('recs.jsonl').readline())
for p in ['/etc/passwd', 'fifo.txt', '/dev/zero', 'link-out.txt', 'folder', 'good.txt']:
    r['doc']['path'] = p
    print(json.dumps(r, ensure_ascii=False))" >evil.jsonl
(cd "$OUT" && "$MUBIAO" extract outside.txt) | sed "s|\"path\":\"outside.txt\"|\"path\":\"$OUT/outside.txt\"|" >sub/outrecs.jsonl
mkdir inbox
cp good.txt inbox/a.txt
cp "$TOP/tests/data/store/plan-2024.txt" inbox/b.txt
cp nul.txt inbox/nul.txt
ln -s "$OUT/outside.txt" inbox/link-out.txt
mkfifo inbox/pipe.txt
ln -s loop2.txt inbox/loop1.txt
ln -s loop1.txt inbox/loop2.txt
"$MUBIAO" ingest -q --db s.db good.txt 2>/dev/null
"$PY" -c "
import sys
d = 10000
sys.stdout.write('<html><body>' + '<div>' * d + '<p>深处：到2025年新增企业100家。</p>' + '</div>' * d +
                 '<p>其后：到2026年新增企业200家。</p></body></html>')" >deep.html
printf '<html><body><p>甲</p><!-- x\n<p>乙</p>' >open-comment.html
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset"></head><body><p>到2025年新增企业100家。</p></body></html>' >charset-end.html
DICTSIZE=$(wc -c <"$DICT" | tr -d ' ')

# ---- the matrix ----
tab=$(printf '\t')
lineno=0
while IFS="$tab" read -r want cmd err out; do
    lineno=$((lineno + 1))
    case "$want" in '' | \#*) continue ;; esac
    err=$(printf '%s' "$err" | sed "s|WORK|$W|g; s|OUTSIDE|$OUT|g; s|DICTSIZE|$DICTSIZE|g")
    out=$(printf '%s' "$out" | sed "s|WORK|$W|g; s|OUTSIDE|$OUT|g")
    cmd=$(printf '%s' "$cmd" | sed "s|WORK|$W|g; s|OUTSIDE|$OUT|g")
    case "$cmd" in
    env\ *) run=$(printf '%s' "$cmd" | sed 's| MUBIAO | "$MUBIAO" |') ;;
    *) run="\"\$MUBIAO\" $cmd" ;;
    esac
    (eval "timeout 60 $run") >stdout 2>stderr
    rc=$?
    grep -v '^mubiao [a-z]*: warning: without the dictionary' stderr >stderr2
    what="bad_input.tsv:$lineno: mubiao $(printf '%s' "$cmd" | sed "s|$W/||g; s|$OUT|OUTSIDE|g")"
    problems=""
    [ "$rc" = "$want" ] || problems="exit $rc, want $want;"
    if [ "$err" = "*" ]; then
        :
    elif [ "$err" = "-" ]; then
        [ -s stderr2 ] && problems="$problems stderr not empty: $(head -3 stderr2);"
    elif ! grep -q -x -F -- "$err" stderr2; then
        problems="$problems no line '$err' on stderr, got: $(head -3 stderr2);"
    fi
    if [ -n "$out" ] && ! grep -q -F -- "$out" stdout; then
        problems="$problems no '$out' on stdout, got: $(head -c 300 stdout);"
    fi
    if [ -z "$problems" ]; then _ok "$what"; else
        _notok "$what"
        echo "  $problems"
    fi
done <"$TOP/tests/data/bad_input.tsv"
expect_eq "the query with SQL metacharacters left the store whole" \
    "$("$MUBIAO" query --db s.db | wc -l | tr -d ' ')" "$(wc -l <recs.jsonl | tr -d ' ')"
rm -f big.txt huge.txt
