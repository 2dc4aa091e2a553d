# tests/cli/track.sh — mubiao track: targets paired with outcomes and their
# verdicts, over invented reports of a city and one of its districts
# (tests/data/track/docs: every verdict, a region case, a revision) and over
# the national work reports in ../shared/data/gwr against a list checked by
# hand (tests/data/track/gwr.expected); the formats, the filters and the
# errors. The HTML page in Chromium is tests/cli/track_browser.sh.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cd "$T" || exit 1
export MUBIAO_DB="$T/t.db"
"$MUBIAO" ingest -q "$TOP/tests/data/track/docs"
expect_eq "ingest the invented reports" "$?" 0

# the rows as "indicator region year target outcome verdict revision tdoc odoc"
rows() { "$PY" -c "
import csv, io, os, sys
for r in csv.DictReader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8-sig')):
    t = (r['target_comparator'] or '') + (r['target_value'] or (r['target_min'] + '~' + r['target_max'] if r['target_min'] else ''))
    print('|'.join([r['indicator'], r['region'], r['year'], t or '-', r['outcome_value'] or '-', r['verdict'],
                    r['revision'] or '-', os.path.basename(r['target_path']), os.path.basename(r['outcome_path'])]))
"; }

"$MUBIAO" track --all --format csv --no-bom >all.csv
expect_eq "every verdict, by indicator, region and year" "$(rows <all.csv)" \
"国内生产总值|姑苏区|2024|approx6.5|7|met|first|district-2024.txt|city-2025.txt
国内生产总值|苏州市|2024|approx5.5|6|met|first|city-2024.txt|city-2025.txt
国内生产总值|苏州市|2025|approx6|5|missed|raised|city-2025-07.txt|city-2026.txt
国内生产总值|苏州市|2026|approx5|-|pending|first|city-2026.txt|
城镇新增就业|苏州市|2024|ge150000|165000|met|first|city-2024.txt|city-2025.txt
城镇新增就业|苏州市|2025|ge150000|152000|met|first|city-2025.txt|city-2026.txt
城镇新增就业|苏州市|2026|ge150000|-|pending|first|city-2026.txt|
居民消费价格|苏州市|2024|approx3|0.3|met|first|city-2024.txt|city-2025.txt
居民消费价格|苏州市|2025|-|-|absent|-|city-2024.txt|
研发经费投入强度|苏州市|2024|eq3.9|3.8|missed|first|city-2024.txt|city-2025.txt
研发经费投入强度|苏州市|2025|-|-|absent|-|city-2024.txt|"
expect_eq "region: the district's target meets the district's figure in the city's report (7%), the city's its own (6%)" \
    "$(rows <all.csv | grep '^国内生产总值|[^|]*|2024|' | cut -d'|' -f2,5)" "$(printf '姑苏区|7\n苏州市|6')"
expect_eq "CSV: a header and one line a verdict" "$(head -1 all.csv | cut -d, -f1-10)" \
    "indicator,indicator_id,region,issuer,year,period,base_year,unit,change,verdict"

# JSON Lines: the documented schema, the evidence it rests on
"$MUBIAO" track --all --format jsonl >all.jsonl
"$MUBIAO" query >records.jsonl
expect_eq "jsonl: mubiao/track/v1, the evidence's ids are stored records, quotes and dates given" "$("$PY" - all.jsonl records.jsonl <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ids = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2], encoding="utf-8")}
bad = []
for r in rows:
    if r["schema"] != "mubiao/track/v1": bad.append("schema")
    for k in ("indicator", "indicator_id", "region", "issuer", "year", "period", "base_year", "unit", "change",
              "verdict", "revision", "difference", "tolerance", "better", "target", "outcome", "statements", "outcomes"):
        if k not in r: bad.append("no " + k)
    evid = [r["target"] or r["last_target"], r["outcome"]] + r["statements"] + r["outcomes"]
    for e in evid:
        if e is None: continue
        rec = ids.get(e["id"])
        if not rec or rec["span"]["text"] != e["text"] or rec["doc"]["date"] != e["doc"]["date"] or rec["sentence"] != e["sentence"]:
            bad.append("evidence " + e["id"])
print(len(rows), "rows", "ok" if not bad else bad[:5])
EOF
)" "11 rows ok"
expect_eq "jsonl: every line valid against schema/track.schema.json" "$("$PY" - "$TOP/schema/track.schema.json" all.jsonl <<'EOF'
import json, sys
try:
    import jsonschema
except ImportError:
    print("no jsonschema"); sys.exit()
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1], encoding="utf-8")))
bad = [e.message for l in open(sys.argv[2], encoding="utf-8") for e in v.iter_errors(json.loads(l))]
print("valid" if not bad else bad[:3])
EOF
)" "valid"
expect_eq "jsonl: a raised target lists both statements" "$("$PY" -c "
import json, sys
for l in open('all.jsonl', encoding='utf-8'):
    r = json.loads(l)
    if r['revision'] == 'raised':
        print(r['year'], [(s['value'], s['revision']) for s in r['statements']], r['difference'], r['tolerance'], r['better'])
")" "2025 [(5.5, 'first'), (6, 'raised')] -1 0.1 higher"
expect_eq "jsonl: absent names the document without the target and the last target" "$("$PY" -c "
import json
for l in open('all.jsonl', encoding='utf-8'):
    r = json.loads(l)
    if r['verdict'] == 'absent':
        print(r['indicator'], r['absent_from']['path'].split('/')[-1], r['last_target']['value'], r['target'])
")" "$(printf '居民消费价格 city-2025.txt 3 None\n研发经费投入强度 city-2025.txt 3.9 None')"

