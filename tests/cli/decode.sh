#!/bin/sh
# tests/cli/decode.sh — decoding through `mubiao paragraphs`: detection,
# source offsets into re-encoded files, bad bytes, --lenient, --encoding,
# binary and empty files, one bad file among good ones.
. "$TOP/tests/cli/lib.sh"
LC_ALL=C
export LC_ALL

# num FILE KEY: the first "KEY":N of each line of FILE
num() { awk -v k="\"$2\":" '{ if (match($0, k "[0-9]+")) print substr($0, RSTART + length(k), RLENGTH - length(k)) }' "$1"; }
# texts FILE: the first "text":"..." of each line (the paragraph's text)
texts() { awk '{ if (match($0, /"text":"([^"\\]|\\.)*"/)) print substr($0, RSTART, RLENGTH) }' "$1"; }
# slice FILE START END: bytes [START,END) of FILE
slice() { tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2)); }

# --- the SIGHAN 2005 PKU test set: GBK, CRLF ---
if have_shared; then
    P=$SHARED/data/sighan2005/pku_test.txt
    U=$SHARED/data/sighan2005/pku_test.utf8
    expect_status "pku_test.txt (GBK, CRLF) loads" 0 "$MUBIAO" paragraphs "$P"
    "$MUBIAO" paragraphs "$P" >"$T/pku.json" 2>/dev/null
    nlines=$(grep -c -v "$(printf '^\r*$')" "$U")
    expect_eq "one paragraph per non-blank line" "$(wc -l <"$T/pku.json" | tr -d ' ')" "$nlines"
    expect_eq "every paragraph says gb18030" "$(grep -c '"encoding":"gb18030"' "$T/pku.json")" "$nlines"
    # every paragraph's source bytes, converted by iconv, are its line of pku_test.utf8
    num "$T/pku.json" start >"$T/s"
    num "$T/pku.json" end >"$T/e"
    num "$T/pku.json" line >"$T/l"
    paste -d ' ' "$T/s" "$T/e" "$T/l" >"$T/sel"
    awk -v src="$P" 'BEGIN { while ((getline l < src) > 0) d = d l "\n" }
        { printf "%s\n", substr(d, $1 + 1, $2 - $1) }' "$T/sel" | iconv -f gb18030 -t utf-8 >"$T/got"
    awk 'NR == FNR { sub(/\r$/, ""); line[FNR] = $0; next } { print line[$3] }' "$U" "$T/sel" >"$T/want"
    if cmp -s "$T/got" "$T/want"; then _ok "all $nlines paragraphs: source bytes decode to their line"; else
        _notok "paragraph source bytes differ from pku_test.utf8"
        diff "$T/got" "$T/want" | head -6
    fi
else
    skip "pku_test.txt: $SHARED/data absent"
fi

