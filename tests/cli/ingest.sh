# tests/cli/ingest.sh — mubiao ingest, query and history on a folder of
# text and HTML documents: what is stored (exactly extract's records),
# re-ingest as a no-op, a changed file replacing its rows, duplicates,
# failures, the schema, query filters and formats, history revisions.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
S="$TOP/tests/data/store"

cd "$T" || exit 1
mkdir -p inbox/sub inbox/.hidden
cp "$TOP"/corpus/*.txt inbox/
cp "$TOP"/tests/data/html/press-utf8.html "$TOP"/tests/data/html/press-gbk.html inbox/sub/
cp "$S"/plan-2023.txt "$S"/plan-2024.txt "$S"/notice-2025.html "$S"/quotes.txt inbox/
cp "$S"/plan-2023.txt inbox/.hidden/plan.txt
cp "$S"/plan-2023.txt inbox/notes.md
DB="$T/m.db"
export MUBIAO_DB="$DB"

# sql QUERY: one value per line (rows), columns tab-separated
sql() { "$PY" -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]):
    print('\t'.join('' if v is None else str(v) for v in r))" "$DB" "$1"; }

# ---- first run ----
"$MUBIAO" ingest -v inbox >"$T/run1" 2>"$T/run1.err"
expect_eq "ingest: exit 0, nothing on stderr" "$?:$(cat "$T/run1.err")" "0:"
expect_eq "ingest: files in name order, hidden and .md skipped, sub-folder walked" \
    "$(cut -f1,2 "$T/run1" | grep -v '^ingest:')" "$(printf 'new\tinbox/000_f13218485f6e8987.txt
new\tinbox/002_5a266641c087b39d.txt
new\tinbox/notice-2025.html
new\tinbox/plan-2023.txt
new\tinbox/plan-2024.txt
new\tinbox/quotes.txt
new\tinbox/sub/press-gbk.html
new\tinbox/sub/press-utf8.html')"
total=0
for f in $(sed -n 's/^new\t\([^\t]*\)\t.*/\1/p' "$T/run1"); do
    "$MUBIAO" extract "$f" >"$T/x.jsonl"
    "$MUBIAO" query --doc "$f" >"$T/q.jsonl"
    expect_eq "query --doc $f: byte for byte what extract prints" "$(cmp "$T/x.jsonl" "$T/q.jsonl" && echo same)" "same"
    total=$((total + $(wc -l <"$T/x.jsonl")))
done
expect_grep "summary: counts and records" "^ingest: 8 files, .*: 8 new, 0 updated, 0 unchanged, 0 duplicate, 0 skipped, 0 failed; $total records stored in $DB\$" "$T/run1"
expect_eq "query: every record" "$("$MUBIAO" query | wc -l | tr -d ' ')" "$total"
expect_eq "store: documents, their paragraph and record counts agree with the rows" \
    "$(sql "SELECT count(*), sum(paragraphs = (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.id)),
            sum(records = (SELECT count(*) FROM records r WHERE r.doc_id = d.id)) FROM documents d")" "$(printf '8\t8\t8')"
expect_eq "store: format, encoding, title, date of the GBK page" \
    "$(sql "SELECT format, encoding, title, date, date_source FROM documents WHERE path LIKE '%gbk%'")" \
    "$(printf 'html\tgb18030\t示范市召开2024年上半年经济形势新闻发布会\t2024-07-18\ttext')"
expect_eq "store: a text document's title is its short first paragraph" \
    "$(sql "SELECT title, date FROM documents WHERE path = 'inbox/plan-2023.txt'")" \
    "$(printf '示范市2023年科技创新工作要点\t2023-03-01')"
expect_eq "store: schema version 3, WAL" "$(sql "PRAGMA user_version")/$(sql "PRAGMA journal_mode")" "3/wal"
expect_eq "store: indexes for the queries" \
    "$(sql "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name" | tr '\n' ' ')" \
    "documents_date documents_issuer documents_sha256 records_indicator records_indicator_id records_kind records_region records_year "
expect_eq "store: a record's columns" \
    "$(sql "SELECT kind, indicator, value, unit, comparator, change, year, span_text, quote_exact FROM records r
            JOIN documents d ON d.id = r.doc_id WHERE d.path = 'inbox/sub/press-utf8.html' AND r.value = 12000")" \
    "$(printf 'target\t科技型中小企业\t12000.0\t家\tge\tlevel\t2027\t1.2万家以上\t1.2万家以上')"

