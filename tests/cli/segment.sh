# tests/cli/segment.sh — `mubiao segment` and `mubiao dict`: exact plain and
# JSON output, user dictionaries, stdin, encodings, damaged dictionaries.
. "$TOP/tests/cli/lib.sh"

printf '城镇调查失业率5.5%%左右，新增就业1200万人。\n\n2025年GDP超3万亿\n' >"$T/a.txt"
out=$("$MUBIAO" segment "$T/a.txt")
expect_eq "plain output, one line per input line" "$out" "城镇调查失业率 5.5% 左右 ， 新增 就业 1200万 人 。

2025年 GDP 超 3万亿"

out=$(printf '2025年GDP超3万亿' | "$MUBIAO" segment -)
expect_eq "stdin" "$out" "2025年 GDP 超 3万亿"

out=$(printf '规上工业总产值 5万亿' | "$MUBIAO" segment --json -)
expect_eq "--json: tokens with source offsets and tags" "$out" \
    '{"path":"-","line":1,"tokens":[{"text":"规上工业总产值","start":0,"end":21,"tag":"n"},{"text":"5万亿","start":22,"end":29,"tag":"m"}]}'

# offsets are source offsets: GB18030 input, full-width digits
if command -v iconv >/dev/null 2>&1; then
    printf '增长５．５％\n' | iconv -f UTF-8 -t GB18030 >"$T/gbk.txt"
    out=$("$MUBIAO" segment --json "$T/gbk.txt")
    expect_eq "--json offsets in a GB18030 file" "$out" \
        "{\"path\":\"$T/gbk.txt\",\"line\":1,\"tokens\":[{\"text\":\"增长\",\"start\":0,\"end\":4,\"tag\":\"v\"},{\"text\":\"5.5%\",\"start\":4,\"end\":12,\"tag\":\"m\"}]}"
else
    skip "iconv not installed"
fi

printf '我们要加快发展新质生产力\n' >"$T/b.txt"
printf '加快发展 2000 v\n新质生产力 0\n' >"$T/user.txt"
out=$("$MUBIAO" segment --user-dict "$T/user.txt" "$T/b.txt")
expect_eq "--user-dict adds and removes words" "$out" "我们 要 加快发展 新 质 生产力"
out=$("$MUBIAO" segment "$T/b.txt")
expect_eq "without it" "$out" "我们 要 加快 发展 新质生产力"
expect_status "missing user dictionary: exit 1" 1 "$MUBIAO" segment --user-dict "$T/nope.txt" "$T/b.txt"
expect_grep "names the file" "nope.txt: cannot open" "$T/out"

# small dictionaries compiled from text
printf '中国 100 ns\n人民 80 n\n中国人 50 n\n' >"$T/small.txt"
expect_status "dict compile --no-base" 0 "$MUBIAO" dict compile -o "$T/small.dict" --no-base "$T/small.txt"
out=$(printf '中国人民' | "$MUBIAO" segment --dict "$T/small.dict" -)
expect_eq "segment with it" "$out" "中国 人民"
out=$(MUBIAO_DICT="$T/small.dict" sh -c 'printf "中国人民" | "$0" segment -' "$MUBIAO")
expect_eq "MUBIAO_DICT chooses the dictionary" "$out" "中国 人民"
"$MUBIAO" dict info "$T/small.dict" >"$T/info" 2>&1
expect_grep "dict info: word count" "^words: 3$" "$T/info"
expect_grep "dict info: version" "^format version: 7$" "$T/info"
out=$("$MUBIAO" dict lookup "$T/small.dict" 中国 中)
expect_eq "dict lookup" "$out" "中国	-0.8329	ns
中	-"
# the trie's placement is the first fit (dict_compile.c's find_base): a
# generated dictionary of 5,760 words over 120 characters (some nodes with
# dozens of children) takes 12,231 units, as the walk of the free list that
# 0.7.0 did placed them; its words are found
LC_ALL=C awk 'function ch(i,  cp) { cp = 19968 + i * 7; return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64) }
BEGIN { for (i = 0; i < 120; i++) for (j = 0; j < 120; j++) if ((i * 31 + j * 17) % 3 == 0) {
    print ch(i) ch(j), 1 + (i * j) % 97; if ((i + j) % 5 == 0) print ch(i) ch(j) ch((i * j) % 120), 1 + (i + j) % 13 } }' >"$T/gen.txt"
expect_status "dict compile: a generated dictionary" 0 "$MUBIAO" dict compile -o "$T/gen.dict" --no-base "$T/gen.txt"
"$MUBIAO" dict info "$T/gen.dict" >"$T/info" 2>&1
expect_grep "dict info: 5,760 words" "^words: 5760$" "$T/info"
expect_grep "dict info: the first fit's 12,231 units" "^trie units: 12231$" "$T/info"
last=$(tail -n 1 "$T/gen.txt" | cut -d' ' -f1)
out=$("$MUBIAO" dict lookup "$T/gen.dict" "$last" | cut -f1)
expect_eq "dict lookup: the generated dictionary's last word" "$out" "$last"
printf '好 1 a\n坏\377词 3 n\n' >"$T/bad.txt"
expect_status "a bad source line: exit 1" 1 "$MUBIAO" dict compile -o "$T/bad.dict" --no-base "$T/bad.txt"
expect_grep "names file, line and byte" "bad.txt:2: byte 11: invalid UTF-8" "$T/out"
expect_status "a missing base lexicon: exit 1" 1 "$MUBIAO" dict compile -o "$T/x.dict" --base "$T/none.txt"
expect_grep "says how to get it" "python3-jieba" "$T/out"

