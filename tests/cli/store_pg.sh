# tests/cli/store_pg.sh — the PostgreSQL store (--db postgresql://...):
# a throwaway server (Debian's postgresql: initdb into a temporary folder,
# a Unix socket only, stopped at the end) holds the same documents as an
# SQLite store, and ingest, query, history and track print the same bytes
# from both; two ingesters of one folder at once store every file once;
# a wrong URI or a server that is down is a clear error, exit 1.
# initdb and the server refuse to run as root: as root they run as the
# postgres account the package creates. Without PostgreSQL the test skips,
# except in CI (CI set), where it fails.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# libpq is loaded on the first connection (src/lib/pqapi.c), not linked:
# no command pays for it, and a libpq that cannot serve is a clear error
if command -v cc >/dev/null 2>&1; then
    mkdir -p "$T/fakepq"
    printf 'int mb_not_libpq;\n' >"$T/fakepq/x.c"
    cc -shared -fPIC -o "$T/fakepq/libpq.so.5" "$T/fakepq/x.c" 2>/dev/null
    printf '2025年目标增长5%%。\n' >"$T/one.txt"
    LD_LIBRARY_PATH="$T/fakepq" "$MUBIAO" ingest --db postgresql:///nodb "$T/one.txt" >"$T/out" 2>&1
    expect_eq "a libpq without its functions: exit 1" "$?" 1
    expect_grep "... said, naming the library and the symbol" \
        "a PostgreSQL store needs libpq (Debian package libpq5): libpq.so.5: no symbol PQclear" "$T/out"
else
    skip "no C compiler for the stand-in libpq"
fi
if [ -x "$MUBIAO" ] && command -v ldd >/dev/null 2>&1 && ldd "$MUBIAO" >/dev/null 2>&1; then
    expect_eq "mubiao is not linked with libpq (loaded when a store needs it)" \
        "$(ldd "$MUBIAO" | grep -c 'libpq\.so')" 0
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
nopg() {
    if [ -n "$CI" ]; then
        _notok "PostgreSQL store: $1 (required in CI: sh scripts/install-deps.sh)"
    else
        skip "PostgreSQL store: $1 (as root: sh scripts/install-deps.sh)"
    fi
    exit 0
}
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || nopg "PostgreSQL is not installed (Debian package postgresql)"
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || nopg "no postgres account to run the server as"
    as_pg() { runuser -u postgres -- "$@"; }
