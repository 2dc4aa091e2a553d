# tests/cli/schema.sh — the record schema's identity (a stable URN) and its
# quote marked as a W3C TextQuoteSelector that anchors in the text.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
expect_eq "schema \$id: a stable URN" "$("$PY" -c "
import json, sys
print(json.load(open(sys.argv[1]))['\$id'])" "$TOP/schema/commitment.schema.json")" "urn:mubiao:schema:commitment:v1"
expect_eq "quote: titled TextQuoteSelector, described with the W3C model" "$("$PY" -c "
import json, sys
q = json.load(open(sys.argv[1]))['properties']['quote']
print(q['title'], 'w3.org/TR/annotation-model/#text-quote-selector' in q['description'], sorted(q['required']))" \
    "$TOP/schema/commitment.schema.json")" "TextQuoteSelector True ['exact', 'prefix', 'suffix']"
# As a selector: prefix + exact + suffix occurs in the paragraph's text, exact
# right after prefix (what an annotation tool looks for).
"$MUBIAO" extract "$TOP"/corpus/*.txt >"$T/r.jsonl"
"$MUBIAO" paragraphs "$TOP"/corpus/*.txt >"$T/p.jsonl"
expect_eq "every quote anchors in its paragraph as prefix+exact+suffix" "$("$PY" -c "
import json, sys
paras = {}
for l in open(sys.argv[2], encoding='utf-8'):
    p = json.loads(l); paras[(p['doc']['path'], p['index'])] = p['text']
n = bad = 0
for l in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(l); q = r['quote']; n += 1
    t = paras[(r['doc']['path'], r['paragraph']['index'])]
    bad += (q['prefix'] + q['exact'] + q['suffix']) not in t
print(n, bad)" "$T/r.jsonl" "$T/p.jsonl")" "$(wc -l <"$T/r.jsonl" | tr -d ' ') 0"