# damaged compiled dictionaries are refused
cp "$T/small.dict" "$T/flip.dict"
tags_at=$(od -An -tu8 -j $((64 + 16 * 4)) -N8 "$T/small.dict" | tr -d ' ')
printf 'Z' | dd of="$T/flip.dict" bs=1 seek="$tags_at" conv=notrunc 2>/dev/null
expect_status "corrupted dictionary: exit 1" 1 "$MUBIAO" segment --dict "$T/flip.dict" "$T/a.txt"
expect_grep "checksum error with file and byte" "flip.dict: byte 176: checksum" "$T/out"
# a damaged trie: not read at open (segment trusts its bounds checks), found
# by dict info, which checks the whole file
cp "$T/small.dict" "$T/trie.dict"
units_at=$(od -An -tu8 -j $((64 + 16 * 2)) -N8 "$T/small.dict" | tr -d ' ')
printf 'Z' | dd of="$T/trie.dict" bs=1 seek=$((units_at + 13)) conv=notrunc 2>/dev/null
expect_status "damaged trie: dict info exits 1" 1 "$MUBIAO" dict info "$T/trie.dict"
expect_grep "whole-file checksum error with file and byte" "trie.dict: byte 32: checksum" "$T/out"
# a damaged lexicon index (section 6): what look-ups rely on is checked at
# open (a row's word back into the index itself), the rest by dict info
printf '力争\tcue_target\n个\tunit\tunit=个,cat=measure\n' >"$T/lex.tsv"
expect_status "dict compile --lexicon" 0 "$MUBIAO" dict compile -o "$T/lex.dict" --no-base --lexicon "$T/lex.tsv" "$T/small.txt"
ix_at=$(od -An -tu8 -j $((64 + 16 * 6)) -N8 "$T/lex.dict" | tr -d ' ')
nslots=$(od -An -tu4 -j $((ix_at + 4)) -N4 "$T/lex.dict" | tr -d ' ')
ncls=$(od -An -tu4 -j $((ix_at + 12)) -N4 "$T/lex.dict" | tr -d ' ')
recs_at=$((ix_at + 16 + ncls * 376 + 8192 + 16384 + 8 * nslots)) # header, classes, t2s bits, key filter, slots
cp "$T/lex.dict" "$T/ix.dict"
printf '\004\000\000\000' | dd of="$T/ix.dict" bs=1 seek="$recs_at" conv=notrunc 2>/dev/null
expect_status "a lexicon row outside its section: exit 1" 1 "$MUBIAO" segment --dict "$T/ix.dict" "$T/a.txt"
expect_grep "names file and byte" "ix.dict: byte $ix_at: the lexicon index does not fit the lexicon before it" "$T/out"
cp "$T/lex.dict" "$T/ix2.dict"
printf '\377' | dd of="$T/ix2.dict" bs=1 seek=$((recs_at + 14)) conv=notrunc 2>/dev/null
expect_status "a row's flags forged: segment runs" 0 "$MUBIAO" segment --dict "$T/ix2.dict" "$T/a.txt"
expect_status "... dict info exits 1" 1 "$MUBIAO" dict info "$T/ix2.dict"
expect_grep "the whole-file checksum finds it" "ix2.dict: byte 32: checksum" "$T/out"
head -c 1000 "$T/small.dict" >"$T/short.dict"
expect_status "truncated dictionary: exit 1" 1 "$MUBIAO" segment --dict "$T/short.dict" "$T/a.txt"
expect_grep "says truncated" "truncated" "$T/out"
cp "$T/small.dict" "$T/v9.dict"
printf '\011' | dd of="$T/v9.dict" bs=1 seek=8 conv=notrunc 2>/dev/null
expect_status "other format version: exit 1" 1 "$MUBIAO" dict info "$T/v9.dict"
expect_grep "names the versions" "format version 9, this build reads version 7" "$T/out"
cat "$T/a.txt" "$T/a.txt" "$T/a.txt" >"$T/text.dict"
expect_status "a text file as dictionary: exit 1" 1 "$MUBIAO" segment --dict "$T/text.dict" "$T/a.txt"
expect_grep "says what it expected" "byte 0: expected the magic" "$T/out"
expect_status "missing dictionary: exit 1" 1 "$MUBIAO" segment --dict "$T/none.dict" "$T/a.txt"
expect_grep "says how to build it" "build the dictionary with 'make'" "$T/out"

expect_status "missing input: exit 1" 1 "$MUBIAO" segment "$T/none.txt"
expect_status "no input: usage, exit 2 (on a terminal)" 2 script -qec "$MUBIAO segment" /dev/null
expect_status "unknown dict subcommand: exit 2" 2 "$MUBIAO" dict frobnicate
