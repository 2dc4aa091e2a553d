# tests/cli/mapper.sh — mapper mode, --input jsonl of extract, numbers and
# paragraphs (issue 16): a JSON Lines stream of documents, records with
# doc.id, one JSON error line per bad document, offsets into each document's
# bytes, and the same records as mubiao extract FILE.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$TOP/tests/data/mapper"
X="$TOP/tests/data/extract"

# The fields of each record that tests/data/mapper/*.expect hold, a record a line.
project() {
    "$PY" -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l); d = r["doc"]
    print("\t".join(str(x) for x in [d["id"], d["path"], d["encoding"], d["date"], d["date_source"],
          r["span"]["start"], r["span"]["end"], r["span"]["text"], r["kind"], r["indicator"],
          r["value"], r["unit"], r["year"]]))'
}
# Records without the doc.id mapper mode adds (it comes first in doc).
strip_id() { sed 's/"doc":{"id":"[^"]*",/"doc":{/'; }

# A stream: good documents in order (text, base64 GB18030 with and without
# its encoding, an issuer), an empty and a blank line, and bad documents in
# the middle, each one JSON line on stderr; the stream goes on; exit 1.
"$MUBIAO" extract --input jsonl <"$D/stream.jsonl" >"$T/out" 2>"$T/err"
expect_eq "stream: exit 1 (documents failed)" "$?" "1"
expect_eq "stream: the records of the good documents, in order, offsets into their bytes" \
    "$(project <"$T/out")" "$(cat "$D/stream.expect")"
expect_eq "stream: one JSON error line per bad document, with id and line" "$(cat "$T/err")" "$(cat "$D/stream.err")"
"$MUBIAO" extract --input jsonl "$D/stream.jsonl" >"$T/out2" 2>"$T/err2"
expect_eq "stream as a file: same records" "$(cmp "$T/out" "$T/out2" && echo same)" "same"
expect_eq "stream as a file: errors name the input" "$(sed -n 1p "$T/err2")" \
    "{\"id\":\"doc-bad\",\"line\":3,\"input\":\"$D/stream.jsonl\",\"error\":\"invalid JSON at byte 24 of the line\"}"
expect_eq "stream as a file: every stderr line is JSON" \
    "$("$PY" -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]; print("json")' "$T/err2")" "json"