fi
# the server's folder: outside $T, which the postgres account cannot enter
PGD=$(mktemp -d "${TMPDIR:-/tmp}/mubiao-pg.XXXXXX") || nopg "no temporary folder"
SOCK="$PGD/sock"
mkdir "$SOCK" && chmod 755 "$PGD" "$SOCK"
[ "$(id -u)" = 0 ] && chown -R postgres "$PGD"
stop_pg() {
    [ -f "$PGD/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$PGD"
}
trap stop_pg EXIT INT TERM
as_pg "$PGBIN/initdb" -D "$PGD/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$T/initdb.log" 2>&1 ||
    { cat "$T/initdb.log"; nopg "initdb failed"; }
as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c fsync=off" start >"$T/pgctl.log" 2>&1 ||
    { cat "$T/pgctl.log" "$PGD/server.log"; nopg "the server did not start"; }
uri() { echo "postgresql:///$1?host=$SOCK&user=postgres"; }
createdb() { "$PGBIN/createdb" -h "$SOCK" -U postgres "$1"; }
psql1() { "$PGBIN/psql" -X -A -t -q -h "$SOCK" -U postgres -d "$1" -c "$2"; }
expect_eq "a throwaway PostgreSQL server on a Unix socket" "$(psql1 postgres 'SELECT 1')" "1"

cd "$T" || exit 1
S="$TOP/tests/data/store"
mkdir inbox
cp "$S"/*.txt "$S"/notice-2025.html inbox/
cp "$TOP"/tests/data/extract/release.txt "$TOP"/tests/data/extract/plan.txt inbox/
cp -r "$TOP/tests/data/track/docs" track

# both stores: SQLite (lite.db) and PostgreSQL (database q), the same commands
createdb q
PG=$(uri q)
both() { # both NAME ARGS...: NAME.lite and NAME.pg, the store's name made DB
    name=$1
    shift
    "$MUBIAO" "$@" --db lite.db >"$name.lite" 2>&1
    echo "exit $?" >>"$name.lite"
    "$MUBIAO" "$@" --db "$PG" >"$name.pg.raw" 2>&1
    echo "exit $?" >>"$name.pg.raw"
    # the store's name and the time taken differ
    sed -e "s|lite.db|DB|g" -e 's| in [0-9.]* s ([0-9.]* MB/s)| in T|' "$name.lite" >"$name.lite.x" &&
        mv "$name.lite.x" "$name.lite"
    sed -e "s|$PG|DB|g" -e 's| in [0-9.]* s ([0-9.]* MB/s)| in T|' "$name.pg.raw" >"$name.pg"
    if cmp -s "$name.lite" "$name.pg"; then _ok "$name: the same bytes from both stores ($(wc -c <"$name.pg" | tr -d ' '))"; else
        _notok "$name: the stores differ"
        diff "$name.lite" "$name.pg" | head -10
    fi
}
both ingest ingest inbox track
expect_grep "... a new store: every file new" ": 13 new, 0 updated, 0 unchanged, 0 duplicate" ingest.pg
both ingest-again ingest inbox track
expect_grep "... again: every file unchanged" " 0 new, 0 updated, 13 unchanged, 0 duplicate" ingest-again.pg
cp inbox/plan-2023.txt copy-of-plan.txt
printf '\n到2030年，全市常住人口达到1200万人。\n' >>inbox/quotes.txt
both ingest-changed ingest -v inbox copy-of-plan.txt
expect_grep "... a changed file updated, a copy a duplicate" " 0 new, 1 updated, 7 unchanged, 1 duplicate" ingest-changed.pg
both ingest-force ingest --force --date 2024-06-01 inbox/plan.txt

both query query
both query-csv query --format csv
both query-json query --format json
both query-table query --format table
both query-from-to query --from 2024-01-01 --to 2024-12-31
both query-to-year query --to 2024
both query-unit-kind query --unit % --kind target
both query-limit query --limit 3
both query-sort-value query --sort value
both query-sort-year query --sort -year
both query-sort-indicator query --sort indicator
both query-sort-path query --sort -path
both query-doc query --doc inbox/./plan-2024.txt
both query-doc-abs query --doc "$T/inbox/plan-2024.txt"
both query-indicator query --indicator GDP
both query-indicator-exact query --indicator 高新技术企业 --exact
both query-year query --year 2025
both query-region query --region 苏州
both query-issuer query --issuer 姑苏区人民政府
both query-bad-sort query --sort bogus
both history history 高新技术企业
both history-csv history --format csv 国内生产总值
both history-json history --format json GDP
both track-all track --all
both track-csv track --all --format csv --no-bom
both track-jsonl track --all --format jsonl
both track-gdp track GDP --region 苏州 --format csv
both track-year track --all --year 2025 --format csv
expect_eq "... the queries found rows" "$(wc -l <query.pg | tr -d ' '):$(grep -c . track-csv.pg)" \
    "$(wc -l <query.lite | tr -d ' '):$(grep -c . track-csv.lite)"
expect_eq "... and not few" "$([ "$(wc -l <query.pg)" -gt 40 ] && [ "$(grep -c . track-csv.pg)" -gt 5 ] && echo yes)" "yes"

# MUBIAO_DB names a PostgreSQL store as well as --db does
MUBIAO_DB="$PG" "$MUBIAO" query >query.env 2>&1
echo "exit $?" >>query.env
expect_eq "MUBIAO_DB=postgresql://...: the same records" "$(cmp query.env query.pg.raw && echo same)" "same"
expect_eq "the schema version in mubiao_schema" "$(psql1 q 'SELECT version, application_id FROM mubiao_schema')" \
    "3|1835156546"

# the work reports: a larger store, the hand-checked series of track.sh
if have_shared && [ -d "$SHARED/data/gwr" ]; then
    createdb gwr
    "$MUBIAO" ingest -q --db gwr.db "$SHARED/data/gwr"
    "$MUBIAO" ingest -q --db "$(uri gwr)" "$SHARED/data/gwr"
    "$MUBIAO" track --db gwr.db --all --format csv --no-bom >gwr.lite
    "$MUBIAO" track --db "$(uri gwr)" --all --format csv --no-bom >gwr.pg
    expect_eq "the work reports: track --all the same from both ($(wc -l <gwr.pg | tr -d ' ') lines)" \
        "$(cmp gwr.lite gwr.pg && echo same)" "same"
    "$MUBIAO" query --db gwr.db >gwrq.lite
    "$MUBIAO" query --db "$(uri gwr)" >gwrq.pg
    expect_eq "... query the same ($(wc -l <gwrq.pg | tr -d ' ') records)" "$(cmp gwrq.lite gwrq.pg && echo same)" "same"
else
    skip "the work reports: ../shared/data/gwr is absent"
fi

# ---- two ingesters of the same folder at once ----
mkdir many
i=1
while [ $i -le 60 ]; do
    printf '第%d号文件：到2025年，全市新增高新技术企业%d家，研发投入增长%d%%。\n' $i $((i * 10)) $((i % 9 + 1)) >many/f$i.txt
    i=$((i + 1))
done
cp many/f7.txt many/same-as-f7.txt # content stored once: one of the two is a duplicate
r=1
bad=""
while [ $r -le 4 ]; do
    createdb c$r
    C=$(uri c$r)
    "$MUBIAO" ingest --db "$C" many >o1 2>e1 &
    "$MUBIAO" ingest --db "$C" many >o2 2>e2
    wait
    s1=$(sed -n 's/.*: \([0-9]*\) new, 0 updated, \([0-9]*\) unchanged, \([0-9]*\) duplicate, 0 skipped, 0 failed;.*/\1 \2 \3/p' o1)
    s2=$(sed -n 's/.*: \([0-9]*\) new, 0 updated, \([0-9]*\) unchanged, \([0-9]*\) duplicate, 0 skipped, 0 failed;.*/\1 \2 \3/p' o2)
    set -- $s1 $s2
    # each run: new + unchanged + duplicate = 61, one duplicate; together 60 new
    if [ $# -ne 6 ] || [ $(($1 + $2 + $3)) -ne 61 ] || [ $(($4 + $5 + $6)) -ne 61 ] || [ "$3$6" != 11 ] ||
        [ $(($1 + $4)) -ne 60 ] || [ -s e1 ] || [ -s e2 ]; then
        bad="$bad round $r: [$(cat o1 e1)] [$(cat o2 e2)]"
    fi
    got=$("$MUBIAO" query --db "$C" | "$PY" -c "
import json, sys
rs = [json.loads(l) for l in sys.stdin]
keys = [(r['doc']['path'], r['id']) for r in rs]
print(len(set(r['doc']['path'] for r in rs)), len(rs), len(set(keys)))")
    [ "$got" = "60 120 120" ] || bad="$bad round $r: query found $got"
    r=$((r + 1))
done
expect_eq "two ingesters at once, 4 rounds: 60 files stored once (one copy a duplicate), no error" "$bad" ""
expect_eq "... each document once in the table, its records with it" \
    "$(psql1 c4 'SELECT count(*), count(DISTINCT path), count(DISTINCT sha256), sum(records) FROM documents'):$(psql1 c4 'SELECT count(*) FROM records')" \
    "60|60|60|120:120"

# ---- a document that fails half-way is not stored at all ----
# (rows are sent in pipeline mode, answers read every 256 rows: the error
# comes after 300 paragraphs were sent and read back)
createdb boom
B=$(uri boom)
mkdir boomin
i=1
while [ $i -le 300 ]; do
    printf '第%d段。\n\n' $i >>boomin/b.txt
    i=$((i + 1))
done
printf '到2025年，全市新增高新技术企业999家。\n' >>boomin/b.txt
printf '到2025年，全市新增高新技术企业100家。\n' >boomin/a.txt
printf '到2025年，全市新增高新技术企业200家。\n' >boomin/c.txt
"$MUBIAO" ingest -q --db "$B" boomin/a.txt
psql1 boom "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
  IF NEW.value = 999 THEN RAISE EXCEPTION 'no 999 here'; END IF; RETURN NEW; END \$\$;
  CREATE TRIGGER boom BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION boom()"
expect_status "a record the server refuses: exit 1" 1 "$MUBIAO" ingest --db "$B" boomin
expect_grep "... the store and the server's reason" "^mubiao ingest: postgresql:///boom?host=.*: cannot store a record: ERROR: no 999 here" "$T/out"
expect_grep "... the others stored" ": 1 new, 0 updated, 1 unchanged, 0 duplicate, 0 skipped, 1 failed" "$T/out"
expect_eq "... nothing of that document in the store" \
    "$(psql1 boom "SELECT count(*) FROM documents WHERE path = 'boomin/b.txt'"):$(psql1 boom 'SELECT count(*) FROM paragraphs'):$(psql1 boom 'SELECT count(*) FROM records')" \
    "0:2:2"
psql1 boom "DROP TRIGGER boom ON records"
expect_status "... once the server takes it, the next ingest stores it" 0 "$MUBIAO" ingest --db "$B" boomin
expect_grep "... new, whole" ": 1 new, 0 updated, 2 unchanged" "$T/out"
expect_eq "... its 301 paragraphs and its record" \
    "$(psql1 boom "SELECT paragraphs, records, (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.id) FROM documents d WHERE path = 'boomin/b.txt'")" \
    "301|1|301"

# ---- errors: named, exit 1, no hang ----
expect_status "a database that does not exist: exit 1" 1 "$MUBIAO" query --db "$(uri nosuch)"
expect_grep "... named, with the server's reason" "query: postgresql:///nosuch?host=.*: cannot connect to the PostgreSQL store: .*nosuch.* does not exist" "$T/out"
expect_status "a server that is not there: exit 1" 1 timeout 60 "$MUBIAO" ingest --db "postgresql:///q?host=$T/nosocket" inbox
expect_grep "... named, on one line" "^mubiao ingest: postgresql:///q?host=$T/nosocket: cannot connect to the PostgreSQL store: connection to server on socket \"$T/nosocket/.s.PGSQL.5432\" failed: No such file or directory Is the server running" "$T/out"
expect_status "a bad URI: exit 1" 1 "$MUBIAO" query --db "postgresql://[bad"
expect_grep "... named" "postgresql://\[bad: cannot connect to the PostgreSQL store: " "$T/out"
expect_status "a password in the URI is not shown" 1 "$MUBIAO" query --db "postgresql://someone:secret@localhost:1/x?host=$T/nosocket"
expect_eq "... hidden" "$(grep -c secret "$T/out"):$(grep -c 'someone:\*\*\*@' "$T/out")" "0:1"
expect_status "... nor a short one" 1 "$MUBIAO" query --db "postgres://u:p@localhost:1/x?host=$T/nosocket"
expect_grep "... hidden" "^mubiao query: postgres://u:\*\*\*@localhost:1/x?host=$T/nosocket: cannot connect" "$T/out"
createdb other
psql1 other "CREATE TABLE mubiao_schema (version INTEGER NOT NULL, application_id INTEGER NOT NULL); INSERT INTO mubiao_schema VALUES (9, 1835156546)"
expect_status "a store of a newer schema: exit 1" 1 "$MUBIAO" query --db "$(uri other)"
expect_grep "... says so" "store schema version 9 is newer than this mubiao's (3)" "$T/out"