# ---- second run: nothing to do ----
"$MUBIAO" ingest -v inbox >"$T/run2"
expect_eq "re-ingest: exit 0" "$?" "0"
expect_grep "re-ingest: all unchanged, 0 new" ": 0 new, 0 updated, 8 unchanged, 0 duplicate, 0 skipped, 0 failed; 0 records" "$T/run2"
expect_eq "re-ingest: store unchanged" "$(sql "SELECT count(*) FROM records")" "$total"

# ---- a changed file replaces its rows; a copy is a duplicate ----
old_ids=$(sql "SELECT r.id FROM records r JOIN documents d ON d.id = r.doc_id WHERE d.path = 'inbox/plan-2024.txt'" | sort)
printf '\n到2026年，全市高新技术企业总数力争达到4000家。\n' >>inbox/plan-2024.txt
cp inbox/plan-2023.txt inbox/sub/copy.txt
"$MUBIAO" ingest -v inbox >"$T/run3"
expect_eq "changed file: updated, copy: duplicate" "$(grep -v '^ingest:' "$T/run3" | grep -v unchanged | cut -f1,2,3)" \
    "$(printf 'updated\tinbox/plan-2024.txt\t4 records\nduplicate\tinbox/sub/copy.txt\tsame as inbox/plan-2023.txt')"
"$MUBIAO" extract inbox/plan-2024.txt >"$T/x.jsonl"
"$MUBIAO" query --doc inbox/plan-2024.txt >"$T/q.jsonl"
expect_eq "changed file: its rows are the new extract output" "$(cmp "$T/x.jsonl" "$T/q.jsonl" && echo same)" "same"
new_ids=$(sql "SELECT r.id FROM records r JOIN documents d ON d.id = r.doc_id WHERE d.path = 'inbox/plan-2024.txt'" | sort)
expect_eq "changed file: none of its old record ids is left" \
    "$(printf '%s\n%s\n' "$old_ids" "$new_ids" | sort | uniq -d | wc -l | tr -d ' ')" "0"
expect_eq "changed file: one document row for the path, total records up by one" \
    "$(sql "SELECT count(*) FROM documents WHERE path = 'inbox/plan-2024.txt'") $(sql "SELECT count(*) FROM records")" \
    "1 $((total + 1))"
expect_eq "duplicate: not stored" "$(sql "SELECT count(*) FROM documents")" "8"
# a stored path whose new content equals another stored file: updated, not a duplicate
cp inbox/plan-2024.txt "$T/plan-2024.saved"
cp inbox/quotes.txt inbox/plan-2024.txt
"$MUBIAO" ingest -v inbox | grep -v -e unchanged -e duplicate -e "^ingest:" >"$T/run3b"
expect_eq "stored path, content of another stored file: updated" "$(cut -f1,2 "$T/run3b")" "$(printf 'updated\tinbox/plan-2024.txt')"
"$MUBIAO" extract inbox/plan-2024.txt >"$T/x.jsonl"
"$MUBIAO" query --doc inbox/plan-2024.txt >"$T/q.jsonl"
expect_eq "... its rows are its new content's" "$(cmp "$T/x.jsonl" "$T/q.jsonl" && echo same)" "same"
cp "$T/plan-2024.saved" inbox/plan-2024.txt
"$MUBIAO" ingest -q inbox

# ---- failures: reported with the file and byte, the rest still stored ----
printf 'abc\000def\n' >inbox/binary.txt
printf '到2025年\n' >inbox/zz-new.txt
"$MUBIAO" ingest inbox nowhere >"$T/run4" 2>"$T/run4.err"
expect_eq "failures: exit 1" "$?" "1"
expect_grep "failures: a missing path named" "^mubiao ingest: nowhere: No such file or directory\$" "$T/run4.err"
expect_grep "failures: a binary file named with its byte" "^mubiao ingest: inbox/binary.txt: byte 3: NUL byte" "$T/run4.err"
expect_grep "failures: summary counts them (the missing path too), the new file is stored" ": 1 new, 0 updated, 8 unchanged, 1 duplicate, 0 skipped, 2 failed;" "$T/run4"
expect_eq "failures: nothing stored for the bad file" "$(sql "SELECT count(*) FROM documents WHERE path = 'inbox/binary.txt'")" "0"
rm inbox/binary.txt
expect_status "--quiet: no output at all" 0 "$MUBIAO" ingest --quiet inbox
expect_eq "--quiet: no output at all (text)" "$(cat "$T/out")" ""

