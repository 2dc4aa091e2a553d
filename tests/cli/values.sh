# tests/cli/values.sh — one value formatter (src/lib/present.c) for every
# view made for people: show, query's table and CSV, history, report. The
# same record's value is written the same way everywhere, and numbers are
# the shortest that read back (7.9, never 7.9000000000000004).
. "$TOP/tests/cli/lib.sh"
cd "$T" || exit 1
mkdir -p in
printf '到2025年，全市高新技术企业不少于1.5万家，研发投入强度达到7.9%%左右，地区生产总值增长6%%—6.5%%，技术合同成交额突破350亿元。\n' >in/v.txt
printf '{"date": "2024-01-01"}\n' >in/v.txt.meta.json
want=">=1.5万家 ~7.9% 6-6.5% >350亿元"
show=$("$MUBIAO" show in/v.txt | sed -n 's/^  [0-9]  target  *[^ ]*  *\([^ ]*\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')
expect_eq "show: the four values" "$show" "$want"
export MUBIAO_DB="$T/v.db"
"$MUBIAO" ingest -q in
table=$("$MUBIAO" query --format table | tail -n +3 | awk '{print $4}' | tr '\n' ' ' | sed 's/ $//')
expect_eq "query --format table: the same four" "$table" "$want"
hist=$("$MUBIAO" history --exact 研发投入强度 | tail -n +3 | awk '{print $4}')
expect_eq "history: the same" "$hist" "~7.9%"
"$MUBIAO" query --format csv >v.csv
expect_grep "csv: 7.9 as written" ',研发投入强度,7.9,,,%,approx,' v.csv
"$MUBIAO" report in/v.txt >v.html
expect_grep "report: data-v and title 7.9" '<td class="num" data-v="7.9" title="7.9">7.9</td>' v.html
expect_grep "report: the comparator as show writes it" '<td>%</td><td>~</td>' v.html
expect_grep "report: a range as show writes it" '>6-6.5</td>' v.html
expect_eq "no 17-digit artefact anywhere" "$(cat v.html v.csv | grep -c '0000000000000')" "0"
