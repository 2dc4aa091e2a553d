# tests/cli/audit.sh — mubiao audit on edited copies of a corpus file:
# unchanged (ok), a paragraph inserted before (moved; --fix), a number
# changed (changed, old and new text), a sentence deleted (missing),
# re-encoded to GB18030 (moved to GB18030 offsets), the file removed
# (unreadable), broken record lines (invalid, with the line number); then
# the government work reports when ../shared is there.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
C="$PY $TOP/tests/cli/audit_check.py"
cd "$T" || exit 1

cp "$TOP/corpus/002_5a266641c087b39d.txt" orig.txt
cp orig.txt doc.txt
"$MUBIAO" extract doc.txt >recs.jsonl
nrec=$(wc -l <recs.jsonl | tr -d ' ')
expect_eq "extract gives the records the tests use" \
    "$(for t in '超过 25 个' '1.5 万名以上' '突破120 家'; do $C get recs.jsonl span.text "$t" kind; done | tr '\n' ' ')" \
    "target target target "
id120=$($C get recs.jsonl span.text '突破120 家' id)
id15=$($C get recs.jsonl span.text '1.5 万名以上' id)
summary() { tail -1 err; }

# -- unchanged: every record ok, exit 0
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "unchanged: exit 0" "$?" 0
expect_eq "unchanged: the verdict line of record 1, exactly" "$(head -1 out)" "$($C ok-line recs.jsonl 1)"
expect_eq "unchanged: summary" "$(summary)" \
    "mubiao audit: $nrec records: $nrec ok, 0 moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"
expect_eq "unchanged: one line per record" "$(wc -l <out | tr -d ' ')" "$nrec"
"$MUBIAO" audit --quiet recs.jsonl >out 2>err
expect_eq "--quiet: no ok verdicts" "$?:$(wc -c <out | tr -d ' ')" "0:0"
"$MUBIAO" audit - <recs.jsonl >out 2>err
expect_eq "records from standard input: named -:LINE" "$?:$($C get out id "$id120" record)" "0:-:$(grep -n "$id120" recs.jsonl | cut -d: -f1)"

# -- a paragraph inserted before: every record moved by its 50 bytes
$PY - <<'EOF'
s = open("orig.txt", encoding="utf-8").read()
i = s.index("发展出题目")
open("doc.txt", "w", encoding="utf-8").write(s[:i] + "这是新插入的一个段落，说明背景。\n\n" + s[i:])
EOF
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "paragraph inserted: exit 0" "$?" 0
expect_eq "paragraph inserted: every record moved 50 bytes on" "$($C shifted out 50)" ok
"$MUBIAO" audit --fix recs.jsonl >fixed.jsonl 2>err
expect_eq "--fix: exit 0, one record per record" "$?:$(wc -l <fixed.jsonl | tr -d ' ')" "0:$nrec"
expect_eq "--fix: span bytes decode to span.text, sha256 is the file's" "$($C links fixed.jsonl)" ok
expect_eq "--fix: paragraph index follows" "$($C get fixed.jsonl id "$id120" paragraph.index)" 6
expect_eq "--fix: other fields kept" "$($C get fixed.jsonl id "$id120" value):$($C get fixed.jsonl id "$id120" year)" "120:2025"
"$MUBIAO" audit fixed.jsonl >out 2>err
expect_eq "--fix output audits ok" "$?:$(summary)" \
    "0:mubiao audit: $nrec records: $nrec ok, 0 moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"

# -- a number changed 120 -> 150: changed, with old and new text
sed 's/突破120 家/突破150 家/' orig.txt >doc.txt
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "number changed: exit 1" "$?" 1
expect_eq "number changed: status" "$($C get out id "$id120" status)" changed
expect_eq "number changed: old_text" "$($C get out id "$id120" old_text)" "突破120 家"
expect_eq "number changed: new_text" "$($C get out id "$id120" new_text)" "突破150 家"
expect_eq "number changed: new_span where the old one was" \
    "$($C get out id "$id120" new_span.start)-$($C get out id "$id120" new_span.end)" \
    "$($C get recs.jsonl id "$id120" span.start)-$($C get recs.jsonl id "$id120" span.end)"
expect_eq "number changed: the others moved (same bytes)" "$(summary)" \
    "mubiao audit: $nrec records: 0 ok, $((nrec - 1)) moved, 1 changed, 0 missing, 0 unreadable, 0 invalid"
"$MUBIAO" audit --fix recs.jsonl >fixed.jsonl 2>err
expect_eq "--fix leaves the changed record out" "$?:$(wc -l <fixed.jsonl | tr -d ' '):$(grep -c "$id120" fixed.jsonl)" "1:$((nrec - 1)):0"
expect_grep "--fix says which record was left out" "recs.jsonl: line [0-9]*: record $id120 is changed, left out" err

# -- a sentence deleted: missing
$PY - <<'EOF'
s = open("orig.txt", encoding="utf-8").read()
a = s.index("突出“高精尖缺”导向")
b = s.index("园区示范。") + len("园区示范。")
open("doc.txt", "w", encoding="utf-8").write(s[:a] + s[b:])
EOF
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "sentence deleted: exit 1" "$?" 1
expect_eq "sentence deleted: missing" "$($C get out id "$id15" status)" missing
expect_eq "sentence deleted: detail" "$($C get out id "$id15" detail)" \
    "the file changed (sha256 differs); neither the quote nor its prefix and suffix are there"
