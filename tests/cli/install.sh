# tests/cli/install.sh — make install PREFIX=...: files, the installed
# program finds its dictionary, and a program links with pkg-config.
. "$TOP/tests/cli/lib.sh"
BUILDDIR=$(dirname "$MUBIAO")
PREFIX="$T/inst"
make -s -C "$TOP" install NOBUILD=1 BUILD="$BUILDDIR" PREFIX="$PREFIX" >"$T/make.out" 2>&1
expect_eq "make install: exit 0" "$?" "0"
for f in bin/mubiao lib/libmubiao.a lib/libmubiao.so.0 lib/libmubiao.so include/mubiao.h lib/pkgconfig/mubiao.pc share/mubiao/mubiao.dict \
    share/man/man1/mubiao.1; do
    expect_eq "installed $f" "$([ -f "$PREFIX/$f" ] && echo yes)" "yes"
done
expect_eq "installed mubiao --version" "$("$PREFIX/bin/mubiao" --version)" "$("$MUBIAO" --version)"
printf '到2025年上市企业突破120家。\n' >"$T/a.txt"
out=$(env -u MUBIAO_DICT "$PREFIX/bin/mubiao" extract "$T/a.txt" 2>&1)
case "$out" in *'"value":120'*) _ok "installed program finds its dictionary" ;; *) _notok "installed program finds its dictionary: $out" ;; esac
expect_grep "pkg-config file names the prefix" "prefix=$PREFIX" "$PREFIX/lib/pkgconfig/mubiao.pc"
cat >"$T/prog.c" <<'CEOF'
#include <mubiao.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    mb_doc *doc;
    mb_error err;
    if (argc < 2 || mb_doc_load_file(argv[1], NULL, &doc, &err)) {
        fprintf(stderr, "%s\n", argc < 2 ? "usage" : err.message);
        return 1;
    }
    printf("%zu %s\n", mb_doc_paragraph_count(doc), mb_doc_encoding(doc));
    mb_doc_free(doc);
    return 0;
}
CEOF
SAN=""
case "$BUILDDIR" in *asan*) SAN="-fsanitize=address,undefined" ;; esac
PC="env PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig pkg-config"
# the shared library: found by -lmubiao, named by its SONAME, run from PREFIX/lib
# shellcheck disable=SC2046
cc $SAN "$T/prog.c" -o "$T/prog" $($PC --cflags --libs mubiao) >"$T/cc.out" 2>&1
expect_eq "a program links against the installed shared library" "$?" "0"
expect_eq "... and runs" "$(LD_LIBRARY_PATH="$PREFIX/lib" "$T/prog" "$T/a.txt" 2>&1)" "1 utf-8"
expect_eq "... needing libmubiao.so.0" "$(readelf -d "$T/prog" | grep -o 'NEEDED.*libmubiao[^]]*' | sed 's/.*\[//')" \
    "libmubiao.so.0"
expect_eq "... found in PREFIX/lib" "$(LD_LIBRARY_PATH="$PREFIX/lib" ldd "$T/prog" | grep -o "$PREFIX/lib/libmubiao.so.0")" \
    "$PREFIX/lib/libmubiao.so.0"
# the static library, with the private dependencies pkg-config --static adds
# shellcheck disable=SC2046
cc $SAN "$T/prog.c" -o "$T/prog_static" $($PC --cflags mubiao) -Wl,--as-needed -L"$PREFIX/lib" -Wl,-Bstatic -lmubiao \
    -Wl,-Bdynamic $($PC --static --libs mubiao) >"$T/cc.out" 2>&1
expect_eq "a program links against the installed static library" "$?" "0"
expect_eq "... and runs without it" "$("$T/prog_static" "$T/a.txt" 2>&1)" "1 utf-8"
expect_eq "... needing no libmubiao.so" "$(readelf -d "$T/prog_static" | grep -c libmubiao)" "0"
# the PostgreSQL store through the static library: libpq is loaded with
# dlopen on the first connection (src/lib/pqapi.c), not linked; a server
# that is not there is an error
cat >"$T/pgprog.c" <<'CEOF'
#include <mubiao.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    mb_store *s;
    mb_error err;
    if (argc < 2 || !mb_store_open(argv[1], &s, &err))
        return 2;
    printf("%s\n", err.message);
    return 1;
}
CEOF
# shellcheck disable=SC2046
cc $SAN "$T/pgprog.c" -o "$T/pgprog" $($PC --cflags mubiao) -Wl,--as-needed -L"$PREFIX/lib" -Wl,-Bstatic -lmubiao \
    -Wl,-Bdynamic $($PC --static --libs mubiao) >"$T/cc.out" 2>&1
expect_eq "a program of the PostgreSQL store links against the static library" "$?" "0"
expect_eq "... without linking libpq" "$(readelf -d "$T/pgprog" | grep -c 'NEEDED.*libpq')" "0"
expect_eq "... and opens a store on a server that is not there: an error" \
    "$("$T/pgprog" "postgresql:///x?host=$T/nosocket" | sed 's/: cannot connect to the PostgreSQL store: .*/: cannot connect/')" \
    "postgresql:///x?host=$T/nosocket: cannot connect"
expect_eq "the shared library does not need libpq (it loads it for a PostgreSQL store)" \
    "$(readelf -d "$PREFIX/lib/libmubiao.so.0" | grep -c 'NEEDED.*libpq')" "0"
# only the functions of include/mubiao.h are exported, every one of them
SO="$PREFIX/lib/libmubiao.so.0"
expect_eq "SONAME libmubiao.so.0" "$(readelf -d "$SO" | grep SONAME | sed 's/.*\[\(.*\)\]/\1/')" "libmubiao.so.0"
nm -D --defined-only "$SO" | awk '$2 != "A" {print $3}' | sed 's/@.*//' | sort >"$T/exported"
cc -E -P -x c "$TOP/include/mubiao.h" | grep -o '\bmb_[a-z0-9_]*[[:space:]]*(' | tr -d ' (' | sort -u >"$T/declared"
expect_eq "exported symbols = functions of mubiao.h ($(wc -l <"$T/declared"))" "$(diff "$T/exported" "$T/declared")" ""
expect_eq "no internal mb_ function exported" "$(grep -c -e mb_strbuf_add -e mb_error_set "$T/exported")" "0"
# libxml2 is loaded with dlopen (src/lib/xmlapi.c): the link line must not
# ask for it, nor for its static dependencies (-lz -llzma -licu...), yet the
# program reads HTML.
libs=$($PC --libs --static mubiao)
case " $libs " in *" -lxml2 "* | *" -llzma "* | *" -licuuc "*) _notok "pkg-config does not name libxml2: $libs" ;;
*) _ok "pkg-config does not name libxml2" ;; esac
printf '<html><head><meta charset="utf-8"></head><body><p>到2025年上市企业突破120家。</p><p>二。</p></body></html>\n' >"$T/a.html"
expect_eq "... and the program reads HTML (libxml2 loaded at run time)" "$("$T/prog_static" "$T/a.html" 2>&1)" "2 utf-8"
make -s -C "$TOP" uninstall BUILD="$BUILDDIR" PREFIX="$PREFIX" >/dev/null 2>&1
expect_eq "make uninstall removes the program" "$([ -e "$PREFIX/bin/mubiao" ] && echo left || echo gone)" "gone"
expect_eq "make uninstall removes the libraries" "$(ls "$PREFIX/lib" | grep -c libmubiao)" "0"
