# tests/cli/issuer.sh — whose document (doc.issuer, doc.region), a record's
# own region and base_year, the date of a year alone (doc.date "2014"), and
# what ingest does with them: --date, --issuer, a changed sidecar, --force,
# query --issuer/--region and the order of year-only dates. Invented texts.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cd "$T" || exit 1
mkdir -p in
# doc: FILE -> "issuer|region|level|code|date" of its first record
doc() { "$MUBIAO" extract "$@" | head -1 | "$PY" -c "
import json, sys
d = json.loads(sys.stdin.readline())['doc']
g = d['region'] or {}
print('|'.join(str(x) for x in (d['issuer'], g.get('name'), g.get('level'), g.get('code'), d['date'])))"; }

printf '2030年江苏省政府工作报告\n各位代表：\n今年地区生产总值增长5%%左右。\n' >in/title.txt
expect_eq "a title: region + 政府 (人民政府), the year alone as doc.date" "$(doc in/title.txt)" \
    "江苏省人民政府|江苏省|province|320000|2030"
printf '政府工作报告\n——2030年1月10日在苏州市第十八届人民代表大会第一次会议上\n苏州市市长 某某\n各位代表：\n今年地区生产总值增长5%%左右。\n' >in/speaker.txt
expect_eq "a speaker line: region + 市长, the dateline's date" "$(doc in/speaker.txt)" \
    "苏州市人民政府|苏州市|city|320500|2030-01-10"
printf '2030年政府工作报告\n国务院总理 某某\n各位代表：\n今年国内生产总值增长5%%左右。\n' >in/national.txt
expect_eq "the national government: 国务院总理" "$(doc in/national.txt)" "国务院|中华人民共和国|national|None|2030"
printf '某县2030年国民经济和社会发展统计公报\n全县地区生产总值增长5%%。\n' >in/none.txt
expect_eq "no region named: nothing guessed" "$(doc --date 2031-03-01 in/none.txt)" "None|None|None|None|2031-03-01"
printf '中江县2030年国民经济和社会发展统计公报\n全县地区生产总值增长5%%。\n' >in/communique.txt
expect_eq "a communiqué's title: the region, no issuer" "$(doc --date 2031-03-01 in/communique.txt)" \
    "None|中江县|district|510623|2031-03-01"
expect_eq "--issuer: given, its region from its name" "$(doc --issuer 苏州市统计局 in/title.txt)" \
    "苏州市统计局|苏州市|city|320500|2030"
printf '{"issuer": "苏州工业园区管理委员会"}\n' >in/title.txt.meta.json
expect_eq "the sidecar's issuer: its region from its name (苏州工业园区 is a county-level division)" "$(doc in/title.txt)" \
    "苏州工业园区管理委员会|苏州工业园区|district|320576|2030"
rm in/title.txt.meta.json
expect_status "--date 2030: a year alone is a date" 0 "$MUBIAO" extract --date 2030 in/none.txt
expect_status "--date 2030-13: usage error" 2 "$MUBIAO" extract --date 2030-13 in/none.txt
printf '{"issuer": 5}\n' >in/none.txt.meta.json
expect_status "a sidecar issuer that is no string: an error" 1 "$MUBIAO" extract in/none.txt
expect_grep "... naming the sidecar" "none.txt.meta.json: \"issuer\" must be a string" "$T/out"
rm in/none.txt.meta.json

# a record's own region, at the head of its clause; base_year
printf '2030年苏州市政府工作报告\n过去一年，全市地区生产总值增长6%%，姑苏区地区生产总值增长7%%，2029年全国城镇新增就业1200万人。比2025年增长30%%的目标如期实现，居住在姑苏区的人口增长2%%。\n' >in/regions.txt
expect_eq "records: their region, the indicator without it, base_year" "$("$MUBIAO" extract in/regions.txt | "$PY" -c "
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r['span']['text'], r['indicator'], r['indicator_id'], r['region']['name'], r['region']['level'], r['base_year'])")" \
"6% 地区生产总值 国内生产总值 苏州市 city None
7% 地区生产总值 国内生产总值 姑苏区 district None
1200万人 城镇新增就业 城镇新增就业 中华人民共和国 national None
30% None None 苏州市 city 2025
2% 人口 总人口 苏州市 city None"

# ---- ingest ----
export MUBIAO_DB="$T/i.db"
sql() { "$PY" -c "import sqlite3,sys; print('\n'.join('|'.join('' if v is None else str(v) for v in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$MUBIAO_DB" "$1"; }
"$MUBIAO" ingest -q in
expect_eq "store: issuer, region, a year alone as the date" \
    "$(sql "SELECT issuer, region, region_level, date FROM documents WHERE path = 'in/title.txt'")" "江苏省人民政府|江苏省|province|2030"