expect_eq "--format json: the JSON Lines as one array" "$("$MUBIAO" track --all --format json | "$PY" -c "
import json, sys
a = json.load(sys.stdin)
b = [json.loads(l) for l in open('all.jsonl', encoding='utf-8')]
print(a == b and len(a))")" "11"

# filters
expect_eq "--region 姑苏区: the district's row only" "$("$MUBIAO" track --all --region 姑苏区 --format csv | rows | cut -d'|' -f2,3)" "姑苏区|2024"
expect_eq "--region 苏州 (a short name): the city's rows" "$("$MUBIAO" track 国内生产总值 --region 苏州 --format csv | rows | cut -d'|' -f2,3 | tr '\n' ' ')" \
    "苏州市|2024 苏州市|2025 苏州市|2026 "
expect_eq "--issuer 姑苏区人民政府: its target, paired with the city's report" \
    "$("$MUBIAO" track --all --issuer 姑苏区人民政府 --format csv | rows)" "国内生产总值|姑苏区|2024|approx6.5|7|met|first|district-2024.txt|city-2025.txt"
expect_eq "--year 2025" "$("$MUBIAO" track --all --year 2025 --format csv | rows | cut -d'|' -f1,3,6 | tr '\n' ' ')" \
    "国内生产总值|2025|missed 城镇新增就业|2025|met 居民消费价格|2025|absent 研发经费投入强度|2025|absent "
expect_eq "GDP finds the lexicon id's other names; two indicators at once, each row once" \
    "$("$MUBIAO" track GDP 就业 --format csv | rows | cut -d'|' -f1 | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" \
    "4 国内生产总值 3 城镇新增就业 "
expect_eq "an indicator with no target: an empty table" "$("$MUBIAO" track 粮食产量 | wc -l | tr -d ' ')" "2"

# table and HTML
"$MUBIAO" track --all >table.txt
expect_grep "table: the difference with magnitude words" "met (+1.5万)" table.txt
"$MUBIAO" track --all --format html -o page.html
expect_eq "html: one chart a series, self-contained" "$("$PY" - page.html <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
svgs = s.count("<svg")
ext = re.findall(r'(?:src|href)="(?!#)[^"]*"', s)
dots = len(re.findall(r"<circle ", s))
print(svgs, "charts", dots, "outcomes", "no external" if not ext and "<script" not in s else ext)
EOF
)" "5 charts 7 outcomes no external"

# errors
expect_status "no INDICATOR and no --all: usage error" 2 "$MUBIAO" track
expect_status "both: usage error" 2 "$MUBIAO" track --all GDP
expect_status "--format bogus: usage error" 2 "$MUBIAO" track --all --format bogus
expect_status "--year x: usage error" 2 "$MUBIAO" track --all --year x
expect_status "no store: exit 1" 1 "$MUBIAO" track --all --db "$T/none.db"
expect_grep "... explained" "no store here" "$T/out"
if [ -w /dev/full ]; then
    expect_status "standard output full: exit 1" 1 sh -c "'$MUBIAO' track --all >/dev/full"
    expect_grep "... explained" "cannot write output" "$T/out"
    expect_status "-o on a full device: exit 1" 1 "$MUBIAO" track --all --format html -o /dev/full
    expect_grep "... explained" "/dev/full: cannot write output" "$T/out"
fi

# ---- the national work reports, against the hand-checked list ----
if ! have_shared || [ ! -d "$SHARED/data/gwr" ]; then
    skip "the work reports: ../shared/data/gwr is absent"
    exit 0
fi
"$MUBIAO" ingest -q --db "$T/gwr.db" "$SHARED/data/gwr"
"$MUBIAO" track --db "$T/gwr.db" --format csv --no-bom 国内生产总值 居民消费价格 城镇新增就业 >gwr.csv
"$PY" - gwr.csv "$TOP/tests/data/track/gwr.expected" <<'EOF'
import csv, os, sys
series = {("国内生产总值", "%", "increase"), ("居民消费价格", "%", "increase"), ("城镇新增就业", "人", "level")}
got = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if (r["indicator"], r["unit"], r["change"]) not in series or r["period"] or r["base_year"] or r["region"] != "中华人民共和国":
        continue
    t = (r["target_comparator"] or "") + (r["target_value"] or (r["target_min"] + "~" + r["target_max"] if r["target_min"] else ""))
    absent = r["verdict"] == "absent"
    # for absent: the document without the target
    tdoc = os.path.basename(r["absent_from"] if absent else r["target_path"])
    got[(r["indicator"], r["year"])] = [t or "-", r["outcome_value"] or "-", r["verdict"], tdoc,
                                        os.path.basename(r["outcome_path"]) or "-"]
n = 0
seen = set()
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    f = line.split("\t")
    key, want, xfail = (f[0], f[1]), f[2:7], (f[7][6:] if len(f) > 7 and f[7].startswith("XFAIL ") else None)
    seen.add(key)
    have = got.get(key)
    ok = (have is None) if want[2] == "none" else (have == want)
    n += 1
    what = "gwr %s %s: %s" % (key[0], key[1], " ".join(want))
    if xfail and not ok:
        print("ok %d - %s # XFAIL %s" % (n, what, xfail))
    elif xfail:
        print("not ok %d - %s: XPASS (remove the XFAIL mark)" % (n, what))
    elif ok:
        print("ok %d - %s" % (n, what))
    else:
        print("not ok %d - %s\n  got: %s" % (n, what, " ".join(have) if have else "(no row)"))
for key in sorted(set(got) - seen):
    n += 1
    print("not ok %d - gwr %s %s: a row the hand-checked list does not have: %s" % (n, key[0], key[1], " ".join(got[key])))
EOF
