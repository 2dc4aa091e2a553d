#!/bin/sh
# Install mubiao's build and test dependencies from Debian packages.
#   scripts/install-deps.sh          install them (needs root)
#   scripts/install-deps.sh --print  print the apt-get line only
#   scripts/install-deps.sh --check  exit 1 (listing them) if any is missing
#   scripts/install-deps.sh --browser [--print|--check]  the same for the
#       browser test of 'mubiao report' instead: Chromium and CJK fonts
# Needs nothing but sh and apt: on a bare Debian it also installs make.
set -e
# building: the compiler (its sanitizer runtimes come with it), make,
# pkg-config, the libraries' headers (libxml2's only for its types: it is
# loaded with dlopen, package libxml2), jieba's dict.txt (the base lexicon),
# libpq (the PostgreSQL store)
BUILD="make gcc libc6-dev pkg-config libpcre2-dev libutf8proc-dev libcjson-dev nettle-dev libxml2-dev libxml2 libsqlite3-dev libpq-dev python3-jieba"
# linking a program with pkg-config --static mubiao: sqlite3.pc asks for -lz
LINK="zlib1g-dev"
# testing: python3 checks JSON, SQLite stores and the schema; the Python
# package is tested with pytest (and pandas) in a venv; man renders the man page;
# clang (with its libFuzzer runtime) builds the fuzz targets make check runs;
# dask and distributed run scripts/dask-extract (tests/cli/dask.sh);
# postgresql, a throwaway server for the PostgreSQL store (tests/cli/store_pg.sh)
TEST="python3 python3-jsonschema python3-venv python3-pytest python3-pandas man-db clang libclang-rt-14-dev python3-dask python3-distributed postgresql"
PACKAGES="$BUILD $LINK $TEST"
if [ "$1" = "--browser" ]; then
    PACKAGES="chromium fonts-noto-cjk"
    shift
fi
if [ "$1" = "--print" ]; then
    echo "apt-get install -y $PACKAGES"
    exit 0
fi
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ "$1" = "--check" ]; then
    [ -z "$missing" ] && exit 0
    echo "missing Debian packages:$missing" >&2
    exit 1
fi
if [ -n "$missing" ] && [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: must run as root; as root run:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing
fi
