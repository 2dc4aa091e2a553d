# tests/cli/dask.sh — scripts/dask-extract (issue 16) on a LocalCluster of 2
# workers: the records of the government work reports (../shared/data/gwr,
# all 46) equal mubiao extract over the same files, ids included; sidecar
# dates, a folder's order, a JSON Lines corpus cut into several tasks, bad
# documents, --ingest.
. "$TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
DX="$TOP/scripts/dask-extract"
if ! "$PY" -c 'import dask, distributed' 2>/dev/null; then
    skip "dask is not importable (Debian python3-dask, python3-distributed: sh scripts/install-deps.sh): dask-extract not tested"
    exit 0
fi
strip_id() { sed 's/"doc":{"id":"[^"]*",/"doc":{/'; }
# every record's doc.id is its doc.path
ids_are_paths() {
    "$PY" -c 'import json,sys; print(all(json.loads(l)["doc"]["id"] == json.loads(l)["doc"]["path"] for l in sys.stdin))'
}

if have_shared; then
    G="$SHARED/data/gwr"
    "$MUBIAO" extract "$G" >"$T/files.jsonl"
    "$PY" "$DX" --workers 2 --mubiao "$MUBIAO" --out "$T/gwro" "$G" 2>"$T/err"
    expect_eq "gwr on 2 workers: exit 0, no document failed" "$?:$(cat "$T/gwro/errors.jsonl")" "0:"
    expect_grep "gwr: the run is summed up" "dask-extract: 46 documents, 2.9 MB, [0-9]* tasks on LocalCluster of 2 workers: $(wc -l <"$T/files.jsonl" | tr -d ' ') records" "$T/err"
    expect_eq "gwr: cut into several tasks" "$(ls "$T/gwro" | grep -c '^part-.*\.jsonl$' | awk '{print ($1 > 1)}')" "1"
    cat "$T/gwro"/part-*.jsonl >"$T/dask.jsonl"
    expect_eq "gwr: the records of mubiao extract over the same files, ids and order included" \
        "$(strip_id <"$T/dask.jsonl" | cmp - "$T/files.jsonl" && echo same)" "same"
    expect_eq "gwr: doc.id is the file's path" "$(ids_are_paths <"$T/dask.jsonl")" "True"
    F="$T/folder"
    mkdir -p "$F/sub" "$F/.hidden"
    cp "$G/gwr-1954.txt" "$G/gwr-2024.txt" "$F/"
    cp "$G/gwr-1978.txt" "$F/sub/"
    cp "$G/gwr-2022.txt" "$F/.hidden/"
    cp "$G/gwr-1955.txt" "$F/a-bad-sidecar.txt"
    echo '{"date":"2024-03-05"}' >"$F/gwr-2024.txt.meta.json"
    echo '{"date": 2024' >"$F/a-bad-sidecar.txt.meta.json"
    cp "$TOP/tests/data/html/press-gbk.html" "$F/sub/page.html"
else
    skip "no ../shared/data: dask-extract over the government work reports not run"
    F="$T/folder"
    mkdir -p "$F/sub"
    cp "$TOP/corpus/"*.txt "$TOP/tests/data/extract/release.txt" "$F/"
    echo '{"date":"2024-03-05"}' >"$F/release.txt.meta.json"
    cp "$TOP/tests/data/extract/plan.txt" "$F/a-bad-sidecar.txt"
    echo '{"date": 2024' >"$F/a-bad-sidecar.txt.meta.json"
    cp "$TOP/tests/data/html/press-gbk.html" "$F/sub/page.html"
fi

# A folder: sidecar dates, a subfolder, a page, a hidden folder skipped, a
# bad sidecar failing its document only — as mubiao extract FOLDER.
"$MUBIAO" extract "$F" >"$T/f.jsonl" 2>"$T/f.err"
frc=$?
"$PY" "$DX" --workers 2 --mubiao "$MUBIAO" --partition-mb 0.1 --out "$T/fo" "$F" 2>/dev/null
expect_eq "folder with a bad sidecar: exit 1, as mubiao extract" "$?:$frc" "1:1"
cat "$T/fo"/part-*.jsonl >"$T/fd.jsonl"
expect_eq "folder: the records of mubiao extract FOLDER (sidecar date, page, order)" \
    "$(strip_id <"$T/fd.jsonl" | cmp - "$T/f.jsonl" && echo same):$(grep -c '"date_source":"given"' "$T/fd.jsonl" | awk '{print ($1 > 0)}')" "same:1"
