# tests/cli/extract.sh — mubiao extract: records, fields, links, schema,
# stability, inputs and errors.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$TOP/tests/data/extract"

# Records, record by record, with no extra ones (check_records prints ok/not ok).
for exp in "$D"/*.expect; do
    doc=$(sed -n 's/^# doc: //p' "$exp" | head -1)
    [ -n "$doc" ] || doc=${exp%.expect}.txt
    case "$doc" in /*) ;; *) [ -f "$doc" ] || doc="$TOP/$doc" ;; esac
    "$MUBIAO" extract "$doc" >"$T/recs.jsonl" 2>"$T/err"
    expect_eq "extract $(basename "$doc"): exit 0, no stderr" "$?:$(cat "$T/err")" "0:"
    "$PY" "$TOP/tests/check_records.py" "$exp" "$T/recs.jsonl" --exact-count | sed "s/^\(not \)\{0,1\}ok [0-9]* - /&$(basename "$exp"): /"
done

# Every field present, JSON Schema v1, and links: the source bytes of each
# span decode and normalize back to span.text.
cat "$D/release.txt" >"$T/release.txt"
"$MUBIAO" extract "$TOP"/corpus/*.txt "$T/release.txt" >"$T/all.jsonl"
expect_eq "extract corpus + release: exit 0" "$?" "0"
# --explain: the same records with an evidence object (checked by the
# schema below, and its offsets by the link check)
"$MUBIAO" extract --explain "$D/frames.txt" "$D/communique.txt" >"$T/explain.jsonl"
expect_eq "extract --explain: exit 0" "$?" "0"
cat "$T/all.jsonl" "$T/explain.jsonl" >"$T/schema.jsonl"
if "$PY" -c "import jsonschema" 2>/dev/null; then
    out=$("$PY" - "$TOP/schema/commitment.schema.json" "$T/schema.jsonl" <<'PYEOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
bad = 0
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    n += 1
    try:
        jsonschema.validate(json.loads(line), schema)
    except jsonschema.ValidationError as e:
        bad += 1
        print("line", n, e.message)
print(f"{n} records, {bad} invalid")
PYEOF
)
    expect_eq "records valid against schema/commitment.schema.json" "$(echo "$out" | tail -1)" "$(wc -l <"$T/schema.jsonl" | tr -d ' ') records, 0 invalid"
else
    skip "python3-jsonschema not installed: schema not checked"
fi
out=$("$PY" - "$T/all.jsonl" <<'PYEOF'
import json, sys, unicodedata
bad = []
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    raw = open(r["doc"]["path"], "rb").read()
    s, e = r["span"]["start"], r["span"]["end"]
    got = unicodedata.normalize("NFKC", raw[s:e].decode(r["doc"]["encoding"]))
    want = unicodedata.normalize("NFKC", r["span"]["text"])
    if "".join(got.split()) != "".join(want.split()) or r["quote"]["exact"] != r["span"]["text"]:
        bad.append(r["span"]["text"])
    p = r["paragraph"]
    if not (p["start"] <= s <= e <= p["end"]):
        bad.append("outside paragraph: " + r["span"]["text"])
print("bad links:", bad)
PYEOF
)
expect_eq "every span links to its source bytes" "$out" "bad links: []"

# Same input, same output, byte for byte.
"$MUBIAO" extract "$TOP"/corpus/*.txt "$T/release.txt" >"$T/all2.jsonl"
expect_eq "output is stable" "$(cmp "$T/all.jsonl" "$T/all2.jsonl" && echo same)" "same"
expect_eq "ids are unique" "$("$PY" -c 'import json,sys; ids=[json.loads(l)["id"] for l in open(sys.argv[1])]; print(len(ids)==len(set(ids)))' "$T/all.jsonl")" "True"

# Standard input.
"$MUBIAO" extract - <"$T/release.txt" >"$T/stdin.jsonl"
expect_eq "stdin: same records" "$(sed 's/"path":"[^"]*"//' "$T/stdin.jsonl" | md5sum)" \
    "$("$MUBIAO" extract "$T/release.txt" | sed 's/"path":"[^"]*"//' | md5sum)"
expect_grep "stdin: path is -" '"path":"-"' "$T/stdin.jsonl"

# Dates: text dateline, --date, sidecar, none.
expect_grep "dateline found in the text" '"date":"2026-01-20","date_source":"text"' "$T/stdin.jsonl"
"$MUBIAO" extract --date 2027-03-05 "$T/release.txt" >"$T/d.jsonl"
expect_grep "--date wins" '"date":"2027-03-05","date_source":"given"' "$T/d.jsonl"
expect_grep "--date moves relative years (去年 = 2026)" '"year":2026,"time_text":"去年"' "$T/d.jsonl"
printf '城镇新增就业1000万人以上。\n' >"$T/plain.txt"
printf '{"date": "2024-03-05"}\n' >"$T/plain.txt.meta.json"
"$MUBIAO" extract "$T/plain.txt" >"$T/m.jsonl"
expect_grep "sidecar FILE.meta.json gives the date" '"date":"2024-03-05","date_source":"given"' "$T/m.jsonl"
printf '{"date": "2024-13-05"}\n' >"$T/plain.txt.meta.json"
expect_status "bad sidecar date: exit 1" 1 "$MUBIAO" extract "$T/plain.txt"
expect_grep "bad sidecar: names the sidecar file" "plain.txt.meta.json" "$T/out"
rm -f "$T/plain.txt.meta.json"
"$MUBIAO" extract "$T/plain.txt" >"$T/m.jsonl"
expect_grep "no date: date null, source none" '"date":null,"date_source":"none"' "$T/m.jsonl"
expect_status "invalid --date: usage error" 2 "$MUBIAO" extract --date 2024-02-30 "$T/plain.txt"

# --format json, --pretty, --kind.
"$MUBIAO" extract --format json "$T/release.txt" >"$T/doc.json"
expect_eq "--format json: one document with its paragraphs and records" \
    "$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["schema"], len(d["paragraphs"]), len(d["records"]))' "$T/doc.json")" \
    "mubiao/document/v1 6 13"
"$MUBIAO" extract --pretty "$T/release.txt" >"$T/pretty.json"
expect_eq "--pretty: same records, indented" \
    "$("$PY" -c 'import json,sys; print(len(list(json.JSONDecoder().raw_decode(open(sys.argv[1]).read().lstrip())[0])))' "$T/pretty.json")" "23"
"$MUBIAO" extract --kind target "$T/release.txt" >"$T/t.jsonl"
expect_eq "--kind target: only targets" "$(grep -c '"kind":"target"' "$T/t.jsonl"):$(wc -l <"$T/t.jsonl" | tr -d ' ')" "6:6"
expect_eq "--kind keeps the ids" "$(grep -o '"id":"[0-9a-f]*"' "$T/t.jsonl" | head -1)" \
    "$(grep '"kind":"target"' "$T/all.jsonl" | grep release.txt | grep -o '"id":"[0-9a-f]*"' | head -1)"
expect_status "--kind other: usage error" 2 "$MUBIAO" extract --kind plan "$T/release.txt"
expect_status "--format other: usage error" 2 "$MUBIAO" extract --format xml "$T/release.txt"

# Another encoding: the same records, spans on the GB18030 bytes.
iconv -f UTF-8 -t GB18030 "$T/release.txt" >"$T/release-gb.txt"
"$MUBIAO" extract "$T/release-gb.txt" >"$T/gb.jsonl"
expect_eq "GB18030 copy: same fields" \
    "$(sed -e 's/"id":"[^"]*"//' -e 's/"doc":{[^}]*}//' -e 's/"start":[0-9]*,"end":[0-9]*//g' "$T/gb.jsonl" | md5sum)" \
    "$(sed -e 's/"id":"[^"]*"//' -e 's/"doc":{[^}]*}//' -e 's/"start":[0-9]*,"end":[0-9]*//g' "$T/stdin.jsonl" | md5sum)"
