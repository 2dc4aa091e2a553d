# tests/cli/ingest_kill.sh — kill -9 during ingest: after every kill the
# store passes SQLite's integrity check and holds only whole documents
# (each with all of its paragraphs and records, as many as extract gives);
# a last run finishes the job without duplicates and a run after it adds
# nothing.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
S="$TOP/tests/data/store"
N=200

cd "$T" || exit 1
mkdir -p inbox
# 200 different documents (a different last line each), text and HTML
i=0
while [ $i -lt $N ]; do
    tag=$(printf '%03d' $i | tr 0-9 a-j)
    case $((i % 4)) in
    0) { cat "$S/notice-2025.html"; echo "<!-- $tag -->"; } >"inbox/n$tag.html" ;;
    1) { cat "$S/plan-2024.txt"; echo "附件 $tag"; } >"inbox/p$tag.txt" ;;
    2) { cat "$TOP/tests/data/html/press-gbk.html"; echo "<!-- $tag -->"; } >"inbox/g$tag.html" ;;
    3) { cat "$S/plan-2023.txt"; echo "附件 $tag"; } >"inbox/q$tag.txt" ;;
    esac
    i=$((i + 1))
done
# what extract gives for one document of each kind: records and paragraphs
for f in inbox/naaa.html inbox/paab.txt inbox/gaac.html inbox/qaad.txt; do
    echo "$(basename "$f" | cut -c1) $("$MUBIAO" extract "$f" | wc -l) $("$MUBIAO" paragraphs "$f" | wc -l)"
done >want

# check DB: integrity, and every stored document whole
check() {
    "$PY" - "$1" want <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
want = {}
for l in open(sys.argv[2]):
    k, r, p = l.split()
    want[k] = (int(r), int(p))
ok = c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
if not c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0]:
    print("ok" if ok else "bad", 0)  # killed before the schema was made: an empty store
    sys.exit(0)
docs = c.execute("SELECT id, path, records, paragraphs FROM documents").fetchall()
for i, path, r, p in docs:
    nr = c.execute("SELECT count(*) FROM records WHERE doc_id = ?", (i,)).fetchone()[0]
    np = c.execute("SELECT count(*) FROM paragraphs WHERE doc_id = ?", (i,)).fetchone()[0]
    w = want[path.split('/')[-1][0]]
    if (nr, np) != (r, p) or (r, p) != w:
        ok = False
        print("  partial:", path, nr, np, r, p, w, file=sys.stderr)
orphans = c.execute("SELECT count(*) FROM records WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
orphans += c.execute("SELECT count(*) FROM paragraphs WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
paths = len(set(d[1] for d in docs))
print("ok" if ok and orphans == 0 and paths == len(docs) else "bad", len(docs))
PYEOF
}

# how long a whole run takes here, to kill at random moments inside it
t0=$(date +%s%N)
"$MUBIAO" ingest -q --db full.db inbox
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
expect_eq "a whole run: every document, whole" "$(check full.db)" "ok $N"

# kill_at DB FRACTION: run ingest into DB, kill -9 it after FRACTION (5% to
# 60%, at random) of a whole run; prints the delay (not later: on a loaded
# machine a run's length varies, and a kill after the end tests nothing)
kill_run() {
    r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    delay=$(awk -v ms="$ms" -v r="$r" 'BEGIN { printf "%.3f", ms * (0.05 + 0.55 * r / 65535) / 1000 }')
    "$MUBIAO" ingest -q --db "$1" inbox &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
}

# six runs into fresh stores, each killed at a random moment
interrupted=0
for round in 1 2 3 4 5 6; do
    kill_run "k$round.db"
    res=$(check "k$round.db")
    expect_eq "kill -9 at ${delay}s into a run (round $round): store consistent" "${res%% *}" "ok"
    [ "${res#* }" -lt $N ] && interrupted=$((interrupted + 1))
done
expect_eq "kills interrupted runs before the end (at least 3 of 6)" \
    "$([ $interrupted -ge 3 ] && echo yes || echo "no: $interrupted")" "yes"
# then runs that resume the same store, killed again and again
cp k1.db k.db
for round in 7 8 9 10; do
    kill_run k.db
    res=$(check k.db)
    expect_eq "kill -9 at ${delay}s into a resumed run (round $round): store consistent" "${res%% *}" "ok"
done

"$MUBIAO" ingest --db k.db inbox >final 2>&1
expect_eq "a last run finishes the job: exit 0" "$?" "0"
expect_eq "... every document once, whole" "$(check k.db)" "ok $N"
"$MUBIAO" ingest --db k.db inbox >again 2>&1
expect_grep "a run after it adds nothing" ": 0 new, 0 updated, $N unchanged, 0 duplicate, 0 skipped, 0 failed; 0 records" again
expect_eq "same records as the uninterrupted run" \
    "$("$MUBIAO" query --db k.db | sort | cksum)" "$("$MUBIAO" query --db full.db | sort | cksum)"
