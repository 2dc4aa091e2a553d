/* track_int.h — the data track.c pairs and writes, shared with
 * track_html.c (the page and its charts). Everything is owned by one
 * mb_track_data; mb_track_data_free releases it. */
#ifndef MB_TRACK_INT_H
#define MB_TRACK_INT_H

#include "mubiao.h"

#include <stddef.h>

/* A stored document. */
typedef struct mb_tdoc {
    long long id;
    char *path, *date, *issuer, *region;
    int year;              /* of its date; 0: undated */
    long long own_targets; /* its targets for its own year: it states a target list */
    int issuer_latest;     /* the latest year of its issuer's documents (mb_track_pair) */
} mb_tdoc;

/* A record with a year and a value. */
typedef struct mb_trec {
    long long doc_id, seq;
    int target; /* else an achievement */
    int has_value, has_range, year, base_year;
    int timed;  /* its time is written in its sentence (去年, 2012年), not from a frame */
    int points; /* its unit counts percent or percentage points (the unit lexicon's cat) */
    double value, min, max;
    char *id, *indicator, *indicator_id, *unit, *comparator, *change, *period, *region, *text, *sentence;
    const char *ddate, *dpath; /* its document's date and path (borrowed; set by mb_track_pair) */
    char *key;                 /* indicator (id, else text), region, period, unit, change */
    char *coarse;              /* the same without unit and change */
} mb_trec;

/* A target as one document states it; revision against the statement
 * before it: "first", "restated", "raised", "lowered". */
typedef struct mb_tstatement {
    size_t rec;
    const char *revision;
} mb_tstatement;

/* One verdict: a key and year (records are indices into recs). */
typedef struct mb_trow {
    size_t target; /* the target in force (absent: the last statement, a year before) */
    int has_outcome;
    size_t outcome;
    mb_track_verdict verdict;
    const char *revision; /* of the target in force; NULL for absent */
    double diff, tol;
    int lower;        /* less is better */
    int absent, year; /* absent: the year no target was stated for, in document absent_doc */
    long long absent_doc;
    mb_tstatement *statements;
    size_t nstatements;
    size_t *outcomes; /* every outcome found, the chosen one first */
    size_t noutcomes;
    const char *key; /* the target's key and the row's year, for sorting */
    int sort_year;
} mb_trow;

typedef struct mb_track_data {
    mb_tdoc *docs;
    size_t ndocs, capdocs;
    mb_trec *recs;
    size_t nrecs, caprecs;
    mb_trow *rows;
    size_t nrows, caprows;
    int latest; /* the latest year of all documents (mb_track_pair) */
} mb_track_data;

/* Pair targets and outcomes into rows (verdicts), keeping the targets of
 * year_filter only when it is not 0, and of documents of issuer only when
 * it is not NULL. Sorts docs by id and recs by key. */
mb_status mb_track_pair(mb_track_data *t, const mb_lexicon *lex, int year_filter, const char *issuer);
mb_status mb_track_write(const mb_track_data *t, const mb_lexicon *lex, mb_track_format f, int bom,
                         mb_write_fn w, void *ctx, mb_error *err);
void mb_track_data_free(mb_track_data *t);
/* Add a document and its records (not from a store: mubiao report). */
mb_status mb_track_add_document(mb_track_data *t, const mb_lexicon *lex, const mb_doc *doc,
                                const mb_records *rs);
/* The document of id (after mb_track_pair), or NULL. */
const mb_tdoc *mb_track_doc(const mb_track_data *t, long long id);
/* A record's value as people read it (present.c: ">=15万人", "~5%"). */
void mb_track_quantity_text(const mb_lexicon *lex, const mb_trec *r, char *buf, size_t n);
/* The year a row is about. */
int mb_track_row_year(const mb_track_data *t, const mb_trow *r);
/* The page of mb_track_write's html format (track_html.c); *out malloc'ed. */
mb_status mb_track_html(const mb_track_data *t, const mb_lexicon *lex, char **out, size_t *len);
/* Its body (the legend, a section per series) into b, for a page whose
 * <style> has mb_track_css and an element of class mbtrack around it.
 * report: only the series with an outcome or two years, the others
 * counted. */
struct mb_strbuf;
mb_status mb_track_html_body(struct mb_strbuf *b, const mb_track_data *t, const mb_lexicon *lex, int report);
extern const char mb_track_css[];

#endif
