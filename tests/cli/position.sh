# tests/cli/position.sh — a record's `position`: the span in characters of
# the decoded file (W3C TextPositionSelector: code points, a BOM not
# counted), exact for every record of the test documents written in UTF-8
# (with and without a BOM), GB18030, UTF-16LE and UTF-16BE (with a BOM),
# and Big5; null for an HTML page.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cd "$T" || exit 1
n=0
for f in "$TOP"/tests/data/extract/*.txt "$TOP"/corpus/*.txt; do
    n=$((n + 1))
    cp "$f" "d$n.utf8.txt"
    { printf '\357\273\277'; cat "$f"; } >"d$n.bom.txt"
    iconv -f utf-8 -t gb18030 "$f" >"d$n.gb.txt"
    { printf '\377\376'; iconv -f utf-8 -t utf-16le "$f"; } >"d$n.u16le.txt"
    { printf '\376\377'; iconv -f utf-8 -t utf-16be "$f"; } >"d$n.u16be.txt"
done
printf '今年全省地區生產總值增長百分之五，糧食產量達到六百億斤。\n' | iconv -f utf-8 -t big5 >tw.big5.txt
for g in d*.txt tw.big5.txt; do "$MUBIAO" extract "$g"; done >all.jsonl
expect_eq "position: every record's start and end are the characters before its span's bytes, in five encodings" \
    "$("$PY" - all.jsonl <<'PYEOF'
import json, sys, unicodedata
codecs = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be", "big5": "big5"}
bad, n, encs = [], 0, set()
def canon(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    raw = open(r["doc"]["path"], "rb").read()
    enc = r["doc"]["encoding"]
    encs.add(enc)
    bom = 3 if raw[:3] == b"\xef\xbb\xbf" else 2 if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and enc.startswith("utf-16") else 0
    before = raw[bom:r["span"]["start"]].decode(codecs[enc])
    span = raw[r["span"]["start"]:r["span"]["end"]].decode(codecs[enc])
    p = r["position"]
    text = raw[bom:].decode(codecs[enc])
    if p["start"] != len(before) or p["end"] != len(before) + len(span) or canon(text[p["start"]:p["end"]]) != canon(r["span"]["text"]):
        bad.append((r["doc"]["path"], r["span"], p))
    n += 1
print(n > 300, sorted(encs), bad[:3])
PYEOF
)" "True ['big5', 'gb18030', 'utf-16be', 'utf-16le', 'utf-8'] []"
printf '<html><head><meta charset="utf-8"></head><body><p>到2030年，全市高新技术企业超过3000家。</p></body></html>' >p.html
expect_eq "position: null for an HTML page" "$("$MUBIAO" extract p.html | "$PY" -c "import json,sys; print([json.loads(l)['position'] for l in sys.stdin])")" "[None]"

# audit --fix: a record of a file that moved gets its new position
cp "$TOP/tests/data/extract/release.txt" moved.txt
"$MUBIAO" extract moved.txt >before.jsonl
{ printf '新增的第一行，没有数字。\n'; cat "$TOP/tests/data/extract/release.txt"; } >moved.txt
"$MUBIAO" audit --fix --allow-any-path before.jsonl >fixed.jsonl 2>/dev/null
"$MUBIAO" extract moved.txt >after.jsonl
expect_eq "audit --fix: the moved records' positions are the new file's" "$("$PY" - fixed.jsonl after.jsonl <<'PYEOF'
import json, sys
fixed = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
after = {(json.loads(l)["span"]["start"]): json.loads(l)["position"] for l in open(sys.argv[2], encoding="utf-8")}
print(len(fixed) > 5 and all(r["position"] == after.get(r["span"]["start"]) for r in fixed),
      fixed[0]["position"]["start"] > 0)
PYEOF
)" "True True"
