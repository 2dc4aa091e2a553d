# tests/cli/watch.sh — mubiao ingest --watch: files dropped into the folder
# while it runs are ingested once complete (closed after writing, or renamed
# in; a partial download is not), new sub-folders are watched, a bad file is
# reported and survived, and SIGTERM / SIGINT stop it cleanly (exit 0, every
# stored document whole).
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
S="$TOP/tests/data/store"
D="$TOP/tests/data/extract"
cd "$T" || exit 1
mkdir -p inbox
cp "$S/plan-2023.txt" inbox/a.txt

# wait_for PATTERN FILE: up to 60 s (sanitizer builds are slow)
wait_for() {
    i=0
    while ! grep -q -- "$1" "$2" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -gt 600 ] && return 1
        sleep 0.1
    done
    return 0
}
seen() { if wait_for "$2" log; then _ok "$1"; else _notok "$1 (no '$2' in the log)"; sed 's/^/  /' log err | tail -8; fi; }

"$MUBIAO" ingest --watch --db w.db inbox >log 2>err &
pid=$!
seen "a file already there is ingested first" "^new	inbox/a.txt	"
wait_for "watching" err
expect_grep "then it says it watches" "watching 1 folder for new files" err

cp "$S/plan-2024.txt" inbox/b.txt
seen "a file copied in: ingested once closed" "^new	inbox/b.txt	"

# a download: written under a temporary name over time, then renamed
{
    head -c 100 "$D/release.txt"
    sleep 0.5
    tail -c +101 "$D/release.txt"
} >inbox/c.html.part
sleep 0.3
expect_eq "a partial download (.part) is not taken" "$(grep -c 'c.html' log)" "0"
mv inbox/c.html.part inbox/c.txt
seen "... it is when renamed into place" "^new	inbox/c.txt	"

printf 'abc\000def' >inbox/bad.txt
seen "a bad file: reported as failed" "^failed	inbox/bad.txt"
expect_grep "... with its name and byte offset on stderr" "inbox/bad.txt: byte 3: NUL byte" err
expect_eq "... and the watcher goes on" "$(kill -0 "$pid" 2>/dev/null && echo alive)" "alive"

mkdir inbox/sub
cp "$D/plan.txt" inbox/sub/d.txt
seen "a file in a new sub-folder" "^new	inbox/sub/d.txt	"
cp "$D/news.txt" inbox/.hidden.txt
cp "$S/notice-2025.html" inbox/e.html
seen "an HTML page" "^new	inbox/e.html	"
expect_eq "a hidden file is not taken" "$(grep -c 'hidden' log)" "0"
cp "$S/plan-2024.txt" inbox/b2.txt
seen "the same content under another name: duplicate" "^duplicate	inbox/b2.txt	same as inbox/b.txt"
cat "$S/plan-2023.txt" >inbox/b.txt
seen "a file rewritten with other content: updated" "^updated	inbox/b.txt	"

kill -TERM "$pid"
wait "$pid"
expect_eq "SIGTERM: exit 0" "$?" "0"
expect_grep "... with a last line" "^ingest: stopped by SIGTERM: 5 new, 1 updated, 1 duplicate, 1 failed" log
expect_eq "the store: every document whole, as extract gives it" "$(for f in a b c sub/d; do
    printf '%s %s %s\n' "$f" "$("$MUBIAO" query --db w.db --doc "inbox/$f.txt" | wc -l | tr -d ' ')" \
        "$("$MUBIAO" extract "inbox/$f.txt" | wc -l | tr -d ' ')"; done)" \
    "$(for f in a b c sub/d; do n=$("$MUBIAO" extract "inbox/$f.txt" | wc -l | tr -d ' '); echo "$f $n $n"; done)"
expect_eq "... and the store is sound" "$("$PY" -c "
import sqlite3; print(sqlite3.connect('w.db').execute('PRAGMA integrity_check').fetchone()[0])")" "ok"

# SIGINT (a shell starts background jobs with SIGINT ignored: --watch takes it back)
"$MUBIAO" ingest --watch --db w.db inbox >log2 2>err2 &
pid=$!
wait_for "watching" err2
# b2.txt was a duplicate of b.txt's old content, no longer stored: new now;
# the bad file fails again; the others are unchanged and not logged
expect_eq "a second run: only what changed is logged" "$(cut -f1,2 log2 | grep -v '^ingest:' | sort | tr '\t\n' ' /')" \
    "failed inbox/bad.txt/new inbox/b2.txt/"
kill -INT "$pid"
wait "$pid"
expect_eq "SIGINT: exit 0" "$?" "0"
expect_grep "... stopped by SIGINT" "^ingest: stopped by SIGINT: 1 new, 0 updated, 0 duplicate, 1 failed" log2
expect_status "--watch of a file: usage error" 2 "$MUBIAO" ingest --watch --db w.db inbox/a.txt
