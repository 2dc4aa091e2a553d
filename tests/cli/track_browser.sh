# tests/cli/track_browser.sh — the page of `mubiao track --format html` in a
# real browser: headless Chromium renders it at 1280 pixels wide; the
# screenshot must show the outcomes' colours (green met, red missed) inside
# the window, and the page must print to PDF. National GDP growth targets
# and outcomes out of ../shared/data/gwr (the invented city reports of
# tests/data/track/docs without it). The screenshot goes to
# BUILD/test-output/track.png for a person to look at. Needs chromium (as
# tests/cli/report_browser.sh: skipped without it, except in CI).
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

need_chromium "track browser test"
CHROME_BUDGET=3000

if have_shared && [ -d "$SHARED/data/gwr" ]; then
    "$MUBIAO" ingest -q --db "$T/s.db" "$SHARED/data/gwr"
    what="national GDP growth, 1994-2025"
else
    "$MUBIAO" ingest -q --db "$T/s.db" "$TOP/tests/data/track/docs"
    what="the invented city reports"
fi
"$MUBIAO" track --db "$T/s.db" --format html -o "$OUT/track.html" 国内生产总值
expect_eq "track --format html written ($what)" "$?" 0
url="file://$OUT/track.html"

chrome --dump-dom "$url" >"$T/dom.html"
expect_eq "Chromium builds the page: charts and points in the DOM" "$("$PY" - "$T/dom.html" "$OUT/track.html" <<'EOF'
import re, sys
dom, src = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
print("same" if dom.count("<circle") == src.count("<circle") > 0 and dom.count("<svg") == src.count("<svg") > 0 else
      "dom %d/%d, page %d/%d" % (dom.count("<svg"), dom.count("<circle"), src.count("<svg"), src.count("<circle")))
EOF
)" "same"

rm -f "$OUT/track.png"
chrome --hide-scrollbars --window-size=1280,1000 --screenshot="$OUT/track.png" "$url" >/dev/null
expect_eq "screenshot is a PNG" "$(head -c 8 "$OUT/track.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" \
    "89504e470d0a1a0a"
# decode the PNG (8-bit RGB or RGBA, as Chromium writes it) and look for the
# verdict colours: the chart is drawn, in colour, within 1280 pixels
expect_eq "the chart shows met (green) and missed (red) outcomes within the 1280-pixel window, beside the legend's" "$("$PY" - "$OUT/track.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if typ == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif typ == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
found = {"green": 0, "red": 0}
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if abs(r - 0x2e) < 12 and abs(g - 0x7d) < 12 and abs(bl - 0x32) < 12: found["green"] += 1
        if abs(r - 0xc6) < 12 and abs(g - 0x28) < 12 and abs(bl - 0x28) < 12: found["red"] += 1
    prev = line
# the legend's two dots are about 80 pixels each; the chart's points about 95:
# more than the legend's dot means points in the chart
print("width %d, green %s, red %s" % (w, "yes" if found["green"] > 150 else found["green"],
                                       "yes" if found["red"] > 150 else found["red"]))
EOF
)" "width 1280, green yes, red yes"

rm -f "$T/track.pdf"
chrome --print-to-pdf="$T/track.pdf" --no-pdf-header-footer "$url" >/dev/null
expect_eq "the page prints (PDF)" "$(head -c 5 "$T/track.pdf" 2>/dev/null)" "%PDF-"
echo "# screenshot: $OUT/track.png (page: $OUT/track.html)"
