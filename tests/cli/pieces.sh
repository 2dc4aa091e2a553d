#!/bin/sh
# tests/cli/pieces.sh — a large file read in pieces (README "Limits": large
# files; reader.c): with MUBIAO_PIECE_SIZE=8192 the documents of
# tests/gold/docs, the corpus and a file of all of them (in UTF-8, GB18030,
# UTF-16LE with a BOM and with CRLF line ends) give exactly the output of
# the whole file for extract (records, ids, paragraph and line numbers,
# character positions), segment (plain and --json), paragraphs and numbers;
# that the pieces are real (a line longer than four pieces fails, which a
# whole file never does); a NUL byte or a bad UTF-8 byte far into the file
# fails before any output with its offset in the file; --lenient warns once
# per bad byte, with its offset.
. "$TOP/tests/cli/lib.sh"

mkdir -p "$T/in"
# the simplified-Chinese text documents of the gold laid out one paragraph
# a line, one after another: a file read in pieces takes its script from
# its first piece and its layout (reflow.c: wrapped lines or not) from each
# piece, so the pieces of a file of one script and layout are the whole.
# Left out besides the traditional ones: two short pages of headlines and
# one-line paragraphs between blank lines (rail-16wan-2024, qlwb-grain-2020)
# that move the layout a piece of 8192 bytes finds in the report excerpts
# around them (README "Large files": a piece's layout is its own).
for round in 1 2 3; do
    for f in "$TOP"/tests/gold/docs/*.txt; do
        case "$f" in *-trad.txt | */rail-16wan-2024.txt | */qlwb-grain-2020.txt) continue ;; esac
        cat "$f"
        printf '\n'
    done
done >"$T/in/all.txt"
iconv -f UTF-8 -t GB18030 "$T/in/all.txt" >"$T/in/all-gb.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/in/all.txt"; } >"$T/in/all-u16.txt"
sed 's/$/\r/' "$T/in/all.txt" >"$T/in/all-crlf.txt"
size=$(wc -c <"$T/in/all.txt")
expect_eq "the test file is many pieces of 8192 bytes ($size bytes)" "$([ "$size" -gt 80000 ] && echo yes)" yes

same() { # WHAT ARGS...: the whole file and its pieces print the same
    what=$1
    shift
    "$MUBIAO" "$@" >"$T/whole" 2>"$T/whole.err"
    rc1=$?
    MUBIAO_PIECE_SIZE=8192 "$MUBIAO" "$@" >"$T/piece" 2>"$T/piece.err"
    rc2=$?
    if cmp -s "$T/whole" "$T/piece" && cmp -s "$T/whole.err" "$T/piece.err" && [ "$rc1" = "$rc2" ]; then
        _ok "$what: in pieces as whole ($(wc -l <"$T/whole") lines)"
    else
        _notok "$what: in pieces as whole"
        diff "$T/whole" "$T/piece" | head -4 | cut -c1-300
        diff "$T/whole.err" "$T/piece.err" | head -4
    fi
}

for f in "$T"/in/all*.txt; do
    b=$(basename "$f")
    same "$b extract" extract --date 2024-03-05 "$f"
    same "$b segment" segment "$f"
    same "$b segment --json" segment --json "$f"
    same "$b paragraphs" paragraphs "$f"
    same "$b numbers" numbers --date 2024 "$f"
done
# one document at a time, its own date found in its first piece
for f in "$TOP"/tests/gold/docs/*.txt "$TOP"/corpus/*.txt; do
    [ "$(wc -c <"$f")" -gt 8192 ] || continue
    same "$(basename "$f") extract" extract "$f"
done
out=$(MUBIAO_PIECE_SIZE=8192 "$MUBIAO" extract --date 2024-03-05 "$T/in/all.txt" | wc -l)
expect_eq "... and not an empty run" "$([ "$out" -gt 300 ] && echo yes)" yes

# the pieces are real: a line longer than four pieces fails in pieces only
{
    cat "$TOP/corpus/000_f13218485f6e8987.txt"
    i=0
    while [ $i -lt 3000 ]; do printf '增长百分之五'; i=$((i + 1)); done
    printf '\n'
} >"$T/in/long.txt"
expect_status "a long line, whole: read" 0 "$MUBIAO" paragraphs "$T/in/long.txt"
MUBIAO_PIECE_SIZE=8192 "$MUBIAO" paragraphs "$T/in/long.txt" >"$T/out" 2>"$T/err"
expect_eq "a long line in pieces: exit 1" "$?" 1
expect_grep "... the place and the reason" "long.txt: byte [0-9]*: no line break in the next 32768 bytes" "$T/err"

# bad bytes far into the file: nothing printed, the offset in the file
head -n 300 "$T/in/all.txt" >"$T/in/head.txt" # whole lines, several pieces
at=$(($(wc -c <"$T/in/head.txt") + 1)) # the x before the bad byte
cp "$T/in/head.txt" "$T/in/nul.txt"
printf 'x\000y\n' >>"$T/in/nul.txt"
cat "$T/in/all.txt" >>"$T/in/nul.txt"
MUBIAO_PIECE_SIZE=8192 "$MUBIAO" extract "$T/in/nul.txt" >"$T/out" 2>"$T/err"
expect_eq "a NUL byte in a later piece: exit 1" "$?" 1
expect_eq "... nothing printed" "$(wc -c <"$T/out")" 0
expect_grep "... its offset in the file" "nul.txt: byte $at: NUL byte: binary file, not text" "$T/err"
cp "$T/in/head.txt" "$T/in/bad.txt"
printf 'x\377y\n' >>"$T/in/bad.txt"
cat "$T/in/all.txt" >>"$T/in/bad.txt"
for cmd in extract segment; do
    MUBIAO_PIECE_SIZE=8192 "$MUBIAO" $cmd "$T/in/bad.txt" >"$T/out" 2>"$T/err"
    expect_eq "$cmd: a bad UTF-8 byte in a later piece: exit 1" "$?" 1
    expect_eq "... nothing printed" "$(wc -c <"$T/out")" 0
    expect_grep "... its offset in the file" "bad.txt: byte $at: invalid utf-8 sequence (0xFF)" "$T/err"
done
same "bad.txt extract --lenient" extract --lenient --date 2024 "$T/in/bad.txt"
MUBIAO_PIECE_SIZE=8192 "$MUBIAO" extract --lenient --date 2024 "$T/in/bad.txt" 2>"$T/err" >/dev/null
expect_eq "--lenient: one warning for the bad byte" "$(grep -c "byte $at: invalid utf-8" "$T/err")" 1