expect_eq "folder: the bad sidecar's document in errors.jsonl" \
    "$("$PY" -c 'import json,sys; print([(e["id"], e["error"]) for e in map(json.loads, open(sys.argv[1]))])' "$T/fo/errors.jsonl")" \
    "[('$F/a-bad-sidecar.txt', '$F/a-bad-sidecar.txt.meta.json: invalid JSON')]"

# A JSON Lines corpus of the same files as text, with a bad line: cut at
# line ends into several tasks; errors carry the corpus's line numbers.
"$PY" - "$F" >"$T/corpus.jsonl" <<'PYEOF'
import json, os, sys
paths = []
for root, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    paths += [os.path.join(root, f) for f in sorted(files) if f.endswith(".txt") and "bad" not in f]
for i, p in enumerate(sorted(paths)):
    if i == 2:
        print('{"id": "broken", "text": ')
    d = {"id": p, "path": p, "text": open(p, encoding="utf-8").read()}
    if os.path.exists(p + ".meta.json"):
        d["date"] = json.load(open(p + ".meta.json"))["date"]
    print(json.dumps(d, ensure_ascii=False))
PYEOF
sed -n '1,2p;4,$p' "$T/corpus.jsonl" | "$MUBIAO" extract --input jsonl >"$T/c.jsonl"
"$PY" "$DX" --workers 2 --mubiao "$MUBIAO" --partition-mb 0.01 --out "$T/co" "$T/corpus.jsonl" 2>"$T/err"
expect_eq "corpus with a bad line: exit 1" "$?" "1"
expect_eq "corpus: several tasks" "$(ls "$T/co" | grep -c '^part-' | awk '{print ($1 > 1)}')" "1"
expect_eq "corpus: the records of mubiao extract --input jsonl, in order" \
    "$(cat "$T/co"/part-*.jsonl | cmp - "$T/c.jsonl" && echo same)" "same"
expect_eq "corpus: the bad line's error with its line in the corpus" "$(cat "$T/co/errors.jsonl")" \
    "{\"id\": \"broken\", \"line\": 3, \"error\": \"invalid JSON at byte 24 of the line\", \"input\": \"$T/corpus.jsonl\"}"

# --ingest: the folders given stored with mubiao ingest.
mkdir -p "$T/good"
cp "$F"/*.txt "$T/good/" && rm -f "$T/good/a-bad-sidecar.txt"
"$PY" "$DX" --workers 2 --mubiao "$MUBIAO" --out "$T/go" --ingest "$T/store.db" "$T/good" 2>/dev/null
expect_eq "--ingest: exit 0, the store holds the records" \
    "$?:$("$MUBIAO" query --db "$T/store.db" | wc -l | tr -d ' ')" "0:$(cat "$T/go"/part-*.jsonl | wc -l | tr -d ' ')"
expect_status "--ingest with a corpus: usage error" 2 "$PY" "$DX" --mubiao "$MUBIAO" --out "$T/x" --ingest "$T/s2.db" "$T/corpus.jsonl"
if "$PY" -c 'import pyarrow' 2>/dev/null; then
    "$PY" "$DX" --workers 2 --mubiao "$MUBIAO" --format parquet --out "$T/pq" "$T/good" 2>/dev/null
    expect_eq "--format parquet: the records as Parquet" "$?:$("$PY" -c 'import glob,sys,pyarrow.parquet as pq; print(sum(pq.read_table(p).num_rows for p in glob.glob(sys.argv[1]+"/part-*.parquet")))' "$T/pq")" \
        "0:$(cat "$T/go"/part-*.jsonl | wc -l | tr -d ' ')"
else
    "$PY" "$DX" --mubiao "$MUBIAO" --format parquet --out "$T/pq" "$T/good" >"$T/out" 2>&1
    expect_eq "--format parquet without pyarrow: usage error, said" "$?:$(cat "$T/out")" \
        "2:dask-extract: --format parquet needs pyarrow, which is not importable"
fi
