# tests/cli/report_browser.sh — the HTML report in a real browser: headless
# Chromium loads the page, its script runs (allowed by the page's CSP) and,
# opened with #selftest, clicks every row and every highlight and checks
# scrolling, selection, flashing, sorting and filtering; the DOM it dumps
# must hold one row and one highlight per record and no injected element.
# A screenshot goes to BUILD/test-output/report.png for a person to look at.
# Needs the Debian package chromium (make check installs it when root;
# sh scripts/install-deps.sh --browser). Without it the test skips, except
# in CI (CI set), where it fails.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

need_chromium "browser test"

evil="$T/evil&<x>.txt"
printf '%s\n\n%s\n' '通报<script>alert(1)</script>' \
    '到2025年，全市高新技术企业超过3000家</script><img src=x onerror=alert(2)>，R&D投入增长10%。' >"$evil"
"$MUBIAO" extract "$TOP"/corpus/*.txt "$evil" >"$T/recs.jsonl"
nrec=$(wc -l <"$T/recs.jsonl" | tr -d ' ')
"$MUBIAO" report --title "mubiao report: corpus/ and an injection test" "$TOP"/corpus/*.txt "$evil" >"$OUT/report.html"
expect_eq "report written" "$?" 0
url="file://$OUT/report.html"

chrome --dump-dom "$url#selftest" >"$T/dom.html"
expect_eq "chromium ran (dump-dom)" "$?" 0
line=$(grep -o 'selftest [A-Z]* records=[^<]*' "$T/dom.html" | head -1)
expect_eq "the page's self-test in Chromium: every row and highlight clicked, sorting, filtering" "$line" \
    "selftest PASS records=$nrec labels=$nrec marks=$nrec row-clicks=$nrec mark-clicks=$nrec sort=ok filter=ok year=ok indicator=ok url=ok export=ok verdict=ok scripts=1"
[ -n "$line" ] || head -c 2000 "$T/chrome.err"
grep -A20 'selftest FAIL' "$T/dom.html" | head -20

# the DOM as Chromium built it
expect_eq "DOM: a row and a highlight for every record" "$("$PY" - "$T/dom.html" "$nrec" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
n = int(sys.argv[2])
rows = set(map(int, re.findall(r'<tr id="row-(\d+)"', s)))
hls = set(map(int, re.findall(r'<sup class="lbl[^"]*" id="hl-(\d+)"', s)))
want = set(range(1, n + 1))
print("ok" if rows == want and hls == want else "missing rows %s, highlights %s" % (
    sorted(want - rows)[:5], sorted(want - hls)[:5]))
EOF
)" ok
expect_eq "DOM: the injected markup is text, not elements" \
    "$(grep -c '<img' "$T/dom.html"):$(grep -o '<script' "$T/dom.html" | wc -l | tr -d ' ')" "0:1"
expect_grep "DOM: the document's <script> shows as text" '通报&lt;script&gt;alert(1)&lt;/script&gt;' "$T/dom.html"

# opening the page at a record selects it
chrome --dump-dom "$url#r3" >"$T/dom3.html"
expect_grep "#r3 selects record 3's row" '<tr id="row-3" data-r="3" [^>]*class="[^"]*sel' "$T/dom3.html"
expect_grep "#r3 selects record 3's highlight" 'id="hl-3" data-r="3"' "$T/dom3.html"

# --explain: the same self-test with the why column (exported too)
"$MUBIAO" report --explain "$TOP"/corpus/*.txt >"$T/why.html"
nwhy=$("$MUBIAO" extract "$TOP"/corpus/*.txt | wc -l | tr -d ' ')
chrome --dump-dom "file://$T/why.html#selftest" >"$T/domwhy.html"
expect_eq "report --explain: the self-test passes" "$(grep -o 'selftest [A-Z]* records=[0-9]*' "$T/domwhy.html" | head -1)" \
    "selftest PASS records=$nwhy"

# filters in the URL (issue 15): the page opened with them applies them
y=$("$PY" -c "
import collections, json, sys
c = collections.Counter(json.loads(l)['year'] for l in open(sys.argv[1], encoding='utf-8') if json.loads(l)['kind'] == 'target')
c.pop(None, None)
print(c.most_common(1)[0][0])" "$T/recs.jsonl")
want=$("$PY" -c "
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
print(sum(r['kind'] == 'target' and r['year'] == int(sys.argv[2]) for r in rs), len(rs))" "$T/recs.jsonl" "$y")
chrome --dump-dom "$url#kind=target&year=$y&r=2" >"$T/domf.html"
expect_eq "#kind=target&year=$y: the count of the rows shown" \
    "$(grep -o '<span id="count">[^<]*' "$T/domf.html" | sed 's/.*>//')" "$(echo "$want" | sed 's/ / of /') records shown"
expect_eq "... the other rows hidden" "$(grep -c '<tr id="row-[0-9]*" [^>]* hidden' "$T/domf.html")" \
    "$(($(echo "$want" | cut -d' ' -f2) - $(echo "$want" | cut -d' ' -f1)))"
expect_grep "... record 2 selected (r=2)" '<tr id="row-2" data-r="2" [^>]*class="[^"]*sel' "$T/domf.html"
expect_eq "the page has the year, indicator and verdict filters and the export buttons" \
    "$(grep -o -e '<select id="year"' -e '<input id="ind"' -e '<select id="verdict"' -e '<button id="export-csv"' \
        -e '<button id="export-json"' "$OUT/report.html" | wc -l | tr -d ' ')" "5"

# the verdict filter (issue 15): the targets and outcomes of tests/data/track/docs
"$MUBIAO" report -o "$T/verdict.html" "$TOP"/tests/data/track/docs/*.txt
chrome --dump-dom "file://$T/verdict.html#selftest" >"$T/domv.html"
expect_eq "the self-test on the page of the track documents (every verdict filtered)" \
    "$(grep -o 'selftest [A-Z]* records=[^<]*' "$T/domv.html" | head -1)" \
    "selftest PASS records=17 labels=17 marks=17 row-clicks=17 mark-clicks=17 sort=ok filter=ok year=ok indicator=ok url=ok export=ok verdict=ok scripts=1"
shown() { # the rows not hidden, and the count line, of a dumped page
    echo "$(grep -o '<tr id="row-[0-9]*" [^>]*>' "$1" | grep -v ' hidden' | grep -o 'row-[0-9]*' | tr '\n' ' ')$(grep -o '<span id="count">[^<]*' "$1" | sed 's/.*>//')"
}
chrome --dump-dom "file://$T/verdict.html#kind=target&verdict=missed" >"$T/domv2.html"
expect_eq "#kind=target&verdict=missed: the targets missed, the rest hidden" "$(shown "$T/domv2.html")" \
    "row-4 row-5 row-11 3 of 17 records shown"
chrome --dump-dom "file://$T/verdict.html#verdict=met&r=7" >"$T/domv3.html"
expect_eq "#verdict=met: the targets met and the outcomes they were met with" "$(shown "$T/domv3.html")" \
    "row-1 row-2 row-3 row-6 row-7 row-8 row-10 row-12 row-14 row-17 10 of 17 records shown"
expect_grep "... record 7 selected (r=7)" '<tr id="row-7" data-r="7" [^>]*class="[^"]*sel' "$T/domv3.html"
chrome --dump-dom "$url#verdict=none" >"$T/domv4.html"
expect_eq "#verdict=none on the corpus page: the records without a verdict" \
    "$(grep -o '<span id="count">[^<]*' "$T/domv4.html" | sed 's/.*>//')" \
    "$(grep -c '<td class="verdict" data-v=""></td>' "$OUT/report.html") of $nrec records shown"

# a screenshot for a person: the page opened at record 6
rm -f "$OUT/report.png"
chrome --hide-scrollbars --window-size=1280,900 --screenshot="$OUT/report.png" "$url#r6" >/dev/null
expect_eq "screenshot is a PNG" "$(head -c 8 "$OUT/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" \
    "89504e470d0a1a0a"
expect_eq "screenshot is not blank (over 20 kB)" "$([ "$(wc -c <"$OUT/report.png")" -gt 20000 ] && echo yes)" yes
echo "# screenshot: $OUT/report.png (page: $OUT/report.html)"
