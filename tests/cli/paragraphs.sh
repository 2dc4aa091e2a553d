# tests/cli/paragraphs.sh — `mubiao paragraphs`: the paragraphs of the two
# corpus documents (start lines, texts, source offsets), the span invariant
# of every paragraph, bad input, and (with ../shared) one paragraph per
# non-blank line in every government work report.
. "$TOP/tests/cli/lib.sh"

D0=corpus/000_f13218485f6e8987.txt
D2=corpus/002_5a266641c087b39d.txt

# summary JSONL: "index start end line text" per paragraph, tab-separated
# (normalized text holds no tab; the corpus texts hold no '"' or '\', so
# [^"]* is the whole text)
TAB=$(printf '\t')
summary() {
    sed -n "s/.*\"index\":\([0-9]*\),\"start\":\([0-9]*\),\"end\":\([0-9]*\),\"line\":\([0-9]*\),\"text\":\"\([^\"]*\)\".*/\1$TAB\2$TAB\3$TAB\4$TAB\5/p" "$1"
}
# col SUMMARY INDEX COLUMNS: columns of paragraph INDEX (2 start, 3 end, 4
# line, 5 text), space-separated
col() { awk -F "$TAB" -v i="$2" -v c="$3" '$1 == i { n = split(c, k, " "); for (j = 1; j <= n; j++) printf "%s%s", (j > 1 ? " " : ""), $(k[j]); print "" }' "$1"; }
text_of() { col "$1" "$2" 5; }
# lines_of SUMMARY: the start lines on one line
lines_of() { awk -F "$TAB" '{ printf "%s%s", (NR > 1 ? " " : ""), $4 }' "$1"; }

# span_invariant FILE SUMMARY: source bytes [start,end) with line breaks and
# spaces removed equal the text with spaces removed, for every paragraph
span_invariant() {
    bad=0
    while IFS="$TAB" read -r i a b l text; do
        src=$(tail -c +"$((a + 1))" "$1" | head -c "$((b - a))" | tr -d ' \n')
        txt=$(printf '%s' "$text" | tr -d ' ')
        if [ "$src" != "$txt" ]; then
            bad=$((bad + 1))
            echo "  paragraph $i ($a..$b): source '$src' text '$txt'" | head -c 300
            echo
        fi
    done <"$2"
    expect_eq "$1: every paragraph's source span gives its text" "$bad" 0
}

# ---- corpus/002: a speech, double-spaced, wrapped at ~55 characters ----
expect_status "002: exit 0" 0 "$MUBIAO" paragraphs "$D2"
"$MUBIAO" paragraphs "$D2" >"$T/p2.jsonl" 2>"$T/p2.err"
summary "$T/p2.jsonl" >"$T/s2"
expect_eq "002: 14 paragraphs" "$(wc -l <"$T/s2" | tr -d ' ')" 14
expect_eq "002: paragraph start lines" "$(lines_of "$T/s2")" "1 3 5 7 23 25 45 47 66 68 86 88 104 106"
expect_eq "002: title (indented, trailing space trimmed)" "$(text_of "$T/s2" 0)" "持续深化“园区”改革 高水平推动开放创新"
expect_eq "002: author" "$(text_of "$T/s2" 1)" "吴庆文"
expect_eq "002: heading" "$(text_of "$T/s2" 4)" "一、深化科技体制改革，打造世界一流高科技园区。"
expect_eq "002: indented heading after a line without blank" "$(text_of "$T/s2" 8)" \
    "三、创新项目管理服务机制，推动产业高质量发展。"
expect_grep "002: paragraph 3 joins 8 lines" \
    '"text":"发展出题目，改革做文章。以深化改革破解发展难题，以开放创新激发经济发展新动能，是应对严峻复杂外部环境、顶住经济下行压力、实现高质量发展的必然要求，也是构建以国内大循环为主体、国内国际双循环相互促进的新发展格局的重要途径。作为' \
    "$T/p2.jsonl"
expect_grep "002: wrapped 120 家 joined" '力争到 2025 年上市企业突破120 家，涌现出一批具有国际竞争力和影响力的地标型企业。"' "$T/p2.jsonl"
expect_eq "002: offsets of the title (after its leading space)" "$(col "$T/s2" 0 "2 3")" "1 59"
expect_eq "002: offsets of paragraph 3" "$(col "$T/s2" 3 "2 3")" "123 1316"
expect_eq "002: offsets of the last paragraph" "$(col "$T/s2" 13 "2 3")" "7518 9093"
expect_grep "002: sentence offsets" '"sentences":\[{"start":123,"end":159,"text":"发展出题目，改革做文章。"}' "$T/p2.jsonl"
span_invariant "$D2" "$T/s2"

