/* present.h — how a record's value is written for people (owns: the
 * number, comparator and change wording shared by show and report, and
 * the order their span markers open in).
 * The JSON keeps exact numbers; these are for reading. */
#ifndef MB_PRESENT_H
#define MB_PRESENT_H

#include "mubiao.h"

#include <stddef.h>

/* The magnitude words of lex (class magnitude_word, dict/lexicon/present.tsv,
 * largest first: 万亿 1e12, 亿 1e8, 万 1e4) into out[0..max); the number. */
typedef struct mb_magnitude {
    const char *word;
    double f;
} mb_magnitude;
size_t mb_present_magnitudes(const mb_lexicon *lex, mb_magnitude *out, size_t max);
/* The suffix of a yearly quantity (class per_year: "/年"); "" without lex. */
const char *mb_present_per_year(const mb_lexicon *lex);

/* v with a Chinese magnitude word when that is exact and shorter:
 * 15000 → "1.5万", 1e11 → "1000亿", 134.9e12 → "134.9万亿", 1200 → "1200",
 * 0.3333… → "0.333333" (lex NULL: no magnitude words). buf of n >= 32
 * bytes; returns buf. */
char *mb_present_number(const mb_lexicon *lex, double v, char *buf, size_t n);
/* The record's value: comparator sign (ASCII: > >= < <= ~, none for eq),
 * number or range, unit, and "/年" for yearly quantities: ">25个",
 * ">=1.5万名/年", "~5%", "6-6.5%", "1.79:1"; "-" when it has no value.
 * Returns buf. */
char *mb_present_value(const mb_lexicon *lex, const mb_record *r, char *buf, size_t n);
/* "up", "down" or "" (level). */
const char *mb_present_change(const mb_record *r);

/* A record's span in a paragraph, for placing its markers. */
typedef struct mb_span_ref {
    size_t start, end, k; /* k: the record's position in the caller's list */
} mb_span_ref;
/* qsort order of span openings: by start, then longer first, then k (the
 * order show and report write labels in). */
int mb_span_by_opening(const void *x, const void *y);

#endif