# Each document given as text (and as base64 of its bytes, encoding
# detected) gives exactly the records of mubiao extract FILE: with path set
# to the file's name, only doc.id differs.
"$PY" - "$X"/*.txt "$TOP"/corpus/*.txt >"$T/docs.jsonl" <<'PYEOF'
import base64, json, sys
for i, p in enumerate(sys.argv[1:]):
    b = open(p, "rb").read()
    print(json.dumps({"id": "t%d" % i, "path": p, "text": b.decode("utf-8")}, ensure_ascii=False))
for i, p in enumerate(sys.argv[1:]):
    b = open(p, "rb").read()
    print(json.dumps({"id": "b%d" % i, "path": p, "bytes_base64": base64.b64encode(b).decode()}))
PYEOF
"$MUBIAO" extract "$X"/*.txt "$TOP"/corpus/*.txt >"$T/files.jsonl"
"$MUBIAO" extract --input jsonl "$T/docs.jsonl" >"$T/mapped.jsonl" 2>"$T/err"
expect_eq "text and base64 documents: exit 0, no stderr" "$?:$(cat "$T/err")" "0:"
cat "$T/files.jsonl" "$T/files.jsonl" >"$T/files2.jsonl"
expect_eq "text and base64 documents: the records of mubiao extract FILE (but doc.id)" \
    "$(strip_id <"$T/mapped.jsonl" | cmp - "$T/files2.jsonl" && echo same)" "same"
expect_eq "doc.id is the document's id" \
    "$("$PY" -c 'import json,sys; print(sorted({json.loads(l)["doc"]["id"][0] for l in open(sys.argv[1])}))' "$T/mapped.jsonl")" \
    "['b', 't']"
# --format json and --explain, the same way
"$MUBIAO" extract --format json --explain "$X/release.txt" >"$T/f.json"
printf '{"id":"r","path":"%s","text":%s}\n' "$X/release.txt" \
    "$("$PY" -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read(), ensure_ascii=False))' "$X/release.txt")" |
    "$MUBIAO" extract --input jsonl --format json --explain >"$T/m.json"
expect_eq "--format json: one line a document, doc.id first in doc" \
    "$(strip_id <"$T/m.json" | cmp - "$T/f.json" && echo same):$(grep -c '"doc":{"id":"r","path"' "$T/m.json")" "same:1"

# GB18030 bytes: offsets into those bytes, as mubiao extract gives for the file.
iconv -f utf-8 -t gb18030 "$X/release.txt" >"$T/release-gb.txt"
"$PY" -c 'import base64,json,sys; print(json.dumps({"id":"gb","path":sys.argv[1],"bytes_base64":base64.b64encode(open(sys.argv[1],"rb").read()).decode(),"encoding":"gb18030"}))' \
    "$T/release-gb.txt" | "$MUBIAO" extract --input jsonl >"$T/gb.jsonl"
"$MUBIAO" extract "$T/release-gb.txt" >"$T/gbf.jsonl"
expect_eq "base64 GB18030: the records of the file, offsets into its GB18030 bytes" \
    "$(strip_id <"$T/gb.jsonl" | cmp - "$T/gbf.jsonl" && echo same):$(grep -c '"encoding":"gb18030"' "$T/gb.jsonl")" \
    "same:$(wc -l <"$T/gbf.jsonl" | tr -d ' ')"
expect_eq "base64 GB18030: the span's bytes decode to its text" "$("$PY" - "$T/gb.jsonl" "$T/release-gb.txt" <<'PYEOF'
import json, sys, unicodedata
raw = open(sys.argv[2], "rb").read()
bad = 0
for l in open(sys.argv[1]):
    r = json.loads(l)
    s, e = r["span"]["start"], r["span"]["end"]
    got = unicodedata.normalize("NFKC", raw[s:e].decode("gb18030"))
    bad += "".join(got.split()) != "".join(unicodedata.normalize("NFKC", r["span"]["text"]).split())
print("bad", bad)
PYEOF
)" "bad 0"

# Dates: the document's "date" is used as --date; --date is the default of
# the documents without one; the path is a name only: no sidecar is read.
"$MUBIAO" extract --date 2027-03-05 "$X/release.txt" >"$T/d1"
printf '{"id":"r","path":"%s","text":%s,"date":"2027-03-05"}\n' "$X/release.txt" \
    "$("$PY" -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read(), ensure_ascii=False))' "$X/release.txt")" >"$T/dated.jsonl"
"$MUBIAO" extract --input jsonl <"$T/dated.jsonl" | strip_id >"$T/d2"
expect_eq "\"date\": as --date" "$(cmp "$T/d1" "$T/d2" && echo same)" "same"
sed 's/,"date":"2027-03-05"//' "$T/dated.jsonl" | "$MUBIAO" extract --input jsonl --date 2027-03-05 | strip_id >"$T/d3"
expect_eq "--date: the default date of the stream" "$(cmp "$T/d1" "$T/d3" && echo same)" "same"
sed 's/"date":"2027-03-05"/"date":"2019-01-02"/' "$T/dated.jsonl" | "$MUBIAO" extract --input jsonl --date 2027-03-05 >"$T/d4"
expect_eq "a document's date before --date" "$(grep -c '"date":"2019-01-02","date_source":"given"' "$T/d4")" \
    "$(wc -l <"$T/d4" | tr -d ' ')"
echo '今年粮食产量达到1.3万亿斤。' >"$T/side.txt"
echo '{"date":"2001-02-03"}' >"$T/side.txt.meta.json"
"$MUBIAO" extract "$T/side.txt" | grep -c '"date":"2001-02-03","date_source":"given"' >"$T/n1"
printf '{"id":"s","path":"%s","text":"今年粮食产量达到1.3万亿斤。"}\n' "$T/side.txt" | "$MUBIAO" extract --input jsonl >"$T/s.jsonl"
expect_eq "path is a name only: its sidecar is not read (extract FILE reads it)" \
    "$(cat "$T/n1"):$(grep -c '"date":null,"date_source":"none"' "$T/s.jsonl")" "1:1"
printf '{"id":"s","path":"/nonexistent/x.txt","text":"今年粮食产量达到1.3万亿斤。"}\n' | "$MUBIAO" extract --input jsonl >"$T/out" 2>"$T/err"
expect_eq "a path that does not exist is fine" "$?:$(grep -c '"path":"/nonexistent/x.txt"' "$T/out"):$(cat "$T/err")" "0:1:"
# A path ending in .html reads the bytes as a page, as for a file.
cp "$TOP/tests/data/html/"*.html "$T/" 2>/dev/null
page=$(ls "$T"/*.html 2>/dev/null | head -1)
if [ -n "$page" ]; then
    "$PY" -c 'import base64,json,sys; print(json.dumps({"id":"h","path":sys.argv[1],"bytes_base64":base64.b64encode(open(sys.argv[1],"rb").read()).decode()}))' \
        "$page" | "$MUBIAO" extract --input jsonl | strip_id >"$T/h1"
    "$MUBIAO" extract "$page" >"$T/h2"
    expect_eq "a page (path .html): the records of the file" "$(cmp "$T/h1" "$T/h2" && echo same)" "same"
fi

# numbers and paragraphs: the same lines as for the file, with doc_id
# (numbers: doc is the path) or doc.id.
"$MUBIAO" numbers --date 2026-01-20 "$X/release.txt" >"$T/n1"
"$MUBIAO" numbers --input jsonl <"$T/dated.jsonl" >"$T/n2"
sed 's/"date":"2027-03-05"/"date":"2026-01-20"/' "$T/dated.jsonl" | "$MUBIAO" numbers --input jsonl >"$T/n3"
expect_eq "numbers: the document's date resolves its times; a doc_id on every line" \
    "$(sed 's/^{"doc_id":"r",/{/' "$T/n3" | cmp - "$T/n1" && echo same):$(grep -c '^{"doc_id":"r","doc":' "$T/n2")" \
    "same:$(wc -l <"$T/n1" | tr -d ' ')"
"$MUBIAO" paragraphs "$X/release.txt" >"$T/p1"
"$MUBIAO" paragraphs --input jsonl <"$T/dated.jsonl" >"$T/p2" 2>"$T/err"
expect_eq "paragraphs: the file's paragraphs, with doc.id" \
    "$(strip_id <"$T/p2" | cmp - "$T/p1" && echo same):$(grep -c '^{"doc":{"id":"r",' "$T/p2"):$(cat "$T/err")" \
    "same:$(wc -l <"$T/p1" | tr -d ' '):"
printf '{"id":"x"}\n{"id":"y","text":"一、总体要求"}\n' | "$MUBIAO" paragraphs --input jsonl >"$T/out" 2>"$T/err"
expect_eq "paragraphs: a bad document said, the next read" "$?:$(cat "$T/err"):$(grep -c '"id":"y"' "$T/out")" \
    '1:{"id":"x","line":1,"error":"missing \"text\" (or \"bytes_base64\")"}:1'

# Records are valid against the schema, doc.id included.
if "$PY" -c "import jsonschema" 2>/dev/null; then
    expect_eq "mapper records valid against schema/commitment.schema.json" "$("$PY" - "$TOP/schema/commitment.schema.json" "$T/mapped.jsonl" <<'PYEOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
bad = 0
for l in open(sys.argv[2]):
    try:
        jsonschema.validate(json.loads(l), schema)
    except jsonschema.ValidationError as e:
        bad += 1
print("invalid", bad)
PYEOF
)" "invalid 0"
else
    skip "python3-jsonschema not installed: schema not checked"
fi

# Line ends: CRLF, a last line without "\n"; empty input.
printf '{"id":"a","text":"到2025年GDP增长5%%左右。"}\r\n{"id":"b","text":"到2025年GDP增长5%%左右。"}' |
    "$MUBIAO" extract --input jsonl >"$T/out" 2>"$T/err"
expect_eq "CRLF and a last line without newline" "$?:$(grep -o '"doc":{"id":"[ab]"' "$T/out" | tr '\n' ' '):$(cat "$T/err")" \
    '0:"doc":{"id":"a" "doc":{"id":"b" :'
: | "$MUBIAO" extract --input jsonl >"$T/out" 2>"$T/err"
expect_eq "empty stream: exit 0, nothing" "$?:$(cat "$T/out" "$T/err")" "0:"
# --lenient: the warnings of a document as JSON lines with its id
printf '{"id":"w","bytes_base64":"5Yiw/zIwMjXlubRHRFDlop7plb81JeW3puWPs+OAgg==","encoding":"utf-8"}\n' |
    "$MUBIAO" extract --input jsonl --lenient >"$T/out" 2>"$T/err"
expect_eq "--lenient: a warning line with the id; the records" \
    "$?:$(cat "$T/err"):$(grep -c '"doc":{"id":"w"' "$T/out")" \
    '0:{"id":"w","line":1,"warning":"w: byte 3: invalid utf-8 sequence (0xFF) replaced by U+FFFD"}:1'

# Usage and inputs.
expect_status "--pretty with --input jsonl: usage error" 2 "$MUBIAO" extract --input jsonl --pretty "$D/stream.jsonl"
expect_status "--input xml: usage error" 2 "$MUBIAO" extract --input xml "$D/stream.jsonl"
expect_status "numbers --input xml: usage error" 2 "$MUBIAO" numbers --input xml "$D/stream.jsonl"
"$MUBIAO" extract --input jsonl "$T/missing.jsonl" "$T/dated.jsonl" >"$T/out" 2>"$T/err"
expect_eq "a missing input: said, the next read, exit 1" \
    "$?:$(cat "$T/err"):$(grep -c '"doc":{"id":"r"' "$T/out")" \
    "1:mubiao extract: $T/missing.jsonl: No such file or directory:$(wc -l <"$T/d1" | tr -d ' ')"
"$MUBIAO" extract --input jsonl "$T" >"$T/out" 2>"$T/err"
expect_eq "a folder: said, exit 1" "$?:$(cat "$T/err")" \
    "1:mubiao extract: $T: a folder: --input jsonl reads JSON Lines files"
"$MUBIAO" extract --input jsonl <"$T/dated.jsonl" >/dev/full 2>"$T/err"
expect_eq "/dev/full: exit 1, said" "$?:$(cat "$T/err")" "1:mubiao extract: cannot write output: No space left on device"

# A line longer than the 1 GiB document limit: said with the id it starts
# with, skipped to its end without holding it; the next document is read.
if [ "${MUBIAO_SKIP_BIG:-}" ]; then
    skip "MUBIAO_SKIP_BIG set: the 1 GiB line is not tested"
else
    {
        printf '{"id":"big","text":"'
        head -c 1073741824 /dev/zero | tr '\0' a
        printf '"}\n{"id":"after","text":"到2025年GDP增长5%%左右。"}\n'
    } | "$MUBIAO" extract --input jsonl >"$T/out" 2>"$T/err"
    expect_eq "a line over 1 GiB: an error line with its id; the next document read" \
        "$?:$(cat "$T/err"):$(grep -c '"doc":{"id":"after"' "$T/out")" \
        '1:{"id":"big","line":1,"error":"line longer than 1073741824 bytes (the document limit): not read"}:1'
fi

# "issuer": the document's issuer and its region; --issuer for the others
expect_eq "mapper: a document's issuer, else --issuer" "$(printf '%s\n%s\n' \
    '{"id":"a","text":"今年地区生产总值增长5%左右。","date":"2030-03-01","issuer":"江苏省人民政府"}' \
    '{"id":"b","text":"今年地区生产总值增长5%左右。","date":"2030-03-01"}' |
    "$MUBIAO" extract --input jsonl --issuer 国务院 | "$PY" -c "
import json, sys
for l in sys.stdin:
    d = json.loads(l)['doc']
    print(d['id'], d['issuer'], d['region']['name'])")" "$(printf 'a 江苏省人民政府 江苏省\nb 国务院 中华人民共和国')"

# a document's path is a name only: its sidecar's issuer is not read either
mkdir -p "$T/nm" && printf '{"date":"2001-01-01","issuer":"某某局"}' >"$T/nm/x.txt.meta.json"
expect_eq "mapper: a path's PATH.meta.json is never opened (date and issuer)" "$(cd "$T/nm" &&
    printf '%s\n' '{"id":"a","path":"x.txt","text":"今年地区生产总值增长5%左右。"}' |
    "$MUBIAO" extract --input jsonl | "$PY" -c "
import json, sys
d = json.loads(sys.stdin.readline())['doc']
print(d['path'], d['date'], d['issuer'])")" "x.txt None None"