expect_eq "sentence deleted: no new span" "$($C get out id "$id15" new_span)" null
expect_eq "sentence deleted: the others still found" "$(summary)" \
    "mubiao audit: $nrec records: 0 ok, $((nrec - 1)) moved, 0 changed, 1 missing, 0 unreadable, 0 invalid"

# -- re-encoded to GB18030: moved, offsets in GB18030 bytes
iconv -f utf-8 -t gb18030 orig.txt >doc.txt
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "GB18030: exit 0, all moved" "$?:$(summary)" \
    "0:mubiao audit: $nrec records: 0 ok, $nrec moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"
gb=$($PY -c "
s = open('orig.txt', encoding='utf-8').read()
i = s.index('突破120 家')
print(len(s[:i].encode('gb18030')), len(s[:i + 7].encode('gb18030')))")
expect_eq "GB18030: new_span in GB18030 bytes" \
    "$($C get out id "$id120" new_span.start) $($C get out id "$id120" new_span.end)" "$gb"
"$MUBIAO" audit --fix recs.jsonl >fixed.jsonl 2>err
expect_eq "GB18030 --fix: encoding gb18030" "$($C get fixed.jsonl id "$id120" doc.encoding)" gb18030
expect_eq "GB18030 --fix: span bytes decode to span.text" "$($C links fixed.jsonl)" ok
"$MUBIAO" audit fixed.jsonl >out 2>err
expect_eq "GB18030 --fix output audits ok" "$?:$(summary)" \
    "0:mubiao audit: $nrec records: $nrec ok, 0 moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"

# -- the file removed: unreadable
rm doc.txt
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "file removed: exit 1, all unreadable" "$?:$(summary)" \
    "1:mubiao audit: $nrec records: 0 ok, 0 moved, 0 changed, 0 missing, $nrec unreadable, 0 invalid"
expect_eq "file removed: detail" "$($C get out id "$id120" detail)" "doc.txt: No such file or directory"
printf 'abc\000def' >doc.txt
"$MUBIAO" audit recs.jsonl >out 2>err
expect_eq "binary file: unreadable" "$($C get out id "$id120" status)" unreadable
cp orig.txt doc.txt

# -- broken record lines: invalid, named by file and line, the others checked
{
    head -1 recs.jsonl
    echo 'not json'
    echo
    echo '{"id":"x"}'
    head -1 recs.jsonl | cut -c1-60
} >bad.jsonl
"$MUBIAO" audit bad.jsonl >out 2>err
expect_eq "broken lines: exit 1" "$?" 1
expect_grep "not JSON: file and line" "^mubiao audit: bad.jsonl: line 2: not JSON (syntax error at byte 0 of the line)$" err
expect_grep "lacks fields: the first missing one" "^mubiao audit: bad.jsonl: line 4: not a mubiao record: doc (an object) is missing$" err
expect_grep "truncated line" "^mubiao audit: bad.jsonl: line 5: not JSON" err
expect_eq "broken lines: a verdict line each, status invalid" "$(sed -n 2p out)" \
    '{"record":"bad.jsonl:2","id":null,"status":"invalid","path":null,"detail":"not JSON (syntax error at byte 0 of the line)"}'
expect_eq "broken lines: summary (blank line skipped)" "$(summary)" \
    "mubiao audit: 4 records: 1 ok, 0 moved, 0 changed, 0 missing, 0 unreadable, 3 invalid"
"$MUBIAO" audit --fix bad.jsonl >out 2>err
expect_eq "--fix with broken lines: the good record only" "$?:$(wc -l <out | tr -d ' ')" "1:1"

# -- usage
expect_status "no records file: usage, exit 2" 2 "$MUBIAO" audit
expect_status "unknown option: exit 2" 2 "$MUBIAO" audit --bogus recs.jsonl
expect_status "records file missing: exit 1" 1 "$MUBIAO" audit nosuch.jsonl
expect_grep "records file missing: named" "mubiao audit: nosuch.jsonl: cannot open: No such file or directory" "$T/out"

# -- the government work reports: all ok; three of them edited and re-encoded
if have_shared && [ -d "$SHARED/data/gwr" ]; then
    "$MUBIAO" extract "$SHARED"/data/gwr/*.txt >gwr.jsonl
    g=$(wc -l <gwr.jsonl | tr -d ' ')
    "$MUBIAO" audit --root "$SHARED/data/gwr" gwr.jsonl >out 2>err
    expect_eq "GWR: every record ok" "$?:$(summary)" \
        "0:mubiao audit: $g records: $g ok, 0 moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"
    mkdir -p gwr
    for y in 1979 2000 2024; do cp "$SHARED/data/gwr/gwr-$y.txt" gwr/; done
    "$MUBIAO" extract gwr/*.txt >g3.jsonl
    g=$(wc -l <g3.jsonl | tr -d ' ')
    for f in gwr/*.txt; do
        { echo "新插入的第一段。"; cat "$f"; } | iconv -f utf-8 -t gb18030 >"$f.gb" && mv "$f.gb" "$f"
    done
    "$MUBIAO" audit --fix g3.jsonl >g3fix.jsonl 2>err
    expect_eq "GWR edited and re-encoded: all moved" "$?:$(summary)" \
        "0:mubiao audit: $g records: 0 ok, $g moved, 0 changed, 0 missing, 0 unreadable, 0 invalid"
    expect_eq "GWR --fix: span bytes decode to span.text" "$($C links g3fix.jsonl)" ok
else
    skip "GWR audit: $SHARED/data/gwr not found"
fi
