# tests/cli/html.sh — HTML pages through the CLI: paragraphs and records of
# a UTF-8 and a GBK press release, spans that are bytes of the HTML file
# (entities included), the page date, audit on HTML, and bad pages.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
H="$TOP/tests/data/html"

# field FILE EXPRS: Python expressions over each JSON line (o), printed
# space-separated, one output line per input line
field() { "$PY" -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    o = json.loads(l); print(*($2,))" "$1"; }

# ---- UTF-8 page ----
"$MUBIAO" extract "$H/press-utf8.html" >"$T/u.jsonl" 2>"$T/u.err"
expect_eq "extract press-utf8.html: exit 0, no stderr" "$?:$(cat "$T/u.err")" "0:"
expect_eq "utf-8 page: encoding and date from <meta name=PubDate>" \
    "$(field "$T/u.jsonl" "o['doc']['encoding'], o['doc']['date'], o['doc']['date_source']" | sort -u)" \
    "utf-8 2025-03-12 text"
expect_eq "utf-8 page: the record of 1.2&#x4E07;家以上" \
    "$(field "$T/u.jsonl" "o['kind'], o['indicator'], o['value'], o['unit'], o['comparator'], o['year'], o['span']['text']" | grep 12000)" \
    "target 科技型中小企业 12000 家 ge 2027 1.2万家以上"
# the span's bytes in the HTML file are the entity-escaped text
field "$T/u.jsonl" "o['span']['start'], o['span']['end']" |
    while read -r a b; do tail -c +$((a + 1)) "$H/press-utf8.html" | head -c $((b - a)); echo; done >"$T/spans"
expect_grep "utf-8 page: span bytes hold &#x4E07;" '^1\.2&#x4E07;家以上$' "$T/spans"
expect_grep "utf-8 page: span bytes of 超1000亿元" '^超1000亿元$' "$T/spans"
expect_grep "utf-8 page: a table cell's record" '^超过120家$' "$T/spans"
expect_eq "utf-8 page: nothing from scripts, navigation or footer" \
    "$(grep -c -e '不应出现' -e '首页' -e '版权所有' -e '广告' -e 'GDP增长5.2' "$T/u.jsonl")" "0"
expect_eq "utf-8 page: 10 records" "$(wc -l <"$T/u.jsonl" | tr -d ' ')" "10"

# ---- GBK page ----
"$MUBIAO" paragraphs "$H/press-gbk.html" >"$T/g.jsonl" 2>"$T/g.err"
expect_eq "paragraphs press-gbk.html: exit 0, no stderr" "$?:$(cat "$T/g.err")" "0:"
expect_eq "gbk page: 6 paragraphs" "$(wc -l <"$T/g.jsonl" | tr -d ' ')" "6"
expect_eq "gbk page: encoding" "$(field "$T/g.jsonl" "o['doc']['encoding']" | sort -u)" "gb18030"
expect_eq "gbk page: paragraph 3 offsets and line" \
    "$(field "$T/g.jsonl" "o['index'], o['start'], o['end'], o['line']" | sed -n 4p)" "3 1178 1260 22"
# every paragraph's GBK bytes, decoded, give its text (tags aside; this page
# has none inside its paragraphs, &nbsp; is the only reference)
bad=$(field "$T/g.jsonl" "o['start'], o['end'], o['text']" | "$PY" -c "
import sys
src = open('$H/press-gbk.html', 'rb').read()
bad = 0
for l in sys.stdin:
    a, b, t = l.rstrip('\\n').split(' ', 2)
    a, b = int(a), int(b)
    s = src[a:b].decode('gbk').replace('&nbsp;', ' ')
    s = ' '.join(s.split())
    if s != t:
        bad += 1; print('  ', repr(s), repr(t), file=sys.stderr)
print(bad)")
expect_eq "gbk page: source bytes of each paragraph decode to its text" "$bad" "0"
"$MUBIAO" extract "$H/press-gbk.html" >"$T/g2.jsonl"
expect_eq "gbk page: date from the dateline 发布日期" "$(field "$T/g2.jsonl" "o['doc']['date']" | sort -u)" "2024-07-18"
expect_eq "gbk page: the 6%左右 target" \
    "$(field "$T/g2.jsonl" "o['kind'], o['value'], o['unit'], o['comparator'], o['change']" | grep " approx ")" \
    "target 6 % approx increase"

# ---- audit re-reads HTML spans (when the audit command is built) ----
if "$MUBIAO" help audit >/dev/null 2>&1; then
    "$MUBIAO" audit --root "$TOP" "$T/u.jsonl" "$T/g2.jsonl" >"$T/audit.out" 2>"$T/audit.err"
    expect_eq "audit of HTML records: exit 0" "$?" "0"
    expect_eq "audit of HTML records: every record ok" \
        "$(grep -c '"status":"ok"' "$T/audit.out")" "$(cat "$T/u.jsonl" "$T/g2.jsonl" | wc -l | tr -d ' ')"
else
    skip "audit: command not built"
fi

# ---- content sniffing: an HTML page saved as .txt ----
cp "$H/press-utf8.html" "$T/page.txt"
"$MUBIAO" extract "$T/page.txt" >"$T/p.jsonl"
expect_eq "a page named .txt is read as HTML (same records)" \
    "$(field "$T/p.jsonl" "o['span']['start'], o['value']")" "$(field "$T/u.jsonl" "o['span']['start'], o['value']")"

# ---- deep pages: nothing lost at any depth (libxml2's huge option), in linear time ----
for d in 300 10000 100000; do
    "$PY" -c "
import sys
d = int(sys.argv[1])
sys.stdout.write('<html><body>' + '<div>' * d + '<p>深处：到2025年新增企业100家。</p>' + '</div>' * d +
                 '<p>其后：到2026年新增企业200家。</p></body></html>')" $d >"$T/deep.html"
    "$MUBIAO" paragraphs "$T/deep.html" >"$T/deep.out" 2>"$T/deep.err"
    expect_eq "nested $d deep: exit 0, no warning, the deep text and the text after it" \
        "$?:$(cat "$T/deep.err"):$(field "$T/deep.out" "o['text']" | tr '\n' '|')" \
        "0::深处：到2025年新增企业100家。|其后：到2026年新增企业200家。|"
done
# an element left open 300 deep with text after it: still there
"$PY" -c "
import sys
sys.stdout.write('<html><body>' + '<span>' * 300 + '<p>甲：增长5%。</p><p>乙：增长6%。</p></body></html>')" >"$T/open.html"
"$MUBIAO" paragraphs "$T/open.html" >"$T/open.out" 2>"$T/open.err"
expect_eq "300 open <span>: both paragraphs" "$?:$(field "$T/open.out" "o['text']" | tr '\n' '|')" "0:甲：增长5%。|乙：增长6%。|"

# ---- bad pages ----
printf '<html><body><p>到2025年<b>增长<i>5%%</p></div></span><!-- x\n<p>y' >"$T/broken.html"
"$MUBIAO" paragraphs "$T/broken.html" >"$T/b.out" 2>"$T/b.err"
expect_eq "broken markup: exit 0, a warning: the comment left open swallows the rest (file, byte)" "$?:$(cat "$T/b.err")" \
    "0:mubiao paragraphs: warning: $T/broken.html: byte 67: the HTML parser repaired the markup here (Comment not terminated); text may be lost"
expect_grep "broken markup: the text before the open comment" '"text":"到2025年增长5%"' "$T/b.out"
printf '<html><body><p>abc\000def</p>' >"$T/nul.html"
expect_status "a page with a NUL byte: exit 1" 1 "$MUBIAO" paragraphs "$T/nul.html"
expect_grep "... naming the file and the byte" "nul.html: byte 18: NUL byte" "$T/out"
printf '<meta charset="gb2312"><p>\265\275\377</p>' >"$T/badgbk.html"
expect_status "undecodable bytes: exit 1" 1 "$MUBIAO" paragraphs "$T/badgbk.html"
expect_grep "... with the offset" "badgbk.html: byte 28: invalid gb18030 sequence (0xFF)" "$T/out"