# ---- where the store is ----
mkdir -p here
(cd here && MUBIAO_DB= "$MUBIAO" ingest -q ../inbox/quotes.txt && [ -f mubiao.db ])
expect_eq "default store: ./mubiao.db" "$?" "0"
(cd here && MUBIAO_DB= "$MUBIAO" query --db "$DB" --doc inbox/quotes.txt | wc -l | tr -d ' ') >"$T/n"
expect_eq "--db overrides" "$(cat "$T/n")" "2"
expect_status "query without a store: exit 1" 1 "$MUBIAO" query --db "$T/none.db"
expect_grep "... says to ingest first" "none.db: no store here (run 'mubiao ingest' first" "$T/out"
expect_status "ingest into the store file itself is refused" 1 "$MUBIAO" ingest "$DB"
expect_grep "... by name" "m.db: the store itself, not a document" "$T/out"
echo "not a database" >"$T/fake.db"
expect_status "a file that is not a store: exit 1" 1 "$MUBIAO" query --db "$T/fake.db"
expect_grep "... named" "fake.db" "$T/out"
cp "$DB" "$T/future.db"
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()" "$T/future.db"
expect_status "a store from a newer mubiao: exit 1" 1 "$MUBIAO" query --db "$T/future.db"
expect_grep "... explained" "schema version 99 is newer than this mubiao's (3)" "$T/out"

# ---- query: filters, formats ----
expect_eq "query --kind target --year 2025 --indicator 高新技术企业" \
    "$("$MUBIAO" query --kind target --year 2025 --indicator 高新技术企业 | "$PY" -c "
import json, sys
for l in sys.stdin:
    o = json.loads(l); print(o['doc']['path'], o['value'])")" \
    "$(printf 'inbox/plan-2023.txt 3000\ninbox/plan-2024.txt 3500\ninbox/notice-2025.html 3200')"
expect_eq "query --indicator contains, --exact does not" \
    "$("$MUBIAO" query --indicator 企业 --doc inbox/quotes.txt | wc -l | tr -d ' ') $("$MUBIAO" query --exact --indicator 企业 --doc inbox/quotes.txt | wc -l | tr -d ' ')" \
    "2 1"
expect_eq "query --kind achievement: only achievements" \
    "$("$MUBIAO" query --kind achievement | grep -c '"kind":"target"')" "0"
"$MUBIAO" query --format csv >"$T/all.csv"
expect_eq "csv: starts with a UTF-8 BOM" "$(head -c 3 "$T/all.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
"$MUBIAO" query >"$T/all.jsonl"
expect_eq "csv: every field reads back (RFC 4180) equal to the JSON" "$("$PY" -c "
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
recs = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
bad = len(rows) != len(recs)
def num(v): return '' if v is None else repr(float(v))
for r, o in zip(rows, recs):
    want = [o['doc']['date'] or '', o['doc']['path'], o['kind'], o['indicator'] or '', num(o['value']), num(o['min']),
            num(o['max']), o['unit'] or '', o['comparator'] or '', o['change'], '' if o['year'] is None else str(o['year']),
            o['period'] or '', o['modality'] or '', o['time_text'] or '', str(o['span']['start']), str(o['span']['end']),
            o['span']['text'], o['sentence'], o['id']]
    got = [r[k] for k in ('date','path','kind','indicator')] + [num(r[k]) if r[k] else '' for k in ('value','min','max')] + \
          [r[k] for k in ('unit','comparator','change','year','period','modality','time_text','span_start','span_end','span_text','sentence','id')]
    if got != want:
        bad = True; print(got, want, file=sys.stderr)
print('bad' if bad else len(rows))" "$T/all.csv" "$T/all.jsonl")" "$(wc -l <"$T/all.jsonl" | tr -d ' ')"
expect_grep "csv: a field with quotes and commas is quoted, quotes doubled" \
    ',"实施""强链""行动, 到2026年新增专精特新企业200家, ""小巨人""企业达到50家。",' "$T/all.csv"
