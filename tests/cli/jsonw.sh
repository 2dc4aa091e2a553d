#!/bin/sh
# tests/cli/jsonw.sh — the JSON mubiao prints (src/lib/jsonw.c) for texts
# and names with control characters, quotes, backslashes, U+2028, emoji and
# invalid UTF-8 (tests/data/jsonw): every line is one JSON value, and
# Python's own encoder (compact, ensure_ascii off: the same escaping rules)
# writes back exactly the same bytes; --pretty parses to the same values.
. "$TOP/tests/cli/lib.sh"

D="$TOP/tests/data/jsonw"
NAME=$(printf 'we"ird\\na\001m\te/\177\342\200\250\360\237\230\200.txt')

# same_json WHAT FILE: every line of FILE re-encoded by Python is that line
same_json() {
    if python3 - "$2" >"$T/why" 2>&1 <<'PY'
import json, sys
bad = 0
with open(sys.argv[1], encoding="utf-8", errors="surrogateescape", newline="\n") as f:
    lines = f.read().split("\n")
assert lines[-1] == "", "no final newline"
for i, line in enumerate(lines[:-1], 1):
    again = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
    if again != line:
        bad += 1
        if bad == 1:
            print("line %d:\n  mubiao %s\n  python %s" % (i, line[:300], again[:300]))
sys.exit(1 if bad or len(lines) < 2 else 0)
PY
    then _ok "$1"; else
        _notok "$1"
        head -5 "$T/why"
    fi
}

"$MUBIAO" extract --explain --name "$NAME" - <"$D/escapes.txt" >"$T/x" 2>"$T/err"
same_json "extract --explain: Python writes each record back byte for byte" "$T/x"
expect_grep "a name's controls, quote, backslash escaped; DEL, U+2028, emoji as they are" \
    "$(printf '"path":"we\\\\"ird\\\\\\\\na\\\\u0001m\\\\te/\177\342\200\250\360\237\230\200.txt"')" "$T/x"
expect_grep "quotes and backslashes of the text escaped" \
    '"sentence":"到2025年，城镇\\"新增\\"就业1100万人以上，路径C:\\\\data\\\\new\\\\目标\\\\u0041保持5%左右。"' "$T/x"
expect_grep "emoji copied" '5G基站😀2万个🇨🇳' "$T/x"
"$MUBIAO" extract --format json --name "$NAME" - <"$D/escapes.txt" >"$T/doc"
same_json "extract --format json" "$T/doc"
for c in numbers paragraphs "segment --json"; do
    # shellcheck disable=SC2086
    "$MUBIAO" $c --name "$NAME" - <"$D/escapes.txt" >"$T/o" 2>/dev/null
    same_json "$c" "$T/o"
done
for c in extract numbers paragraphs "segment --json"; do
    # shellcheck disable=SC2086
    "$MUBIAO" $c --encoding utf-8 --lenient "$D/invalid.txt" >"$T/$c" 2>/dev/null
    same_json "$c of invalid UTF-8 (--lenient)" "$T/$c"
done
expect_grep "U+FFFD for each bad sequence" '全市GDP增长6%左右，������������，' "$T/extract"

# --pretty: cJSON_Print's layout, the same values as the compact records
"$MUBIAO" extract --pretty --explain --issuer "$(printf '省"政府\\\001')" "$D/escapes.txt" >"$T/p"
"$MUBIAO" extract --explain --issuer "$(printf '省"政府\\\001')" "$D/escapes.txt" >"$T/c"
if python3 - "$T/p" "$T/c" >"$T/why" 2>&1 <<'PY'; then _ok "--pretty: the same values as the compact records"; else _notok "--pretty: the same values"; head -3 "$T/why"; fi
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
dec, i, vals = json.JSONDecoder(), 0, []
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    v, i = dec.raw_decode(text, i)
    vals.append(v)
compact = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert vals == compact and len(vals) > 5, (len(vals), len(compact))
assert text.startswith('{\n\t"schema":\t"mubiao/commitment/v1",\n\t"id":\t'), text[:60]
PY
expect_grep "--issuer escaped in doc.issuer" '"issuer":"省\\"政府\\\\\\u0001"' "$T/c"