# ---- corpus/000: a newspaper page, ~14-character columns ----
"$MUBIAO" paragraphs "$D0" >"$T/p0.jsonl" 2>"$T/p0.err"
summary "$T/p0.jsonl" >"$T/s0"
expect_eq "000: paragraph start lines" "$(lines_of "$T/s0")" \
    "1 3 6 10 31 45 57 63 72 88 94 110 115 132 136 138 156 160 171 179 192 199 201 203 205 207 209 211 212 221 231 234 246 258 267 273 281 285 295 307"
expect_eq "000: title" "$(text_of "$T/s0" 0)" "坚持开放创新"
expect_eq "000: two-line subtitle" "$(text_of "$T/s0" 1)" "苏州打造具有全球影响力的产业科技创新中心主承载区"
expect_eq "000: lede ending in a question" "$(text_of "$T/s0" 2)" \
    "新时期新形势下，苏州如何用好开放“法宝”，集聚融合全球一流创新要素资源？"
expect_eq "000: indented paragraph across a blank line, 3万 / 亿 joined" "$(text_of "$T/s0" 7)" \
    "苏州正在从“制造”向“智造”转变。今年，苏州以“新年第一会”的形式召开全市推进新型工业化工作会议，提出要全面实施“苏州智造”强基提质行动，到 2026 年 GDP超 3万亿，形成新能源、电子信息、高端装备、先进材料4个万亿级主导产业，规上工业总产值跃上5万亿台阶。"
expect_eq "000: paragraph after a full sentence-ending line (lost indent)" "$(col "$T/s0" 8 4)" 72
expect_grep "000: ... its text" '"line":72,"text":"苏州市工信局党组书记范建青介绍，围绕苏州“智造”，重点聚焦传统产业' "$T/p0.jsonl"
expect_eq "000: wide heading" "$(text_of "$T/s0" 14)" "展望苏州创新愿景，将在四个“新”上下功夫"
expect_eq "000: heading wrapped with a one-character tail" "$(text_of "$T/s0" 21)" "八个“地”晒出苏州发展新质生产力的信心问题"
expect_eq "000: heading block, blank-separated" "$(text_of "$T/s0" 24)" "从“制造”到“智造”，重点聚焦三个方向"
expect_eq "000: heading right above a column" "$(text_of "$T/s0" 27)" "两个“一流”支撑，苏州发展呈现“五个转型”"
expect_eq "000: vertical photo credit" "$(text_of "$T/s0" 39)" "苏州工业园区融媒体中心供图"
expect_eq "000: offsets of the wide lede" "$(col "$T/s0" 6 "2 3 4")" "1922 2375 57"
expect_eq "000: offsets of the vertical credit" "$(col "$T/s0" 39 "2 3 4")" "10954 11005 307"
span_invariant "$D0" "$T/s0"

# ---- bad input ----
printf 'a\000b\n' >"$T/nul.txt"
: >"$T/empty.txt"
expect_status "missing file: exit 1" 1 "$MUBIAO" paragraphs "$T/nope.txt"
expect_grep "missing file: named in the error" "nope.txt" "$T/out"
expect_status "binary file: exit 1" 1 "$MUBIAO" paragraphs "$T/nul.txt"
expect_grep "binary file: named in the error" "nul.txt" "$T/out"
expect_status "empty file: exit 0" 0 "$MUBIAO" paragraphs "$T/empty.txt"
expect_eq "empty file: no paragraph" "$(wc -c <"$T/out" | tr -d ' ')" 0
"$MUBIAO" paragraphs "$T/nope.txt" "$D2" >"$T/mixed.out" 2>/dev/null
expect_eq "a bad file does not stop the others" "$(grep -c '"index"' "$T/mixed.out")" 14
expect_status "no file: usage, exit 2 (on a terminal)" 2 script -qec "$MUBIAO paragraphs" /dev/null

# ---- government work reports: one paragraph per non-blank line ----
if have_shared && [ -d "$SHARED/data/gwr" ]; then
    files=0
    bad=0
    for f in "$SHARED"/data/gwr/*.txt; do
        files=$((files + 1))
        # blank: nothing but spaces, ideographic spaces, zero-width characters
        # (U+2000..200A, U+3000, U+00A0; U+200B..200D, U+FEFF)
        want=$(LC_ALL=C sed -e 's/\xe2\x80[\x80-\x8a]/ /g' -e 's/\xe3\x80\x80/ /g' -e 's/\xc2\xa0/ /g' \
            -e 's/\xe2\x80[\x8b-\x8d]//g' -e 's/\xef\xbb\xbf//g' "$f" |
            LC_ALL=C grep -n -v '^[[:space:]]*$' | cut -d: -f1 | tr '\n' ' ')
        got=$("$MUBIAO" paragraphs "$f" | sed -n 's/.*"line":\([0-9]*\),"text".*/\1/p' | tr '\n' ' ')
        if [ "$got" != "$want" ]; then
            bad=$((bad + 1))
            echo "  $f: paragraph lines differ from non-blank lines"
        fi
    done
    expect_eq "gwr: $files files, one paragraph per non-blank line" "$bad" 0
else
    skip "../shared/data/gwr absent: government work reports"
fi
