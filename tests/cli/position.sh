# tests/cli/position.sh — a record's `position`: the span in characters of
# the decoded file (W3C TextPositionSelector: code points, a BOM not
# counted), exact for every record of the test documents written in UTF-8
# (with and without a BOM), GB18030, UTF-16LE and UTF-16BE (with a BOM),
# and Big5. On an HTML page: the span in characters of the page's DOM text,
# document.body.textContent (dompos.h), exact for every record of the pages
# of tests/data/position (Chromium checks the same records in
# position_browser.sh); null for a frameset page; audit --fix updates it.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cd "$T" || exit 1
k=0
for f in "$TOP"/tests/data/extract/*.txt "$TOP"/corpus/*.txt; do
    k=$((k + 1))
    cp "$f" "d$k.utf8.txt"
    { printf '\357\273\277'; cat "$f"; } >"d$k.bom.txt"
    iconv -f utf-8 -t gb18030 "$f" >"d$k.gb.txt"
    { printf '\377\376'; iconv -f utf-8 -t utf-16le "$f"; } >"d$k.u16le.txt"
    { printf '\376\377'; iconv -f utf-8 -t utf-16be "$f"; } >"d$k.u16be.txt"
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
# HTML pages: the characters of document.body.textContent before the span
# and to its end. raw.html, for one: after <body> a CR LF (1), <?php ?> (0),
# CR LF (1), <!--> (an empty comment) and the text " 短注释 -->" (8), CR LF
# (1), <div> (0), CR LF (1), <pre> and the line feed after it (0), then
# 2024年，全市粮食产量达到 (14): 60亿斤 starts at 26.
positions() {
    "$MUBIAO" extract "$1" 2>/dev/null | "$PY" -c "
import json, sys
print(' '.join('%s=%d-%d' % (r['span']['text'].replace(' ', ''), r['position']['start'], r['position']['end'])
               for r in map(json.loads, sys.stdin)))"
}
P="$TOP/tests/data/position"
expect_eq "position on a page: UTF-8, entities (&amp; &nbsp; &#x4E00; &#19968; &copy2024 &NotEqualTilde; &#128512;), nested tags, script and style in the body, a comment" \
    "$(positions "$P/entities.html")" "3200家=67-72 12.5%=77-82 突破5000家=191-198 3.5%=209-213 1.2万家以上=226-233"
{ printf '\377\376'; iconv -f utf-8 -t utf-16le "$P/entities.html"; } >u16.html
expect_eq "... the same page in UTF-16LE with a BOM: the same characters" \
    "$(positions u16.html)" "$(positions "$P/entities.html")"
expect_eq "position on a GB18030 page (CR LF lines, 4-byte characters, one beyond U+FFFF, a comment, &nbsp; &#12290;)" \
    "$(positions "$P/gb18030.html")" "5.8%=23-27 12.6万人=34-40 5.5%左右=67-73 3%左右=82-86 312.5亿元=103-110"
expect_eq "position on a page without <html>, <head> or <body>: the body starts at its first <div>" \
    "$(positions "$P/nobody.html")" "1.5万人=15-20 5.2%=32-36 800亿元=55-60"
expect_eq "position on a page of bare text: the body starts at its first character" \
    "$(positions "$P/bare.html")" "12亿斤=14-18 3.1%=23-27"
expect_eq "position on a page with raw text (noscript, textarea, xmp, script with <!-- <script>), template, CDATA, CR LF" \
    "$(positions "$P/raw.html")" "60亿斤=26-30 15万人以上=137-143"
printf '<html><head><meta charset="utf-8"></head><body><p>到2030年，全市高新技术企业超过3000家。</p></body></html>' >p.html
expect_eq "position on a small page" "$(positions p.html)" "超过3000家=15-22"
printf '<html><head><meta charset="utf-8"></head><frameset><frame src="a.html"></frameset><noframes><p>到2030年，全市高新技术企业超过3000家。</p></noframes></html>' >f.html
expect_eq "position: null on a frameset page (it has no body)" \
    "$("$MUBIAO" extract f.html | "$PY" -c "import json,sys; print([json.loads(l)['position'] for l in sys.stdin])")" \
    "[None]"

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

# audit --fix on a page: a paragraph inserted above the article moves the
# records' positions by its characters
cp "$P/entities.html" page.html
"$MUBIAO" extract page.html >page-before.jsonl 2>/dev/null
sed 's|<div class="content">|<p>新增的一段，没有数字。</p>\n<div class="content">|' "$P/entities.html" >page.html
"$MUBIAO" audit --fix page-before.jsonl >page-fixed.jsonl 2>/dev/null
expect_eq "audit --fix on a page: every record moved by the 12 characters added (a line feed too), as extract gives them now" \
    "$("$PY" - page-before.jsonl page-fixed.jsonl <<'PYEOF'
import json, sys
before = [json.loads(l)["position"] for l in open(sys.argv[1], encoding="utf-8")]
fixed = [json.loads(l)["position"] for l in open(sys.argv[2], encoding="utf-8")]
print(len(fixed), sorted(set(f["start"] - b["start"] for b, f in zip(before, fixed))),
      all(f["end"] - f["start"] == b["end"] - b["start"] for b, f in zip(before, fixed)))
PYEOF
):$(positions page.html)" "5 [12] True:3200家=79-84 12.5%=89-94 突破5000家=203-210 3.5%=221-225 1.2万家以上=238-245"
