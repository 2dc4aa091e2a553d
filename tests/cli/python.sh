# tests/cli/python.sh — the Python package (python/): `pip install ./python`
# into a fresh virtual environment with no package index (offline), then its
# pytest suite (python/tests/) against the library of the build under test,
# comparing every result with this build's mubiao program. Each pytest test
# becomes one ok/not ok line. Needs python3 with pytest (Debian
# python3-pytest, installed by scripts/install-deps.sh) and venv.
. "$TOP/tests/cli/lib.sh"
BUILDDIR=$(cd "$(dirname "$MUBIAO")" && pwd)
PY=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import pytest, venv' 2>/dev/null; then
        PY=$p
        break
    fi
done
if [ -z "$PY" ]; then
    _notok "python3 with pytest (Debian python3-pytest: sh scripts/install-deps.sh)"
    exit 0
fi
# --system-site-packages: pytest and pandas come from Debian; mubiao must come from ./python
"$PY" -m venv --system-site-packages "$T/venv" >"$T/venv.out" 2>&1
expect_eq "python3 -m venv" "$?" "0"
cp -r "$TOP/python" "$T/src" # pip builds in the source tree: keep the repository clean
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$T/venv/bin/python" -m pip install "$T/src" >"$T/pip.out" 2>&1
rc=$?
expect_eq "pip install ./python, offline" "$rc" "0"
[ "$rc" = 0 ] || sed 's/^/  /' "$T/pip.out" | tail -20
expect_grep "... installed as a pure-Python wheel" "Successfully installed mubiao-0.1.0" "$T/pip.out"
site=$("$T/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
expect_eq "... with no compiled file" "$(find "$site/mubiao" -name '*.so' | wc -l)" "0"

# A sanitizer build's library needs the sanitizer runtimes loaded first.
PRELOAD=""
case "$BUILDDIR" in
*asan*)
    for r in libasan.so libubsan.so; do
        f=$(cc -print-file-name=$r)
        [ -f "$f" ] && PRELOAD="$PRELOAD${PRELOAD:+:}$f"
    done
    ;;
esac
cd "$T" || exit 1
env MUBIAO_LIB="$BUILDDIR/libmubiao.so.0" MUBIAO_DICT="$BUILDDIR/mubiao.dict" MUBIAO_EXPECT_PACKAGE_UNDER="$T/venv" \
    PYTHONDONTWRITEBYTECODE=1 LD_PRELOAD="$PRELOAD" ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
    timeout 600 "$T/venv/bin/python" -m pytest -p no:cacheprovider -v -rN "$TOP/python/tests" >"$T/pytest.out" 2>&1
rc=$?
sed -n 's/^\([^ ]*::[^ ]*\) PASSED.*/ok - \1/p; s/^\([^ ]*::[^ ]*\) SKIPPED.*/skip - \1/p; s/^\([^ ]*::[^ ]*\) \(FAILED\|ERROR\).*/not ok - \1/p' \
    "$T/pytest.out" | sed 's|^\(.*\) - .*/python/tests/|\1 - python/tests/|'
npass=$(grep -c ' PASSED' "$T/pytest.out")
[ "$npass" -ge 15 ] || _notok "pytest ran ($npass passed)"
if [ "$rc" != 0 ]; then
    _notok "pytest exit status $rc"
    grep -v ' PASSED' "$T/pytest.out" | tail -60 | sed 's/^/  /'
fi

# make install-python: the package remembers PREFIX and finds the library
# and the dictionary there with no MUBIAO_LIB, MUBIAO_DICT or mubiao on PATH
make -s -C "$TOP" install-python NOBUILD=1 BUILD="$BUILDDIR" PREFIX="$T/inst" PYTHON="$T/venv/bin/python" \
    >"$T/make.out" 2>&1
expect_eq "make install-python: exit 0" "$?" "0"
printf '到2025年上市企业突破120家。\n' >"$T/a.txt"
got=$(env -u MUBIAO_LIB -u MUBIAO_DICT PATH=/usr/bin:/bin PYTHONDONTWRITEBYTECODE=1 LD_PRELOAD="$PRELOAD" \
    ASAN_OPTIONS=detect_leaks=0 timeout 120 "$T/venv/bin/python" -c '
import mubiao
r = mubiao.extract("a.txt", date="2024-01-01")[0]
print(mubiao.library_path(), mubiao.dict_path(), r["indicator"], r["value"])' 2>&1)
expect_eq "... finds PREFIX/lib and PREFIX/share" "$got" \
    "$T/inst/lib/libmubiao.so.0 $T/inst/share/mubiao/mubiao.dict 上市企业 120"