out=$("$PY" - "$T/gb.jsonl" <<'PYEOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    raw = open(r["doc"]["path"], "rb").read()
    if raw[r["span"]["start"]:r["span"]["end"]].decode("gb18030") != r["span"]["text"]:
        print("bad", r["span"]["text"])
print("checked")
PYEOF
)
expect_eq "GB18030 copy: span offsets point at GB18030 bytes" "$out" "checked"

# Errors per file do not stop the others.
"$MUBIAO" extract "$T/release.txt" "$T/missing.txt" "$T/plain.txt" >"$T/e.jsonl" 2>"$T/e.err"
expect_eq "a missing file: exit 1" "$?" "1"
expect_grep "a missing file: named on stderr" "missing.txt" "$T/e.err"
expect_eq "a missing file: the others still extracted" "$(wc -l <"$T/e.jsonl" | tr -d ' ')" "14"
printf 'abc\000def' >"$T/bin.txt"
expect_status "binary input: exit 1" 1 "$MUBIAO" extract "$T/bin.txt"
expect_grep "binary input: says so" "binary" "$T/out"
: >"$T/empty.txt"
expect_status "empty file: exit 0" 0 "$MUBIAO" extract "$T/empty.txt"
expect_eq "empty file: no records" "$(cat "$T/out")" ""
expect_status "no dictionary: exit 1" 1 "$MUBIAO" extract --dict "$T/nope.dict" "$T/plain.txt"
expect_grep "no dictionary: names it" "nope.dict" "$T/out"