expect_eq "csv: CRLF line ends" "$(grep -c "$(printf '\r')\$" "$T/all.csv")" "$(($(wc -l <"$T/all.jsonl") + 1))"
"$MUBIAO" query --format table --doc inbox/plan-2024.txt >"$T/table"
expect_eq "table: header and the rows of one document" "$(cat "$T/table")" \
"date        kind         indicator       value     change  year  doc
----------  -----------  --------------  --------  ------  ----  -------------------
2024-02-20  target       高新技术企业    3500家            2025  inbox/plan-2024.txt
2024-02-20  target       技术合同成交额  >800亿元          2025  inbox/plan-2024.txt
2024-02-20  achievement  高新技术企业    2900家            2023  inbox/plan-2024.txt
2024-02-20  target       高新技术企业    4000家            2026  inbox/plan-2024.txt"
"$MUBIAO" query --format table >"$T/table"
expect_eq "table: columns aligned in display width on every line" "$("$PY" -c "
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
starts = {w(lines[0][:lines[0].index('doc')])}
for l in lines[2:]:
    starts.add(w(l[:l.index('inbox/')]))
print(len(lines) - 2, len(starts))" "$T/table")" "$(wc -l <"$T/all.jsonl" | tr -d ' ') 1"
expect_status "query --format xml: usage error" 2 "$MUBIAO" query --format xml
expect_status "query --kind plan: usage error" 2 "$MUBIAO" query --kind plan
expect_status "query --year 20x5: usage error" 2 "$MUBIAO" query --year 20x5

# ---- history (on a store of our own small documents only) ----
mkdir -p hist
cp "$S"/plan-2023.txt "$S"/notice-2025.html hist/
cp inbox/plan-2024.txt hist/
export MUBIAO_DB="$T/h.db"
"$MUBIAO" ingest -q hist
"$MUBIAO" history --format jsonl --exact 高新技术企业 >"$T/h.jsonl"
expect_eq "history: dates in order, targets for 2025 first/raised/lowered" "$("$PY" -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    o = json.loads(l); r = o['revision']; p = r and r['previous']
    print(o['doc']['date'], o['kind'], o['value'], o['year'], r and r['status'], p and (p['value'], p['path']))" "$T/h.jsonl")" \
"2023-03-01 target 3000 2025 first None
2024-02-20 target 3500 2025 raised (3000, 'hist/plan-2023.txt')
2024-02-20 achievement 2900 2023 None None
2024-02-20 target 4000 2026 first None
2025-01-15 target 3200 2025 lowered (3500, 'hist/plan-2024.txt')
2025-01-15 achievement 3100 2024 None None"
"$MUBIAO" history --exact --format jsonl 高新技术企业 | "$PY" -c "
import json, sys
for l in sys.stdin:
    o = json.loads(l); del o['revision']; print(json.dumps(o, ensure_ascii=False, separators=(',', ':')))" >"$T/h2"
"$MUBIAO" query --exact --indicator 高新技术企业 | "$PY" -c "
import json, sys
for l in sys.stdin: print(json.dumps(json.loads(l), ensure_ascii=False, separators=(',', ':')))" >"$T/q2"
expect_eq "history jsonl: the records of query, plus revision" "$(cmp "$T/h2" "$T/q2" && echo same)" "same"
expect_eq "history table: restated, raised from, lowered from" "$("$MUBIAO" history --exact 技术合同成交额 2>&1; "$MUBIAO" history 高新技术企业 2>&1)" \
"indicator       date        kind    value     change  year  revision  doc
--------------  ----------  ------  --------  ------  ----  --------  ---------------------
技术合同成交额  2023-03-01  target  >800亿元          2025  first     hist/plan-2023.txt
技术合同成交额  2024-02-20  target  >800亿元          2025  restated  hist/plan-2024.txt
技术合同成交额  2025-01-15  target  >800亿元          2025  restated  hist/notice-2025.html
indicator     date        kind         value   change  year  revision             doc
------------  ----------  -----------  ------  ------  ----  -------------------  ---------------------
高新技术企业  2023-03-01  target       3000家          2025  first                hist/plan-2023.txt
高新技术企业  2024-02-20  target       3500家          2025  raised from 3000家   hist/plan-2024.txt
高新技术企业  2024-02-20  achievement  2900家          2023                       hist/plan-2024.txt
高新技术企业  2024-02-20  target       4000家          2026  first                hist/plan-2024.txt
高新技术企业  2025-01-15  target       3200家          2025  lowered from 3500家  hist/notice-2025.html
高新技术企业  2025-01-15  achievement  3100家          2024                       hist/notice-2025.html"
"$MUBIAO" history --format csv 高新技术企业 >"$T/h.csv"
expect_eq "history csv: BOM, header with revision columns, a lowered row" \
    "$(head -1 "$T/h.csv" | od -An -c | head -1 | tr -s ' ' | cut -c1-12)|$(grep -c 'lowered,' "$T/h.csv")" " 357 273 277|1"
