# tests/cli/demo.sh — `make demo` from an empty build folder prints only the
# records on standard output (the build's lines go to standard error): the
# same bytes as `mubiao extract corpus/*.txt`. Built at -O0 to stay quick.
. "$TOP/tests/cli/lib.sh"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL nice make -C "$TOP" --no-print-directory demo BUILD="$T/b" CFLAGS=-O0 >"$T/demo.out" 2>"$T/demo.err"
expect_eq "make demo: exit 0" "$?" "0"
(cd "$TOP" && "$MUBIAO" extract corpus/*.txt) >"$T/want.out"
expect_eq "stdout: only the records of corpus/, as extract prints them" "$(cmp "$T/demo.out" "$T/want.out" 2>&1)" ""
expect_eq "... $(wc -l <"$T/want.out" | tr -d ' ') JSON lines" "$(grep -vc '^{' "$T/demo.out")" "0"
expect_grep "the compiler lines went to stderr" "cc .*-c src/lib/" "$T/demo.err"
