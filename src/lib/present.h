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

/* The one number formatter of everything written for people (show,
 * report, query's table and CSV, history): the shortest decimal that reads
 * back as v exactly (%.1g to %.17g: 7.9, never 7.9000000000000004).
 * buf of n >= 32 bytes; returns buf. */
char *mb_present_shortest(double v, char *buf, size_t n);
/* v with a Chinese magnitude word when that is exact: 15000 → "1.5万",
 * 1e11 → "1000亿", 134.9e12 → "134.9万亿", 1200 → "1200"; other numbers as
 * mb_present_shortest (lex NULL: no magnitude words). Returns buf. */
char *mb_present_number(const mb_lexicon *lex, double v, char *buf, size_t n);
/* The sign written before a value for a comparator (ASCII, one column a
 * character: gt >, ge >=, lt <, le <=, approx ~; "" for eq, range, NULL). */
const char *mb_present_sign(const char *cmp);
/* A quantity as people read it: sign, number or range (min-max), unit, and
 * "/年" (class per_year) for yearly ones: ">25个", ">=1.5万名/年", "~5%",
 * "6-6.5%", "1.79:1"; "-" when it has no value. Returns buf. */
typedef struct mb_present_q {
    int has_value;
    double value;
    int has_range;
    double min, max;
    const char *unit;       /* NULL: none */
    const char *comparator; /* the spec's name (gt, ge, ...) or NULL */
    int annual;             /* a yearly quantity */
} mb_present_q;
char *mb_present_quantity(const mb_lexicon *lex, const mb_present_q *q, char *buf, size_t n);
/* The record's value, as mb_present_quantity. Returns buf. */
char *mb_present_value(const mb_lexicon *lex, const mb_record *r, char *buf, size_t n);
/* Why a field has its value, for people (show --explain, report --explain):
 * "rule (scope: what) «text» [paragraph]", the text cut after 24
 * characters with …, "-" for an unrecorded rule. Appended to out. */
struct mb_strbuf;
void mb_present_evidence(struct mb_strbuf *out, const mb_doc *doc, const mb_evidence *e);
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
