/* timex.h — time expressions and their years (owns: the time pattern, the
 * plan-period table, and how relative expressions resolve against the
 * document year).
 *
 * One anchored pcre2 pattern with one alternative per form (each tagged
 * with a (*MARK)): plan periods (“十四五”, 十四五时期), decades and
 * centuries (90年代, 本世纪中叶), years and year ranges with their parts,
 * months and days (2024年6月26日, 1—5月), quarters and halves (一季度,
 * 前三季度, 上半年), relative years (今年, 去年, 上年, 今年1—5月), spans
 * (近5年, 过去五年, 三年内, 用3年左右的时间), durations (连续五年) and
 * yearly periods (每年, 年均). The recognizer calls mb_timex_at at every
 * candidate position before trying a quantity there. */
#ifndef MB_TIMEX_H
#define MB_TIMEX_H

#include "rx.h"

typedef struct mb_timex_rx mb_timex_rx;

mb_status mb_timex_compile(const mb_lexicon *lex, mb_timex_rx **out, mb_error *err);
void mb_timex_rx_free(mb_timex_rx *rx);
/* JIT-compile its pattern (mb_rx_jit). */
void mb_timex_jit(mb_timex_rx *rx);
/* Capture count of the pattern, for sizing match data. */
unsigned mb_timex_captures(const mb_timex_rx *rx);

/* 1 if code point cp can start a time expression. */
int mb_timex_trigger(const mb_timex_rx *rx, int32_t cp);
/* Its bits, for a loop over a text to test inline: bit cp & 7 of byte
 * cp >> 3, for the BMP (every trigger is in it). */
const unsigned char *mb_timex_trigger_bits(const mb_timex_rx *rx);

/* Try a time expression at text[pos]. A marker word before it (到, 至,
 * 截至, 比, 自, 从) is included when it lies at or after floor. Fills *out
 * and returns 1 on success; 0 when none starts at pos. */
int mb_timex_at(const mb_timex_rx *rx, pcre2_match_data *md, const char *text, size_t len, size_t pos,
                size_t floor, int doc_year, mb_timex *out);

/* The years of the n-th five-year plan (一五 1953-1957 ... 十四五 2021-2025,
 * 十五五 2026-2030); 0 when n < 1. */
int mb_plan_years(int n, int *from, int *to);

#endif
