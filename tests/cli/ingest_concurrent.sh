# tests/cli/ingest_concurrent.sh — two ingests of the same folder into one
# store at the same time: every file is stored once, and neither run calls
# a file a duplicate of itself (the path and sha256 look-ups are one
# snapshot), and neither fails to open the store. Before the fixes, about
# one round in three gave "1 duplicate", and under ASan one in six
# "database is locked".
. "$TOP/tests/cli/lib.sh"
cd "$T" || exit 1
mkdir inbox empty
i=1
while [ $i -le 40 ]; do
    printf '第%d号文件：到2025年，全市新增高新技术企业%d家。\n' $i $((i * 10)) >inbox/f$i.txt
    i=$((i + 1))
done
r=1
bad=""
while [ $r -le 6 ]; do
    rm -f m.db m.db-wal m.db-shm
    # odd rounds: both runs create the store at the same instant (the
    # switch to WAL and the schema answered "database is locked" at once,
    # before the retry in mb_store_open); even rounds: it exists
    [ $((r % 2)) = 0 ] && "$MUBIAO" ingest -q --db m.db empty
    "$MUBIAO" ingest --db m.db inbox >o1 2>e1 &
    "$MUBIAO" ingest --db m.db inbox >o2 2>e2
    wait
    s1=$(sed -n 's/.*: \([0-9]*\) new, 0 updated, \([0-9]*\) unchanged, \([0-9]*\) duplicate, 0 skipped, 0 failed;.*/\1 \2 \3/p' o1)
    s2=$(sed -n 's/.*: \([0-9]*\) new, 0 updated, \([0-9]*\) unchanged, \([0-9]*\) duplicate, 0 skipped, 0 failed;.*/\1 \2 \3/p' o2)
    set -- $s1 $s2
    # each run: new + unchanged = 40, no duplicate; together 40 new
    if [ $# -ne 6 ] || [ $(($1 + $2)) -ne 40 ] || [ $(($4 + $5)) -ne 40 ] || [ "$3$6" != 00 ] ||
        [ $(($1 + $4)) -ne 40 ] || [ -s e1 ] || [ -s e2 ]; then
        bad="$bad round $r: [$(cat o1 e1)] [$(cat o2 e2)]"
    fi
    r=$((r + 1))
done
expect_eq "two concurrent ingests, 6 rounds: 40 files stored once, no duplicate, no error" "$bad" ""
expect_eq "the store holds 40 documents" "$("$MUBIAO" query --db m.db | wc -l | tr -d ' ')" "40"