expect_eq "store: documents in date order, a year before its days" \
    "$(sql "SELECT path FROM documents WHERE date LIKE '2030%' ORDER BY date, path" | tr '\n' ' ')" \
    "in/national.txt in/regions.txt in/title.txt in/speaker.txt "
expect_eq "query --issuer" "$("$MUBIAO" query --issuer 苏州市人民政府 | wc -l | tr -d ' ')" "6"
expect_eq "query --region 姑苏区: the district's record in the city's report" \
    "$("$MUBIAO" query --region 姑苏区 | "$PY" -c "import json,sys; print([json.loads(l)['span']['text'] for l in sys.stdin])")" "['7%']"
expect_eq "query --region 江苏 (short)" "$("$MUBIAO" query --region 江苏 | wc -l | tr -d ' ')" "1"
expect_eq "query --from 2030 --to 2030: the documents of 2030, a year alone included" \
    "$("$MUBIAO" query --from 2030 --to 2030 --format csv --no-bom | tail -n +2 | cut -d, -f2 | sort -u | tr -d '\r' | tr '\n' ' ')" \
    "in/national.txt in/regions.txt in/speaker.txt in/title.txt "
"$MUBIAO" ingest -v in | grep -v '^ingest:' >again.txt
expect_eq "ingest again: unchanged" "$(cut -f1 again.txt | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" "6 unchanged "
printf '{"date": "2030-02-01"}\n' >in/title.txt.meta.json
"$MUBIAO" ingest -v in | grep -v '^ingest:' >side.txt
expect_eq "a sidecar added: that document read again, its new date stored" \
    "$(grep -v unchanged side.txt | cut -f1,2)/$(sql "SELECT date, date_source FROM documents WHERE path = 'in/title.txt'")" \
    "$(printf 'updated\tin/title.txt')/2030-02-01|given"
printf '{"date": "2030-02-02"}\n' >in/title.txt.meta.json
"$MUBIAO" ingest -q in
expect_eq "the sidecar corrected: re-read without deleting the store" \
    "$(sql "SELECT date FROM documents WHERE path = 'in/title.txt'")" "2030-02-02"
"$MUBIAO" ingest -v --date 2029-12-31 in/none.txt | grep -v '^ingest:' >d.txt
expect_eq "ingest --date: read again with that date" "$(cut -f1 d.txt)/$(sql "SELECT date FROM documents WHERE path = 'in/none.txt'")" \
    "updated/2029-12-31"
"$MUBIAO" ingest -v --issuer 某某单位 in/none.txt | grep -v '^ingest:' >i.txt
expect_eq "ingest --issuer: read again with that issuer" "$(cut -f1 i.txt)/$(sql "SELECT issuer FROM documents WHERE path = 'in/none.txt'")" \
    "updated/某某单位"
"$MUBIAO" ingest -v --force in | grep -v '^ingest:' >f.txt
expect_eq "ingest --force: every file read again" "$(cut -f1 f.txt | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" "6 updated "
expect_status "ingest --date bogus: usage error" 2 "$MUBIAO" ingest --date 2030-02-30 in
expect_status "ingest --issuer '': usage error" 2 "$MUBIAO" ingest --issuer '' in

# an HTML page: its <meta name="SiteName"> (or og:site_name) when the title names no issuer
printf '<html><head><meta charset="utf-8"><title>关于印发行动方案的通知</title><meta name="SiteName" content="襄阳市人民政府"></head><body><div class="article"><p>到2030年，全市规模以上工业增加值增长8%%。</p></div></body></html>' >site.html
expect_eq "HTML: the site name gives the issuer" "$(doc site.html | cut -d'|' -f1-3)" "襄阳市人民政府|襄阳市|city"
printf '<html><head><meta charset="utf-8"><title>通知</title><meta property="og:site_name" content="中国政府网"></head><body><div class="article"><p>到2030年，全市规模以上工业增加值增长8%%。</p></div></body></html>' >site2.html
expect_eq "HTML: a site name with no region or body named: nothing" "$(doc site2.html | cut -d'|' -f1-2)" "None|None"

# base_year of a total or change over several years: a span in the clause,
# a plan period's section; none for a level or a one-year change
printf '“十五五”时期主要目标\n城镇新增就业5000万人以上，城镇化率达到70%%。\n过去五年，全市新增高新技术企业3000家，比上年增长5%%。\n' >span.txt
expect_eq "base_year: a plan period's flow, not its level; a span's flow; not a one-year change" \
    "$("$MUBIAO" extract --date 2026-03-05 span.txt | "$PY" -c "
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r['span']['text'], r['year'], r['base_year'])")" \
"5000万人以上 2030 2025
70% 2030 None
3000家 2026 2020
5% 2026 None"