expect_eq "history of an unknown indicator: no rows, exit 0" "$("$MUBIAO" history --format jsonl 不存在的指标; echo "rc=$?")" "rc=0"
expect_status "history without an indicator: usage error" 2 "$MUBIAO" history

# ---- indicator ids: one indicator written several ways (invented documents) ----
mkdir -p gdp
cp "$S"/gdp-2023.txt "$S"/gdp-2024.txt gdp/
export MUBIAO_DB="$T/gdp.db"
DB="$T/gdp.db"
"$MUBIAO" ingest -q gdp
expect_eq "store: indicator_id stored beside the indicator" \
    "$(sql "SELECT indicator, indicator_id FROM records ORDER BY doc_id, seq")" \
    "$(printf '地区生产总值\t国内生产总值\n经济总量\t国内生产总值\nGDP\t国内生产总值\n地区生产总值\t国内生产总值')"
expect_eq "query --indicator GDP: every way the id is written" \
    "$("$MUBIAO" query --indicator GDP | "$PY" -c "
import json, sys
for l in sys.stdin: o = json.loads(l); print(o['indicator'], o['value'])")" \
"地区生产总值 6
经济总量 500000000000
GDP 6.2
地区生产总值 6.5"
expect_eq "query --exact --indicator 经济总量: its id's records too" \
    "$("$MUBIAO" query --exact --indicator 经济总量 | wc -l | tr -d ' ')" "4"
expect_eq "query --exact --indicator 地区生产总值比重: no id, no record" \
    "$("$MUBIAO" query --exact --indicator 地区生产总值比重 | wc -l | tr -d ' ')" "0"
expect_eq "query --exact --indicator 地区生产总值增长: the growth of 地区生产总值 has its id" \
    "$("$MUBIAO" query --exact --indicator 地区生产总值增长 | wc -l | tr -d ' ')" "4"
expect_eq "history 国内生产总值: one group across the ways it is written" \
    "$("$MUBIAO" history 国内生产总值 2>&1)" \
"indicator     date        kind         value      change    year  revision  doc
------------  ----------  -----------  ---------  --------  ----  --------  ----------------
地区生产总值  2023-02-10  target       ~6%        increase  2023  first     gdp/gdp-2023.txt
经济总量      2023-02-10  achievement  >5000亿元            2022            gdp/gdp-2023.txt
GDP           2024-02-08  achievement  6.2%       increase  2023            gdp/gdp-2024.txt
地区生产总值  2024-02-08  target       ~6.5%      increase  2024  first     gdp/gdp-2024.txt"
# a store of schema version 1 (before indicator_id) is migrated in place
"$PY" -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript('DROP INDEX records_indicator_id; ALTER TABLE records DROP COLUMN indicator_id;'
  ' DROP INDEX documents_issuer; DROP INDEX records_region;'
  ' ALTER TABLE documents DROP COLUMN issuer; ALTER TABLE documents DROP COLUMN region;'
  ' ALTER TABLE documents DROP COLUMN region_level; ALTER TABLE documents DROP COLUMN region_code;'
  ' ALTER TABLE documents DROP COLUMN meta; ALTER TABLE records DROP COLUMN region;'
  ' ALTER TABLE records DROP COLUMN region_level; ALTER TABLE records DROP COLUMN base_year;'
  ' PRAGMA user_version = 1;')
c.commit()" "$T/gdp.db"
expect_eq "a version 1 store: queried, migrated to 3, old rows without an id" \
    "$("$MUBIAO" query --indicator 经济总量 | wc -l | tr -d ' ')/$(sql "PRAGMA user_version")/$(sql "SELECT count(*) FROM records WHERE indicator_id IS NULL")" \
    "1/3/4"
