# tests/cli/report.sh — mubiao report without a browser: one page, self-
# contained (no URL, no src/href, one inline script allowed by its hash in
# the Content-Security-Policy), every text escaped, one highlight and one
# row per record, -o, --kind, failing inputs. The browser test is
# tests/cli/report_browser.sh.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# a document that tries to inject markup, in a file whose name does too
evil="$T/evil&<x>\".txt"
printf '%s\n\n%s\n' '通报<script>alert(1)</script>' \
    '到2025年，全市高新技术企业超过3000家</script><img src=x onerror=alert(2)>，R&D投入增长10%。' >"$evil"
"$MUBIAO" extract "$TOP"/corpus/*.txt "$evil" >"$T/recs.jsonl"
nrec=$(wc -l <"$T/recs.jsonl" | tr -d ' ')
"$MUBIAO" report "$TOP"/corpus/*.txt "$evil" >"$T/report.html" 2>"$T/err"
expect_eq "report: exit 0, no stderr" "$?:$(cat "$T/err")" "0:"
h="$T/report.html"
expect_eq "one row per record" "$(grep -o '<tr id="row-[0-9]*"' "$h" | wc -l | tr -d ' ')" "$nrec"
expect_eq "one numbered highlight per record" "$(grep -o 'id="hl-[0-9]*"' "$h" | sort -u | wc -l | tr -d ' ')" "$nrec"
expect_eq "record N's row and highlight both there, N = 1..$nrec" "$("$PY" - "$h" "$nrec" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
n = int(sys.argv[2])
rows = set(map(int, re.findall(r'<tr id="row-(\d+)"', s)))
hls = set(map(int, re.findall(r'id="hl-(\d+)"', s)))
marks = set(int(x) for m in re.findall(r'<mark class="k-[tam]" data-r="([\d ]+)"', s) for x in m.split())
want = set(range(1, n + 1))
print("ok" if rows == hls == marks == want else "rows %s highlights %s marks %s" % (
    sorted(want ^ rows)[:5], sorted(want ^ hls)[:5], sorted(want ^ marks)[:5]))
EOF
)" ok

# self-contained
expect_eq "no http:// or https://" "$(grep -c 'https\?://' "$h")" 0
expect_eq "no src= or href= attribute" "$(grep -Eci '(src|href)=' "$h" | tr -d ' ')" \
    "$(grep -c 'onerror=alert' "$h")" # only the escaped text of the evil document
expect_eq "one script element" "$(grep -o '<script' "$h" | wc -l | tr -d ' ')" 1
expect_grep "CSP: nothing fetched" "Content-Security-Policy\" content=\"default-src 'none'" "$h"
expect_eq "CSP: the page's script is the one allowed (sha256)" "$("$PY" - "$h" <<'EOF'
import base64, hashlib, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
script = re.search(r"<script>(.*?)</script>", s, re.S).group(1)
allowed = re.search(r"script-src '(sha256-[^']+)'", s).group(1)
h = "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
print("ok" if h == allowed else "CSP allows %s, script is %s" % (allowed, h))
EOF
)" ok

# escaping
expect_grep "document text escaped" '通报&lt;script&gt;alert(1)&lt;/script&gt;' "$h"
expect_grep "text next to a span escaped" '&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;，R&amp;D' "$h"
expect_grep "file name escaped" 'evil&amp;&lt;x&gt;&quot;.txt' "$h"
expect_eq "no img element" "$(grep -c '<img' "$h")" 0

# options and failures
"$MUBIAO" report -o "$T/o.html" --title 'Audit <1>' "$TOP"/corpus/*.txt >"$T/out" 2>&1
expect_eq "-o FILE: exit 0, nothing on stdout" "$?:$(wc -c <"$T/out" | tr -d ' ')" "0:0"
expect_grep "--title escaped" '<title>Audit &lt;1&gt;</title>' "$T/o.html"
ntarget=$(grep -c '"kind":"target"' "$T/recs.jsonl")
"$MUBIAO" report --kind target "$TOP"/corpus/*.txt "$evil" >"$T/t.html"
expect_eq "--kind target: rows of targets only" \
    "$(grep -o '<tr id="row-[0-9]*" data-r="[0-9]*" data-kind="target"' "$T/t.html" | wc -l | tr -d ' '):$(grep -c 'data-kind="achievement"' "$T/t.html")" \
    "$ntarget:0"
"$MUBIAO" report "$T/nosuch.txt" "$TOP/corpus/002_5a266641c087b39d.txt" >"$T/p.html" 2>"$T/err"
expect_eq "a missing file: exit 1" "$?" 1
expect_grep "a missing file: named" "mubiao report: $T/nosuch.txt: No such file or directory" "$T/err"
expect_eq "a missing file: the page still holds the others" \
    "$(grep -c '<article class="doc"' "$T/p.html")" 1
expect_status "bad --kind: exit 2" 2 "$MUBIAO" report --kind x "$evil"
expect_status "no file: exit 2 (on a terminal)" 2 script -qec "$MUBIAO report" /dev/null

if have_shared && [ -d "$SHARED/data/gwr" ]; then
    "$MUBIAO" report "$SHARED"/data/gwr/*.txt >"$T/gwr.html"
    expect_eq "GWR: exit 0" "$?" 0
    expect_eq "GWR: one row per record of extract" "$(grep -o '<tr id="row-' "$T/gwr.html" | wc -l | tr -d ' ')" \
        "$("$MUBIAO" extract "$SHARED"/data/gwr/*.txt | wc -l | tr -d ' ')"
else
    skip "report on GWR: $SHARED/data/gwr not found"
fi

# --explain (issue 15): a "why" column, the wording of show --explain
(cd "$TOP/tests/data/show" && "$MUBIAO" report --explain --date 2025-03-05 plan.txt) >"$T/why.html"
(cd "$TOP/tests/data/show" && "$MUBIAO" show --explain --date 2025-03-05 plan.txt) >"$T/why.txt"
expect_eq "report --explain: one why cell a record, as show --explain words it" "$("$PY" - "$T/why.html" "$T/why.txt" <<'PYEOF'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
cells = [html.unescape(c) for c in re.findall(r'<td class="why wrap">(.*?)</td>', page)]
show = open(sys.argv[2], encoding="utf-8").read().splitlines()
want = []
for i, l in enumerate(show):
    if re.match(r"^  \d+ why$", l):
        parts = [show[i + k].strip().split(None, 1) for k in (1, 2, 3)]
        want.append("; ".join("%s: %s" % (f, w) for f, w in parts))
print(len(cells), cells == want and len(want) > 0)
PYEOF
)" "$(grep -c '^  [0-9]* why$' "$T/why.txt") True"
expect_grep "... under the header why" '<th>why (kind; year; change)</th>' "$T/why.html"
expect_eq "without --explain: no why column" "$(grep -c 'class="why' "$T/report.html")" "0"

# the targets and outcomes across the documents (as mubiao track), one chart
# a series with an outcome or two years (issue 12)
"$MUBIAO" report -o "$T/track.html" "$TOP"/tests/data/track/docs/*.txt
expect_eq "report: a section of targets and outcomes, a chart a series" \
    "$(grep -c '<section class="mbtrack" id="track">' "$T/track.html")/$(grep -o '<svg' "$T/track.html" | wc -l | tr -d ' ')" "1/5"
expect_grep "... the verdicts as mubiao track gives them" '<td class="v-missed">missed (-1)</td>' "$T/track.html"
"$MUBIAO" report -o "$T/corpus.html" "$TOP"/corpus/*.txt
expect_grep "report of the corpus: one-year targets without an outcome counted, not drawn" \
    'more targets of one year each, with no outcome yet' "$T/corpus.html"

# the verdict column (issue 15): a target's verdict as mubiao track gives it
# against the outcomes of the documents given; an achievement a target was
# judged against has that verdict; two invented work reports of one city
printf '%s\n' '2024年无锡市政府工作报告' '——2024年1月16日在无锡市第十七届人民代表大会第三次会议上' '各位代表：' \
    '今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业12万人以上。' \
    '到2027年，全市高新技术企业达到8000家。' >"$T/wx-2024.txt"
printf '%s\n' '2025年无锡市政府工作报告' '——2025年1月15日在无锡市第十七届人民代表大会第四次会议上' '各位代表：' \
    '过去一年，全市地区生产总值增长5.3%，城镇新增就业11.5万人。' >"$T/wx-2025.txt"
verdicts() {
    "$PY" - "$1" <<'PYEOF'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
cells = re.findall(r'<tr id="row-(\d+)" data-r="\d+" data-kind="(\w+)".*?<td class="span wrap">(.*?)</td>'
                   r'<td class="verdict[^"]*" data-v="([^"]*)"(?: title="([^"]*)")?>([^<]*)</td>', s)
print(" | ".join("%s %s %s %s" % (n, k, html.unescape(t), v or "-") for n, k, t, v, title, shown in cells))
PYEOF
}
"$MUBIAO" report -o "$T/v.html" "$T/wx-2024.txt" "$T/wx-2025.txt"
expect_eq "report: the verdict of each record (a target met, one missed, one pending; the outcomes with them)" \
    "$(verdicts "$T/v.html")" \
    "1 target 5%左右 met | 2 target 12万人以上 missed | 3 target 8000家 pending | 4 achievement 5.3% met | 5 achievement 11.5万人 missed"
expect_grep "... the pair in the cell's title: the target's outcome" \
    '<td class="verdict v-met" data-v="met" title="outcome 5.3% (wx-2025.txt, 2025-01-15)">met</td>' "$T/v.html"
expect_grep "... the outcome's target" \
    '<td class="verdict v-missed" data-v="missed" title="the outcome of the target 12万人以上 (wx-2024.txt, 2024-01-16)">missed</td>' "$T/v.html"
expect_grep "... the verdict filter, each verdict counted" \
    '<select id="verdict" aria-label="verdict"><option value="">all verdicts</option><option value="met">met (2)</option><option value="missed">missed (2)</option><option value="pending">pending (1)</option><option value="no-data">no-data (0)</option><option value="not-comparable">not-comparable (0)</option><option value="none">no verdict (0)</option></select>' "$T/v.html"
expect_grep "... its column header after span" '<th>span</th><th>verdict</th></tr>' "$T/v.html"
"$MUBIAO" report --kind target -o "$T/vt.html" "$T/wx-2024.txt" "$T/wx-2025.txt"
expect_eq "report --kind target: the targets only, still judged against the outcomes not shown" \
    "$(verdicts "$T/vt.html")" "1 target 5%左右 met | 2 target 12万人以上 missed | 3 target 8000家 pending"
"$MUBIAO" report -o "$T/v1.html" "$T/wx-2024.txt"
expect_eq "report of the first document alone: no later report, every target pending" \
    "$(verdicts "$T/v1.html")" "1 target 5%左右 pending | 2 target 12万人以上 pending | 3 target 8000家 pending"
printf '%s\n' '2025年无锡市政府工作报告' '——2025年1月15日在无锡市第十七届人民代表大会第四次会议上' \
    '过去一年，全市地区生产总值增长5.3%，城镇新增就业11.5万人。' '到2026年实现规上工业企业研发机构全覆盖。' >"$T/wx-goal.txt"
"$MUBIAO" report -o "$T/vn.html" "$T/wx-goal.txt"
expect_eq "no verdict: achievements no target was judged against, a target without a value" \
    "$(verdicts "$T/vn.html")" "1 achievement 5.3% - | 2 achievement 11.5万人 - | 3 target 到2026年实现规上工业企业研发机构 -"
expect_grep "... an empty cell" '<td class="verdict" data-v=""></td>' "$T/vn.html"
"$MUBIAO" report --explain -o "$T/vw.html" "$T/wx-2024.txt" "$T/wx-2025.txt"
expect_eq "report --explain: the verdict column before why" \
    "$(grep -c '<th>span</th><th>verdict</th><th>why (kind; year; change)</th>' "$T/vw.html"):$(grep -o 'missed</td><td class="why wrap">' "$T/vw.html" | wc -l | tr -d ' '):$(verdicts "$T/vw.html")" \
    "1:2:$(verdicts "$T/v.html")"
"$MUBIAO" report -o "$T/vr.html" "$TOP"/tests/data/track/docs/*.txt
expect_grep "a target restated in force by a later document of its year: its verdict is the one in force, named in the title" \
    '<td class="verdict v-missed" data-v="missed" title="outcome 5% (city-2026.txt, 2026-01-13); the target in force 6%左右 (city-2025-07.txt, 2025-07-10)">missed</td>' "$T/vr.html"