# Hostile text: long lines, number soup, lone punctuation — no crash, no hang.
"$PY" - "$T/soup.txt" <<'PYEOF'
import random, sys
random.seed(7)
parts = ["到", "2025", "年", "万亿", "亿元", "%", "左右", "以上", "，", "。", "；", "、", "分别", "增长", "比", "上年",
         "1.5", "一千二百", "○", "第", "个", "家", "—", "-", "～", "“", "”", "：", "今年", "去年", "三年内", "力争",
         "超过", "近", "约", "\n", " ", "GDP", "十四五", "翻一番", "百分之", "点", "∶", "1", "人"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for _ in range(4000):
        f.write(random.choice(parts))
    f.write("1" * 5000 + "万亿" * 300 + "。\n")
PYEOF
expect_status "number soup: no crash, no hang" 0 timeout 60 "$MUBIAO" extract "$T/soup.txt"

# All the government work reports: no failure, and every span links back.
if have_shared; then
    "$MUBIAO" extract "$SHARED"/data/gwr/*.txt >"$T/gwr.jsonl" 2>"$T/gwr.err"
    expect_eq "all GWR files: exit 0, no stderr" "$?:$(head -c 300 "$T/gwr.err")" "0:"
    out=$("$PY" - "$T/gwr.jsonl" <<'PYEOF'
import json, sys, unicodedata
n = bad = 0
cache = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    n += 1
    p = r["doc"]["path"]
    raw = cache.setdefault(p, open(p, "rb").read())
    got = unicodedata.normalize("NFKC", raw[r["span"]["start"]:r["span"]["end"]].decode("utf-8"))
    if "".join(got.split()) != "".join(unicodedata.normalize("NFKC", r["span"]["text"]).split()):
        bad += 1
print("many" if n > 3000 else n, "records,", bad, "bad links")
PYEOF
)
    expect_eq "all GWR files: every span links to its bytes" "$out" "many records, 0 bad links"
else
    skip "../shared absent: GWR extraction not checked"
fi

# Long paragraphs and sentences stay linear: 20,000 sentences in one
# paragraph, and one sentence of 1,500 clauses (timeout guards a hang only).
"$PY" -c "print('今年' + ''.join('产量增长%d%%。' % (i % 90) for i in range(20000)))" >"$T/many.txt"
"$PY" -c "print('今年国内生产总值增长' + '，'.join('增长%d%%' % (i % 90) for i in range(1500)) + '。')" >"$T/long.txt"
expect_eq "20,000 sentences in one paragraph: every record" \
    "$(timeout 120 "$MUBIAO" extract "$T/many.txt" | wc -l | tr -d ' ')" "20000"
expect_eq "one sentence of 1,500 clauses: every record" \
    "$(timeout 120 "$MUBIAO" extract "$T/long.txt" | wc -l | tr -d ' ')" "1500"
expect_eq "show on 20,000 records of one paragraph: every marker" \
    "$(timeout 120 "$MUBIAO" show "$T/many.txt" | grep -o '⟦[0-9]*:' | wc -l | tr -d ' ')" "20000"
expect_eq "report on 20,000 records of one paragraph: every highlight" \
    "$(timeout 120 "$MUBIAO" report "$T/many.txt" | grep -o 'id="hl-[0-9]*"' | wc -l | tr -d ' ')" "20000"

# --explain: the rule and the text behind kind, year and change, exactly;
# every evidence text is the normalized text of its source bytes.
out=$("$PY" - "$T/explain.jsonl" "$D/frames.txt" <<'PYEOF'
import json, sys, unicodedata
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
src = open(sys.argv[2], "rb").read()
def ev(r, f):
    e = r["evidence"][f]
    return "-" if e is None else "%s/%s/%s/%s" % (e["rule"], e["scope"], e["what"], e["text"])
for r in recs:
    if r["doc"]["path"].endswith("frames.txt"):
        print(r["span"]["text"], ev(r, "kind"), ev(r, "year"), ev(r, "change"), sep=" | ")
bad = 0
for r in recs:
    if not r["doc"]["path"].endswith("frames.txt"):
        continue
    for f in ("kind", "year", "change"):
        e = r["evidence"][f]
        if e and e["start"] is not None:
            t = unicodedata.normalize("NFKC", src[e["start"]:e["end"]].decode("utf-8"))
            bad += "".join(t.split()) != "".join(unicodedata.normalize("NFKC", e["text"]).split())
print("evidence links bad:", bad)
PYEOF
)
expect_eq "--explain: evidence of each record of frames.txt" "$out" "6.2% | time/sentence/None/五年来 | time/sentence/None/五年来 | change verb/clause/None/增长
60万人 | cue/clause/None/累计 | time/sentence/None/五年来 | default/None/None/None
4%左右 | review estimate/lead-in/review/一年来 | frame/lead-in/review/一年来 | change verb/clause/None/增长
30亿元 | review estimate/lead-in/review/一年来 | frame/lead-in/review/一年来 | default/None/None/None
5%左右 | frame/heading/plan period/“十五五”时期 | frame/heading/plan period/“十五五”时期 | change verb/clause/None/增长
12%左右 | named goal/clause/None/等目标 | time/clause/None/“十五五”期间 | change verb/clause/None/降低
人均地区生产总值达到中等发达国家水平 | deadline list/paragraph/None/到二〇三五年 | time/sentence/None/到二〇三五年 | state/clause/None/达到中等发达国家水平
7% | time/paragraph/None/过去一年 | time/paragraph/None/过去一年 | change verb/clause/None/增长
5%左右 | target list/sentence/None/目标是： | time/sentence/None/今年 | change verb/clause/None/增长
5.5%以内 | time/paragraph/None/今年 | time/paragraph/None/今年 | default/None/None/None
居民收入增长和经济增长同步 | target list/paragraph/None/目标是： | time/paragraph/None/今年 | state/clause/None/同步
主要污染物排放量继续下降 | target list/paragraph/None/目标是： | time/paragraph/None/今年 | state/clause/None/下降
12% | time/sentence/None/2025年 | time/sentence/None/2025年 | change verb/clause/None/增长
evidence links bad: 0"
# --explain: the rule and the text behind each indicator of frames.txt
expect_eq "--explain: the indicator's evidence" "$("$PY" -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(l)
    if r['doc']['path'].endswith('frames.txt'):
        e = r['evidence']['indicator']
        print(r['indicator'], e['rule'], e['scope'], e['text'], sep='/')" "$T/explain.jsonl")" \
"地区生产总值/noun phrase/clause/地区生产总值
城镇新增就业/noun phrase/clause/城镇新增就业
社会消费品零售总额/noun phrase/clause/社会消费品零售总额
中央预算内资金/noun phrase/clause/中央预算内资金
地区生产总值/noun phrase/clause/地区生产总值
单位地区生产总值能耗/noun phrase/clause/单位地区生产总值能耗
人均地区生产总值/state item/clause/人均地区生产总值
规模以上工业增加值/noun phrase/clause/规模以上工业增加值
地区生产总值/noun phrase/clause/地区生产总值
城镇调查失业率/noun phrase/clause/城镇调查失业率
居民收入/state item/clause/居民收入
主要污染物排放量/state item/clause/主要污染物排放量
粮食产量/noun phrase/clause/粮食产量"
# a fragment (one character left by the noun-phrase rules) is no
# indicator: null, and the evidence says what was found (invented text)
printf '治理排危4968处。\n' >"$T/fragment.txt"
expect_eq "--explain: a fragment gives a null indicator, and says so" "$("$MUBIAO" extract --explain --date 2024-01-01 "$T/fragment.txt" | "$PY" -c "
import json, sys
r = json.loads(sys.stdin.readline()); e = r['evidence']['indicator']
print(r['indicator'], r['indicator_id'], e['rule'], e['text'], e['start'], e['end'])")" "None None fragment 危 9 12"
"$MUBIAO" show --explain --only-records "$D/frames.txt" >"$T/show.txt"
expect_grep "show --explain: the lead-in frame behind 预计 in a review" '      kind    review estimate (lead-in: review) «一年来» \[4\]' "$T/show.txt"

# spec v1.1: a sentence longer than 400 characters is cut to at most 200
# characters each side of the span, each cut marked with … (the output
# stays linear in the input); a shorter one is whole (invented text).
"$PY" -c "
import sys
open(sys.argv[1], 'w', encoding='utf-8').write('前言' * 300 + '到2025年上市企业突破120家' + '后记' * 300 + '。\n')
open(sys.argv[2], 'w', encoding='utf-8').write('前言' * 100 + '到2025年上市企业突破120家。\n')" "$T/long.txt" "$T/short.txt"
expect_eq "a sentence of 1,217 characters: 200 each side of the span, cuts marked" "$("$MUBIAO" extract --date 2024-01-01 "$T/long.txt" | "$PY" -c "
import json, sys
r = json.loads(sys.stdin.readline()); s = r['sentence']
print(len(s), s[0], s[-1], s[1:201] == ('前言' * 300 + '到2025年上市企业')[-200:], s[-201:-1] == ('后记' * 100), r['span']['text'])")" \
    "408 … … True True 突破120家"
expect_eq "a sentence of 217 characters: whole" "$("$MUBIAO" extract --date 2024-01-01 "$T/short.txt" | "$PY" -c "
import json, sys
r = json.loads(sys.stdin.readline()); print(len(r['sentence']), '…' in r['sentence'])")" "217 False"
