# tests/cli/inputs.sh — the inputs of every reading command (extract,
# paragraphs, segment, numbers, show, report): standard input when no file is
# named and it is not a terminal, --name for it, folders walked recursively.
. "$TOP/tests/cli/lib.sh"
cd "$T" || exit 1
mkdir -p web dir/sub dir/empty empty
cp "$TOP/corpus/002_5a266641c087b39d.txt" web/a.txt
cp "$TOP/tests/data/extract/plan.txt" dir/sub/b.txt
cp "$TOP/tests/data/extract/release.txt" dir/c.TXT
cp "$TOP/tests/data/html/$(ls "$TOP/tests/data/html" | grep '\.html$' | head -1)" dir/a.html
cp "$TOP/tests/data/extract/news.txt" dir/.hidden.txt
cp "$TOP/tests/data/extract/news.txt" dir/notes.md
for cmd in extract paragraphs "segment --json" numbers show report; do
    # shellcheck disable=SC2086
    {
        $MUBIAO $cmd web/a.txt >named.out 2>&1
        $MUBIAO $cmd --name web/a.txt <web/a.txt >stdin.out 2>&1
        expect_eq "$cmd --name web/a.txt < web/a.txt: as the file named (exit 0)" "$?" "0"
        expect_eq "... the same output, byte for byte" "$(cmp named.out stdin.out 2>&1)" ""
        $MUBIAO $cmd - <web/a.txt >dash.out 2>&1
        cat web/a.txt | $MUBIAO $cmd >pipe.out 2>&1
        expect_eq "$cmd with no file, input piped: reads it as -" "$(cmp dash.out pipe.out 2>&1)" ""
        expect_eq "... and not as an empty input" "$([ -s pipe.out ] && echo some)" "some"
        $MUBIAO $cmd dir >folder.out 2>&1
        expect_eq "$cmd FOLDER: exit 0" "$?" "0"
        $MUBIAO $cmd dir/a.html dir/c.TXT dir/sub/b.txt >files.out 2>&1
        expect_eq "... the .txt/.html files under it, recursively, in name order" "$(cmp files.out folder.out 2>&1)" ""
        $MUBIAO $cmd empty </dev/null >empty.out 2>empty.err
        expect_eq "$cmd EMPTY-FOLDER: exit 1, said" "$?:$(cat empty.err)" "1:mubiao ${cmd%% *}: empty: no .txt, .html or .htm file in it"
    }
done
expect_eq "a piped document is named - by default" "$($MUBIAO extract <web/a.txt | head -1 | grep -c '"path":"-"')" "1"
expect_eq "--name names it" "$($MUBIAO extract --name 'x/y z.txt' <web/a.txt | head -1 | grep -c '"path":"x/y z.txt"')" "1"
printf 'abc\377' >bad.bin
expect_status "an error on standard input names it" 1 $MUBIAO paragraphs --encoding utf-8 --name feed.txt - <bad.bin
expect_grep "... feed.txt: byte 3" "mubiao paragraphs: feed.txt: byte 3: " "$T/out"
expect_status "a missing file among folders: exit 1" 1 $MUBIAO extract dir no-such.txt
expect_grep "... named" "mubiao extract: no-such.txt: No such file or directory" "$T/out"
expect_eq "... the others still printed" "$(grep -c '^{' "$T/out")" "$($MUBIAO extract dir | grep -c '^{')"

# --name labels standard input; NAME.meta.json beside it is not read
mkdir -p "$T/nm" && printf '{"date":"2001-01-01","issuer":"某某局"}' >"$T/nm/x.txt.meta.json"
expect_eq "stdin --name x.txt: x.txt.meta.json not read (no date, no issuer from it)" \
    "$(cd "$T/nm" && printf '今年地区生产总值增长5%%左右。\n' | "$MUBIAO" extract --name x.txt |
        python3 -c "import json,sys; d=json.loads(sys.stdin.readline())['doc']; print(d['path'], d['date'], d['issuer'])")" \
    "x.txt None None"
