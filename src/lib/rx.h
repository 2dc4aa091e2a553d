/* rx.h — the thin layer over pcre2 shared by recognize.c and timex.c
 * (owns: how patterns are compiled — UTF, anchored, JIT on demand — and how their
 * named groups are read). */
#ifndef MB_RX_H
#define MB_RX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "error.h"

/* Compile pattern (UTF-8, anchored at the start offset). what names the
 * pattern in errors. */
mb_status mb_rx_compile(const char *what, const char *pattern, pcre2_code **out, mb_error *err);
/* JIT-compile code when the platform supports JIT (else the interpreter
 * gives the same results); not while another thread matches with it. */
void mb_rx_jit(pcre2_code *code);

/* The number of a named group; -1 (and an MB_EPATTERN error) if the
 * pattern has no such group. */
int mb_rx_group(const pcre2_code *code, const char *what, const char *name, mb_error *err);

/* Capture count of code (for sizing match data). */
unsigned mb_rx_captures(const pcre2_code *code);

/* Anchored match of code at text[pos..len); 1 on a match, else 0. text
 * must be valid UTF-8 (checked once by the caller). */
int mb_rx_match(const pcre2_code *code, pcre2_match_data *md, const char *text, size_t len, size_t pos);

/* Bounds of group g of the last match; 0 when the group did not take part. */
int mb_rx_span(pcre2_match_data *md, int g, size_t *a, size_t *b);
/* 1 when group g took part in the last match. */
int mb_rx_set(pcre2_match_data *md, int g);
/* End of the whole match. */
size_t mb_rx_end(pcre2_match_data *md);

#endif
