#!/bin/sh
# tests/cli/jobs.sh — `--jobs N` (src/cli/jobs.c): every command line of
# tests/data/jobs.tsv gives the same standard output, standard error and exit
# status with --jobs 1 and --jobs 4 over many inputs, good and bad; the same
# when standard output fails (/dev/full); bad --jobs values are usage errors.
. "$TOP/tests/cli/lib.sh"

# the inputs: in this order, with standard input ("-") in the middle
mkdir -p "$T/in"
iconv -f UTF-8 -t GB18030 "$TOP/tests/data/extract/plan.txt" >"$T/in/plan-gbk.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TOP/tests/data/extract/news.txt"; } >"$T/in/news-u16.txt"
printf 'abc\000def\n' >"$T/in/binary.txt"
printf '\xe4\xbb\x8a\xe5\xb9\xb4\xff GDP\xe5\xa2\x9e\xe9\x95\xbf5%%\xe3\x80\x82\n' >"$T/in/bad-utf8.txt"
set -- "$TOP"/corpus/*.txt "$TOP"/tests/data/extract/*.txt "$T/in/plan-gbk.txt" - "$T/in/binary.txt" \
    "$TOP"/tests/data/store/*.txt "$T/missing.txt" "$T/in/news-u16.txt" "$TOP/tests/data/html" \
    "$T/in/bad-utf8.txt" "$TOP"/tests/data/show/plan.txt
if have_shared; then
    set -- "$@" "$SHARED"/data/gwr/*.txt
else
    skip "the work reports of ../shared (absent): the test inputs alone"
fi
stdin_doc="$TOP/tests/data/extract/release.txt"

grep -v '^#' "$TOP/tests/data/jobs.tsv" >"$T/cases"
while IFS= read -r line; do
    [ -n "$line" ] || continue
    # shellcheck disable=SC2086
    "$MUBIAO" $line --jobs 1 "$@" <"$stdin_doc" >"$T/out1" 2>"$T/err1"
    rc1=$?
    # shellcheck disable=SC2086
    "$MUBIAO" $line --jobs 4 "$@" <"$stdin_doc" >"$T/out4" 2>"$T/err4"
    rc4=$?
    if cmp -s "$T/out1" "$T/out4"; then _ok "$line: --jobs 4 prints what --jobs 1 prints ($(wc -l <"$T/out1") lines)"; else
        _notok "$line: --jobs 4 prints what --jobs 1 prints"
        diff "$T/out1" "$T/out4" | head -5 | cut -c1-200
    fi
    if cmp -s "$T/err1" "$T/err4"; then _ok "$line: ... the same standard error"; else
        _notok "$line: ... the same standard error"
        diff "$T/err1" "$T/err4" | head -5 | cut -c1-200
    fi
    expect_eq "$line: ... the same exit status (1: some inputs fail)" "$rc4" "$rc1"
    expect_eq "$line: ... and not an empty run" "$([ "$(wc -l <"$T/out1")" -gt 50 ] && echo yes)" yes
    expect_grep "$line: ... the missing file is reported" "missing.txt" "$T/err4"
done <"$T/cases"

# a failing standard output: the same message and status
"$MUBIAO" extract --jobs 1 "$@" <"$stdin_doc" >/dev/full 2>"$T/full1"
rc1=$?
"$MUBIAO" extract --jobs 4 "$@" <"$stdin_doc" >/dev/full 2>"$T/full4"
rc4=$?
expect_eq "/dev/full: exit 1 with --jobs 4 as with --jobs 1" "$rc4 $rc1" "1 1"
expect_grep "/dev/full: ... cannot write output" "mubiao extract: cannot write output: No space left on device" "$T/full4"

# the default is the online cores: the same output again
"$MUBIAO" segment "$@" <"$stdin_doc" >"$T/outd" 2>/dev/null
"$MUBIAO" segment --jobs 1 "$@" <"$stdin_doc" >"$T/out1" 2>/dev/null
expect_eq "segment without --jobs prints what --jobs 1 prints" "$(cmp -s "$T/out1" "$T/outd" && echo same)" same

# bad values
for v in 0 -1 x 257 2x ''; do
    "$MUBIAO" extract --jobs "$v" "$TOP/corpus/000_f13218485f6e8987.txt" >"$T/out" 2>"$T/err"
    expect_eq "--jobs '$v': usage error (exit 2)" "$? $(head -1 "$T/err")" \
        "2 mubiao extract: --jobs '$v': expected a number of jobs from 1 to 256"
done
for c in segment numbers paragraphs; do
    "$MUBIAO" $c --jobs 0 "$TOP/corpus/000_f13218485f6e8987.txt" >"$T/out" 2>"$T/err"
    expect_eq "$c --jobs 0: usage error (exit 2)" "$? $(head -1 "$T/err")" \
        "2 mubiao $c: --jobs '0': expected a number of jobs from 1 to 256"
done

# ingest --jobs: documents read and extracted in parallel, one writer: the
# same verbose lines, messages, status and store rows as --jobs 1, a first
# run and a second (everything unchanged); a duplicate of a file earlier in
# the same run (looked up before that file is stored) is still a duplicate
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
mkdir -p "$T/ing"
printf '今年全县新建学校12所，新增学位5000个。\n' >"$T/ing/a.txt"
cp "$T/ing/a.txt" "$T/ing/b.txt"
cp "$T/in/bad-utf8.txt" "$T/ing/c.txt"
for j in 1 4; do
    for run in 1 2; do
        "$MUBIAO" ingest --verbose --jobs $j --db "$T/j$j.db" "$@" "$T/ing" <"$stdin_doc" >"$T/ing$j.$run" 2>"$T/ingerr$j.$run"
        echo "exit $?" >>"$T/ingerr$j.$run"
        sed -i -e 's/ in [0-9.]* s ([0-9.]* MB\/s)//' -e "s|$T/j$j.db|STORE|" "$T/ing$j.$run"
    done
    # every row with its values' types (Python's sqlite3: no sqlite3 program needed)
    for t in records paragraphs; do
        "$PY" -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute("select * from %s order by 1, 2" % sys.argv[2]):
    print(repr(r))' "$T/j$j.db" $t >"$T/$t$j" 2>&1
    done
done
for run in 1 2; do
    expect_eq "ingest run $run: --jobs 4 prints what --jobs 1 prints" \
        "$(cmp -s "$T/ing1.$run" "$T/ing4.$run" && echo same)" same
    expect_eq "ingest run $run: ... the same messages and exit status" \
        "$(cmp -s "$T/ingerr1.$run" "$T/ingerr4.$run" && echo same)" same
done
expect_eq "ingest: --jobs 4 stores the records --jobs 1 stores ($(wc -l <"$T/records1") rows)" \
    "$(cmp -s "$T/records1" "$T/records4" && [ "$(wc -l <"$T/records1")" -gt 50 ] && echo same)" same
expect_eq "ingest: ... and the paragraphs" \
    "$(cmp -s "$T/paragraphs1" "$T/paragraphs4" && [ "$(wc -l <"$T/paragraphs1")" -gt 50 ] && echo same)" same
expect_grep "ingest --jobs 4: the file is new" "^new	$T/ing/a.txt	2 records" "$T/ing4.1"
expect_grep "ingest --jobs 4: ... its copy a duplicate of it" "^duplicate	$T/ing/b.txt	same as $T/ing/a.txt" "$T/ing4.1"
expect_grep "ingest --jobs 4: the second run finds the file unchanged" "^unchanged	$T/ing/a.txt" "$T/ing4.2"
expect_grep "ingest --jobs 4: ... and its copy a duplicate again" "^duplicate	$T/ing/b.txt	same as " "$T/ing4.2"
"$MUBIAO" ingest --jobs 0 --db "$T/j0.db" "$T/ing" >"$T/out" 2>"$T/err"
expect_eq "ingest --jobs 0: usage error (exit 2)" "$? $(head -1 "$T/err")" \
    "2 mubiao ingest: --jobs '0': expected a number of jobs from 1 to 256"