# --- corpus files re-encoded to GB18030 and to UTF-16LE with a BOM ---
for f in "$TOP"/corpus/*.txt; do
    b=$(basename "$f" .txt)
    iconv -f utf-8 -t gb18030 "$f" >"$T/$b.gb"
    { printf '\377\376'; iconv -f utf-8 -t utf-16le "$f"; } >"$T/$b.u16"
    "$MUBIAO" paragraphs "$f" >"$T/$b.json" 2>&1
    texts "$T/$b.json" >"$T/$b.texts"
    num "$T/$b.json" start >"$T/$b.s"
    num "$T/$b.json" end >"$T/$b.e"
    for enc in gb18030 utf-16le; do
        case $enc in gb18030) g=$T/$b.gb ;; *) g=$T/$b.u16 ;; esac
        "$MUBIAO" paragraphs "$g" >"$T/$b.$enc.json" 2>&1
        expect_eq "$b in $enc: detected" "$(grep -c "\"encoding\":\"$enc\"" "$T/$b.$enc.json")" \
            "$(wc -l <"$T/$b.json" | tr -d ' ')"
        texts "$T/$b.$enc.json" >"$T/$b.$enc.texts"
        if cmp -s "$T/$b.texts" "$T/$b.$enc.texts"; then _ok "$b in $enc: same paragraph texts"; else
            _notok "$b in $enc: paragraph texts differ"
            diff "$T/$b.texts" "$T/$b.$enc.texts" | head -4
        fi
        # each paragraph's offsets point at its bytes in the re-encoded file
        num "$T/$b.$enc.json" start >"$T/$b.$enc.s"
        num "$T/$b.$enc.json" end >"$T/$b.$enc.e"
        bad=0
        paste -d ' ' "$T/$b.s" "$T/$b.e" "$T/$b.$enc.s" "$T/$b.$enc.e" >"$T/$b.$enc.sel"
        while read -r s e s2 e2; do
            slice "$f" "$s" "$e" >"$T/want1"
            slice "$g" "$s2" "$e2" | iconv -f "$enc" -t utf-8 >"$T/got1" 2>/dev/null
            cmp -s "$T/want1" "$T/got1" || bad=$((bad + 1))
        done <"$T/$b.$enc.sel"
        expect_eq "$b in $enc: every paragraph's source bytes are the paragraph" "$bad" 0
    done
done

# --- Big5 and forced encodings ---
tw='政府工作報告指出，過去一年經濟社會發展取得新的成就。國內生產總值增長百分之五。'
printf '%s\n' "$tw" | iconv -f utf-8 -t big5 >"$T/tw.txt"
"$MUBIAO" paragraphs "$T/tw.txt" >"$T/tw.json" 2>&1
expect_grep "Big5 detected" '"encoding":"big5"' "$T/tw.json"
expect_grep "Big5 text" "\"text\":\"$tw\"" "$T/tw.json"
"$MUBIAO" paragraphs --encoding CP950 "$T/tw.txt" >"$T/tw2.json" 2>&1
expect_grep "--encoding CP950: big5" '"encoding":"big5"' "$T/tw2.json"
printf '%s\n' "$tw" | iconv -f utf-8 -t utf-16be >"$T/tw16.txt"
"$MUBIAO" paragraphs -e utf-16 "$T/tw16.txt" >"$T/tw16.json" 2>&1
expect_grep "-e utf-16 without BOM: big-endian" '"encoding":"utf-16be"' "$T/tw16.json"
expect_grep "UTF-16BE text" "\"text\":\"$tw\"" "$T/tw16.json"
expect_status "UTF-16 without BOM and not forced: binary" 1 "$MUBIAO" paragraphs "$T/tw16.txt"
expect_grep "... message" "tw16.txt: byte [0-9]*: NUL byte: binary file, not text" "$T/out"
expect_status "unknown --encoding" 1 "$MUBIAO" paragraphs --encoding latin9 "$T/tw.txt"
expect_grep "... names it" "unknown encoding 'latin9'" "$T/out"

# --- bad bytes, --lenient ---
printf 'abc\n\n\326\320\377 x\n' >"$T/bad.txt"
expect_status "bad byte: exit 1" 1 "$MUBIAO" paragraphs "$T/bad.txt"
expect_grep "bad byte: file, offset, encoding" "bad.txt: byte 7: invalid gb18030 sequence (0xFF)" "$T/out"
"$MUBIAO" paragraphs --lenient "$T/bad.txt" >"$T/len.json" 2>"$T/len.err"
expect_eq "--lenient: exit 0" $? 0
expect_grep "--lenient: U+FFFD in the text" "中$(printf '\357\277\275') x\",\"sentences" "$T/len.json"
expect_grep "--lenient: warning" "warning: .*bad.txt: byte 7: invalid gb18030 sequence (0xFF) replaced by U+FFFD" \
    "$T/len.err"
printf 'ok\n\344\270' >"$T/trunc.txt"
expect_status "truncated UTF-8 at the end: exit 1" 1 "$MUBIAO" paragraphs -e utf-8 "$T/trunc.txt"
expect_grep "... at its offset" "trunc.txt: byte 3: truncated utf-8 sequence at end of input (0xE4 0xB8)" "$T/out"

# --- binary, empty, one bad file among good ones ---
printf 'abc\000def\n' >"$T/nul.txt"
expect_status "NUL byte: exit 1" 1 "$MUBIAO" paragraphs "$T/nul.txt"
expect_grep "NUL byte: binary" "nul.txt: byte 3: NUL byte: binary file, not text" "$T/out"
: >"$T/empty.txt"
expect_status "empty file: exit 0" 0 "$MUBIAO" paragraphs "$T/empty.txt"
expect_eq "empty file: no output" "$(cat "$T/out")" ""
printf '第一段。\n' >"$T/a.txt"
printf '第二段。\n' >"$T/b.txt"
"$MUBIAO" paragraphs "$T/a.txt" "$T/nul.txt" "$T/b.txt" >"$T/mix.json" 2>"$T/mix.err"
expect_eq "bad file among good ones: exit 1" $? 1
expect_eq "... the good ones still print" "$(texts "$T/mix.json" | tr '\n' ' ')" \
    '"text":"第一段。" "text":"第二段。" '
expect_grep "... the bad one is reported" "nul.txt: byte 3: NUL byte" "$T/mix.err"
