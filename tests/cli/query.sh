# tests/cli/query.sh — query's filters and orders added for daily use
# (--from/--to, --unit, --limit, --sort, --doc as any path to the file),
# --format json for query and history, and the CSV's audit columns and
# --bom/--no-bom. Every expectation is computed from the full JSON Lines.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
S="$TOP/tests/data/store"
cd "$T" || exit 1
mkdir -p inbox elsewhere
cp "$S"/plan-2023.txt "$S"/plan-2024.txt "$S"/notice-2025.html "$S"/quotes.txt inbox/
cp "$TOP"/tests/data/extract/release.txt "$TOP"/tests/data/extract/plan.txt inbox/
export MUBIAO_DB="$T/q.db"
"$MUBIAO" ingest -q inbox
"$MUBIAO" query >all.jsonl
expect_eq "a store of $(wc -l <all.jsonl | tr -d ' ') records" "$([ "$(wc -l <all.jsonl)" -gt 20 ] && echo many)" "many"

# filt 'PYTHON EXPR over r (a record) and rs (all, in order)': the ids expected
filt() { "$PY" -c "
import json, sys
rs = [json.loads(l) for l in open('all.jsonl', encoding='utf-8')]
def key(r): return r['value'] if r['value'] is not None else r['min']
out = $1
print(' '.join(r['id'] for r in out))"; }
ids() { "$PY" -c "
import json, sys
print(' '.join(json.loads(l)['id'] for l in sys.stdin))"; }

expect_eq "--from 2024-01-01: documents dated then or later" "$("$MUBIAO" query --from 2024-01-01 | ids)" \
    "$(filt "[r for r in rs if r['doc']['date'] and r['doc']['date'] >= '2024-01-01']")"
expect_eq "--to 2024-12-31: dated then or earlier" "$("$MUBIAO" query --to 2024-12-31 | ids)" \
    "$(filt "[r for r in rs if r['doc']['date'] and r['doc']['date'] <= '2024-12-31']")"
expect_eq "--from 2024-01-01 --to 2024-12-31: one year" "$("$MUBIAO" query --from 2024-01-01 --to 2024-12-31 | ids)" \
    "$(filt "[r for r in rs if r['doc']['date'] and '2024-01-01' <= r['doc']['date'] <= '2024-12-31']")"
expect_eq "... not empty" "$([ -n "$("$MUBIAO" query --from 2024-01-01 --to 2024-12-31)" ] && echo rows)" "rows"
expect_eq "--unit 家" "$("$MUBIAO" query --unit 家 | ids)" "$(filt "[r for r in rs if r['unit'] == '家']")"
expect_eq "--unit %, --kind target" "$("$MUBIAO" query --unit % --kind target | ids)" \
    "$(filt "[r for r in rs if r['unit'] == '%' and r['kind'] == 'target']")"
expect_eq "--limit 3: the first three" "$("$MUBIAO" query --limit 3 | ids)" "$(filt "rs[:3]")"
expect_eq "--sort value: smallest first, records without value last" "$("$MUBIAO" query --sort value | ids)" \
    "$(filt "sorted(rs, key=lambda r: (key(r) is None, key(r) or 0))")"
expect_eq "--sort -value --limit 5: the five largest" "$("$MUBIAO" query --sort -value --limit 5 | ids)" \
    "$(filt "sorted([r for r in rs if key(r) is not None], key=lambda r: -key(r))[:5]")"
expect_eq "--sort year" "$("$MUBIAO" query --sort year | ids)" \
    "$(filt "sorted(rs, key=lambda r: (r['year'] is None, r['year'] or 0))")"
expect_eq "--sort indicator" "$("$MUBIAO" query --sort indicator | ids)" \
    "$(filt "sorted(rs, key=lambda r: (r['indicator'] is None, r['indicator'] or ''))")"
expect_eq "--sort -date: latest documents first" "$("$MUBIAO" query --sort -date | ids)" \
    "$(filt "sorted(rs, key=lambda r: (r['doc']['date'] is None, [-ord(c) for c in (r['doc']['date'] or '')]))")"

one=$("$MUBIAO" query --doc inbox/plan-2024.txt | ids)
expect_eq "--doc as stored" "$one" "$(filt "[r for r in rs if r['doc']['path'] == 'inbox/plan-2024.txt']")"
expect_eq "--doc ./inbox/plan-2024.txt" "$("$MUBIAO" query --doc ./inbox/plan-2024.txt | ids)" "$one"
expect_eq "--doc absolute" "$("$MUBIAO" query --doc "$T/inbox/plan-2024.txt" | ids)" "$one"
expect_eq "--doc with .. and //" "$("$MUBIAO" query --doc "elsewhere/../inbox//plan-2024.txt" | ids)" "$one"
expect_eq "--doc of no stored file: nothing" "$("$MUBIAO" query --doc inbox/plan-2099.txt | wc -l | tr -d ' ')" "0"
mkdir -p abs && cp "$S"/plan-2023.txt abs/p.txt
MUBIAO_DB="$T/abs.db" "$MUBIAO" ingest -q "$T/abs"
expect_eq "a store of absolute paths, --doc relative" \
    "$(MUBIAO_DB="$T/abs.db" "$MUBIAO" query --doc abs/p.txt | wc -l | tr -d ' ')" \
    "$(MUBIAO_DB="$T/abs.db" "$MUBIAO" query | wc -l | tr -d ' ')"

"$MUBIAO" query --format json >all.json
expect_eq "query --format json: one array of the same records" "$("$PY" -c "
import json
a = json.load(open('all.json', encoding='utf-8'))
b = [json.loads(l) for l in open('all.jsonl', encoding='utf-8')]
print(a == b, len(a))")" "True $(wc -l <all.jsonl | tr -d ' ')"
expect_eq "query --format json of nothing: []" "$("$MUBIAO" query --format json --unit none)" "[]"
"$MUBIAO" history --format jsonl 高新技术企业 >h.jsonl
"$MUBIAO" history --format json 高新技术企业 >h.json
expect_eq "history --format json: the records of jsonl as one array" "$("$PY" -c "
import json
a = json.load(open('h.json', encoding='utf-8'))
b = [json.loads(l) for l in open('h.jsonl', encoding='utf-8')]
print(a == b, len(a) > 2)")" "True True"

"$MUBIAO" query --format csv >bom.csv
"$MUBIAO" query --format csv --no-bom >nobom.csv
expect_eq "csv: a BOM by default" "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_eq "csv --no-bom: none, otherwise the same" "$(tail -c +4 bom.csv | cmp - nobom.csv && echo same)" "same"
expect_eq "csv --no-bom: Python's csv reads the first header as 'date'" "$("$PY" -c "
import csv
print(next(csv.reader(open('nobom.csv', encoding='utf-8', newline='')))[0])")" "date"
expect_eq "csv: id, sha256, path, paragraph, span offsets and quote of every record, as the JSON" "$("$PY" -c "
import csv, json
rows = list(csv.DictReader(open('bom.csv', encoding='utf-8-sig', newline='')))
recs = [json.loads(l) for l in open('all.jsonl', encoding='utf-8')]
bad = len(rows) != len(recs)
for r, o in zip(rows, recs):
    got = (r['id'], r['sha256'], r['path'], r['paragraph'], r['span_start'], r['span_end'], r['quote_prefix'], r['quote_exact'], r['quote_suffix'])
    want = (o['id'], o['doc']['sha256'], o['doc']['path'], str(o['paragraph']['index']), str(o['span']['start']), str(o['span']['end']), o['quote']['prefix'], o['quote']['exact'], o['quote']['suffix'])
    bad = bad or got != want
print('bad' if bad else len(rows))")" "$(wc -l <all.jsonl | tr -d ' ')"
"$MUBIAO" history --format csv --no-bom 高新技术企业 >h.csv
expect_eq "history --no-bom" "$(head -c 4 h.csv)" "date"

expect_status "--from 2024-13-01: usage error" 2 "$MUBIAO" query --from 2024-13-01
expect_status "--to 2024-02: usage error" 2 "$MUBIAO" query --to 2024-02
expect_eq "--to 2024: documents of 2024 or earlier, a year standing for its whole year" "$("$MUBIAO" query --to 2024 | ids)" \
    "$(filt "[r for r in rs if r['doc']['date'] and r['doc']['date'][:4] <= '2024']")"
expect_eq "--from 2024: documents of 2024 or later" "$("$MUBIAO" query --from 2024 | ids)" \
    "$(filt "[r for r in rs if r['doc']['date'] and r['doc']['date'][:4] >= '2024']")"
expect_status "--limit 0: usage error" 2 "$MUBIAO" query --limit 0
expect_status "--sort bogus: usage error" 2 "$MUBIAO" query --sort bogus
expect_grep "... naming the keys" "unknown sort 'bogus' (date, year, value, indicator, path" "$T/out"
