# tests/cli/position_browser.sh — a record's position on an HTML page is
# where a browser has the span: headless Chromium opens each test page of
# tests/data/position (UTF-8, GB18030, a UTF-16LE copy, no <body>, bare
# text, raw elements, entities) in a frame, and for every record the
# characters [start, end) of document.body.textContent, white space removed,
# are the span's text, white space removed. Positions count code points
# (W3C); JavaScript's substring counts UTF-16 units, the same on a page
# without characters beyond U+FFFF; on the pages with some, the code-point
# slice is checked and the substring is shown to differ. Needs Chromium
# (as report_browser.sh).
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

need_chromium "position browser test"

cd "$T" || exit 1
cp "$TOP"/tests/data/position/*.html .
{ printf '\377\376'; iconv -f utf-8 -t utf-16le "$TOP/tests/data/position/entities.html"; } >utf16.html
for f in *.html; do "$MUBIAO" extract "$f" 2>/dev/null; done >recs.jsonl
nrec=$(wc -l <recs.jsonl | tr -d ' ')
npage=$(ls ./*.html | wc -l | tr -d ' ')
# the checking page: one frame per test page, the records in its script
"$PY" - recs.jsonl >check.html <<'PYEOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
data = [{"page": r["doc"]["path"], "start": r["position"]["start"], "end": r["position"]["end"],
         "text": r["span"]["text"]} for r in recs]
js = """
var RECS = %s, pages = [], seen = {}, out = [], left;
RECS.forEach(function (r) { if (!seen[r.page]) { seen[r.page] = 1; pages.push(r.page); } });
left = pages.length;
function bare(s) { return s.replace(/\\s+/g, ''); }
pages.forEach(function (p) {
  var f = document.createElement('iframe');
  f.onload = function () {
    var t = null;
    try { t = f.contentDocument.body.textContent; } catch (e) {}
    RECS.forEach(function (r) {
      if (r.page !== p) return;
      if (t === null) { out.push('noaccess ' + p); return; }
      var cps = Array.from(t), astral = cps.length !== t.length;
      var got = cps.slice(r.start, r.end).join(''), sub = t.substring(r.start, r.end);
      var ok = bare(got) === bare(r.text) && (astral || sub === got);
      out.push((ok ? 'ok ' : 'bad ') + p + ' ' + r.start + '-' + r.end + (astral ? ' astral' : '') +
               (astral && bare(sub) !== bare(r.text) ? ' substring-differs' : '') +
               (ok ? '' : ' got ' + JSON.stringify(got) + ' want ' + JSON.stringify(r.text)));
    });
    if (--left === 0) {
      var pre = document.createElement('pre');
      pre.id = 'result';
      pre.textContent = out.join('\\n');
      document.body.appendChild(pre);
    }
  };
  f.src = p;
  document.body.appendChild(f);
});
""" % json.dumps(data, ensure_ascii=True).replace("<", "\\u003c")
print('<!DOCTYPE html><html><head><meta charset="utf-8"><title>position check</title></head><body><script>'
      + js + '</script></body></html>')
PYEOF
chrome --allow-file-access-from-files --dump-dom "file://$T/check.html" >dom.html
expect_eq "chromium ran (dump-dom)" "$?" 0
"$PY" - dom.html >result.txt <<'PYEOF'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="result">(.*?)</pre>', s, re.S)
print(html.unescape(m.group(1)) if m else "no result")
PYEOF
expect_eq "Chromium: every record of the $npage pages checked" "$(grep -c '^ok \|^bad ' result.txt)" "$nrec"
expect_eq "Chromium: document.body.textContent at [start, end) is the span's text, every record" \
    "$(grep -v '^ok ' result.txt | head -5)" ""
expect_eq "... records per page" "$(cut -d' ' -f2 result.txt | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')" \
    "bare.html:2 entities.html:5 gb18030.html:5 nobody.html:3 raw.html:2 utf16.html:5 "
expect_eq "... substring(start, end) itself on the pages without characters beyond U+FFFF" \
    "$(grep -v ' astral' result.txt | grep -c '^ok ')" 7
expect_eq "... after a character beyond U+FFFF JavaScript's substring (UTF-16 units) is off, the code points are right" \
    "$(grep -c ' substring-differs' result.txt)" 9

# the rows of tests/data/position/dom.tsv (test_dompos.c asserts them on
# mubiao's table): where each text stands in Chromium's body.textContent
mkdir rows
"$PY" - "$TOP/tests/data/position/dom.tsv" rows >rows/check.html <<'PYEOF'
import json, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    name, page, needle, want = line.split("\t")
    page = page.replace("\\\\", "\0").replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\0", "\\")
    f = "%s/row%d.html" % (sys.argv[2], len(rows))
    open(f, "wb").write(page.encode("utf-8"))
    rows.append({"file": "row%d.html" % len(rows), "name": name, "needle": needle, "want": want})
js = """
var ROWS = %s, out = [], left = ROWS.length;
ROWS.forEach(function (r) {
  var f = document.createElement('iframe');
  f.onload = function () {
    var b = f.contentDocument.body, got;
    if (!b || b.tagName === 'FRAMESET') got = '-';
    else {
      var t = b.textContent, i = t.indexOf(r.needle);
      got = i < 0 ? 'not found' : String(Array.from(t.slice(0, i)).length);
    }
    out.push((got === r.want ? 'ok ' : 'bad ') + r.name + (got === r.want ? '' : ': got ' + got + ', want ' + r.want));
    if (--left === 0) {
      var pre = document.createElement('pre');
      pre.id = 'result';
      pre.textContent = out.join('\\n');
      document.body.appendChild(pre);
    }
  };
  f.src = r.file;
  document.body.appendChild(f);
});
""" % json.dumps(rows, ensure_ascii=True).replace("<", "\\u003c")
print('<!DOCTYPE html><html><head><meta charset="utf-8"><title>dom.tsv</title></head><body><script>'
      + js + '</script></body></html>')
PYEOF
nrows=$(grep -c '^[^#]' "$TOP/tests/data/position/dom.tsv")
chrome --allow-file-access-from-files --dump-dom "file://$T/rows/check.html" >rows/dom.html
"$PY" - rows/dom.html >rows/result.txt <<'PYEOF'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="result">(.*?)</pre>', s, re.S)
print(html.unescape(m.group(1)) if m else "no result")
PYEOF
expect_eq "Chromium: the $nrows rows of dom.tsv, each text where test_dompos.c has it" \
    "$(grep -c '^ok ' rows/result.txt):$(grep -v '^ok ' rows/result.txt | head -5)" "$nrows:"
